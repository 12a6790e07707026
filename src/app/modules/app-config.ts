/**
 * The app's own config file (`app_config.json`) on the session, and settings-driven subscriptions:
 * the helpers behind `loadConfigFromJson`, `getDefaultSettings`, `getSettingSchema` and `setSubscriptionSettings`.
 */
import { SdkError, toError } from '../../core/errors';
import type { CoreSession } from '../../core/session';
import type { AppSetting } from '../../protocol/messages';
import { validateAppConfig, type AppConfig } from '../../protocol/models';

export interface SubscriptionSettings {
  /** Setting keys whose change re-runs `handler`. */
  updateOnChange: string[];
  /** Returns the streams the app wants for the current settings. */
  handler: (settings: AppSetting[]) => string[];
}

export class AppConfigHelper {
  private config: AppConfig | null = null;
  private managed = new Set<string>();
  private stopWatching: (() => void) | undefined;

  constructor(private readonly core: CoreSession) {}

  load(json: string): AppConfig {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new SdkError('invalid_config', `The app configuration is not valid JSON: ${toError(e).message}`);
    }
    if (!validateAppConfig(parsed)) throw new SdkError('invalid_config', 'The app configuration needs name, description, version and valid settings');
    return (this.config = parsed);
  }

  get(): AppConfig | null {
    return this.config;
  }

  /** The configured settings with `value` set to their defaults (groups left out). */
  defaults(): AppSetting[] {
    if (!this.config) throw new SdkError('invalid_config', 'No app configuration loaded: call loadConfigFromJson first');
    return this.config.settings.filter((s) => s.type !== 'group').map((s) => ({ ...s, value: s.defaultValue }));
  }

  schema(key: string): AppSetting | undefined {
    return this.config?.settings.find((s) => s.type !== 'group' && s.key === key);
  }

  /** Subscribes to what `handler` returns now and again whenever one of `updateOnChange` changes. */
  setSubscriptionSettings(options: SubscriptionSettings): void {
    if (!options || typeof options.handler !== 'function' || !Array.isArray(options.updateOnChange)) {
      throw new SdkError('invalid_argument', 'setSubscriptionSettings needs {updateOnChange: string[], handler: (settings) => streams[]}');
    }
    this.stopWatching?.();
    const apply = () => {
      const wanted = new Set((options.handler(this.core.settings.getAppSettings()) ?? []).map(String));
      for (const s of this.managed) if (!wanted.has(s)) this.core.unsubscribe(s);
      for (const s of wanted) if (!this.managed.has(s)) this.core.subscribe(s);
      this.managed = wanted;
    };
    try {
      apply();
    } catch (e) {
      this.core.reportError(toError(e));
    }
    this.stopWatching = this.core.settings.onAppChange((changes) => {
      if (options.updateOnChange.some((k) => k in changes)) apply();
    });
  }
}
