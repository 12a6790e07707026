/**
 * `session.settings`: the app's settings (from the ack and `settings_update`) and the MentraOS system
 * settings (from the ack's `mentraosSettings` or `augmentosSettings`, and `augmentos_settings_update`).
 * The two never mix: a `settings_update` array only ever replaces the app settings.
 */
import { SdkError } from '../core/errors';
import { deprecate } from '../core/deprecations';
import { cloudRequest } from '../core/session/cloud-http';
import type { CoreSession } from '../core/session/session';
import type { SettingsChangeMap } from '../core/session/settings-store';
import { DIALECTS, type Dialect } from '../protocol/dialects';
import type { AppSetting, SettingInput, SettingRecord } from '../protocol/messages';
import { SYSTEM_SETTING_STREAM_PREFIX } from '../protocol/streams';

/** A listener for every change of the app settings: `{key: {oldValue, newValue}}`. */
export type SettingsChangeHandler = (changes: SettingsChangeMap) => unknown;
/** `oldValue` is undefined when the setting is new (typed `T` as in the published SDK, so handlers typed either way fit). */
export type SettingValueChangeHandler<T = any> = (newValue: T, oldValue: T) => unknown;

/**
 * Settings as the cloud sent them, typed as the published shape (`AppSetting`, one shape per setting type).
 * The SDK does not rewrite what the cloud sends; an app reads `type` to know which fields a setting has.
 */
export function asAppSettings(records: readonly SettingRecord[]): AppSetting[] {
  return records as unknown as AppSetting[];
}

/**
 * `session.settings`: the app settings the user chose, and their changes.
 *
 * @example
 * ```ts
 * const units = session.settings.get('units', 'metric');
 * session.settings.onValueChange('units', (value, previous) => session.layouts.showTextWall(`units: ${value}`));
 * ```
 */
export class SettingsManager {
  /** The user `fetch()` authenticates as, when `configureApiClient` named one. */
  private apiUserId: string | undefined;

  constructor(
    /** The session the settings belong to. */
    protected readonly core: CoreSession,
    /** The names this facade uses on the wire. */
    protected readonly naming: Readonly<Dialect> = DIALECTS.mentraos,
  ) {}

  /** Every app setting. */
  getAll(): AppSetting[] {
    return asAppSettings(this.core.settings.getAppSettings());
  }

  /** A setting's value, or `defaultValue` when the setting is not set. */
  get<T = any>(key: string, defaultValue?: T): T {
    return this.core.settings.hasApp(key) ? (this.core.settings.getAppValue(key) as T) : (defaultValue as T);
  }

  /** A setting with its schema fields, or undefined. */
  getSetting(key: string): AppSetting | undefined {
    return asAppSettings(this.core.settings.getAppSettings()).find((s) => s.key === key);
  }

  /** Whether the setting is set. */
  has(key: string): boolean {
    return this.core.settings.hasApp(key);
  }

  /** Every change of app settings, as `{key: {oldValue, newValue}}`. */
  onChange(handler: SettingsChangeHandler): () => void {
    return this.core.settings.onAppChange(handler);
  }

