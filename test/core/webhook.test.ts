import http from 'node:http';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { EchoApp, appConfig, started, sleep } from '../helpers/apps';

async function post(port: number, body: string, contentType = 'application/json') {
  const res = await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: JSON.parse(text) };
}

describe('webhook intake', () => {
  let cloud: TestCloud;
  let app: EchoApp;
  beforeEach(async () => {
    cloud = await createTestCloud();
    app = await started(new EchoApp(appConfig()));
  });
  afterEach(async () => {
    await app.stop();
    await cloud.close();
  });

  const ws = () => cloud.url;
  const cases: Array<[string, () => string, number, RegExp]> = [
    ['invalid JSON', () => '{"type": "session_request",', 400, /not valid JSON/],
    ['a JSON array', () => '[1,2]', 400, /JSON object/],
    ['no type', () => '{"sessionId":"s"}', 400, /"type"/],
    ['unknown type', () => '{"type":"server_heartbeat","sessionId":"s","userId":"u"}', 400, /Unknown webhook request type/],
    ['missing sessionId', () => `{"type":"session_request","userId":"u","mentraOSWebsocketUrl":"${ws()}"}`, 400, /sessionId/],
    ['userId of the wrong type', () => `{"type":"session_request","sessionId":"s","userId":5,"mentraOSWebsocketUrl":"${ws()}"}`, 400, /userId/],
    [
      'an oversized sessionId',
      () => `{"type":"session_request","sessionId":"${'x'.repeat(600)}","userId":"u","mentraOSWebsocketUrl":"${ws()}"}`,
      400,
      /sessionId/,
    ],
    ['no WebSocket URL', () => '{"type":"session_request","sessionId":"s","userId":"u"}', 400, /WebSocket URL/],
    ['a body over the limit', () => JSON.stringify({ type: 'session_request', pad: 'x'.repeat(200_000) }), 413, /too large/],
  ];

  test.each(cases)('%s gets a 4xx JSON reason, no connection, and the server keeps serving', async (_name, body, status, reason) => {
    const res = await post(app.getPort(), body());
    expect(res.status).toBe(status);
    expect(res.contentType).toContain('application/json');
    expect(res.body.status).toBe('error');
    expect(res.body.message).toMatch(reason);
    await sleep(20);
    expect(cloud.openConnections).toBe(0);
    const user = await cloud.startSession({ app });
    await user.transcribe('still serving');
    await user.waitForDisplay('echo: still serving');
  });

  test.each(['augmentos', 'mentraos', 'mentraos-v3'] as const)('a %s cloud (its own webhook URL field and ack key) starts a session', async (dialect) => {
    const other = await createTestCloud({ dialect, systemSettings: { metricSystemEnabled: true } });
    try {
      const user = await other.startSession({ app, userId: `u-${dialect}` });
      const webhook = user.wire.find((r) => r.dir === 'webhook')!.msg;
      expect(Object.keys(webhook)).toContain({ augmentos: 'augmentOSWebsocketUrl', mentraos: 'mentraOSWebsocketUrl', 'mentraos-v3': 'websocketUrl' }[dialect]);
      expect(user.connected).toBe(true);
      const session = app.seen.sessions.find((s) => s.userId === `u-${dialect}`);
      await user.transcribe('hi');
      await user.waitForDisplay('echo: hi');
      expect(session?.settings.getMentraOS('metricSystemEnabled')).toBe(true);
    } finally {
      await other.close();
    }
  });

  test('a stop_request for an unknown session is answered 200 without calling onStop', async () => {
    const res = await post(app.getPort(), JSON.stringify({ type: 'stop_request', sessionId: 'nope', userId: 'u', reason: 'user_disabled' }));
    expect(res).toMatchObject({ status: 200, body: { status: 'success' } });
    expect(app.seen.stops).toHaveLength(0);
  });

  test('a stop_request whose userId does not own the session is refused and the session lives', async () => {
    const user = await cloud.startSession({ app });
    const res = await post(
      app.getPort(),
      JSON.stringify({ type: 'stop_request', sessionId: user.sessionId, userId: 'mallory@example.com', reason: 'user_disabled' }),
    );
    expect(res.status).toBe(400);
    expect(user.connected).toBe(true);
    expect(app.seen.stops).toHaveLength(0);
  });

  test('a raw socket sending garbage does not disturb the server', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: app.getPort(),
        method: 'POST',
        path: '/webhook',
        headers: { 'content-type': 'application/json', 'content-length': '5' },
      });
      req.on('error', () => resolve());
      req.on('response', (r) => {
        r.resume();
        resolve();
      });
      req.end('{{{{{');
    });
    const user = await cloud.startSession({ app });
    expect(user.connected).toBe(true);
  });
});

describe('trusted clouds', () => {
  test('a webhook naming an untrusted host is answered 403 and no connection is attempted', async () => {
    const cloud = await createTestCloud({ trustInProcess: false });
    const app = await started(new EchoApp(appConfig()));
    try {
      const user = await cloud.startSession({ app, allowFailure: true });
      expect(user.webhookResponse!.status).toBe(403);
      expect(user.webhookResponse!.body.message).toMatch(/not a trusted cloud/);
      await sleep(50);
      expect(user.wire.filter((r) => r.dir === 'app->cloud')).toHaveLength(0);
      expect(cloud.openConnections).toBe(0);
    } finally {
      await app.stop();
      await cloud.close();
    }
  });

  test('trustedCloudHosts admits a listed loopback address and nothing else', async () => {
    const cloud = await createTestCloud({ trustInProcess: false });
    const app = await started(new EchoApp(appConfig({ trustedCloudHosts: ['127.0.0.1'] })));
    try {
      const ok = await cloud.startSession({ app });
      expect(ok.connected).toBe(true);
      const other = await cloud.startSession({ app, userId: 'x@y.z', websocketUrl: cloud.url.replace('127.0.0.1', '127.0.0.2'), allowFailure: true });
      expect(other.webhookResponse!.status).toBe(403);
    } finally {
      await app.stop();
      await cloud.close();
    }
  });
});
