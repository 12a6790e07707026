/**
 * What an app sees of `AppSession` itself, pinned where earlier tests left it open: how the session's parts
 * are installed, the config errors of an app-built session, `isConnected`, the object forms of
 * `subscribe`/`unsubscribe`, `getInstructions` against a cloud that has instructions, `discoverAppUsers`'
 * two signatures, `disconnect({ releaseOwnership })` and the errors of `sendBinary`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppSession, isSdkError } from '../../src';
import { addTrust, removeTrust } from '../../src/testing/cloud-http';
import { API_KEY, captureLogger, eventually } from '../helpers/apps';
import { harness, thrown, waitSent } from '../helpers/modules';

const PARTS = ['events', 'layouts', 'settings', 'dashboard', 'camera', 'audio', 'led', 'location', 'simpleStorage', 'device'];

/** A session the app builds itself, never connected. */
function appBuilt(url = 'ws://127.0.0.1:9/app-ws', logger = captureLogger()): AppSession {
  return new AppSession({ packageName: 'com.example.app', apiKey: API_KEY, userId: 'wearer@example.com', mentraOSWebsocketUrl: url, logger });
}

describe('src/app/session-parts.ts and the prototype set-up of AppSession', () => {
  // First test of the file: the prototype is set up once per module registry.
  test('each part is a configurable getter of AppSession.prototype, and the delegated members are installed', async () => {
    for (const name of PARTS) {
      expect(Object.getOwnPropertyDescriptor(AppSession.prototype, name)).toEqual({
        get: expect.any(Function),
        set: expect.any(Function),
        enumerable: false,
        configurable: true,
      });
    }
    // An app (or a test double) can therefore redefine a part for all sessions, and restore it.
    const original = Object.getOwnPropertyDescriptor(AppSession.prototype, 'led') as PropertyDescriptor;
    Object.defineProperty(AppSession.prototype, 'led', { get: () => 'stub-led', configurable: true });
    try {
      expect(appBuilt().led).toBe('stub-led');
    } finally {
      Object.defineProperty(AppSession.prototype, 'led', original);
    }
    const session = appBuilt();
    expect(session.led).not.toBe('stub-led');
    expect(session.getConfig()).toBeNull();
    expect(session.getWifiStatus()).toBeNull();
    await session.disconnect();
  });
});

describe('src/app/session-parts.ts: a part an app assigns, as the published plain properties allowed', () => {
  test('a part assigned before or after it was built is what that session reads; other sessions keep their own', async () => {
    const first = appBuilt();
    const second = appBuilt();
    const fake = { showTextWall: () => 'fake' };
    (first as unknown as { layouts: unknown }).layouts = fake;
    expect(first.layouts).toBe(fake);
    expect(second.layouts).not.toBe(fake);
    expect(typeof second.layouts.showTextWall).toBe('function');

    const events = second.events;
    expect(second.events).toBe(events);
    (second as unknown as { events: unknown }).events = 'replaced';
    expect(second.events).toBe('replaced');
    expect(first.events).not.toBe('replaced');
    await first.disconnect();
    await second.disconnect();
  });

  test("a built part is the session's own enumerable property; the internal parts stay hidden", async () => {
    const session = appBuilt();
    void session.location;
    void session.getWifiStatus();
    expect(Object.keys(session)).toContain('location');
    expect(Object.keys(session)).not.toContain('wifi');
    expect(Object.getOwnPropertyDescriptor(session, 'location')).toMatchObject({ enumerable: true, writable: true, configurable: true });
    await session.disconnect();
  });
});

describe('src/app/session.ts: an app-built session', () => {
  test('a config without packageName throws invalid_config naming the class the app built', () => {
    const base = thrown(() => new AppSession({ apiKey: API_KEY } as never));
    expect(isSdkError(base, 'invalid_config')).toBe(true);
    expect((base as Error).message).toBe('AppSession config: "packageName" is required (a non-empty string)');

    class GlassesSession extends AppSession {}
    const sub = thrown(() => new GlassesSession({ packageName: 'com.example.app' } as never));
    expect(isSdkError(sub, 'invalid_config')).toBe(true);
    expect((sub as Error).message).toBe('GlassesSession config: "apiKey" is required (a non-empty string)');

    // A class without a name falls back to AppSession.
    const Anonymous = (() => class extends AppSession {})();
    expect(Anonymous.name).toBe('');
    const anon = thrown(() => new Anonymous({ apiKey: API_KEY } as never));
    expect((anon as Error).message).toBe('AppSession config: "packageName" is required (a non-empty string)');
  });

  test('before connect: not connected, and sendBinary throws connect_failed (not session_closed)', async () => {
    const session = appBuilt();
    expect(session.state).toBe('connecting');
    expect(session.isConnected).toBe(false);
    const err = thrown(() => session.sendBinary(Buffer.from([1, 2, 3])));
    expect(isSdkError(err, 'connect_failed')).toBe(true);
    expect((err as Error).message).toBe('Cannot send binary data: the WebSocket is not connected (the session is reconnecting)');
    await session.disconnect();
    expect(session.state).toBe('closed');
    const closed = thrown(() => session.sendBinary(Buffer.from([1])));
    expect(isSdkError(closed, 'session_closed')).toBe(true);
    expect((closed as Error).message).toBe('Cannot send binary data: the session has ended');
  });

  test('disconnect() on an object that is no session resolves instead of throwing', async () => {
    const notASession = Object.create(AppSession.prototype) as AppSession;
    const done = notASession.disconnect();
    expect(done).toBeInstanceOf(Promise);
    await expect(done).resolves.toBeUndefined();
  });
});

