/**
 * `session.settings`: the app's settings (from the ack and `settings_update`) and the MentraOS system
 * settings (from the ack's `mentraosSettings` or `augmentosSettings`, and `augmentos_settings_update`).
 * The two never mix: a `settings_update` array only ever replaces the app settings.
 */
import { SdkError } from '../core/errors';
import type { CoreSession } from '../core/session';
import type { SettingsChangeMap } from '../core/settings-store';
import type { AppSetting } from '../protocol/messages';

export type SettingsChangeHandler = (changes: SettingsChangeMap) => unknown;
/** `oldValue` is undefined when the setting is new (typed `T` as in the published SDK, so handlers typed either way fit). */
export type SettingValueChangeHandler<T = any> = (newValue: T, oldValue: T) => unknown;

export class SettingsManager {
  constructor(protected readonly core: CoreSession) {}

  getAll(): AppSetting[] {
    return this.core.settings.getAppSettings();
  }

  get<T = any>(key: string, defaultValue?: T): T {
    return this.core.settings.hasApp(key) ? (this.core.settings.getAppValue(key) as T) : (defaultValue as T);
  }

  getSetting(key: string): AppSetting | undefined {
    return this.core.settings.getAppSettings().find((s) => s.key === key);
  }

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
  updateSettings(settings: AppSetting[]): SettingsChangeMap {
    return this.core.settings.setApp(settings);
  }

  /**
   * The app settings as the cloud last sent them. No HTTP request is made: the session already holds the
   * cloud's copy (the ack carries it and every change arrives as `settings_update`), and the REST endpoint
   * the published SDK called took the session id as a user id without authentication. Rejects with
   * `SdkError('session_closed')` once the session has ended.
   */
  async fetch(): Promise<AppSetting[]> {
    if (this.core.state === 'closed') throw new SdkError('session_closed', 'The session has ended; its settings are no longer kept up to date');
    return this.core.settings.getAppSettings();
  }

  // ---------------------------------------------------------------- MentraOS system settings

  /** A MentraOS system setting (e.g. `metricSystemEnabled`). */
  getMentraOS<T = any>(key: string, defaultValue?: T): T {
    const all = this.core.settings.getSystem();
    return Object.prototype.hasOwnProperty.call(all, key) ? (all[key] as T) : (defaultValue as T);
  }

  /** Same as `getMentraOS`. */
  getMentraosSetting<T = any>(key: string, defaultValue?: T): T {
    return this.getMentraOS(key, defaultValue);
  }

  /** Changes of one MentraOS system setting. Returns a working unsubscribe function. */
  onMentraosChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    return this.core.settings.onSystemChange(valueHandler(key, handler));
  }

  /** Same as `onMentraosChange`. */
  onMentraosSettingChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    return this.onMentraosChange(key, handler);
  }

  /** @deprecated Use `onMentraosChange`. */
  onMentraosSettingsChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    return this.onMentraosChange(key, handler);
  }

  /** Merges MentraOS system settings locally (as `augmentos_settings_update` would); listeners of changed keys run. */
  updateMentraosSettings(settings: Record<string, unknown>): void {
    this.core.settings.mergeSystem(settings);
  }
}

/** Adapts a `(newValue, oldValue)` handler of one key to a change-map listener. */
export function valueHandler<T>(key: string, handler: SettingValueChangeHandler<T>): (changes: SettingsChangeMap) => void {
  return (changes) => {
    const c = changes[key];
    if (c) handler(c.newValue as T, c.oldValue as T);
  };
}
