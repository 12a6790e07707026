/**
 * Sessions an app builds itself (`new TpaSession(config)` / `new AppSession(config)` and
 * `connect(sessionId)`), as AugmentOS 1.x apps with their own webhook did, against the test cloud.
 */
import { createServer } from 'node:net';
import { WebSocketServer } from 'ws';
import { AppServer, AppSession, CloudToTpaMessageType, SdkError, StreamType, TpaSession } from '../../src';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { API_KEY, appConfig, captureLogger, eventually } from '../helpers/apps';
import { sdkRejection, waitSent } from '../helpers/modules';
import { type IdleWebhook, type StandaloneApp, startIdleWebhook, startStandaloneApp } from '../helpers/standalone';

let cloud: TestCloud;
let app: StandaloneApp | undefined;
/** A webhook that answers 200 and does nothing: the test builds the session itself. */
let hook: IdleWebhook;
beforeAll(async () => {
  hook = await startIdleWebhook();
});
afterAll(() => hook.close());
const extra: Array<{ disconnect(): unknown }> = [];

beforeEach(async () => {
  cloud = await createTestCloud({ dialect: 'augmentos', settings: [{ key: 'units', value: 'imperial' }] });
});
afterEach(async () => {
  for (const s of extra.splice(0)) s.disconnect();
  await app?.close();
  app = undefined;
  await cloud.close();
});

function inits(user: { wire: Array<{ dir: string; msg: any }> }): number {
  return user.wire.filter((r) => r.dir === 'app->cloud' && r.msg?.type === 'tpa_connection_init').length;
}

/** A session built from a plain config, pointed at the test cloud, for a session the cloud knows. */
async function ownSession(sessionId = 'own-session', config: Record<string, unknown> = {}) {
  const user = await cloud.startSession({ app: { port: hook.port }, sessionId });
  const session = new TpaSession({ packageName: 'com.example.app', apiKey: API_KEY, augmentOSWebsocketUrl: cloud.url, logger: captureLogger(), ...config });
  extra.push(session);
  return { user, session };
}

describe('an app with its own webhook and a TpaSession from a plain config', () => {
  test('connects: the transcription handler registered before connect is subscribed at the ack, and every echo arrives', async () => {
    app = await startStandaloneApp();
    const user = await cloud.startSession({ app: { port: app.port } });
    await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));
    const wire = user.wire.filter((r) => r.dir !== 'webhook').map((r) => `${r.dir} ${r.msg.type}`);
    expect(wire.slice(0, 3)).toEqual(['app->cloud tpa_connection_init', 'cloud->app tpa_connection_ack', 'app->cloud subscription_update']);
    for (const word of ['one', 'two', 'three']) {
      await user.transcribe(word);
      await user.waitForDisplay(`echo: ${word}`);
    }
    // The settings of the ack were in place when connect resolved.
    await user.waitForDisplay((d) => d.layout.layoutType === 'reference_card' && d.layout.text === 'units: imperial');
  });

  test('a handler registered after connect subscribes at once and works; the dashboard is written', async () => {
    app = await startStandaloneApp();
    const user = await cloud.startSession({ app: { port: app.port } });
    await user.waitForSubscriptions((s) => s.includes('head_position'));
    await user.moveHead('up');
    await eventually(() => app!.seen.includes('head:up'), 20_000, 'the head position handler');
    await waitSent(user, 'dashboard_content_update', (m) => m.content === 'head up' && m.modes.includes('main'), 10_000);
  });

  test('the socket closes with 1000 on stop_request, and disconnect() is safe to call again', async () => {
    app = await startStandaloneApp();
    const user = await cloud.startSession({ app: { port: app.port } });
    const session = app.sessions.get(user.sessionId)!;
    await user.stop();
    await eventually(() => user.lastCloseCode !== undefined, 20_000, 'the close');
    expect(user.lastCloseCode).toBe(1000);
    expect(session.state).toBe('closed');
    expect(() => session.disconnect()).not.toThrow();
    await expect(session.disconnect()).resolves.toBeUndefined();
    expect(app.seen.filter((s) => s.startsWith('disconnect threw'))).toEqual([]);
  });

  test('events.on("disconnected") hears the cloud close the socket, and the session ends once', async () => {
    app = await startStandaloneApp();
    const user = await cloud.startSession({ app: { port: app.port } });
    const session = app.sessions.get(user.sessionId)!;
    const closed: string[] = [];
    session.events.on('disconnected', () => void closed.push('disconnected'));
    session.events.on('closed', (reason: string) => void closed.push(`closed:${reason}`));
    user.closeConnection(1000, 'App stopped');
    await eventually(() => session.state === 'closed', 20_000, 'the session to end');
    expect(app.seen).toContain('disconnected:1000');
    expect(closed).toEqual(['disconnected', 'closed:cloud_closed']);
    expect(session.signal.aborted).toBe(true);
  });

  test('a dropped socket is resumed: a new init, the subscriptions again, and displays keep arriving', async () => {
    app = await startStandaloneApp();
    const user = await cloud.startSession({ app: { port: app.port } });
    await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));
    user.dropConnection();
    await eventually(() => inits(user) === 2 && user.connected, 20_000, 'the reconnect');
    await user.transcribe('after');
    await user.waitForDisplay('echo: after');
  });
});

