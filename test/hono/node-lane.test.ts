/**
 * The Hono facade's JSON routes under `@hono/node-server`, over a real loopback socket: a body with a declared
 * length is read from Node's request (the lane), any other (chunked) through Hono's own reading, with the
 * same limits, answers and webhook secret either way.
 */
import { request as httpRequest } from 'node:http';
import { AppServer, type AppServerConfig } from '../../src/hono';
import { WEBHOOK_SECRET_HEADER } from '../../src/core/http/inbound';
import { honoConfig } from './helpers';

interface Served {
  port: number;
  close(): void;
}

async function serveApp(config: Partial<AppServerConfig> = {}): Promise<{ app: AppServer; served: Served }> {
  const { serve } = await import('@hono/node-server');
  const app = new AppServer(honoConfig(config));
  await app.start();
  const served = await new Promise<Served>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ port: info.port, close: () => s.close() }));
  });
  return { app, served };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * POSTs `chunks` to `path`: with a Content-Length when `chunked` is false, else as `Transfer-Encoding: chunked`
 * (each chunk written on its own).
 */
function post(port: number, path: string, chunks: string[], opts: { chunked?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
    const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
    if (!opts.chunked) headers['content-length'] = String(length);
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const stopBody = (sessionId = 'not-running') => JSON.stringify({ type: 'stop_request', sessionId, userId: 'ada@example.com', reason: 'user_disabled' });
const NO_SESSION = { status: 'success', message: 'No active session with that id' };

describe('Hono JSON routes under @hono/node-server', () => {
  let app: AppServer;
  let served: Served;
  afterEach(async () => {
    served.close();
    await app.stop();
  });

  test('a webhook with a declared length and one sent chunked get the same answer', async () => {
    ({ app, served } = await serveApp());
    const body = stopBody();
    expect(await post(served.port, '/webhook', [body])).toEqual({ status: 200, body: NO_SESSION });
    const half = Math.floor(body.length / 2);
    expect(await post(served.port, '/webhook', [body.slice(0, half), body.slice(half)], { chunked: true })).toEqual({ status: 200, body: NO_SESSION });
  });

  test('bad JSON is 400 on both paths, and the server keeps serving', async () => {
    ({ app, served } = await serveApp());
    const invalid = { status: 400, body: expect.objectContaining({ message: 'The request body is not valid JSON' }) };
    expect(await post(served.port, '/webhook', ['{"type":'])).toEqual(invalid);
    expect(await post(served.port, '/webhook', ['{"type":', '"stop'], { chunked: true })).toEqual(invalid);
    expect(await post(served.port, '/webhook', [stopBody()])).toEqual({ status: 200, body: NO_SESSION });
  });

  test('bodyLimit: a declared length over it is 413 before the body is read; a chunked body over it is 413 too', async () => {
    ({ app, served } = await serveApp({ bodyLimit: 200 }));
    const big = JSON.stringify({ type: 'stop_request', sessionId: 'x', userId: 'ada@example.com', pad: 'p'.repeat(300) });
    const tooLarge = { status: 413, body: expect.objectContaining({ message: 'The request body is too large (limit 200 bytes)' }) };
    expect(await post(served.port, '/webhook', [big])).toEqual(tooLarge);
    expect(await post(served.port, '/webhook', [big.slice(0, 150), big.slice(150)], { chunked: true })).toEqual(tooLarge);
    expect(await post(served.port, '/settings', [big])).toEqual(tooLarge);
    // At the limit exactly, the body is read.
    const exact = JSON.stringify({ type: 'stop_request', sessionId: 'x', userId: 'u', pad: '' });
    const padded = exact.replace('"pad":""', `"pad":"${'p'.repeat(200 - exact.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(200);
    expect(await post(served.port, '/webhook', [padded])).toEqual({ status: 200, body: NO_SESSION });
  });

  test('webhookSecret: the header is required and checked on the lane', async () => {
    ({ app, served } = await serveApp({ webhookSecret: 'the-shared-webhook-secret' }));
    const missing = await post(served.port, '/webhook', [stopBody()]);
    expect(missing.status).toBe(401);
    expect(missing.body.message).toMatch(/Missing the .* header/);
    const wrong = await post(served.port, '/webhook', [stopBody()], { headers: { [WEBHOOK_SECRET_HEADER]: 'another-secret-value' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/does not match/);
    expect(await post(served.port, '/webhook', [stopBody()], { headers: { [WEBHOOK_SECRET_HEADER]: 'the-shared-webhook-secret' } })).toEqual({
      status: 200,
      body: NO_SESSION,
    });
  });

  test('/settings reads its body on both paths', async () => {
    ({ app, served } = await serveApp());
    const noUser = JSON.stringify({ settings: [] });
    const first = await post(served.port, '/settings', [noUser]);
    expect(first.status).toBe(400);
    expect(await post(served.port, '/settings', [noUser.slice(0, 5), noUser.slice(5)], { chunked: true })).toEqual(first);
  });
});
