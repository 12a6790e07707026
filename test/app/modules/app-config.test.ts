/**
 * The app's own `app_config.json` on the session (`loadConfigFromJson`, `getConfig`, `getDefaultSettings`,
 * `getSettingSchema`): what each answers before a config is loaded, the errors that say why a config was
 * refused, and groups, which are never settings.
 */
import { harness } from '../../helpers/modules';

const config = (settings: unknown[]) => JSON.stringify({ name: 'Demo', description: 'A demo', version: '1.0.0', settings });

describe('session app config', () => {
  const h = harness();

  test('before a config is loaded: no config, no schema, and getDefaultSettings says what to call', async () => {
    const { session } = await h.start();
    expect(session.getConfig()).toBeNull();
    expect(session.getSettingSchema('captions')).toBeUndefined();
    expect(() => session.getDefaultSettings()).toThrow(
      expect.objectContaining({ code: 'invalid_config', message: 'No app configuration loaded: call loadConfigFromJson first' }),
    );
  });

  test('a refused config says why, and keeps the config loaded before', async () => {
    const { session } = await h.start();
    const first = session.loadConfigFromJson(config([]));
    expect(() => session.loadConfigFromJson('{"name": ')).toThrow(
      expect.objectContaining({ code: 'invalid_config', message: expect.stringMatching(/^The app configuration is not valid JSON: \S/) }),
    );
    expect(() => session.loadConfigFromJson(config([{ key: 'k', label: 'K', type: 'toggle', defaultValue: 'yes' }]))).toThrow(
      expect.objectContaining({ code: 'invalid_config', message: 'The app configuration needs name, description, version and valid settings' }),
    );
    expect(session.getConfig()).toBe(first);
  });

  test('a group is neither a default setting nor a schema, even when it carries a key', async () => {
    const { session } = await h.start();
    session.loadConfigFromJson(
      config([
        { type: 'group', title: 'General', key: 'general' },
        { key: 'captions', label: 'Captions', type: 'toggle', defaultValue: true },
      ]),
    );
    expect(session.getSettingSchema('general')).toBeUndefined();
    expect(session.getSettingSchema('captions')).toMatchObject({ type: 'toggle', label: 'Captions' });
    expect(session.getDefaultSettings()).toEqual([{ key: 'captions', label: 'Captions', type: 'toggle', defaultValue: true, value: true }]);
  });
});
