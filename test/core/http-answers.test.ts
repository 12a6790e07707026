/**
 * The JSON answers of the Express `AppServer` to requests it cannot serve, word for word, over real
 * connections: unknown paths, the wrong method on its own paths (with `Allow`), bodies it cannot read (each
 * kind), a route of the app that fails, a path the static files may not serve, and requests that are not HTTP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AppServer } from '../../src';
import { hostOf } from '../../src/app/server';
import { appConfig, captureLogger } from '../helpers/apps';

let app: AppServer;
let base: string;
let port: number;
let publicDir: string;
const logger = captureLogger();

beforeAll(async () => {
  publicDir = mkdtempSync(path.join(os.tmpdir(), 'answers-'));
  writeFileSync(path.join(publicDir, 'hello.txt'), 'hello');
  app = new AppServer(appConfig({ logger, publicDir, bodyLimit: 64 }));
  const routes = app.getExpressApp();
  routes.post('/echo', (req, res) => void res.json({ body: req.body }));
  routes.get('/boom', () => {
    throw new Error('route failed');
  });
  routes.all(/^\/gone/, () => {
    throw Object.assign(new Error('not here'), { statusCode: 404 });
  });
  routes.get('/forbidden', () => {
    throw Object.assign(new Error('no'), { status: 403 });
  });
  routes.get('/odd-status/:status', (req) => {
    throw Object.assign(new Error('odd'), { status: req.params.status === 'text' ? '418' : Number(req.params.status) });
  });
  routes.get('/long-reason', () => {
    throw Object.assign(new Error('r'.repeat(300)), { status: 400 });
  });
  routes.get('/no-message', () => {
    throw { status: 400 };
  });
  routes.get('/half', (_req, res) => {
    res.write('partial');
    throw new Error('failed after the answer began');
  });
  routes.get('/teapot', () => {
    throw Object.assign(new Error('short and stout'), { status: 418 });
  });
  await app.start();
  port = hostOf(app).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app.stop();
  rmSync(publicDir, { recursive: true, force: true });
});

/** One request on its own connection: status, the Allow header and the parsed body. */
function send(method: string, urlPath: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; allow: string | undefined; body: any }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false }, (res) => {
      res.on('error', reject);
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const refused = (status: number, message: string, allow?: string) => ({ status, allow, body: { status: 'error', message } });

test('unknown paths are 404 naming the method (cut at 10 characters) and the path', async () => {
  expect(await send('GET', '/nothing/here')).toEqual(refused(404, 'Nothing is served at GET /nothing/here'));
  expect(await send('UNSUBSCRIBE', '/x')).toEqual(refused(404, 'Nothing is served at UNSUBSCRIB /x'));
});

test("the wrong method on the SDK's own paths is 405 with Allow", async () => {
  expect(await send('DELETE', '/tool')).toEqual(refused(405, 'DELETE is not allowed on /tool (allowed: GET, POST)', 'GET, POST'));
  expect(await send('GET', '/settings')).toEqual(refused(405, 'GET is not allowed on /settings (allowed: POST)', 'POST'));
  expect(await send('POST', '/health')).toEqual(refused(405, 'POST is not allowed on /health (allowed: GET)', 'GET'));
  expect(await send('GET', '/photo-upload')).toEqual(refused(405, 'GET is not allowed on /photo-upload (allowed: POST)', 'POST'));
  expect(await send('GET', '/webhook')).toEqual(refused(405, 'GET is not allowed here: the cloud POSTs JSON to this path', 'POST'));
});

test('a webhook body that is not JSON is 415, naming its type (cut at 100 characters) or its absence', async () => {
  expect(await send('POST', '/webhook', 'x', { 'content-type': 'text/plain' })).toEqual(
    refused(415, 'The body must be JSON with Content-Type: application/json (got "text/plain")'),
  );
  expect(await send('POST', '/webhook', 'x')).toEqual(refused(415, 'The body must be JSON with Content-Type: application/json (got no Content-Type)'));
  const long = `text/${'x'.repeat(200)}`;
  expect((await send('POST', '/webhook', 'x', { 'content-type': long })).body.message).toBe(
    `The body must be JSON with Content-Type: application/json (got ${JSON.stringify(long.slice(0, 100))})`,
  );
});

test('each kind of unreadable body gets its own 4xx', async () => {
  const json = { 'content-type': 'application/json' };
  expect(await send('POST', '/echo', '{"a":', json)).toEqual(refused(400, 'The request body is not valid JSON'));
  expect(await send('POST', '/echo', JSON.stringify({ a: 'x'.repeat(100) }), json)).toEqual(refused(413, 'The request body is too large (limit 64 bytes)'));
  expect(await send('POST', '/echo', '{}', { ...json, 'content-encoding': 'br-nope' })).toEqual(
    refused(415, 'Bad request: unsupported content encoding "br-nope"'),
  );
  expect(await send('POST', '/echo', '{}', { 'content-type': 'application/json; charset=klingon' })).toEqual(
    refused(415, 'Bad request: unsupported charset "KLINGON"'),
  );
  expect(await send('POST', '/echo', '{"a":1}', json)).toEqual({ status: 200, allow: undefined, body: { body: { a: 1 } } });
});

test('a route of the app that throws is a logged 500; one that throws a 4xx keeps its status', async () => {
  logger.lines.length = 0;
  expect(await send('GET', '/boom')).toEqual(refused(500, 'Internal server error'));
  expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.text)).toEqual(['Request failed: route failed']);
  expect(await send('GET', '/teapot')).toEqual(refused(418, 'Bad request: short and stout'));
  expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);
});

