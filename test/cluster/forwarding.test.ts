/**
 * Details of forwarding between two instances in this process: what a forwarded webview request carries
 * and returns, streamed bodies, an owner that cannot be reached, and a too-large photo.
 */
import express from 'express';
import { createHash } from 'node:crypto';
import { AppServer, type AppSession, type AuthenticatedRequest, type ToolCall } from '../../src';
import { freePort, createTestCloud, type TestCloud } from '../../src/testing';
import { API_KEY, appConfig, captureLogger, eventually } from '../helpers/apps';
import { startRedis, type RedisServer } from '../helpers/redis';
import { frontendToken } from '../helpers/webview';

const PREFIX = 'mentraos:com.example.app:';

class WebApp extends AppServer {
  name = '';
  readonly sessions: AppSession[] = [];
  protected override async onSession(session: AppSession): Promise<void> {
    this.sessions.push(session);
  }
  protected override async onToolCall(call: ToolCall): Promise<unknown> {
    return { instance: this.name, session: call.activeSession?.getSessionId() ?? null };
  }
}

async function instance(name: string, redisUrl: string) {
  const port = await freePort();
  const logger = captureLogger();
  const app = new WebApp(appConfig({ port, logger, maxPhotoBytes: 64, cluster: { redisUrl, instanceUrl: `http://127.0.0.1:${port}` } }));
  app.name = name;
  const routes = app.getExpressApp();
  routes.post('/echo', (req, res) => {
    const r = req as AuthenticatedRequest;
    res.status(201).set('x-app', name).cookie('app_cookie', name);
    res.json({
      instance: name,
      user: r.authUserId ?? null,
      session: r.activeSession?.getSessionId() ?? null,
      body: req.body,
      query: req.query,
      forwardedFor: req.headers['x-forwarded-for'] ?? null,
    });
  });
  routes.put('/raw', express.text({ type: '*/*', limit: '1mb' }), (req, res) => {
    res.json({ instance: name, text: req.body, apiKeyHeader: req.headers['x-app-api-key'] ?? null });
  });
  await app.start();
  return { app, logger, port, base: `http://127.0.0.1:${port}` };
}

