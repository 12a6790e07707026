/**
 * The API key goes only to a trusted cloud, also from a session the app built itself and has not connected
 * yet: its HTTP calls to the cloud (instructions, user discovery, settings, storage) check the session's URL
 * as `connect()` does, and send nothing to a host that is not trusted. A value that is not a config object is
 * refused with `invalid_config` instead of building a half-made session.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppSession, isSdkError, TpaSession } from '../../src';
import { API_KEY, captureLogger } from '../helpers/apps';
import { sdkRejection, thrown } from '../helpers/modules';

let server: Server;
let port: number;
const seen: Array<{ url: string; authorization: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ instructions: 'from the cloud', users: [], settings: [], data: { k: 'v' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

/** A session the app builds itself, never connected, whose cloud is `host` on the local server's port. */
function appBuilt(host: string, extra: Record<string, unknown> = {}) {
  const logger = captureLogger();
  const session = new AppSession({
    packageName: 'com.example.app',
    apiKey: API_KEY,
    userId: 'wearer@example.com',
    mentraOSWebsocketUrl: `ws://${host}:${port}/app-ws`,
    logger,
    ...extra,
  });
  return { session, logger };
}

describe('an app-built session sends its credentials only to a trusted cloud', () => {
  // 0.0.0.0 reaches the local server on this machine, but it is not a loopback address: not trusted.
  const UNTRUSTED = '0.0.0.0';

  test('connect() refuses the untrusted host, and getInstructions() resolves null without calling it', async () => {
    const { session, logger } = appBuilt(UNTRUSTED);
    expect(await session.getInstructions()).toBeNull();
    expect(seen).toEqual([]);
    expect(logger.lines.some((l) => l.level === 'warn' && /not a trusted cloud/.test(l.text))).toBe(true);
    const refused = await sdkRejection(session.connect('s-untrusted'), 'invalid_config');
    expect(isSdkError(refused, 'invalid_config')).toBe(true);
  });

  test('discoverAppUsers() rejects with cloud_request_failed naming the reason, and sends nothing', async () => {
    const { session } = appBuilt(UNTRUSTED);
    const err = await sdkRejection(session.discoverAppUsers('example.com', true), 'cloud_request_failed');
    expect(isSdkError(err, 'cloud_request_failed')).toBe(true);
    expect((err as Error).message).toMatch(/Refused to send the app's credentials: host "0\.0\.0\.0" is not a trusted cloud/);
    expect(seen).toEqual([]);
    await session.disconnect();
  });

  test('settings.fetch() rejects with cloud_request_failed, and sends nothing', async () => {
    const { session } = appBuilt(UNTRUSTED);
    const err = await sdkRejection(session.settings.fetch(), 'cloud_request_failed');
    expect(isSdkError(err, 'cloud_request_failed')).toBe(true);
    expect(seen).toEqual([]);
    await session.disconnect();
  });

  test('simpleStorage.get() sends nothing to the untrusted host', async () => {
    const { session } = appBuilt(UNTRUSTED);
    await session.simpleStorage.get('k').catch(() => undefined);
    expect(seen).toEqual([]);
    await session.disconnect();
  });

  test('a host the app trusts gets the call, with the API key (the same request, the only difference the URL)', async () => {
    const previous = process.env.MENTRAOS_TRUSTED_HOSTS;
    process.env.MENTRAOS_TRUSTED_HOSTS = '127.0.0.1';
    try {
      const { session } = appBuilt('127.0.0.1');
      expect(await session.getInstructions()).toBe('from the cloud');
      expect(seen).toEqual([{ url: '/api/instructions?userId=wearer%40example.com', authorization: `Bearer ${API_KEY}` }]);
      await session.disconnect();
    } finally {
      if (previous === undefined) delete process.env.MENTRAOS_TRUSTED_HOSTS;
      else process.env.MENTRAOS_TRUSTED_HOSTS = previous;
    }
  });
});

describe('new AppSession(value) with a value that is not a config', () => {
  test.each([
    ['a string', 'x', 'string'],
    ['a number', 42, 'number'],
    ['a boolean', true, 'boolean'],
    ['a function', () => undefined, 'function'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
  ])('%s is refused with invalid_config naming what it got', (_what, value, got) => {
    for (const [Session, name] of [
      [AppSession, 'AppSession'],
      [TpaSession, 'TpaSession'],
    ] as const) {
      const err = thrown(() => new (Session as unknown as new (v: unknown) => object)(value));
      expect(isSdkError(err, 'invalid_config')).toBe(true);
      expect((err as Error).message).toBe(`${name} config must be an object with "packageName" and "apiKey" (got ${got})`);
    }
  });
});