test('a 4xx reason is cut at 200 characters, a missing one named; anything but a 4xx number is a 500', async () => {
  expect(await send('GET', '/long-reason')).toEqual(refused(400, `Bad request: ${'r'.repeat(200)}`));
  expect(await send('GET', '/no-message')).toEqual(refused(400, 'Bad request: unreadable body'));
  for (const status of ['302', '500', 'text']) expect((await send('GET', `/odd-status/${status}`)).status).toBe(500);
  expect((await send('GET', `/${'p'.repeat(300)}`)).body.message).toBe(`Nothing is served at GET /${'p'.repeat(199)}`);
});

test('a method longer than 10 characters is cut in every answer naming it', async () => {
  expect((await send('UNSUBSCRIBE', '/webhook')).body.message).toBe('UNSUBSCRIB is not allowed here: the cloud POSTs JSON to this path');
  expect((await send('UNSUBSCRIBE', '/tool')).body.message).toBe('UNSUBSCRIB is not allowed on /tool (allowed: GET, POST)');
  expect(await send('GET', `/gone/${'g'.repeat(300)}`)).toEqual(refused(404, `Nothing is served at GET /gone/${'g'.repeat(194)}`));
  expect(await send('UNSUBSCRIBE', '/gone')).toEqual(refused(404, 'Nothing is served at UNSUBSCRIB /gone'));
});

test('a route that fails after its answer began has its connection closed, not a second answer', async () => {
  await expect(send('GET', '/half')).rejects.toThrow();
  expect(await send('GET', '/gone')).toEqual(refused(404, 'Nothing is served at GET /gone'));
});

test('static files are served; a path that leaves the folder is not', async () => {
  const hello = await fetch(`${base}/hello.txt`);
  expect([hello.status, await hello.text()]).toEqual([200, 'hello']);
  expect(await send('GET', '/..%2fsecret')).toEqual(refused(404, 'Nothing is served at GET /..%2fsecret'));
});

test('an error carrying 404 or 403 (as static file middleware passes on) is answered as such', async () => {
  expect(await send('GET', '/gone')).toEqual(refused(404, 'Nothing is served at GET /gone'));
  expect(await send('GET', '/forbidden')).toEqual(refused(403, 'That path may not be served'));
});

test('a request that is not HTTP, or whose headers are too large, still gets a JSON answer', async () => {
  const raw = (text: string) =>
    new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text));
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (c) => (answer += c));
      socket.on('close', () => resolve(answer));
    });
  const notHttp = await raw('HELLO /webhook SMTP/9\r\n\r\n');
  expect(notHttp.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
  expect(notHttp.endsWith('{"status":"error","message":"The request is not valid HTTP"}')).toBe(true);
  const big = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  expect(big.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  expect(big.endsWith('{"status":"error","message":"The request headers are too large"}')).toBe(true);
});

test("an app's own error handler sees what its routes and the body parser pass on, as in the published SDK; the JSON answers are the fallback", async () => {
  const own = new AppServer(appConfig({ logger: captureLogger(), bodyLimit: 64 }));
  const routes = own.getExpressApp();
  routes.post('/mine', (req, res) => void res.json({ body: req.body }));
  routes.use((err: { type?: string; status?: number }, _req: unknown, res: { status(n: number): { send(t: string): void } }, _next: unknown) => {
    res.status(err.status ?? 500).send(`handled by the app: ${err.type ?? 'error'}`);
  });
  await own.start();
  try {
    const post = async (p: string, body: string) => {
      const res = await fetch(`http://127.0.0.1:${own.getPort()}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return [res.status, await res.text()];
    };
    expect(await post('/mine', '{"broken"')).toEqual([400, 'handled by the app: entity.parse.failed']);
    expect(await post('/mine', JSON.stringify({ pad: 'x'.repeat(100) }))).toEqual([413, 'handled by the app: entity.too.large']);
    expect(await post('/mine', '{"ok":1}')).toEqual([200, '{"body":{"ok":1}}']);
  } finally {
    await own.stop();
  }
});
