/**
 * Who may talk to the dev servers: loopback needs no auth, a token when given must be sent as a bearer
 * header, and any Origin other than the page's own (or a Host that is not this server) is refused, on the
 * control server and on the local cloud's own port.
 */
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { connectControl } from '../../src/testing/control-client';
import { accessPolicy } from '../../src/dev/access';
import { startControlServer } from '../../src/dev/control-server';
import { startRig, type Rig } from './rig';

const TOKEN = 'a-long-enough-control-token-0123';
let rig: Rig;
afterEach(() => rig?.close());

/** Tries a WebSocket upgrade with these headers; resolves with the HTTP status (101 when accepted). */
function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', (e) => (/Unexpected server response/.test(e.message) ? undefined : reject(e)));
  });
}

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a loopback control server (no token)', () => {
  beforeEach(async () => {
    rig = await startRig();
  });

  test('serves the page with a strict content security policy', async () => {
    const page = await get(rig.control.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toContain('MentraOS glasses simulator');
    for (const asset of ['/app.js', '/state.js', '/render.js', '/style.css']) expect((await get(rig.control.port, asset)).status).toBe(200);
    const missing = await get(rig.control.port, '/../package.json');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ status: 'error' });
    expect((await get(rig.control.port, '/', {}, 'POST')).status).toBe(405);
    expect((await get(rig.control.port, '/ws')).status).toBe(426);
  });

  test("refuses a foreign Origin on requests and upgrades; accepts the page's own", async () => {
    const port = rig.control.port;
    const foreign = await get(port, '/', { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).message).toMatch(/Origin "http:\/\/evil.example" is not the simulator page's own/);
    expect((await get(port, '/', { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    const ws = `${rig.control.wsUrl}?channel=control`;
    expect(await upgrade(ws, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade(ws, { origin: `http://localhost:${port + 1}` })).toBe(403);
    expect(await upgrade(ws, { origin: 'null' })).toBe(403);
    expect(await upgrade(ws, { origin: `http://127.0.0.1:${port}` })).toBe(101);
    expect(await upgrade(ws, { origin: `http://localhost:${port}` })).toBe(101);
    expect(await upgrade(ws, {})).toBe(101);
  });

  test('refuses a Host that is not this server (DNS rebinding) and unknown channels or paths', async () => {
    const port = rig.control.port;
    expect((await get(port, '/', { host: `rebind.example:${port}` })).status).toBe(403);
    expect(await upgrade(`${rig.control.wsUrl}?channel=control`, { host: `rebind.example:${port}` })).toBe(403);
    expect(await upgrade(`${rig.control.wsUrl}?channel=gossip`, {})).toBe(400);
    expect(await upgrade(`ws://127.0.0.1:${port}/other`, {})).toBe(404);
  });

  test("the local cloud's own port refuses any Origin (apps send none)", async () => {
    const cloudUrl = rig.dev.cloud.url;
    expect(await upgrade(cloudUrl, { origin: `http://127.0.0.1:${rig.control.port}` })).toBe(403);
    const port = Number(new URL(cloudUrl).port);
    expect((await get(port, '/', { origin: 'http://evil.example' })).status).toBe(403);
  });
});

describe('a control server with a token', () => {
  beforeEach(async () => {
    rig = await startRig({ token: TOKEN });
  });

  test('requires "Authorization: Bearer <token>" from controllers', async () => {
    await expect(connectControl(rig.control.wsUrl)).rejects.toMatchObject({ code: 'connection_refused', status: 401 });
    await expect(connectControl(rig.control.wsUrl, { token: `${TOKEN}x` })).rejects.toMatchObject({ status: 401 });
    expect(await upgrade(`${rig.control.wsUrl}?channel=stream`, { authorization: `Basic ${TOKEN}` })).toBe(401);
    const ctl = await connectControl(rig.control.wsUrl, { token: TOKEN });
    expect((await ctl.listUsers()).success).toBe(true);
    await ctl.close();
    // The Origin rule still holds with a valid token.
    expect(await upgrade(`${rig.control.wsUrl}?channel=control`, { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' })).toBe(403);
  });
});

test('a listener off loopback needs a token, and is refused before binding without one', async () => {
  expect(() => accessPolicy('0.0.0.0', 7077)).toThrow(/requires a token/);
  expect(() => accessPolicy('192.0.2.10', 7077)).toThrow(/--ws-auth/);
  const policy = accessPolicy('0.0.0.0', 7077, TOKEN);
  expect(policy.hosts).toBeNull();
  expect(policy.origins.has('http://127.0.0.1:7077')).toBe(true);
  expect(accessPolicy('127.0.0.1', 7077).hosts?.has('localhost:7077')).toBe(true);
  rig = await startRig();
  await expect(startControlServer({ dev: rig.dev, host: '192.0.2.10', port: 0 })).rejects.toThrow(/requires a token/);
});
