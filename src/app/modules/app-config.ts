/**
 * The app's own config file (`app_config.json`) on the session: the helpers behind `loadConfigFromJson`,
 * `getDefaultSettings` and `getSettingSchema`. (Settings-driven subscriptions are the core's, see
 * core/session/settings-subscriptions.ts.)
 */
import { SdkError, toError } from '../../core/errors';
import type { CoreSession } from '../../core/session/session';
import type { AppSetting } from '../../protocol/messages';
import { validateAppConfig, type AppConfig } from '../../protocol/models';

export class AppConfigHelper {
  private config: AppConfig | null = null;

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the session passes itself, as to every module; unused here
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
}
