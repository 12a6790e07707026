/**
 * The Hono facade's JSON routes under `@hono/node-server`, over a real loopback socket: a body with a declared
 * length is read from Node's request (the lane), any other (chunked) through Hono's own reading, with the
 * same limits, answers and webhook secret either way.
 */
import { WEBHOOK_SECRET_HEADER } from '../../src/core/http/inbound';
import { AppServer, type AppServerConfig } from '../../src/hono';
import { FetchServers } from '../../src/testing/targets';
import { rawRequest } from '../helpers/wire';
import { honoConfig } from './helpers';

interface Served {
  port: number;
  close(): Promise<void>;
}

/** The app served by `@hono/node-server` (as the test cloud serves it), started. */
async function serveApp(config: Partial<AppServerConfig> = {}): Promise<{ app: AppServer; served: Served }> {
  const app = new AppServer(honoConfig(config));
  await app.start();
  const servers = new FetchServers();
  const port = Number(new URL(await servers.urlOf(app)).port);
  return { app, served: { port, close: () => servers.close() } };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs `body` to `path`: with a Content-Length, or as `Transfer-Encoding: chunked`. */
async function post(port: number, path: string, body: string, opts: { chunked?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await rawRequest(port, { path, body, chunked: opts.chunked, headers: { 'content-type': 'application/json', ...opts.headers } });
  return { status: res.status, body: res.json };
}

const stopBody = (sessionId = 'not-running') => JSON.stringify({ type: 'stop_request', sessionId, userId: 'ada@example.com', reason: 'user_disabled' });
/** A stop_request webhook of exactly `bytes` bytes (padded). */
function stopBodyOf(bytes: number): string {
  const bare = JSON.stringify({ type: 'stop_request', sessionId: 'x', userId: 'u', pad: '' });
  return bare.replace('"pad":""', `"pad":"${'p'.repeat(bytes - bare.length)}"`);
}
const NO_SESSION = { status: 'success', message: 'No active session with that id' };

describe('Hono JSON routes under @hono/node-server', () => {
  let app: AppServer;
  let served: Served;
  afterEach(async () => {
    await served.close();
    await app.stop();
  });

  test('a webhook with a declared length and one sent chunked get the same answer', async () => {
    ({ app, served } = await serveApp());
    const body = stopBody();
    expect(await post(served.port, '/webhook', body)).toEqual({ status: 200, body: NO_SESSION });
    expect(await post(served.port, '/webhook', body, { chunked: true })).toEqual({ status: 200, body: NO_SESSION });
  });

  test('bad JSON is 400 on both paths, and the server keeps serving', async () => {
    ({ app, served } = await serveApp());
    const invalid = { status: 400, body: expect.objectContaining({ message: 'The request body is not valid JSON' }) };
    expect(await post(served.port, '/webhook', '{"type":')).toEqual(invalid);
    expect(await post(served.port, '/webhook', '{"type":"stop', { chunked: true })).toEqual(invalid);
    expect(await post(served.port, '/webhook', stopBody())).toEqual({ status: 200, body: NO_SESSION });
  });

  test('bodyLimit: a declared length over it is 413 before the body is read; a chunked body over it is 413 too', async () => {
    ({ app, served } = await serveApp({ bodyLimit: 200 }));
    const big = JSON.stringify({ type: 'stop_request', sessionId: 'x', userId: 'ada@example.com', pad: 'p'.repeat(300) });
    const tooLarge = { status: 413, body: expect.objectContaining({ message: 'The request body is too large (limit 200 bytes)' }) };
    expect(await post(served.port, '/webhook', big)).toEqual(tooLarge);
    expect(await post(served.port, '/webhook', big, { chunked: true })).toEqual(tooLarge);
    expect(await post(served.port, '/settings', big)).toEqual(tooLarge);
    // At the limit exactly, the body is read.
    const padded = stopBodyOf(200);
    expect(Buffer.byteLength(padded)).toBe(200);
    expect(await post(served.port, '/webhook', padded)).toEqual({ status: 200, body: NO_SESSION });
  });

  test('bodyLimit is read as Express reads it: bytes, or a number with b, kb, mb or gb in any case and spacing', async () => {
    const cases: [string | number, number][] = [
      [1000, 1000],
      ['300', 300],
      ['300b', 300],
      ['1.5kb', 1536],
      [' 2 KB ', 2048],
      ['0.001mb', 1048],
      ['0.000001gb', 1073],
    ];
    for (const [bodyLimit, bytes] of cases) {
      ({ app, served } = await serveApp({ bodyLimit }));
      expect({ bodyLimit, ...(await post(served.port, '/webhook', stopBodyOf(bytes))) }).toEqual({ bodyLimit, status: 200, body: NO_SESSION });
      expect({ bodyLimit, status: (await post(served.port, '/webhook', stopBodyOf(bytes + 1))).status }).toEqual({ bodyLimit, status: 413 });
      await served.close();
      await app.stop();
    }
    ({ app, served } = await serveApp()); // the default, 100kb
    expect(await post(served.port, '/webhook', stopBodyOf(100 * 1024))).toEqual({ status: 200, body: NO_SESSION });
    expect((await post(served.port, '/webhook', stopBodyOf(100 * 1024 + 1))).status).toBe(413);
  });

  test('a bodyLimit it cannot read is refused when the server is built', async () => {
    for (const bodyLimit of ['abc', 'x1kb', '1kb!', '1.kb', '1 tb', '-1', '', -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new AppServer(honoConfig({ bodyLimit }))).toThrow(/"bodyLimit" must be bytes or a size like "100kb"/);
    }
    ({ app, served } = await serveApp({ bodyLimit: 0 })); // nothing but an empty body
    expect((await post(served.port, '/webhook', stopBody())).status).toBe(413);
  });

  test('webhookSecret: the header is required and checked on the lane', async () => {
    ({ app, served } = await serveApp({ webhookSecret: 'the-shared-webhook-secret' }));
    const missing = await post(served.port, '/webhook', stopBody());
    expect(missing.status).toBe(401);
    expect(missing.body.message).toMatch(/Missing the .* header/);
    const wrong = await post(served.port, '/webhook', stopBody(), { headers: { [WEBHOOK_SECRET_HEADER]: 'another-secret-value' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/does not match/);
    expect(await post(served.port, '/webhook', stopBody(), { headers: { [WEBHOOK_SECRET_HEADER]: 'the-shared-webhook-secret' } })).toEqual({
      status: 200,
      body: NO_SESSION,
    });
  });

  test('/settings reads its body on both paths', async () => {
    ({ app, served } = await serveApp());
    const noUser = JSON.stringify({ settings: [] });
    const first = await post(served.port, '/settings', noUser);
    expect(first.status).toBe(400);
    expect(await post(served.port, '/settings', noUser, { chunked: true })).toEqual(first);
  });
});