describe('forwarding between instances', () => {
  let redis: RedisServer;
  let cloud: TestCloud;
  let a: Awaited<ReturnType<typeof instance>>;
  let b: Awaited<ReturnType<typeof instance>>;
  beforeAll(async () => {
    redis = await startRedis();
    cloud = await createTestCloud();
    a = await instance('a', redis.url);
    b = await instance('b', redis.url);
  });
  afterAll(async () => {
    await a?.app.stop();
    await b?.app.stop();
    await cloud?.close();
    await redis?.stop();
  });

  const token = (userId: string) => encodeURIComponent(frontendToken(userId, API_KEY));

  test("a webview request keeps its method, query, JSON body and headers, and returns the owner's status, headers and cookies", async () => {
    const user = await cloud.startSession({ app: a.app, userId: 'echo@example.com' });
    const res = await fetch(`${b.base}/echo?aos_frontend_token=${token(user.userId)}&page=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ note: 'hello', n: [1, 2] }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-app')).toBe('a');
    const cookies = res.headers.getSetCookie();
    // one session cookie, from the instance the request landed on: the owner takes the forwarded user as is and sets none
    expect(cookies.filter((c) => c.startsWith('aos_session='))).toHaveLength(1);
    expect(cookies.some((c) => c.startsWith('app_cookie=a'))).toBe(true);
    expect(await res.json()).toEqual({
      instance: 'a',
      user: user.userId,
      session: user.sessionId,
      body: { note: 'hello', n: [1, 2] },
      query: { aos_frontend_token: frontendToken(user.userId, API_KEY), page: '2' },
      forwardedFor: expect.stringMatching(/^203\.0\.113\.9, (::ffff:)?127\.0\.0\.1$/),
    });
    await user.stop();
  });

  test('a tool call and a settings push for a user another instance holds are answered there', async () => {
    const user = await cloud.startSession({ app: a.app, userId: 'tools@example.com' });
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${b.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-app-api-key': createHash('sha256').update(API_KEY).digest('hex') },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    expect(await post('/tool', { toolId: 'where', userId: user.userId })).toEqual({
      status: 200,
      body: { status: 'success', reply: { instance: 'a', session: user.sessionId } },
    });
    expect(await post('/tool', { toolId: 'where', userId: 'nobody@example.com' })).toEqual({
      status: 200,
      body: { status: 'success', reply: { instance: 'b', session: null } },
    });
    const settings = [{ key: 'theme', value: 'dark' }];
    expect(await post('/settings', { userIdForSettings: user.userId, settings })).toMatchObject({ status: 200, body: { sessionsUpdated: 1 } });
    expect(await post('/settings', { userIdForSettings: 'nobody@example.com', settings })).toMatchObject({ status: 200, body: { sessionsUpdated: 0 } });
    await user.stop();
  });

  const postJson = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  test('a stop_request landing on an instance that does not hold the session ends it where it lives; one for no session is answered where it lands', async () => {
    const user = await cloud.startSession({ app: a.app, userId: 'stop-elsewhere@example.com' });
    const stop = { type: 'stop_request', sessionId: user.sessionId, userId: user.userId, reason: 'user_disabled' };
    expect(await postJson(`${b.base}/webhook`, stop)).toEqual({ status: 200, body: { status: 'success' } });
    await eventually(() => !user.connected, 10_000, 'the session on a to end');
    const nobody = { type: 'stop_request', sessionId: 'nobody-session', userId: 'nobody@example.com' };
    expect(await postJson(`${b.base}/webhook`, nobody)).toEqual({ status: 200, body: { status: 'success', message: 'No active session with that id' } });
  });

  test('a session_request for a session another instance holds is taken where it lands, and the other copy ends', async () => {
    const first = await cloud.startSession({ app: a.app, userId: 'moving@example.com' });
    const second = await cloud.startSession({ app: b.app, userId: first.userId });
    expect(second.sessionId).toBe(first.sessionId);
    await eventually(() => !first.connected, 10_000, 'the copy on a to end');
    await eventually(() => b.app.sessions.some((s) => s.getSessionId() === first.sessionId), 10_000, 'onSession on b');
    expect(a.app.sessions.filter((s) => s.getSessionId() === first.sessionId)).toHaveLength(1);
    expect(second.connected).toBe(true);
    await second.stop();
  });

  test("the SDK's own routes are never forwarded as a signed-in user's webview requests: each routes itself", async () => {
    const there = await cloud.startSession({ app: a.app, userId: 'signed-in@example.com' });
    const signedIn = `?aos_frontend_token=${token(there.userId)}`;
    const apiKeyHash = { 'x-app-api-key': createHash('sha256').update(API_KEY).digest('hex') };

    // a holds one session more than b here, so the answer tells which instance gave it
    const health = async (base: string, query = '') => (await fetch(`${base}/health${query}`)).json();
    expect(await health(a.base)).not.toEqual(await health(b.base));
    expect(await health(b.base, signedIn)).toEqual(await health(b.base));
    const here = await cloud.startSession({ app: b.app, userId: 'held-here@example.com' });
    expect(await postJson(`${b.base}/tool${signedIn}`, { toolId: 'where', userId: here.userId }, apiKeyHash)).toEqual({
      status: 200,
      body: { status: 'success', reply: { instance: 'b', session: here.sessionId } },
    });
    expect(await postJson(`${b.base}/settings${signedIn}`, { userIdForSettings: here.userId, settings: [{ key: 'k', value: 1 }] }, apiKeyHash)).toMatchObject({
      status: 200,
      body: { sessionsUpdated: 1 },
    });
    const stop = { type: 'stop_request', sessionId: here.sessionId, userId: here.userId };
    expect(await postJson(`${b.base}/webhook${signedIn}`, stop)).toEqual({ status: 200, body: { status: 'success' } });
    await eventually(() => !here.connected, 10_000, 'the session on b to end');
    expect(there.connected).toBe(true);
    await there.stop();
  });

  test("a body the SDK did not parse is streamed to the owner; the cloud's API-key header never travels between instances", async () => {
    const user = await cloud.startSession({ app: a.app, userId: 'raw@example.com' });
    const text = 'x'.repeat(200_000);
    const res = await fetch(`${b.base}/raw`, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${frontendToken(user.userId, API_KEY)}`, 'x-app-api-key': 'should-not-travel' },
      body: text,
    });
    expect(await res.json()).toEqual({ instance: 'a', text, apiKeyHeader: null });
    await user.stop();
  });

  test('an owner that cannot be reached: the request is answered here, its record dropped, and that is logged once', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    for (const userId of ['ghost1@example.com', 'ghost2@example.com']) {
      await redis.client.hset(`${PREFIX}u:${userId}`, 'i', 'deadinstance', 'u', dead, 't', 'tok', 'sid', `${userId}-s`);
    }
    for (const userId of ['ghost1@example.com', 'ghost2@example.com']) {
      const res = await fetch(`${b.base}/echo?aos_frontend_token=${token(userId)}`, { method: 'POST' });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ instance: 'b', user: userId, session: null });
    }
    await redis.untilGone([`${PREFIX}u:ghost1@example.com`]);
    expect(await redis.client.exists(`${PREFIX}u:ghost2@example.com`)).toBe(1);
    expect(b.logger.lines.filter((l) => /deadinstance .* is unreachable/.test(l.text))).toHaveLength(1);
    await redis.client.del(`${PREFIX}u:ghost2@example.com`);
  });

  test('a photo too large for the limit, uploaded to another instance, fails the right request with photo_too_large', async () => {
    const user = await cloud.startSession({ app: a.app, userId: 'bigphoto@example.com' });
    const session = a.app.sessions.find((s) => s.getSessionId() === user.sessionId)!;
    const photo = session.camera.requestPhoto().catch((e) => e);
    const req = await user.waitForMessage((m) => m.type === 'photo_request');
    user.routeTo(b.app);
    const answer = await user.answerPhoto(req.requestId, { image: Buffer.alloc(1000, 1) });
    expect(answer?.status).toBe(413);
    expect(await photo).toMatchObject({ code: 'photo_too_large' });
    await user.routeTo(a.app).stop();
  });

  test('a photo uploaded to another instance reaches the right request whole: bytes, type, name and error reports', async () => {
    const user = await cloud.startSession({ app: a.app, userId: 'farphoto@example.com' });
    const session = a.app.sessions.find((s) => s.getSessionId() === user.sessionId)!;
    const image = Buffer.from(Array.from({ length: 64 }, (_, i) => i));
    const photo = session.camera.requestPhoto();
    const req = await user.waitForMessage((m) => m.type === 'photo_request');
    user.routeTo(b.app);
    // The marker instances use between themselves is not taken from the glasses, even through another instance.
    const fields = { requestId: req.requestId, mentraos_forwarded_too_large: '1' };
    const answer = await user.uploadPhoto({ fields, file: { data: image, mimeType: 'image/png', filename: 'far.png' } });
    expect(answer).toEqual({ status: 200, body: { status: 'success', success: true, requestId: req.requestId, message: 'Photo received' } });
    const data = await photo;
    expect(data).toMatchObject({ mimeType: 'image/png', filename: 'far.png', size: 64, requestId: req.requestId });
    expect(Buffer.compare(data.buffer, image)).toBe(0);

    const failing = session.camera.requestPhoto().catch((e) => e);
    const req2 = await user.waitForMessage((m) => m.type === 'photo_request' && m.requestId !== req.requestId);
    await user.uploadPhoto({ fields: { requestId: req2.requestId, type: 'photo_error', errorCode: 'CAMERA_BUSY', errorMessage: 'busy' } });
    expect(await failing).toMatchObject({ code: 'photo_error', details: { requestId: req2.requestId, errorCode: 'CAMERA_BUSY' } });
    expect(b.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    await user.routeTo(a.app).stop();
  });

  test('an instance that stops ends its sessions and removes their records at once, long before the TTL', async () => {
    const c = await instance('c', redis.url);
    const user = await cloud.startSession({ app: c.app, userId: 'leaving@example.com' });
    expect(await redis.client.hget(`${PREFIX}s:${user.sessionId}`, 'u')).toBe(c.base);
    await c.app.stop();
    await redis.untilGone([`${PREFIX}s:${user.sessionId}`, `${PREFIX}u:${user.userId}`]);
    const res = await fetch(`${a.base}/echo?aos_frontend_token=${token(user.userId)}`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ instance: 'a', session: null });
    expect(c.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  test('a cluster instance whose port is taken rejects start() with port_in_use and leaves Redis', async () => {
    const logger = captureLogger();
    const clients = async () =>
      String(await redis.client.client('LIST'))
        .split('\n')
        .filter((line) => line.includes('name=mentraos-')).length;
    const before = await clients();
    const app = new WebApp(appConfig({ port: a.port, logger, cluster: { redisUrl: redis.url, instanceUrl: a.base } }));
    await expect(app.start()).rejects.toMatchObject({ code: 'port_in_use' });
    const end = Date.now() + 3000;
    while ((await clients()) !== before && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(await clients()).toBe(before);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
