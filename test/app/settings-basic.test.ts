import { createTestCloud, type TestCloud } from '../../src/testing';
import { AppServer, type AppSession, type DisconnectInfo } from '../../src';
import { appConfig, started, eventually } from '../helpers/apps';

describe('session.settings and system events', () => {
  let cloud: TestCloud;
  let app: AppServer;
  let session!: AppSession;
  const seen: unknown[] = [];
  beforeEach(async () => {
    seen.length = 0;
    cloud = await createTestCloud({
      settings: [
        { key: 'units', type: 'select', value: 'metric' },
        { key: 'greeting', type: 'text', defaultValue: 'hi' },
      ],
      systemSettings: { brightness: 70 },
    });
    class App extends AppServer {
      protected override async onSession(s: AppSession): Promise<void> {
        session = s;
        s.settings.onValueChange('units', (v, old) => void seen.push(['units', v, old]));
        s.settings.onChange((changes) => void seen.push(['changes', Object.keys(changes).sort()]));
        s.events.onSettingChange('greeting', (v, old) => void seen.push(['greeting', v, old]));
        s.events.onSettingsUpdate((all) => void seen.push(['all', all.length]));
        s.settings.onMentraosChange('brightness', (v, old) => void seen.push(['brightness', v, old]));
        s.events.onDisconnected((info: DisconnectInfo) => void seen.push(['disconnected', info.code, info.willReconnect]));
        s.events.onConnected((settings) => void seen.push(['connected', settings.length]));
      }
    }
    app = await started(new App(appConfig({ reconnect: { baseDelayMs: 50 } })));
  });
  afterEach(async () => {
    await app.stop();
    await cloud.close();
  });

  test('values come from the ack, changes from settings_update, system settings from either key', async () => {
    const user = await cloud.startSession({ app });
    await eventually(() => !!session);
    expect(session.settings.get('units')).toBe('metric');
    expect(session.settings.get('greeting')).toBe('hi');
    expect(session.settings.get('missing', 'fallback')).toBe('fallback');
    expect(session.settings.has('units')).toBe(true);
    expect(session.settings.getAll().map((s) => s.key)).toEqual(['units', 'greeting']);
    expect(session.settings.getMentraOS('brightness')).toBe(70);

    await user.updateSettings([
      { key: 'units', value: 'imperial' },
      { key: 'greeting', value: 'hi' },
    ]);
    await eventually(() => seen.some((s) => (s as unknown[])[0] === 'all'));
    expect(seen).toEqual([
      ['units', 'imperial', 'metric'],
      ['changes', ['units']],
      ['all', 2],
    ]);
    // the same values again change nothing
    await user.updateSettings([
      { key: 'units', value: 'imperial' },
      { key: 'greeting', value: 'hi' },
    ]);
    await user.updateSystemSettings({ brightness: 30 });
    await eventually(() => seen.length === 4);
    expect(seen[3]).toEqual(['brightness', 30, 70]);
    expect(session.settings.getMentraOS('brightness')).toBe(30);
  });

  test('onDisconnected and onConnected report a transient drop and the reconnect', async () => {
    const user = await cloud.startSession({ app });
    await eventually(() => !!session);
    user.dropConnection();
    await user.waitForConnections(2);
    await eventually(() => seen.some((s) => (s as unknown[])[0] === 'connected'));
    expect(seen).toContainEqual(['disconnected', 1006, true]);
    expect(seen).toContainEqual(['connected', 2]);
  });
});
