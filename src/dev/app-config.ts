/**
 * The app's config file as the local cloud reads it: `app_config.json`, or the legacy `tpa_config.json`,
 * next to the entry file or in a parent folder up to the project's `package.json`. The cloud learns an app's
 * tools, settings and webview URL from it; so does `mentraos dev`. Read again on every use, so edits show.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppSetting } from '../protocol/messages';
import { ControlError, type SettingValue, type ToolInfo } from '../protocol/control';

export const CONFIG_FILES = ['app_config.json', 'tpa_config.json'] as const;

export interface DevAppConfig {
  /** The file's name relative to the entry's folder, or null when there is none. */
  source: string | null;
  tools: ToolInfo[];
  /** Settings as declared (groups included). */
  settings: AppSetting[];
  webviewURL?: string;
}

/** Finds and reads the config of the app whose entry is `entry`; a broken file is reported, not thrown. */
export function loadAppConfig(entry: string, log?: (line: string) => void): DevAppConfig {
  const start = path.dirname(path.resolve(entry));
  for (let dir = start; ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const file = path.join(dir, name);
      if (!existsSync(file)) continue;
      const source = path.relative(start, file) || name;
      try {
        return parseConfig(JSON.parse(readFileSync(file, 'utf8')), source);
      } catch (e) {
        log?.(`Could not read ${source}: ${(e as Error).message}`);
        return { source, tools: [], settings: [] };
      }
    }
    if (existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir) return { source: null, tools: [], settings: [] };
  }
}

function parseConfig(raw: unknown, source: string): DevAppConfig {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const tools = (Array.isArray(c.tools) ? c.tools : []).filter((t): t is ToolInfo => !!t && typeof t === 'object' && typeof (t as ToolInfo).id === 'string');
  const settings = (Array.isArray(c.settings) ? c.settings : []).filter(
    (s): s is AppSetting => !!s && typeof s === 'object' && (typeof (s as AppSetting).key === 'string' || (s as AppSetting).type === 'group'),
  );
  const webview = typeof c.webviewURL === 'string' ? c.webviewURL : typeof c.webviewUrl === 'string' ? c.webviewUrl : undefined;
  return { source, tools, settings, ...(webview ? { webviewURL: webview } : {}) };
}

/** The settings that hold values (groups left out), with `value` from `values` or the default. */
export function settingsWithValues(config: DevAppConfig, values: SettingValue[]): Array<AppSetting & { value: unknown }> {
  const by = new Map(values.map((v) => [v.key, v.value]));
  return config.settings.filter((s) => s.type !== 'group').map((s) => ({ ...s, value: by.has(s.key) ? by.get(s.key) : s.defaultValue }));
}

/** Checks a new value against the setting's declared type; throws `invalid_input` naming the problem. */
export function checkSettingValue(config: DevAppConfig, key: string, value: unknown): void {
  const s = config.settings.find((x) => x.type !== 'group' && x.key === key);
  const bad = (why: string): never => {
    throw new ControlError('invalid_input', `"value" for the setting "${key}" ${why}`);
  };
  if (!s) {
    const keys = config.settings.filter((x) => x.type !== 'group').map((x) => x.key);
    throw new ControlError(
      'invalid_input',
      `"key": the app declares no setting "${key}"${keys.length ? ` (its settings: ${keys.join(', ')})` : config.source ? '' : ' (no app_config.json found)'}`,
    );
  }
  switch (s.type) {
    case 'toggle':
      if (typeof value !== 'boolean') bad('must be true or false');
      break;
    case 'slider': {
      const min = typeof s.min === 'number' ? s.min : -Infinity;
      const max = typeof s.max === 'number' ? s.max : Infinity;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) bad(`must be a number from ${min} to ${max}`);
      break;
    }
    case 'select':
    case 'select_with_search': {
      const options = Array.isArray(s.options) ? (s.options as Array<{ value: unknown }>).map((o) => o.value) : [];
      if (!options.some((o) => o === value)) bad(`must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
      break;
    }
    case 'multiselect': {
      const options = Array.isArray(s.options) ? (s.options as Array<{ value: unknown }>).map((o) => o.value) : [];
      if (!Array.isArray(value) || value.some((v) => !options.includes(v))) bad(`must be a list of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
      break;
    }
    case 'text':
    case 'text_no_save_button':
      if (typeof value !== 'string') bad('must be a string');
      break;
    default:
      if (value === undefined) bad('is missing');
  }
}
