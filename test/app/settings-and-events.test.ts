/** Modern settings and event names added for parity with both SDK generations (no deprecated path used). */
import { createTestCloud, type TestCloud, type SimulatedUser } from '../../src/testing';
import { AppServer, isSdkError, type AppSession } from '../../src';
import { appConfig, eventually, started } from '../helpers/apps';

describe('settings and events (modern names)', () => {
  let cloud: TestCloud;
  let app: AppServer | undefined;
  afterEach(async () => {
    await app?.stop();
    await cloud.close();
  });

  async function start(setup: (s: AppSession) => void = () => {}): Promise<[SimulatedUser, AppSession]> {
    let session: AppSession | undefined;
    class Probe extends AppServer {
      protected override async onSession(s: AppSession): Promise<void> {
        session = s;
        setup(s);
      }
    }
    app = await started(new Probe(appConfig()));
    const user = await cloud.startSession({ app, userId: 'mod@example.com' });
    await eventually(() => !!session);
    return [user, session!];
  }

  test('settings.fetch uses /appsettings with the userId; MentraOS setting listeners subscribe augmentos:<key> until removed', async () => {
    cloud = await createTestCloud({ dialect: 'mentraos', settings: [{ key: 'k', value: 1 }], systemSettings: { brightness: 40 } });
    const seen: unknown[] = [];
    let off!: () => void;
    const [user, session] = await start((s) => {
      off = s.settings.onMentraosSettingChange('brightness', (v, old) => void seen.push([old, v]));
    });
    expect(await session.settings.fetch()).toEqual([{ key: 'k', value: 1 }]);
    expect(cloud.httpRequests[0]).toMatchObject({ path: '/appsettings/user/com.example.app', authorization: 'Bearer mod@example.com' });
    expect(session.settings.getMentraosSetting('brightness')).toBe(40);
    await user.waitForSubscriptions((subs) => subs.includes('augmentos:brightness'));
    await user.updateSystemSettings({ brightness: 60 });
    await eventually(() => seen.length === 1);
    expect(seen).toEqual([[40, 60]]);
    session.settings.updateMentraosSettings({ brightness: 61 });
    expect(seen).toEqual([
      [40, 60],
      [60, 61],
    ]);
    off();
    await user.waitForSubscriptions((subs) => subs.length === 0);
  });

  test('events.on with a system event name registers the system listener; permission and custom messages reach their handlers', async () => {
    cloud = await createTestCloud();
    const got: string[] = [];
    const [user, session] = await start((s) => {
      s.events.on('settings_update', () => void got.push('settings'));
      s.events.onPermissionError((e) => void got.push(`error:${e.details.length}`));
      s.events.onPermissionDenied((d) => void got.push(`denied:${d.stream}`));
      s.events.onCustomMessage<{ datetime: string }>('update_datetime', (p) => void got.push(`custom:${p.datetime}`));
      s.events.onCustomMessage('other', () => void got.push('other'));
    });
    await user.updateSettings([{ key: 'x', value: 2 }]);
    await user.sendMessage({
      type: 'permission_error',
      message: 'no mic',
      details: [{ stream: 'transcription:en-US', requiredPermission: 'MICROPHONE', message: 'x' }],
    });
    await user.sendMessage({ type: 'custom_message', action: 'update_datetime', payload: { datetime: 'now' } });
    await eventually(() => got.length === 4);
    expect(got).toEqual(['settings', 'error:1', 'denied:transcription:en-US', 'custom:now']);
    expect(user.subscriptions).toEqual([]);
    expect(() => session.subscribe('translation:nope')).toThrow(/not a valid translation stream/);
    expect(() => session.events.onTranscriptionForLanguage('english', () => {})).toThrow(/Invalid language code/);
    const err = (() => {
      try {
        session.subscribe('transcription:english');
      } catch (e) {
        return e;
      }
    })();
    expect(isSdkError(err, 'invalid_argument')).toBe(true);
  });
});
