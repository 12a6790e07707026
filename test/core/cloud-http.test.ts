/**
 * A session's HTTP calls to its cloud (`src/core/session/cloud-http.ts`), against a real HTTP server on
 * 127.0.0.1: the base URL derived from the WebSocket URL, what goes on the wire (headers, body), the trust
 * check before any credential is sent, and the typed errors of every failure with their messages.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSdkError } from '../../src/core/errors';
import { sdkRejection } from '../helpers/modules';
import { type CloudTarget, cloudFetch, cloudHttpBase, cloudRequest, credentialedFetch, readJson } from '../../src/core/session/cloud-http';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
/** How the server answers the next requests (default: 200 with a JSON object). */
let reply: (res: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      reply(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
  reply = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});

/** A session's view of the local server as its cloud, trusted as a listed loopback host. */
function target(extra: Partial<CloudTarget> = {}): CloudTarget {
  return { url: `${base.replace('http:', 'ws:')}/app-ws`, trustedCloudHosts: ['127.0.0.1'], cloudAuthorization: () => 'Bearer app:key', ...extra };
}

/** A port nothing listens on (a server that was just closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('cloudHttpBase: the HTTP base of a WebSocket URL', () => {
  test.each([
    ['ws://127.0.0.1:8002/app-ws', 'http://127.0.0.1:8002'],
    ['wss://api.mentra.glass/tpa-ws/', 'https://api.mentra.glass'],
    ['wss://cloud.example.com/base/app-ws?token=1#x', 'https://cloud.example.com/base'],
    ['wss://cloud.example.com/app-ws-next', 'https://cloud.example.com/app-ws-next'],
    ['wss://cloud.example.com/other', 'https://cloud.example.com/other'],
    ['http://cloud.example.com/app-ws', 'http://cloud.example.com'],
    ['https://cloud.example.com', 'https://cloud.example.com'],
  ])('%s -> %s', (ws, http) => {
    expect(cloudHttpBase(ws)).toBe(http);
  });
});

describe('cloudFetch: one authenticated request', () => {
  test('a GET carries the authorization and accepts JSON, with no body and no content type', async () => {
    const res = await cloudFetch(base, '/api/thing?x=1', 'Bearer app:key');
    expect(await readJson(res)).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/thing?x=1', body: '' });
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer app:key', accept: 'application/json' });
    expect(seen[0]!.headers['content-type']).toBeUndefined();
  });

  test('a body is sent as JSON with its content type', async () => {
    await cloudFetch(base, '/api/thing', 'Bearer t', { method: 'PUT', json: { a: [1, 'b'] } });
    expect(seen[0]).toMatchObject({ method: 'PUT', body: '{"a":[1,"b"]}' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
  });

  test('an unreachable cloud: cloud_unreachable naming the method, the origin, the path without its query and why', async () => {
    const port = await closedPort();
    const err = await sdkRejection(cloudFetch(`http://127.0.0.1:${port}`, '/api/x?secret=1', 'Bearer t'), 'cloud_unreachable');
    expect(err.code).toBe('cloud_unreachable');
    expect(err.message).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/api/x failed: .*ECONNREFUSED`));
    expect(err.cause).toBeDefined();
  });

  test('a cloud that does not answer in time: cloud_unreachable saying it timed out', async () => {
    reply = () => undefined; // never answers
    const err = await sdkRejection(cloudFetch(base, '/api/slow', 'Bearer t', { method: 'POST', json: {}, timeoutMs: 200 }), 'cloud_unreachable');
    expect(err.code).toBe('cloud_unreachable');
    expect(err.message).toBe(`POST ${base}/api/slow failed: timed out`);
  });

  test('readJson gives undefined for a body that is not JSON', async () => {
    reply = (res) => res.writeHead(200).end('not json');
    expect(await readJson(await cloudFetch(base, '/', 'Bearer t'))).toBeUndefined();
  });
});

describe('credentialedFetch: only to a trusted cloud', () => {
  test('an untrusted URL: cloud_unreachable saying why, and nothing is sent', async () => {
    const err = await sdkRejection(credentialedFetch({ url: `${base.replace('http:', 'ws:')}/app-ws` }, '/api/kv?k=1', 'Bearer app:key'), 'cloud_unreachable');
    expect(err.code).toBe('cloud_unreachable');
    expect(err.message).toBe(
      'GET /api/kv: Refused to send the app\'s credentials: host "127.0.0.1" is not a trusted cloud; add it to trustedCloudHosts or MENTRAOS_TRUSTED_HOSTS if you run that cloud',
    );
    const put = await sdkRejection(credentialedFetch({ url: 'not a url' }, '/api/kv', 'Bearer app:key', { method: 'PUT', json: {} }), 'cloud_unreachable');
    expect(put.message).toBe("PUT /api/kv: Refused to send the app's credentials: the WebSocket URL is not a valid URL");
    expect(seen).toEqual([]);
  });

  test("a trusted URL gets the request at its cloud's base", async () => {
    await credentialedFetch(target(), '/api/kv', 'Bearer app:key', { method: 'DELETE' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: '/api/kv' });
  });
});

describe("cloudRequest: one JSON call to the session's cloud", () => {
  const ask = (t: CloudTarget, extra: Record<string, unknown> = {}) =>
    cloudRequest<unknown>(t, { method: 'POST', path: '/api/q', authorization: 'api-key', body: { q: 1 }, what: 'Asking', ...extra });

  test("resolves the parsed answer; 'api-key' sends the session's authorization, any other value as it is", async () => {
    expect(await ask(target())).toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/q', body: '{"q":1}' });
    expect(seen[0]!.headers.authorization).toBe('Bearer app:key');
    await ask(target(), { authorization: 'Bearer user-token', method: 'GET', body: undefined });
    expect(seen[1]).toMatchObject({ method: 'GET', body: '' });
    expect(seen[1]!.headers.authorization).toBe('Bearer user-token');
  });

  test('an untrusted URL: cloud_request_failed saying why, nothing sent', async () => {
    const err = await sdkRejection(ask(target({ trustedCloudHosts: [] })), 'cloud_request_failed');
    expect(err.code).toBe('cloud_request_failed');
    expect(err.message).toMatch(/^Asking: Refused to send the app's credentials: host "127\.0\.0\.1" is not a trusted cloud/);
    expect(seen).toEqual([]);
  });

  test('a path that leaves the cloud: invalid_argument, nothing sent', async () => {
    const err = await sdkRejection(ask(target(), { path: '@evil.example/api' }), 'invalid_argument');
    expect(err.code).toBe('invalid_argument');
    expect(err.message).toBe("Refused Asking: the path leaves the session's cloud");
    expect(seen).toEqual([]);
  });

  test('an HTTP error: cloud_request_failed with the status and the first 200 characters of the answer', async () => {
    const long = `{"error":"${'x'.repeat(300)}"}`;
    reply = (res) => res.writeHead(503).end(long);
    const err = await sdkRejection(ask(target()), 'cloud_request_failed');
    expect(err.code).toBe('cloud_request_failed');
    expect(err.message).toBe(`Asking at 127.0.0.1:${new URL(base).port} failed: HTTP 503 ${long.slice(0, 200)}`);
    expect(err.details).toEqual({ status: 503 });
  });

  test('an HTTP error with an empty answer ends at the status', async () => {
    reply = (res) => res.writeHead(404).end();
    const err = await sdkRejection(ask(target()), 'cloud_request_failed');
    expect(err.message).toBe(`Asking at 127.0.0.1:${new URL(base).port} failed: HTTP 404`);
  });

  test('an answer that is not JSON: cloud_request_failed with the status', async () => {
    reply = (res) => res.writeHead(200).end('<html>');
    const err = await sdkRejection(ask(target()), 'cloud_request_failed');
    expect(err.code).toBe('cloud_request_failed');
    expect(err.message).toBe(`Asking at 127.0.0.1:${new URL(base).port} answered something that is not JSON`);
    expect(err.details).toEqual({ status: 200 });
  });

  test('no answer in time: request_timeout, with the underlying error as cause', async () => {
    reply = () => undefined;
    const err = await sdkRejection(ask(target(), { timeoutMs: 200 }), 'request_timeout');
    expect(err.code).toBe('request_timeout');
    expect(err.message).toBe(`Asking at 127.0.0.1:${new URL(base).port} timed out`);
    expect(isSdkError(err.cause, 'cloud_unreachable')).toBe(true);
  });

  test('an unreachable cloud: cloud_request_failed saying why', async () => {
    const port = await closedPort();
    const err = await sdkRejection(ask(target({ url: `ws://127.0.0.1:${port}/app-ws` })), 'cloud_request_failed');
    expect(err.code).toBe('cloud_request_failed');
    expect(err.message).toMatch(new RegExp(`^Asking at 127\\.0\\.0\\.1:${port} failed: POST http://127\\.0\\.0\\.1:${port}/api/q failed: .*ECONNREFUSED`));
  });
});
