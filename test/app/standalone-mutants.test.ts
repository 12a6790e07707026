/**
 * `src/app/session-standalone.ts`, a session an app builds itself (`new AppSession(config)` and
 * `connect(sessionId)`) without a server: the config checks and their messages, the URL fields, the errors
 * `connect` rejects with, how the session ends when it cannot connect, and where it logs a handler's error.
 */
import { AppSession, TpaSession, isSdkError } from '../../src';
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { API_KEY, captureLogger, eventually } from '../helpers/apps';
import { sdkRejection, thrown } from '../helpers/modules';
import { type IdleWebhook, startIdleWebhook } from '../helpers/standalone';

let cloud: TestCloud;
/** A webhook that answers 200 and does nothing: each test builds its session itself. */
let hook: IdleWebhook;
const built: AppSession[] = [];

beforeAll(async () => {
  hook = await startIdleWebhook();
});
afterAll(() => hook.close());
beforeEach(async () => {
  cloud = await createTestCloud({ dialect: 'augmentos' });
});
afterEach(async () => {
  for (const s of built.splice(0)) await s.disconnect();
  await cloud.close();
});

/** A session the cloud knows as `sessionId` (its app is the do-nothing webhook). */
function cloudSession(sessionId: string): Promise<SimulatedUser> {
  return cloud.startSession({ app: { port: hook.port }, sessionId });
}

/** An app-built session pointed at the test cloud, disconnected after the test. */
function own(config: Record<string, unknown> = {}): AppSession {
  const session = new AppSession({ packageName: 'com.example.app', apiKey: API_KEY, mentraOSWebsocketUrl: cloud.url, logger: captureLogger(), ...config });
  built.push(session);
  return session;
}

function inits(user: SimulatedUser): number {
  return user.wire.filter((r) => r.dir === 'app->cloud' && /_connection_init$/.test(String(r.msg?.type))).length;
}

describe('new AppSession(config): the required fields', () => {
  test('a missing, non-string or empty packageName or apiKey throws invalid_config naming the field and the class', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ apiKey: API_KEY }, 'packageName'],
      [{ packageName: 42, apiKey: API_KEY }, 'packageName'],
      [{ packageName: '', apiKey: API_KEY }, 'packageName'],
      [{ packageName: 'com.example.app' }, 'apiKey'],
      [{ packageName: 'com.example.app', apiKey: { key: 'x' } }, 'apiKey'],
      [{ packageName: 'com.example.app', apiKey: '' }, 'apiKey'],
    ];
    for (const [config, field] of cases) {
      for (const [Session, kind] of [
        [AppSession, 'AppSession'],
        [TpaSession, 'TpaSession'],
      ] as const) {
        const err = thrown(() => new Session(config as never));
        expect(isSdkError(err, 'invalid_config')).toBe(true);
        expect((err as Error).message).toBe(`${kind} config: "${field}" is required (a non-empty string)`);
      }
    }
  });

  test('appServer / tpaServer that is not a server (any object the app passes) comes back from session.appServer', () => {
    const mine = { name: 'my own server object' };
    expect(new AppSession({ packageName: 'com.example.app', apiKey: API_KEY, appServer: mine }).appServer).toBe(mine);
    expect(new TpaSession({ packageName: 'com.example.app', apiKey: API_KEY, tpaServer: mine }).appServer).toBe(mine);
  });
});

describe('the WebSocket URL fields', () => {
  test('an empty mentraOSWebsocketUrl falls back to augmentOSWebsocketUrl, and both empty to serverUrl', async () => {
    const configs: Array<[string, Record<string, unknown>]> = [
      ['to-augmentos-url', { mentraOSWebsocketUrl: '', augmentOSWebsocketUrl: cloud.url }],
      ['to-server-url', { mentraOSWebsocketUrl: '', augmentOSWebsocketUrl: '', serverUrl: cloud.url }],
    ];
    for (const [sessionId, urls] of configs) {
      const user = await cloudSession(sessionId);
      const session = own(urls);
      await session.connect(sessionId);
      expect(session.isConnected).toBe(true);
      expect(inits(user)).toBe(1);
    }
  });
});

