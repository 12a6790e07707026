/**
 * `session.settings`: the app's settings (from the ack and `settings_update`) and the MentraOS system
 * settings (from the ack's `mentraosSettings` or `augmentosSettings`, and `augmentos_settings_update`).
 */
import type { CoreSession } from '../core/session';
import type { SettingsChangeMap } from '../core/settings-store';
import type { AppSetting } from '../protocol/messages';

export type SettingsChangeHandler = (changes: SettingsChangeMap) => unknown;
export type SettingValueChangeHandler<T = any> = (newValue: T, oldValue: T | undefined) => unknown;

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
    return this.core.settings.onAppChange((changes) => {
      const c = changes[key];
      if (c) handler(c.newValue as T, c.oldValue as T | undefined);
    });
  }

  /** A MentraOS system setting (e.g. `metricSystemEnabled`). */
  getMentraOS<T = any>(key: string, defaultValue?: T): T {
    const all = this.core.settings.getSystem();
    return key in all ? (all[key] as T) : (defaultValue as T);
  }

  /** Changes of one MentraOS system setting. */
  onMentraosChange<T = any>(key: string, handler: SettingValueChangeHandler<T>): () => void {
    return this.core.settings.onSystemChange((changes) => {
      const c = changes[key];
      if (c) handler(c.newValue as T, c.oldValue as T | undefined);
    });
  }
}