  /** One app setting's changes. */
  onValueChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    return this.core.settings.onAppChange(valueHandler(key, handler));
  }

  /** Replaces the app settings locally (as a `settings_update` would) and returns what changed. */
  updateSettings(settings: SettingInput[]): SettingsChangeMap {
    return this.core.settings.setApp(settings as SettingRecord[]);
  }

  /**
   * Where `fetch()` asks, as published: `userId` becomes the user `fetch()` authenticates as. The
   * settings are always fetched from the session's own cloud (the one it connected to): a `wsUrl` naming
   * another host is ignored with a warning, so no request goes to a host the session did not trust.
   */
  configureApiClient(packageName: string, wsUrl: string, userId: string): void {
    if (typeof userId === 'string' && userId !== '') this.apiUserId = userId;
    if (packageName !== this.core.packageName) this.core.logger.warn("settings.configureApiClient: the settings of this session's own package are fetched");
    if (typeof wsUrl === 'string' && wsUrl !== '' && hostOf(wsUrl) !== hostOf(this.core.url)) {
      this.core.logger.warn("settings.configureApiClient: settings are fetched from the session's own cloud, not from another host");
    }
  }

  /**
   * Fetches the app settings from the session's own cloud (`GET <cloud>/appsettings/user/<package>`, or
   * `/tpasettings` for the legacy facade) authenticated with the user id (never the session id), applies
   * them and returns them. Rejects with `SdkError('session_closed')` once the session has ended.
   */
  async fetch(): Promise<AppSetting[]> {
    if (this.core.state === 'closed') throw new SdkError('session_closed', 'The session has ended; its settings are no longer kept up to date');
    const path = `${this.naming.settingsPath}/user/${encodeURIComponent(this.core.packageName)}`;
    const answer = await cloudRequest<{ settings?: unknown }>(this.core, {
      method: 'GET',
      path,
      authorization: `Bearer ${this.apiUserId ?? this.core.userId}`,
      what: 'Fetching the app settings',
    });
    if (Array.isArray(answer?.settings)) this.core.settings.setApp(answer.settings as SettingRecord[]);
    return this.getAll();
  }

  // ---------------------------------------------------------------- MentraOS system settings

  /** A MentraOS system setting (e.g. `metricSystemEnabled`). */
  getMentraOS<T = any>(key: string, defaultValue?: T): T {
    const all = this.core.settings.getSystem();
    return Object.hasOwn(all, key) ? (all[key] as T) : (defaultValue as T);
  }

  /** Same as `getMentraOS`. */
  getMentraosSetting<T = any>(key: string, defaultValue?: T): T {
    return this.getMentraOS(key, defaultValue);
  }

  /**
   * Changes of one MentraOS system setting. Subscribes to `augmentos:<key>` (the cloud only sends system
   * setting updates to apps subscribed to them) until the returned function is called.
   */
  onMentraosChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    const unsubscribe = this.core.addHandler(`${SYSTEM_SETTING_STREAM_PREFIX}${key}`, () => {});
    const off = this.core.settings.onSystemChange(valueHandler(key, handler));
    return () => {
      off();
      unsubscribe();
    };
  }

  /** Same as `onMentraosChange`. */
  onMentraosSettingChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    return this.onMentraosChange(key, handler);
  }

  /** @deprecated Use `onMentraosSettingChange`. */
  onMentraosSettingsChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    deprecate('settings.onMentraosSettingsChange');
    return this.onMentraosChange(key, handler);
  }

  /** Merges MentraOS system settings into the local copy (listeners fire for real changes). */
  updateMentraosSettings(settings: Record<string, unknown>): void {
    this.core.settings.mergeSystem(settings);
  }
  // The AugmentOS names of the system settings (1.x, and `AppSession.settings` in 2.0.0), deprecated.

  /** @deprecated Use `getMentraOS`. */
  getAugmentOS<T = any>(key: string, defaultValue?: T): T {
    deprecate('settings.getAugmentOS');
    return this.getMentraOS(key, defaultValue);
  }

  /** @deprecated Use `getMentraosSetting`. */
  getAugmentosSetting<T = any>(key: string, defaultValue?: T): T {
    deprecate('settings.getAugmentosSetting');
    return this.getMentraosSetting(key, defaultValue);
  }

  /** @deprecated Use `onMentraosChange`. */
  onAugmentOSChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    deprecate('settings.onAugmentOSChange');
    return this.onMentraosChange(key, handler);
  }

  /** @deprecated Use `onMentraosSettingChange`. */
  onAugmentosSettingChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    deprecate('settings.onAugmentosSettingChange');
    return this.onMentraosSettingChange(key, handler);
  }

  /** @deprecated Use `onMentraosSettingChange`. */
  onAugmentosSettingsChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    deprecate('settings.onAugmentosSettingsChange');
    return this.onMentraosSettingChange(key, handler);
  }

  /** @deprecated Use `updateMentraosSettings`. */
  updateAugmentosSettings(settings: Record<string, unknown>): void {
    deprecate('settings.updateAugmentosSettings');
    this.updateMentraosSettings(settings);
  }
}

/** Adapts a `(newValue, oldValue)` handler of one key to a change-map listener. */
export function valueHandler<T>(key: string, handler: SettingValueChangeHandler<T>): (changes: SettingsChangeMap) => void {
  return (changes) => {
    const c = changes[key];
    if (c) handler(c.newValue as T, c.oldValue as T);
  };
}

function hostOf(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).host : undefined;
}
