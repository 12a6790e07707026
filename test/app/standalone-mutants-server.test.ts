/**
 * `src/app/session-standalone.ts`, a session an app builds itself with `appServer` (its server's reconnect
 * settings, logger and photo table), the reconnect delay of the published config, the handshake timeout's
 * error, and `connect` on a session the server built.
 */
import { WebSocketServer } from 'ws';
import { AppServer, type AppServerConfig, AppSession, type PhotoData, type ReconnectOptions } from '../../src';
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { API_KEY, appConfig, captureLogger, eventually } from '../helpers/apps';
import { harness, sdkRejection, waitSent } from '../helpers/modules';
import { type IdleWebhook, startIdleWebhook } from '../helpers/standalone';

/** Total reconnect time the servers of these tests allow after a drop (ms). */
const BUDGET_MS = 30_000;

let hook: IdleWebhook;
beforeAll(async () => {
  hook = await startIdleWebhook();
});
afterAll(() => hook.close());

function inits(user: SimulatedUser): number {
  return user.wire.filter((r) => r.dir === 'app->cloud' && /_connection_init$/.test(String(r.msg?.type))).length;
}

describe('a session given appServer', () => {
  let cloud: TestCloud;
  const built: AppSession[] = [];
  beforeEach(async () => {
    cloud = await createTestCloud();
    // The backoff is a uniform random wait below a ceiling: halfway, so each outcome below is certain.
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(async () => {
    for (const s of built.splice(0)) await s.disconnect();
    await cloud.close();
    jest.restoreAllMocks();
  });

  /** A server (never started) whose sessions may try reconnecting for BUDGET_MS, with `reconnect`, and its captured logger. */
  function server(reconnect: ReconnectOptions = {}, extra: Partial<AppServerConfig> = {}) {
    const logger = captureLogger();
    return { logger, app: new AppServer(appConfig({ logger, reconnect: { budgetMs: BUDGET_MS, maxDelayMs: 1e9, ...reconnect }, ...extra })) };
  }

  /** A connected session of `app` (plus `config`), and the cloud's side of it. */
  async function connected(app: AppServer, sessionId: string, config: Record<string, unknown> = {}) {
    const user = await cloud.startSession({ app: { port: hook.port }, sessionId });
    const session = new AppSession({ packageName: 'com.example.app', apiKey: API_KEY, mentraOSWebsocketUrl: cloud.url, appServer: app, ...config });
    built.push(session);
    await session.connect(sessionId);
    return { user, session };
  }

  /** Drops the socket under the session: it either comes back (a second init, ready again) or ends. */
  async function afterDrop(user: SimulatedUser, session: AppSession): Promise<'reconnected' | 'ended'> {
    user.dropConnection();
    await eventually(() => session.state === 'closed' || (inits(user) === 2 && session.state === 'ready'), 20_000, 'the reconnect or the end');
    return session.state === 'closed' ? 'ended' : 'reconnected';
  }

  const gaveUp = (logger: ReturnType<typeof captureLogger>) =>
    logger.lines.some((l) => l.level === 'warn' && l.text.includes(`Could not reconnect within ${BUDGET_MS} ms; ending the session`));

  test("without reconnectDelay the server's base delay holds, and the session logs on the server's logger", async () => {
    const slow = server({ baseDelayMs: 1e6 });
    const a = await connected(slow.app, 'server-slow');
    expect(await afterDrop(a.user, a.session)).toBe('ended');
    expect(gaveUp(slow.logger)).toBe(true);

    const fast = server({ baseDelayMs: 1 });
    const b = await connected(fast.app, 'server-fast');
    expect(await afterDrop(b.user, b.session)).toBe('reconnected');
    expect(gaveUp(fast.logger)).toBe(false);
  });

  test("a positive reconnectDelay replaces the server's base delay: one beyond the budget ends the session at the drop", async () => {
    const fast = server({ baseDelayMs: 1 });
    const { user, session } = await connected(fast.app, 'own-delay', { reconnectDelay: 1e8 });
    expect(await afterDrop(user, session)).toBe('ended');
    expect(gaveUp(fast.logger)).toBe(true);
    expect(inits(user)).toBe(1);
  });

  test("a reconnectDelay of 0 keeps the server's base delay", async () => {
    const slow = server({ baseDelayMs: 1e6 });
    const { user, session } = await connected(slow.app, 'zero-delay', { reconnectDelay: 0 });
    expect(await afterDrop(user, session)).toBe('ended');
  });

  test('a reconnectDelay that is not a number (a JavaScript app passing a string) is ignored', async () => {
    const fast = server({ baseDelayMs: 1 });
    const { user, session } = await connected(fast.app, 'string-delay', { reconnectDelay: '100000000' });
    expect(await afterDrop(user, session)).toBe('reconnected');
  });

  test("a photo the session requests is in the server's table (getPhotoRequest) and settles from there", async () => {
    const { app } = server();
    const { user, session } = await connected(app, 'photo-owner');
    const taking = session.camera.requestPhoto();
    const sent = await waitSent(user, 'photo_request', () => true, 10_000);
    const pending = app.getPhotoRequest(sent.requestId);
    expect(pending).toMatchObject({ sessionId: 'photo-owner' });
    pending!.resolve({ requestId: sent.requestId } as PhotoData);
    await expect(taking).resolves.toMatchObject({ requestId: sent.requestId });
  });

  test('a cloud that never acknowledges: handshake_timeout "Connection timeout", with the session id and the cause', async () => {
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => silent.once('listening', r));
    try {
      const { app } = server({}, { handshakeTimeoutMs: 500 });
      const session = new AppSession({
        packageName: 'com.example.app',
        apiKey: API_KEY,
        mentraOSWebsocketUrl: `ws://127.0.0.1:${(silent.address() as { port: number }).port}/app-ws`,
        appServer: app,
      });
      built.push(session);
      const err = await sdkRejection(session.connect('never-acked'), 'handshake_timeout');
      expect(err.message).toBe('Connection timeout');
      expect(err.details).toEqual({ sessionId: 'never-acked' });
      expect(err.cause).toMatchObject({ code: 'handshake_timeout' });
    } finally {
      for (const c of silent.clients) c.terminate();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe('connect(sessionId) on a session the server built', () => {
  const h = harness();

  test('another id is refused with invalid_argument; its own id replaces the socket (a new init)', async () => {
    const { user, session } = await h.start();
    const err = await sdkRejection(session.connect('someone-else'), 'invalid_argument');
    expect(err.message).toBe(`This session is already connected as ${user.sessionId}; build a new session for someone-else`);
    await session.connect(user.sessionId);
    expect(inits(user)).toBe(2);
    expect(session.isConnected).toBe(true);
  });
});