describe('src/app/session.ts: getInstructions against a cloud that has instructions', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ url: string; authorization: string | undefined }> = [];
  let answer: { status: number; body: string } = { status: 200, body: '{}' };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    // The API key goes only to a trusted cloud: this one is on loopback, trusted as a test cloud is.
    addTrust();
  });
  afterAll(async () => {
    removeTrust();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function ask(body: unknown, status = 200): Promise<{ result: string | null; warnings: string[] }> {
    answer = { status, body: JSON.stringify(body) };
    const logger = captureLogger();
    const session = appBuilt(`ws://127.0.0.1:${port}/app-ws`, logger);
    try {
      const result = await session.getInstructions();
      return { result, warnings: logger.lines.filter((l) => l.level === 'warn' || l.level === 'error').map((l) => l.text) };
    } finally {
      await session.disconnect();
    }
  }

  test("resolves with the cloud's instructions, asked for the session's user with the API key", async () => {
    seen.length = 0;
    expect(await ask({ instructions: 'Speak slowly' })).toEqual({ result: 'Speak slowly', warnings: [] });
    expect(seen).toEqual([{ url: '/api/instructions?userId=wearer%40example.com', authorization: `Bearer ${API_KEY}` }]);
  });

  test('resolves null, without a warning, when the answer holds no instructions', async () => {
    expect(await ask({ instructions: '' })).toEqual({ result: null, warnings: [] });
    expect(await ask({ instructions: 42 })).toEqual({ result: null, warnings: [] });
    expect(await ask({})).toEqual({ result: null, warnings: [] });
    expect(await ask(null)).toEqual({ result: null, warnings: [] });
  });

  test('a failing cloud: resolves null and warns what failed and what the app got', async () => {
    const { result, warnings } = await ask({ error: 'down' }, 500);
    expect(result).toBeNull();
    expect(warnings[0]).toBe(`Fetching instructions at 127.0.0.1:${port} failed: HTTP 500 {"error":"down"} (getInstructions resolved null)`);
  });
});

describe('src/app/session.ts: a session the server built', () => {
  const h = harness();

  test('isConnected is true while ready and false once disconnected', async () => {
    const { session } = await h.start();
    expect(session.isConnected).toBe(true);
    await session.disconnect();
    expect(session.isConnected).toBe(false);
  });

  test('subscribe and unsubscribe take the object form (the location stream with its rate)', async () => {
    const { user, session } = await h.start();
    const hasLocation = (subs: unknown[]) => subs.some((s) => (typeof s === 'string' ? s : (s as { stream: string }).stream) === 'location_stream');
    session.subscribe({ stream: 'location_stream', rate: 'standard' } as never);
    const subs = await user.waitForSubscriptions((s) => hasLocation(s));
    expect(subs).toEqual([{ stream: 'location_stream', rate: 'standard' }]);
    session.unsubscribe({ stream: 'location_stream' } as never);
    await user.waitForSubscriptions((s) => !hasLocation(s));
    expect(session.subscriptions).toEqual([]);
  });

  test('discoverAppUsers: includeProfiles defaults to false, and is the first or the second argument', async () => {
    const { session } = await h.start();
    const sentProfiles = () => {
      const calls = h.cloud.httpRequests.filter((r) => r.path.endsWith('/discover-users'));
      return (calls.at(-1)?.body as { includeUserProfiles?: unknown } | undefined)?.includeUserProfiles;
    };
    const plain = await session.discoverAppUsers();
    expect(sentProfiles()).toBe(false);
    expect(plain.users[0]).not.toHaveProperty('userProfile');
    const withProfiles = await session.discoverAppUsers(true);
    expect(sentProfiles()).toBe(true);
    expect(withProfiles.users[0]).toHaveProperty('userProfile');
    await session.discoverAppUsers('cloud.example.com', true);
    expect(sentProfiles()).toBe(true);
    await session.discoverAppUsers('cloud.example.com');
    expect(sentProfiles()).toBe(false);
  });

  test('disconnect({ releaseOwnership, reason }) sends ownership_release first', async () => {
    const { user, session } = await h.start();
    await session.disconnect({ releaseOwnership: true, reason: 'switching_clouds' });
    expect(await waitSent(user, 'ownership_release')).toMatchObject({ type: 'ownership_release', reason: 'switching_clouds' });
  });

  test('disconnect without both releaseOwnership and a reason (or with null) sends no ownership_release, and still closes', async () => {
    const forms: unknown[] = [{ releaseOwnership: true }, { reason: 'clean_shutdown' }, {}, null];
    for (const options of forms) {
      const { user, session } = await h.start();
      await session.disconnect(options as never);
      expect(session.state).toBe('closed');
      await eventually(() => !user.connected, 20_000, 'the socket to close');
      expect(user.sent('ownership_release')).toEqual([]);
    }
  });
});
