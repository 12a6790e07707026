/**
 * Every webhook the app must refuse: untrusted hosts, wrong schemes, a missing or wrong secret, malformed
 * bodies of every kind and a 2 MB body. Each answer is a 4xx JSON reason; each proves that the app made
 * no outgoing connection at all (no HTTP request, so no DNS lookup; no TCP socket; nothing reached the
 * decoy servers the URLs name) and that the server then still starts a real session.
 */
import { gzipSync } from 'node:zlib';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { WEBHOOK_SECRET_ENV } from '../../src/core/http/inbound';
import { EchoApp, appConfig, started } from '../helpers/apps';
import { RawConnection, countingServer, rawRequest, watchOutgoing, type RawRequest, type RawResponse } from '../helpers/wire';

const SECRET = 'webhook-secret-0123456789abcdef';
type Decoy = Awaited<ReturnType<typeof countingServer>>;

let cloud: TestCloud;
let app: EchoApp;
let decoy1: Decoy;
let decoy2: Decoy;
let served = 0;

beforeAll(async () => {
  [decoy1, decoy2] = await Promise.all([countingServer('127.0.0.1'), countingServer('127.0.0.2')]);
});
afterAll(async () => {
  await Promise.all([decoy1.close(), decoy2.close()]);
});

/** Sends one request on a connection opened beforehand and records every outgoing connection meanwhile. */
async function sendWatched(port: number, req: RawRequest): Promise<{ res: RawResponse; outgoing: string[] }> {
  const conn = await RawConnection.open(port);
  const watch = watchOutgoing();
  try {
    const res = await conn.send(req);
    await new Promise((r) => setImmediate(r));
    return { res, outgoing: [...watch.seen] };
  } finally {
    watch.stop();
  }
}

const json = (body: unknown, headers: Record<string, string> = {}): RawRequest => ({
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
});

async function expectRefusedAndStillServing(req: RawRequest, status: number, reason: RegExp, secretHeader?: Record<string, string>): Promise<void> {
  const before = decoy1.count() + decoy2.count();
  const { res, outgoing } = await sendWatched(app.getPort(), req);
  expect({ status: res.status, message: res.json?.message }).toEqual({ status, message: expect.stringMatching(reason) });
  expect(res.headers['content-type']).toContain('application/json');
  expect(res.json.status).toBe('error');
  expect(outgoing).toEqual([]);
  expect(decoy1.count() + decoy2.count()).toBe(before);
  expect(cloud.openConnections).toBe(served);
  // still serving: a real session starts and works
  const user = await cloud.startSession({ app, userId: `after-${served}@example.com`, headers: secretHeader });
  served++;
  await user.transcribe('still here');
  await user.waitForDisplay('echo: still here');
}

