/** `session.settings` of a TpaSession: the modern SettingsManager plus its AugmentOS names. */
import { SettingsManager, type SettingValueChangeHandler } from '../src/app/settings';
import { deprecate } from '../src/core/deprecations';

export class TpaSettingsManager extends SettingsManager {
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
