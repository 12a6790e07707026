/**
 * A settings-driven app in the AugmentOS style: app settings through `session.settings` (`get`,
 * `onValueChange`) and the AugmentOS system settings through `getAugmentosSetting` /
 * `onAugmentosSettingChange`.
 */
import { TpaServer, TpaSession, validateTpaConfig } from '@augmentos/sdk';
import tpaConfig from './tpa_config.json';

if (!validateTpaConfig(tpaConfig)) throw new Error('tpa_config.json is not a valid app config');

class SettingsApp extends TpaServer {
  protected async onSession(session: TpaSession, sessionId: string, userId: string): Promise<void> {
    const metric = session.settings.getAugmentosSetting<boolean>('metricSystemEnabled', false);
    let unit = metric ? 'km' : 'miles';
    let lineWidth = session.getSetting('lineWidth') ?? 20;
    session.layouts.showDoubleTextWall(`Units: ${unit}`, `Line width: ${lineWidth}`);

    session.settings.onValueChange('lineWidth', (newValue: number, oldValue: number) => {
      lineWidth = newValue;
      session.layouts.showTextWall(`Line width ${oldValue} -> ${newValue}`);
    });

    session.settings.onAugmentosSettingChange('metricSystemEnabled', (enabled: boolean) => {
      unit = enabled ? 'km' : 'miles';
      session.layouts.showTextWall(`Units: ${unit}`);
    });

    session.events.onTranscription((data) => {
      if (data.isFinal && data.text.includes('distance')) {
        session.layouts.showReferenceCard('Distance', `12 ${unit}`);
      }
    });
  }
}

const app = new SettingsApp({
  packageName: process.env.PACKAGE_NAME ?? 'org.example.settings',
  apiKey: process.env.AUGMENTOS_API_KEY ?? 'local-development-key',
  port: parseInt(process.env.PORT ?? '7010', 10),
});

app.start().catch(console.error);