describe('connect(sessionId)', () => {
  test('rejects at once with connect_failed when nothing listens at the URL', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const session = new TpaSession({
      packageName: 'com.example.app',
      apiKey: API_KEY,
      augmentOSWebsocketUrl: `ws://127.0.0.1:${port}/tpa-ws`,
      logger: captureLogger(),
    });
    await sdkRejection(session.connect('s1'), 'connect_failed');
    expect(session.state).toBe('closed');
  });

  test('rejects with handshake_timeout, "Connection timeout", when the cloud never acknowledges', async () => {
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => silent.once('listening', r));
    const url = `ws://127.0.0.1:${(silent.address() as { port: number }).port}/tpa-ws`;
    const session = new TpaSession({ packageName: 'com.example.app', apiKey: API_KEY, augmentOSWebsocketUrl: url, logger: captureLogger() });
    try {
      const err = await sdkRejection(session.connect('s1'), 'handshake_timeout');
      expect(err.message).toBe('Connection timeout');
      expect(err).toBeInstanceOf(SdkError);
    } finally {
      for (const c of silent.clients) c.terminate();
      await new Promise((r) => silent.close(r));
    }
  });

  test('a refusal by the cloud rejects at once with connection_error and its code', async () => {
    const { user, session } = await ownSession();
    user.refuseNextConnection = { code: 'INVALID_API_KEY', message: 'Invalid API key' };
    const err = await sdkRejection(session.connect(user.sessionId), 'connection_error');
    expect(err.details?.cloudCode).toBe('INVALID_API_KEY');
  });

  test('twice with the same id once connected: the socket is replaced (a new init), as the published SDK did', async () => {
    const { user, session } = await ownSession();
    await session.connect(user.sessionId);
    await session.connect(user.sessionId);
    expect(inits(user)).toBe(2);
    expect(session.isConnected).toBe(true);
    session.layouts.showTextWall('still here');
    await user.waitForDisplay('still here');
  });

  test('twice while the first runs: the same promise; with another id: invalid_argument', async () => {
    const { user, session } = await ownSession();
    const first = session.connect(user.sessionId);
    expect(session.connect(user.sessionId)).toBe(first);
    await sdkRejection(session.connect('another-session'), 'invalid_argument');
    await first;
    expect(inits(user)).toBe(1);
  });

  test('after disconnect(): session_closed (build a new session)', async () => {
    const { user, session } = await ownSession();
    await session.connect(user.sessionId);
    await session.disconnect();
    await sdkRejection(session.connect(user.sessionId), 'session_closed');
  });

  test('an untrusted URL is refused before anything is sent (the API key stays home)', async () => {
    const session = new TpaSession({
      packageName: 'com.example.app',
      apiKey: API_KEY,
      augmentOSWebsocketUrl: 'ws://cloud.example.net/tpa-ws',
      logger: captureLogger(),
    });
    const err = await sdkRejection(session.connect('s1'), 'invalid_config');
    expect(err.message).toMatch(/not a trusted cloud/);
  });

  test('a config without a WebSocket URL: connect rejects with invalid_config saying which field to pass', async () => {
    const session = new TpaSession({ packageName: 'com.example.app', apiKey: API_KEY, augmentOSWebsocketUrl: undefined, logger: captureLogger() });
    const err = await sdkRejection(session.connect('s1'), 'invalid_config');
    expect(err.message).toMatch(/augmentOSWebsocketUrl/);
  });
});

