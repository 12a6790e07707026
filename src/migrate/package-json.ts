/** The JSON side of a migration: the SDK dependency in package.json, and tpa_config.json -> app_config.json. */
import packageJson from '../../package.json';
import { validateAppConfig } from '../protocol/models';
import { LEGACY_PACKAGES, MODERN_PACKAGE } from './rules';
import type { Note } from './transform';

const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
const ALIAS = `npm:${MODERN_PACKAGE}@`;

/** The version range a migrated app should depend on. */
export const SDK_RANGE = `^${packageJson.version}`;

export function migratePackageJson(text: string): { text: string; changes: Note[]; manual: Note[] } {
  const changes: Note[] = [];
  const manual: Note[] = [];
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    return { text, changes, manual: [{ line: 1, message: 'package.json is not valid JSON: change the SDK dependency to "@mentraos/sdk" by hand' }] };
  }
  const lineOf = (needle: string) => Math.max(1, text.slice(0, Math.max(0, text.indexOf(needle))).split('\n').length);
  let touched = false;
  for (const section of SECTIONS) {
    const deps = json[section];
    if (!deps || typeof deps !== 'object' || Array.isArray(deps)) continue;
    const entries = Object.entries(deps as Record<string, string>);
    if (!entries.some(([k]) => (LEGACY_PACKAGES as readonly string[]).includes(k))) continue;
    const hasModern = entries.some(([k]) => k === MODERN_PACKAGE);
    const next: Array<[string, string]> = [];
    for (const [name, range] of entries) {
      if (!(LEGACY_PACKAGES as readonly string[]).includes(name)) {
        next.push([name, range]);
        continue;
      }
      touched = true;
      if (hasModern || next.some(([k]) => k === MODERN_PACKAGE)) {
        changes.push({ line: lineOf(`"${name}"`), message: `${section}: "${name}" removed ("${MODERN_PACKAGE}" is already listed)` });
        continue;
      }
      const value =
        typeof range !== 'string'
          ? SDK_RANGE
          : range.startsWith(ALIAS)
            ? range.slice(ALIAS.length)
            : /^(file:|link:|git|github:|https?:|\.|\/)/.test(range)
              ? range
              : SDK_RANGE;
      next.push([MODERN_PACKAGE, value]);
      changes.push({ line: lineOf(`"${name}"`), message: `${section}: "${name}": "${range}" -> "${MODERN_PACKAGE}": "${value}"` });
    }
    json[section] = Object.fromEntries(next);
  }
  if (!touched) return { text, changes, manual };
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  return { text: JSON.stringify(json, null, indent) + (text.endsWith('\n') ? '\n' : ''), changes, manual };
}

/** Checks a tpa_config.json before it becomes app_config.json (the format did not change). */
export function checkAppConfig(text: string): Note[] {
  try {
    if (validateAppConfig(JSON.parse(text))) return [];
  } catch {
    /* reported below */
  }
  return [{ line: 1, message: 'tpa_config.json was renamed but does not look like an app config ({name, description, version, settings}): check it' }];
}