describe('webhooks naming a cloud the app does not trust', () => {
  beforeAll(async () => {
    cloud = await createTestCloud();
    app = await started(new EchoApp(appConfig({ trustedCloudHosts: ['cloud.internal.example'] })));
    served = 0;
  });
  afterAll(async () => {
    await app.stop();
    await cloud.close();
  });

  const session = (url: unknown) => ({
    type: 'session_request',
    sessionId: 'victim@example.com-com.example.app',
    userId: 'victim@example.com',
    mentraOSWebsocketUrl: url,
  });
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['a host that would need a DNS lookup', () => 'wss://cloud.attacker.example/app-ws', /host "cloud\.attacker\.example" is not a trusted cloud/],
    ['a look-alike of a cloud domain', () => 'wss://api.mentra.glass.attacker.example/app-ws', /not a trusted cloud/],
    ['127.0.0.2 when only 127.0.0.1 is listed', () => `ws://127.0.0.2:${decoy2.port}/app-ws`, /host "127\.0\.0\.2" is not a trusted cloud/],
    ['an IPv4-mapped IPv6 form of 127.0.0.1', () => `ws://[::ffff:127.0.0.1]:${decoy1.port}/app-ws`, /not a trusted cloud/],
    ['http:// to a trusted address', () => `http://127.0.0.1:${decoy1.port}/app-ws`, /must use wss:\/\/ \(got http:\/\/\)/],
    ['https:// to a cloud domain', () => 'https://api.mentra.glass/app-ws', /must use wss:\/\//],
    ['a file: URL', () => 'file:///etc/passwd', /must use wss:\/\//],
    ['ws:// to a cloud domain', () => 'ws://api.mentra.glass/app-ws', /must be reached over wss:\/\//],
    ['ws:// to a listed host that is not loopback', () => 'ws://cloud.internal.example/app-ws', /ws:\/\/ is allowed only for loopback/],
    ['credentials in the URL', () => `ws://user:pw@127.0.0.1:${decoy1.port}/app-ws`, /must not carry credentials/],
    ['not a URL', () => 'wss//api.mentra.glass', /not a valid URL/],
  ];

  test.each(cases)('%s: 403 with the reason, no connection, still serving', async (_name, url, reason) => {
    await expectRefusedAndStillServing(json(session(url())), 403, reason);
  });

  test('the refused webhook leaves a live session with the same id untouched', async () => {
    const user = await cloud.startSession({ app, userId: 'victim@example.com' });
    served++;
    const { res } = await sendWatched(app.getPort(), json(session('wss://cloud.attacker.example/app-ws')));
    expect(res.status).toBe(403);
    expect(user.connected).toBe(true);
    await user.transcribe('mine');
    await user.waitForDisplay('echo: mine');
    expect(app.seen.stops).toEqual([]);
  });
});

describe('malformed webhooks', () => {
  beforeAll(async () => {
    cloud = await createTestCloud();
    app = await started(new EchoApp(appConfig()));
    served = 0;
  });
  afterAll(async () => {
    await app.stop();
    await cloud.close();
  });

  const url = () => `ws://127.0.0.1:${decoy1.port}/app-ws`;
  const nested = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const cases: Array<[string, () => RawRequest, number, RegExp]> = [
    ['invalid JSON', () => json('{"type": "session_request",'), 400, /not valid JSON/],
    ['a bare JSON string', () => json('"session_request"'), 400, /not valid JSON/],
    ['a bare number', () => json('42'), 400, /not valid JSON/],
    ['null', () => json('null'), 400, /not valid JSON/],
    ['a JSON array', () => json('[{"type":"session_request"}]'), 400, /must be a JSON object/],
    ['an empty body', () => json(''), 400, /needs a string "type"/],
    ['an empty body without Content-Type', () => ({ body: '' }), 415, /Content-Type: application\/json \(got no Content-Type\)/],
    ['text/plain', () => ({ headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ type: 'session_request' }) }), 415, /got "text\/plain"/],
    ['a form body', () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=session_request' }), 415, /Content-Type/],
    ['multipart', () => ({ headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' }), 415, /Content-Type/],
    ['an unknown charset', () => ({ headers: { 'content-type': 'application/json; charset=klingon' }, body: '{}' }), 415, /unsupported charset/],
    [
      'gzip that is not gzip',
      () => ({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip at all' }),
      400,
      /Bad request/,
    ],
    [
      'an unsupported encoding',
      () => ({ headers: { 'content-type': 'application/json', 'content-encoding': 'zstd' }, body: '{}' }),
      415,
      /unsupported content encoding/,
    ],
    [
      'a huge number as sessionId',
      () => json(`{"type":"session_request","sessionId":1e999,"userId":"u","mentraOSWebsocketUrl":"${url()}"}`),
      400,
      /"sessionId"/,
    ],
    ['a huge number as type', () => json('{"type":123456789012345678901234567890}'), 400, /needs a string "type"/],
    ['fields of the wrong types', () => json({ type: 'session_request', sessionId: {}, userId: [], mentraOSWebsocketUrl: url() }), 400, /"sessionId"/],
    ['a URL that is not a string', () => json({ type: 'session_request', sessionId: 's', userId: 'u', mentraOSWebsocketUrl: 5 }), 400, /WebSocket URL/],
    ['an unknown type', () => json({ type: 'server_heartbeat', sessionId: 's', userId: 'u' }), 400, /Unknown webhook request type/],
    [
      'a prototype-pollution attempt',
      () => json(`{"__proto__":{"type":"session_request","sessionId":"s","userId":"u","mentraOSWebsocketUrl":"${url()}"}}`),
      400,
      /needs a string "type"/,
    ],
    ['10,000 levels of nested objects', () => json(nested(10_000)), 400, /needs a string "type"/],
    ['10,000 levels of nested arrays', () => json(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), 400, /must be a JSON object/],
    [
      'invalid UTF-8 in the structure',
      () => json(Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('{"type":"session_request"}')])),
      400,
      /not valid JSON/,
    ],
    [
      'invalid UTF-8 inside the URL',
      () =>
        json(
          Buffer.concat([
            Buffer.from('{"type":"session_request","sessionId":"s","userId":"u","mentraOSWebsocketUrl":"ws://'),
            Buffer.from([0xc3, 0x28, 0xff]),
            Buffer.from('/app-ws"}'),
          ]),
        ),
      403,
      /Refused/,
    ],
    ['a 2 MB body', () => json(JSON.stringify({ type: 'session_request', pad: 'x'.repeat(2 * 1024 * 1024) })), 413, /too large/],
    [
      'a 2 MB chunked body',
      () => ({ ...json(JSON.stringify({ type: 'session_request', pad: 'x'.repeat(2 * 1024 * 1024) })), chunked: true }),
      413,
      /too large/,
    ],
    ['a GET', () => ({ method: 'GET' }), 405, /GET is not allowed here/],
    ['a request that is not HTTP', () => ({ raw: 'HELLO /webhook SMTP/9\r\n\r\n' }), 400, /not valid HTTP/],
    ['headers of 100 kB', () => ({ headers: { 'content-type': 'application/json', 'x-pad': 'y'.repeat(100_000) }, body: '{}' }), 431, /headers are too large/],
  ];

  test.each(cases)('%s: 4xx JSON with a reason, no connection, still serving', async (_name, req, status, reason) => {
    await expectRefusedAndStillServing(req(), status, reason);
  });

  test('a body that never completes ties up only its own connection', async () => {
    const conn = await RawConnection.open(app.getPort());
    const stuck = conn.send({ raw: 'POST /webhook HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 30\r\n\r\n{"type":' }, 300);
    const user = await cloud.startSession({ app, userId: 'meanwhile@example.com' });
    served++;
    await user.transcribe('meanwhile');
    await user.waitForDisplay('echo: meanwhile');
    await expect(stuck).rejects.toThrow(/No complete answer/);
    expect(cloud.openConnections).toBe(served);
  });

  test('a gzip body is accepted like plain JSON (encodings are not malformed by themselves)', async () => {
    const res = await rawRequest(app.getPort(), {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ type: 'stop_request', sessionId: 'none', userId: 'u' })),
    });
    expect(res.status).toBe(200);
  });
});

describe('the webhook secret', () => {
  const header = { 'X-MentraOS-Webhook-Secret': SECRET };
  beforeAll(async () => {
    cloud = await createTestCloud({ webhookSecret: SECRET });
    app = await started(new EchoApp(appConfig({ webhookSecret: SECRET })));
    served = 0;
  });
  afterAll(async () => {
    await app.stop();
    await cloud.close();
  });

  const body = () => ({ type: 'session_request', sessionId: 'x-com.example.app', userId: 'x', mentraOSWebsocketUrl: cloud.url });
  test.each([
    ['missing', {}, /Missing the X-MentraOS-Webhook-Secret header/],
    ['empty', { 'X-MentraOS-Webhook-Secret': '' }, /Missing the X-MentraOS-Webhook-Secret header/],
    ['wrong, same length', { 'X-MentraOS-Webhook-Secret': SECRET.replace(/.$/, '!') }, /does not match/],
    ['wrong, shorter', { 'x-mentraos-webhook-secret': 'short' }, /does not match/],
    ['a prefix of the secret', { 'x-mentraos-webhook-secret': SECRET.slice(0, -1) }, /does not match/],
  ] as Array<[string, Record<string, string>, RegExp]>)('%s: 401, no connection (even to a trusted cloud), still serving', async (_name, headers, reason) => {
    await expectRefusedAndStillServing(json(body(), headers), 401, reason, header);
  });

  test('the secret is checked before the body: a 2 MB unauthenticated body is refused 401', async () => {
    await expectRefusedAndStillServing(json(JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) })), 401, /Missing/, header);
  });

  test('a stop_request without the secret cannot stop a session', async () => {
    const user = await cloud.startSession({ app, userId: 'kept@example.com' });
    served++;
    const res = await rawRequest(app.getPort(), json({ type: 'stop_request', sessionId: user.sessionId, userId: user.userId }));
    expect(res.status).toBe(401);
    expect(user.connected).toBe(true);
    const answer = await user.stop();
    served--;
    expect(answer.status).toBe(200);
    expect(app.seen.stops.map((s) => s.userId)).toEqual(['kept@example.com']);
  });

  test('the guard is one line for any route, and answers never echo the secret', async () => {
    const host = (await import('../../src/app/server')).hostOf(app);
    app.getExpressApp().post('/custom-cloud-call', host.verifyCloud, (_req, res) => void res.json({ status: 'success' }));
    const refused = await rawRequest(app.getPort(), { ...json({}, { 'x-mentraos-webhook-secret': 'nope' }), path: '/custom-cloud-call' });
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain(SECRET);
    const ok = await rawRequest(app.getPort(), { ...json({}, header), path: '/custom-cloud-call' });
    expect(ok.status).toBe(200);
  });
});

