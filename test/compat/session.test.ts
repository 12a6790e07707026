/** TpaSession: every legacy member name, on the same engine, against both cloud dialects. */
import { createTestCloud, type TestCloud, type SimulatedUser, type DialectName } from '../../src/testing';
import { TpaServer, type TpaSession } from '../../compat';
import { STREAMING_RENAMES } from '../../src/core/deprecations';
import { API_KEY, eventually, sleep } from '../helpers/apps';
import { legacyConfig, startedLegacy } from './helpers';

/** A legacy app whose onSession is supplied by the test. */
function legacyApp(onSession: (s: TpaSession) => void) {
  class Probe extends TpaServer {
    readonly sessions: TpaSession[] = [];
    protected override async onSession(session: TpaSession): Promise<void> {
      this.sessions.push(session);
      onSession(session);
    }
  }
  return new Probe(legacyConfig());
}

describe.each<DialectName>(['augmentos', 'mentraos'])('TpaSession against the %s cloud', (dialect) => {
  let cloud: TestCloud;
  const apps: TpaServer[] = [];
  beforeEach(async () => {
    cloud = await createTestCloud({
      dialect,
      settings: [
        { key: 'lineWidth', label: 'Line width', type: 'slider', value: 30 },
        { key: 'lang', type: 'select', value: 'en-US' },
      ],
      systemSettings: { metricSystemEnabled: true },
    });
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    await cloud.close();
  });

  async function start(onSession: (s: TpaSession) => void, userId = 'wearer@example.com'): Promise<[SimulatedUser, TpaSession]> {
    const app = await startedLegacy(legacyApp(onSession));
    apps.push(app);
    const user = await cloud.startSession({ app, userId });
    await eventually(() => app.sessions.length === 1, 3000, 'onSession');
    return [user, app.sessions[0]];
  }

  test('the session shortcuts subscribe, deliver, and their unsubscribe functions work', async () => {
    const got: string[] = [];
    const offs: Array<() => void> = [];
    const [user] = await start((s) => {
      offs.push(s.onTranscription((d) => void got.push(`en:${d.text}`)));
      offs.push(s.onTranscriptionForLanguage('fr-FR', (d) => void got.push(`fr:${d.text}`)));
      offs.push(s.onTranslationForLanguage('es-ES', 'en-US', (d) => void got.push(`tr:${d.text}`)));
      offs.push(s.events.ontranslationForLanguage('de-DE', 'en-US', (d) => void got.push(`de:${d.text}`)));
      offs.push(s.onHeadPosition((d) => void got.push(`head:${d.position}`)));
      offs.push(s.onButtonPress((d) => void got.push(`button:${d.pressType}`)));
      offs.push(s.onPhoneNotifications((d) => void got.push(`note:${d.title}`)));
      offs.push(s.on('glasses_battery_update', (d: { level: number }) => void got.push(`battery:${d.level}`)));
    });
    await user.waitForSubscriptions((subs) => subs.length === 8);
    expect([...user.subscriptions].sort()).toEqual([
      'button_press',
      'glasses_battery_update',
      'head_position',
      'phone_notification',
      'transcription:en-US',
      'transcription:fr-FR',
      'translation:de-DE-to-en-US',
      'translation:es-ES-to-en-US',
    ]);
    await user.transcribe('hello');
    await user.transcribe('bonjour', { language: 'fr-FR' });
    await user.translate('hola', { from: 'es-ES', to: 'en-US' });
    await user.translate('hallo', { from: 'de-DE', to: 'en-US' });
    await user.moveHead('up');
    await user.pressButton('main', 'long');
    await user.notify({ app: 'Mail', title: 'New mail', content: 'x' });
    await user.battery(42);
    await eventually(() => got.length === 8);
    expect(got).toEqual(['en:hello', 'fr:bonjour', 'tr:hola', 'de:hallo', 'head:up', 'button:long', 'note:New mail', 'battery:42']);
    for (const off of offs) off();
    await user.waitForSubscriptions((subs) => subs.length === 0);
  });

  test('subscribe / unsubscribe / on keep their legacy meaning', async () => {
    let session!: TpaSession;
    const [user] = await start((s) => {
      session = s;
      s.subscribe('location_update');
    });
    await user.waitForSubscriptions((subs) => subs.includes('location_update'));
    const seen: number[] = [];
    session.on('location_update', (d: { lat: number }) => void seen.push(d.lat));
    await user.location(1.5, 2.5);
    await eventually(() => seen.length === 1);
    session.unsubscribe('location_update');
    await user.waitForSubscriptions((subs) => !subs.includes('location_update'));
  });

  test('settings: getSettings/getSetting, getAugmentOS/getAugmentosSetting from either ack key, onValueChange', async () => {
    let session!: TpaSession;
    const changes: unknown[] = [];
    const [user] = await start((s) => {
      session = s;
      s.settings.onValueChange('lineWidth', (v, old) => void changes.push([v, old]));
    });
    expect(session.getSettings().map((x) => x.key)).toEqual(['lineWidth', 'lang']);
    expect(session.getSetting('lineWidth')).toBe(30);
    expect(session.settings.getAugmentOS('metricSystemEnabled')).toBe(true);
    expect(session.settings.getAugmentosSetting('brightness')).toBe(50);
    expect(session.settings.getAugmentosSetting('missing', 'dflt')).toBe('dflt');
    await user.updateSettings([
      { key: 'lineWidth', value: 40 },
      { key: 'lang', value: 'en-US' },
    ]);
    await eventually(() => changes.length === 1);
    expect(changes).toEqual([[40, 30]]);
    // The settings array is not mistaken for system settings.
    expect(session.settings.getAugmentOS('metricSystemEnabled')).toBe(true);
    expect(session.settings.getAugmentOS('0')).toBeUndefined();
    session.settings.updateAugmentosSettings({ brightness: 75 });
    expect(session.settings.getAugmentosSetting('brightness')).toBe(75);
  });

  test('system setting listeners subscribe augmentos:<key>, fire on changes, and unsubscribe for real', async () => {
    let session!: TpaSession;
    const seen: string[] = [];
    const offs: Array<() => void> = [];
    const [user] = await start((s) => {
      session = s;
      offs.push(s.settings.onAugmentOSChange('brightness', (v, old) => void seen.push(`a:${old}->${v}`)));
      offs.push(s.settings.onAugmentosSettingChange('headUpAngle', (v) => void seen.push(`b:${v}`)));
      offs.push(s.settings.onAugmentosSettingsChange('brightness', (v) => void seen.push(`c:${v}`)));
    });
    await user.waitForSubscriptions((subs) => subs.length === 2);
    expect([...user.subscriptions].sort()).toEqual(['augmentos:brightness', 'augmentos:headUpAngle']);
    await user.updateSystemSettings({ brightness: 80, headUpAngle: 30 });
    await eventually(() => seen.length === 3);
    expect(seen.sort()).toEqual(['a:50->80', 'b:30', 'c:80']);
    for (const off of offs) off();
    await user.waitForSubscriptions((subs) => subs.length === 0);
    await user.updateSystemSettings({ brightness: 90 });
    await sleep(50);
    expect(seen).toHaveLength(3);
    expect(session.settings.getAugmentOS('brightness')).toBe(90);
  });

  test('setSubscriptionSettings follows the settings and keeps handler-driven subscriptions', async () => {
    const [user] = await start((s) => {
      s.onButtonPress(() => {});
      s.setSubscriptionSettings({
        updateOnChange: ['lang'],
        handler: (settings) => [`transcription:${String(settings.find((x) => x.key === 'lang')?.value)}`],
      });
    });
    await user.waitForSubscriptions((subs) => subs.includes('transcription:en-US') && subs.includes('button_press'));
    await user.updateSettings([
      { key: 'lineWidth', value: 30 },
      { key: 'lang', value: 'fr-FR' },
    ]);
    await user.waitForSubscriptions((subs) => subs.includes('transcription:fr-FR'));
    expect([...user.subscriptions].sort()).toEqual(['button_press', 'transcription:fr-FR']);
  });

  test("getServerUrl, getHttpsServerUrl and settings.fetch speak to the session's own cloud with the legacy path", async () => {
    let session!: TpaSession;
    await start((s) => void (session = s), 'anne-marie@example.com');
    expect(session.getServerUrl()).toBe(cloud.url);
    expect(session.getHttpsServerUrl()).toBe(`http://127.0.0.1:${cloud.port}`);
    const fetched = await session.settings.fetch();
    expect(fetched.map((x) => x.key)).toEqual(['lineWidth', 'lang']);
    expect(cloud.httpRequests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/tpasettings/user/com.example.app', authorization: 'Bearer anne-marie@example.com', status: 200 }),
    ]);
  });

  test('app-to-app under the Tpa names sends tpa_* whatever the cloud, and hears both namings', async () => {
    const got: any[] = [];
    const [ann, annSession] = await start((s) => {
      s.onTpaMessage((m) => void got.push(m));
      s.onTpaUserJoined((m) => void got.push(m));
    }, 'ann@example.com');
    const bobApp = await startedLegacy(legacyApp((s) => void s.joinTpaRoom('lobby')));
    apps.push(bobApp);
    await annSession.joinTpaRoom('lobby');
    const bob = await cloud.startSession({ app: bobApp, userId: 'bob@example.com' });
    await eventually(() => got.some((m) => m.userId === bob.userId));
    await bobApp.sessions[0].broadcastToTpaUsers({ hi: 1 }, 'lobby');
    await eventually(() => got.some((m) => m.payload));
    expect(got.map((m) => m.type)).toEqual(['tpa_user_joined', 'tpa_message_received']);
    expect(ann.sent('tpa_room_join')).toHaveLength(1);
    expect(bob.sent('tpa_broadcast_message')[0]).toMatchObject({ payload: { hi: 1 }, roomId: 'lobby', senderUserId: bob.userId });
    expect(bob.wire.some((r) => r.dir === 'app->cloud' && String(r.msg.type).startsWith('app_'))).toBe(false);
    expect(await annSession.sendDirectMessage(bob.userId, 'psst')).toBe(true);
    expect(ann.sent('tpa_direct_message')).toHaveLength(1);
    const users = await annSession.discoverTpaUsers('ignored-domain.example');
    expect(users.totalUsers).toBe(2);
    expect(cloud.httpRequests.at(-1)).toMatchObject({ path: '/api/tpa-communication/discover-users', authorization: `Bearer ${API_KEY}` });
  });

  test('requestPhoto resolves with the photo URL through session.camera (legacy §6.9: it never resolved)', async () => {
    let session!: TpaSession;
    const [user] = await start((s) => void (session = s));
    const pending = session.requestPhoto({ saveToGallery: true });
    const request = await user.waitForMessage((m) => m.type === 'photo_request');
    expect(request).toMatchObject({ type: 'photo_request', saveToGallery: true });
    await user.answerPhoto(request.requestId, { photoUrl: 'https://photos.example.com/p.jpg' });
    const url = await pending;
    expect(url).toMatch(dialect === 'augmentos' ? /^https:\/\/photos\.example\.com\/p\.jpg$/ : /^data:image\/jpeg;base64,/);
  });

  test('session.streaming drives session.camera and session.dashboard sends dashboard_content_update', async () => {
    let session!: TpaSession;
    const [user] = await start((s) => void (session = s));
    expect(Object.keys(session.streaming).sort()).toEqual(Object.keys(STREAMING_RENAMES).sort());
    const statuses: string[] = [];
    session.streaming.onStatus((st) => void statuses.push(st.status));
    await session.streaming.requestStream({ rtmpUrl: 'rtmp://example/live' });
    await user.waitForMessage((m) => m.type === 'rtmp_stream_request' && m.rtmpUrl === 'rtmp://example/live');
    expect(session.streaming.isCurrentlyStreaming()).toBe(true);
    await user.sendMessage({ type: 'rtmp_stream_status', status: 'streaming', streamId: 's1' });
    await eventually(() => statuses.includes('streaming'));
    session.dashboard.content.writeToMain('hello dashboard');
    await user.waitForMessage((m) => m.type === 'dashboard_content_update' && m.content === 'hello dashboard');
  });
});