describe('connect(sessionId): what it rejects with', () => {
  test('an empty or non-string sessionId: invalid_argument saying what to pass; the session can still connect', async () => {
    const user = await cloudSession('valid-id');
    const session = own();
    for (const bad of ['', undefined, 42]) {
      const err = await sdkRejection(session.connect(bad as never), 'invalid_argument');
      expect(err.message).toBe('connect(sessionId) needs the sessionId of the session_request webhook');
    }
    await session.connect('valid-id');
    expect(inits(user)).toBe(1);
  });

  test('another id while connecting and once connected: invalid_argument naming both ids', async () => {
    await cloudSession('first-id');
    const session = own();
    const first = session.connect('first-id');
    const message = 'This session is already connected as first-id; build a new session for second-id';
    expect((await sdkRejection(session.connect('second-id'), 'invalid_argument')).message).toBe(message);
    await first;
    expect((await sdkRejection(session.connect('second-id'), 'invalid_argument')).message).toBe(message);
  });

  test('after disconnect(): session_closed naming the id it had, or the id asked for when it never connected', async () => {
    const fresh = own();
    await fresh.disconnect();
    const never = await sdkRejection(fresh.connect('asked-for'), 'session_closed');
    expect(never.message).toBe('Session asked-for was disconnected or failed to connect; build a new session to connect again');

    await cloudSession('was-connected');
    const session = own();
    await session.connect('was-connected');
    await session.disconnect();
    const after = await sdkRejection(session.connect('another-id'), 'session_closed');
    expect(after.message).toBe('Session was-connected was disconnected or failed to connect; build a new session to connect again');
  });

  test('connect() again once connected, and the session ends before the new socket is up: session_closed', async () => {
    await cloudSession('replaced');
    const session = own();
    await session.connect('replaced');
    const again = session.connect('replaced');
    await session.disconnect();
    const err = await sdkRejection(again, 'session_closed');
    expect(err.message).toBe('Session replaced ended before it reconnected');
  });

  test('no URL, or an untrusted one: the session ends with reason handshake_failed', async () => {
    for (const urls of [{ mentraOSWebsocketUrl: undefined }, { mentraOSWebsocketUrl: 'ws://cloud.example.net/app-ws' }]) {
      const session = own(urls);
      const closed: unknown[] = [];
      const signal = session.signal;
      session.events.on('closed', (reason: unknown) => void closed.push(reason));
      await sdkRejection(session.connect('s1'), 'invalid_config');
      expect(closed).toEqual(['handshake_failed']);
      expect(signal.reason).toMatchObject({ code: 'session_closed', message: 'Session ended: handshake_failed' });
    }
  });
});

describe('where a session without a server logs', () => {
  test('a throwing handler is logged at error level on config.logger with the session id, the API key redacted', async () => {
    const logger = captureLogger();
    const user = await cloudSession('logs');
    const session = own({ logger });
    session.events.onButtonPress(() => {
      throw new Error(`refused with key ${API_KEY}`);
    });
    await session.connect('logs');
    await user.waitForSubscriptions((s) => s.includes('button_press'));
    await user.pressButton('main', 'short');
    await eventually(() => logger.lines.some((l) => l.level === 'error' && l.text.includes('Error in session logs:')), 20_000, 'the error line');
    const line = logger.lines.find((l) => l.level === 'error' && l.text.includes('Error in session logs:'))!;
    expect(line.text).toContain('Error in session logs: refused with key [redacted]');
    expect(line.text).not.toContain(API_KEY);
  });
});

describe('the reconnect wait of a session without a server', () => {
  afterEach(() => jest.restoreAllMocks());

  /** The waits (ms) the session schedules between a dropped socket and its reconnect, with the random part at 0.5. */
  async function firstWait(config: Record<string, unknown>, sessionId: string): Promise<number[]> {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const user = await cloudSession(sessionId);
    const session = own(config);
    await session.connect(sessionId);
    const waits: number[] = [];
    const real = global.setTimeout;
    jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...args: unknown[]) => {
      waits.push(ms ?? 0);
      return (real as (...a: unknown[]) => ReturnType<typeof setTimeout>)(fn, ms, ...args);
    }) as typeof setTimeout);
    user.dropConnection();
    await eventually(() => inits(user) === 2 && session.state === 'ready', 20_000, 'the reconnect');
    return waits;
  }

  test('without reconnectDelay the first wait is drawn below the published default of 1000 ms (500 at random 0.5)', async () => {
    const waits = await firstWait({}, 'default-delay');
    expect(waits).toContain(500);
    expect(waits).not.toContain(250);
  });

  test('a positive reconnectDelay is the base of the backoff (300 ms: the first wait 150 at random 0.5)', async () => {
    const waits = await firstWait({ reconnectDelay: 300 }, 'own-delay');
    expect(waits).toContain(150);
    expect(waits).not.toContain(500);
  });
});