test(`${WEBHOOK_SECRET_ENV} configures the secret when the option is absent`, async () => {
  const before = process.env[WEBHOOK_SECRET_ENV];
  process.env[WEBHOOK_SECRET_ENV] = SECRET;
  const envCloud = await createTestCloud({ webhookSecret: SECRET });
  const envApp = await started(new EchoApp(appConfig()));
  try {
    const refused = await rawRequest(envApp.getPort(), json({ type: 'stop_request', sessionId: 's', userId: 'u' }));
    expect(refused.status).toBe(401);
    const user = await envCloud.startSession({ app: envApp });
    expect(user.connected).toBe(true);
  } finally {
    if (before === undefined) delete process.env[WEBHOOK_SECRET_ENV];
    else process.env[WEBHOOK_SECRET_ENV] = before;
    await envApp.stop();
    await envCloud.close();
  }
});

test('a webhookSecret shorter than 16 characters is a configuration error', () => {
  expect(() => new EchoApp(appConfig({ webhookSecret: 'short' }))).toThrow(/"webhookSecret" must be a string of at least 16 characters/);
});

test('a trustedCloudHosts entry with a scheme or a port is a configuration error', () => {
  expect(() => new EchoApp(appConfig({ trustedCloudHosts: ['wss://cloud.example.com'] }))).toThrow(/not a host name/);
  expect(() => new EchoApp(appConfig({ trustedCloudHosts: ['localhost:8002'] }))).toThrow(/has a port/);
  expect(() => new EchoApp(appConfig({ trustedCloudHosts: ['::1', '127.0.0.1', 'Cloud.Example.COM'] }))).not.toThrow();
});
