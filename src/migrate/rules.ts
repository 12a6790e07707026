/**
 * What the codemod renames, derived from the one deprecation table (core/deprecations.ts), so the
 * warnings, docs/deprecations.md and the codemod never disagree.
 */
import { DEPRECATIONS, NAME_ONLY_RENAMES, STREAMING_RENAMES } from '../core/deprecations';

export const MODERN_PACKAGE = '@mentraos/sdk';
export const LEGACY_PACKAGES = ['@augmentos/sdk', '@mentra/sdk'] as const;
const ALL_PACKAGES = [MODERN_PACKAGE, ...LEGACY_PACKAGES];

/** The package a module specifier names (`@augmentos/sdk/x` -> `@augmentos/sdk`), if it is one of ours. */
export function sdkPackageOf(specifier: string): string | undefined {
  return ALL_PACKAGES.find((p) => specifier === p || specifier.startsWith(`${p}/`));
}

/** The specifier rewritten to the modern package, or undefined when it already is. */
export function modernSpecifier(specifier: string): string | undefined {
  const pkg = sdkPackageOf(specifier);
  return pkg && pkg !== MODERN_PACKAGE ? MODERN_PACKAGE + specifier.slice(pkg.length) : undefined;
}

const roots = DEPRECATIONS.filter((d) => !d.api.includes('.'));
/** Root exports: legacy name -> modern name. */
export const ROOT_RENAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(roots.map((d) => [d.api, d.replacement])),
  ...NAME_ONLY_RENAMES,
};

function members(scope: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of DEPRECATIONS) {
    if (!d.api.startsWith(`${scope}.`) || !d.replacement.startsWith(`${scope}.`)) continue;
    out[d.api.slice(scope.length + 1)] = d.replacement.slice(scope.length + 1);
  }
  return out;
}

/** Session members: legacy name -> path below the session (`onTranscription` -> `events.onTranscription`). */
export const SESSION_MEMBERS: Readonly<Record<string, string>> = (() => {
  const m = members('session');
  delete m.streaming;
  return m;
})();
export const SETTINGS_MEMBERS: Readonly<Record<string, string>> = members('settings');
export const EVENTS_MEMBERS: Readonly<Record<string, string>> = members('events');
export { STREAMING_RENAMES };

/** Config fields: `rename` to the modern field, or `remove` with the reason written in a comment. */
export const CONFIG_FIELDS: Readonly<Record<string, { rename?: string; remove?: string }>> = Object.fromEntries(
  DEPRECATIONS.filter((d) => d.api.startsWith('config.')).map((d) => [
    d.api.slice('config.'.length),
    d.replacement ? { rename: d.replacement.slice('config.'.length) } : { remove: d.note ?? 'deprecated' },
  ]),
);

/** Member names that belong to the SDK whatever the receiver (renamed even when its type is unknown). */
export function isUnmistakable(name: string): boolean {
  return /Tpa|AugmentOS|Augmentos|^ontranslationForLanguage$|^onMentraosSettingsChange$/.test(name);
}

export const SERVER_CLASSES = new Set(['TpaServer', 'AppServer']);
export const SESSION_TYPES = new Set(['TpaSession', 'AppSession']);
export const SETTINGS_TYPES = new Set(['SettingsManager', 'TpaSettingsManager']);
export const EVENTS_TYPES = new Set(['EventManager']);
export const CONFIG_TYPES = new Set(['TpaServerConfig', 'AppServerConfig']);
export const RENAMED_ENUMS = new Set(['TpaToCloudMessageType', 'CloudToTpaMessageType']);

export const LEGACY_CONFIG_FILE = 'tpa_config.json';
export const MODERN_CONFIG_FILE = 'app_config.json';