describe('the published configs', () => {
  test('a config without packageName or apiKey throws invalid_config', () => {
    expect(() => new TpaSession({ packageName: 'com.example.app' } as never)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(() => new AppSession({ apiKey: API_KEY } as never)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
  });

  test('1.0: serverUrl, no userId; AppSession with mentraOSWebsocketUrl; both connect', async () => {
    const a = await ownSession('one-oh', { augmentOSWebsocketUrl: undefined, serverUrl: cloud.url });
    await a.session.connect('one-oh');
    expect(a.session.userId).toBe('');
    await cloud.startSession({ app: { port: hook.port }, sessionId: 'modern' });
    const modern = new AppSession({ packageName: 'com.example.app', apiKey: API_KEY, userId: 'u', mentraOSWebsocketUrl: cloud.url, logger: captureLogger() });
    extra.push(modern);
    await modern.connect('modern');
    expect(modern.getSessionId()).toBe('modern');
    expect(modern.userId).toBe('u');
  });

  test('autoReconnect: false ends the session on a drop instead of reconnecting', async () => {
    const { user, session } = await ownSession('no-reconnect', { autoReconnect: false });
    await session.connect(user.sessionId);
    const events: unknown[] = [];
    session.events.on('disconnected', (info) => void events.push(info));
    user.dropConnection();
    await eventually(() => session.state === 'closed', 20_000, 'the session to end');
    expect(events).toEqual([expect.objectContaining({ permanent: true })]);
    expect(inits(user)).toBe(1);
  });

  test('appServer / tpaServer: the given server, else undefined', async () => {
    const server = new AppServer(appConfig());
    const { session } = await ownSession('owned', { tpaServer: server });
    expect(session.appServer).toBe(server);
    const plain = new TpaSession({ packageName: 'com.example.app', apiKey: API_KEY });
    expect(plain.appServer).toBeUndefined();
  });

  test('a session that never connected: disconnect() resolves, keeps nothing, and may be called twice', async () => {
    const session = new TpaSession({ packageName: 'com.example.app', apiKey: API_KEY, augmentOSWebsocketUrl: cloud.url });
    expect(() => session.disconnect()).not.toThrow();
    await expect(session.disconnect()).resolves.toBeUndefined();
    expect(session.state).toBe('closed');
  });

  test('the 1.0 positional durationMs of the text layouts, and CloudToTpaMessageType', async () => {
    const { user, session } = await ownSession();
    await session.connect(user.sessionId);
    session.layouts.showReferenceCard('Title', 'Body', 2500);
    const d = await user.waitForDisplay((x) => x.layout.layoutType === 'reference_card' && x.layout.title === 'Title');
    expect(d.durationMs).toBe(2500);
    expect(CloudToTpaMessageType.CONNECTION_ACK).toBe('tpa_connection_ack');
  });
});

describe('what such apps call, on a session they built', () => {
  test('shortcuts, on(StreamType.X), unsubscribe functions, dashboard, settings, events.on("error")', async () => {
    const { user, session } = await ownSession();
    const seen: string[] = [];
    session.onButtonPress((d) => void seen.push(`button:${d.pressType}`));
    const offNotes = session.onPhoneNotifications((d) => void seen.push(`note:${d.title}`));
    await session.connect(user.sessionId);
    session.on(StreamType.HEAD_POSITION, (d: { position: string }) => void seen.push(`head:${d.position}`));
    session.events.on('error', (e: Error) => void seen.push(`error:${e.message}`));
    session.dashboard.content.onModeChange((mode) => void seen.push(`mode:${mode}`));
    session.settings.onValueChange('units', (value, old) => void seen.push(`units:${old}->${value}`));
    expect(session.settings.get('units', 'metric')).toBe('imperial');
    expect(session.settings.get('missing', 42)).toBe(42);
    await user.waitForSubscriptions((s) => ['button_press', 'phone_notification', 'head_position'].every((x) => s.includes(x)));

    await user.pressButton('main', 'long');
    await user.notify({ app: 'mail', title: 'Hi', content: 'there' });
    await user.moveHead('down');
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: 'expanded' });
    await user.updateSettings([{ key: 'units', value: 'metric' }]);
    await eventually(
      () => ['button:long', 'note:Hi', 'head:down', 'mode:expanded', 'units:imperial->metric'].every((x) => seen.includes(x)),
      20_000,
      'every handler',
    );

    offNotes();
    await user.waitForSubscriptions((s) => !s.includes('phone_notification'));
    session.dashboard.content.write('both', ['main', 'expanded']);
    session.dashboard.content.writeToExpanded('expanded only');
    session.dashboard.content.writeToAlwaysOn('always');
    await waitSent(user, 'dashboard_content_update', (m) => m.content === 'both' && m.modes.join() === 'main,expanded');
    await waitSent(user, 'dashboard_content_update', (m) => m.content === 'expanded only' && m.modes.join() === 'expanded');
    await waitSent(user, 'dashboard_content_update', (m) => m.content === 'always' && m.modes.join() === 'always_on');
    expect(session.dashboard.system).toBeUndefined();
    expect(seen.filter((x) => x.startsWith('error:'))).toEqual([]);
  });
});
