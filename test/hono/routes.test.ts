/**
 * The SDK's routes on the Hono `AppServer`, with 3.0.0-hono's paths, bodies and status codes; requests go
 * through `app.fetch` (as `Bun.serve` calls it) or through the test cloud over a real loopback socket.
 */
import crypto from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppServer, type AppSession, type ToolCall } from '../../src/hono';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { eventually } from '../helpers/apps';
import { API_KEY, HonoEcho, honoConfig, request } from './helpers';

const KEY_HASH = crypto.createHash('sha256').update(API_KEY).digest('hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

class ToolApp extends HonoEcho {
  readonly calls: ToolCall[] = [];
  protected override async onToolCall(toolCall: ToolCall): Promise<string | undefined> {
    this.calls.push(toolCall);
    return `weather in ${String(toolCall.toolParameters.city)}`;
  }
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('Hono routes through app.fetch', () => {
  let app: ToolApp;
  beforeEach(async () => {
    app = new ToolApp(honoConfig());
    await app.start();
  });
  afterEach(async () => {
    await app.stop();
  });

  test('POST /webhook: an unknown type is 400; a body without Content-Type is still read as JSON', async () => {
    const res = await request(app, '/webhook', { method: 'POST', body: JSON.stringify({ type: 'nonsense' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 'error' });
    const bad = await request(app, '/webhook', { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
  });

  test('GET /tool answers the greeting; POST /tool needs the signature, then runs onToolCall', async () => {
    expect(await (await request(app, '/tool')).json()).toEqual({ status: 'success', reply: 'Hello, world!' });
    const call = { toolId: 'weather', toolParameters: { city: 'Paris' }, timestamp: new Date().toISOString(), userId: 'u@example.com' };
    const unsigned = await request(app, '/tool', json(call));
    expect(unsigned.status).toBe(401);
    const signed = await request(app, '/tool', json(call, { 'X-App-API-Key': KEY_HASH }));
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ status: 'success', reply: 'weather in Paris' });
    expect(app.calls[0]).toMatchObject({ toolId: 'weather', userId: 'u@example.com', activeSession: null });
  });

  test('POST /settings: 400 without a user and settings, 200 with sessionsUpdated', async () => {
    expect((await request(app, '/settings', json({}))).status).toBe(400);
    const ok = await request(app, '/settings', json({ userIdForSettings: 'nobody@example.com', settings: [{ key: 'k', value: 1 }] }));
    expect(await ok.json()).toEqual({ status: 'success', message: 'Settings updated successfully', sessionsUpdated: 0 });
  });

  test('POST /photo-upload: 400 without requestId, 404 for a request that is not pending', async () => {
    const form = new FormData();
    form.append('type', 'photo_response');
    expect((await request(app, '/photo-upload', { method: 'POST', body: form })).status).toBe(400);
    form.append('requestId', 'photo_req_unknown');
    const res = await request(app, '/photo-upload', { method: 'POST', body: form });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ success: false });
  });

  test('GET /health, GET /mentra-auth (302 to the account page), unknown paths 404', async () => {
    expect(await (await request(app, '/health')).json()).toEqual({ status: 'healthy', app: 'com.example.hono', activeSessions: 0 });
    const auth = await request(app, '/mentra-auth');
    expect(auth.status).toBe(302);
    expect(auth.headers.get('location')).toBe('https://account.mentra.glass/auth?packagename=com.example.hono');
    expect((await request(app, '/nothing-here')).status).toBe(404);
  });
});

describe('Hono routes: options', () => {
  test('webhookPath: a custom path is used; an empty one falls back to /webhook', async () => {
    const custom = new AppServer(honoConfig({ webhookPath: '/hooks/mentra' }));
    const empty = new AppServer(honoConfig({ webhookPath: '' }));
    const probe = { type: 'nonsense' };
    expect((await request(custom, '/hooks/mentra', json(probe))).status).toBe(400);
    expect((await request(custom, '/webhook', json(probe))).status).toBe(404);
    expect((await request(empty, '/webhook', json(probe))).status).toBe(400);
  });

  test('publicDir is served without hono/bun; healthCheck: false removes /health', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hono-public-'));
    writeFileSync(path.join(dir, 'index.html'), '<h1>hi</h1>');
    writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
    const app = new AppServer(honoConfig({ publicDir: dir, healthCheck: false }));
    expect(await (await request(app, '/app.js')).text()).toBe('console.log(1)');
    expect(await (await request(app, '/')).text()).toBe('<h1>hi</h1>');
    expect((await request(app, '/../etc/passwd')).status).toBe(404);
    expect((await request(app, '/health')).status).toBe(404);
  });

  test('getExpressApp() returns the Hono app with one coded deprecation warning', () => {
    const app = new AppServer(honoConfig());
    const warnings: Array<{ code?: string; message: string }> = [];
    const original = process.emitWarning;
    process.emitWarning = ((w: string, o: { code?: string }) => void warnings.push({ message: w, code: o?.code })) as typeof process.emitWarning;
    try {
      expect(app.getExpressApp()).toBe(app);
      expect(app.getExpressApp()).toBe(app);
    } finally {
      process.emitWarning = original;
    }
    expect(warnings).toEqual([{ code: 'MENTRAOS_DEP070', message: expect.stringContaining('getHonoApp') }]);
  });

  test('a short API key without cookieSecret is refused as in 3.x; a cookieSecret fixes it', () => {
    expect(() => new AppServer(honoConfig({ apiKey: 'short' }))).toThrow(/at least 8 characters/);
    expect(() => new AppServer(honoConfig({ apiKey: 'short', cookieSecret: 'a-long-enough-secret' }))).not.toThrow();
  });
});

test('under @hono/node-server the webhook body is read from the socket: bad JSON 400, an unknown type 400', async () => {
  const { serve } = await import('@hono/node-server');
  const app = new AppServer(honoConfig());
  const server = await new Promise<{ port: number; close(): void }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ port: info.port, close: () => s.close() }));
  });
  try {
    const post = (body: string) => fetch(`http://127.0.0.1:${server.port}/webhook`, { method: 'POST', body });
    const bad = await post('{not json');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: 'The request body is not valid JSON' });
    expect((await post(JSON.stringify({ type: 'nonsense' }))).status).toBe(400);
  } finally {
    server.close();
  }
});

describe('Hono routes with the test cloud', () => {
  let cloud: TestCloud;
  beforeEach(async () => {
    cloud = await createTestCloud();
  });
  afterEach(async () => {
    await cloud.close();
  });

  test('a photo uploaded to /photo-upload resolves requestPhoto(); an error report with no file rejects it', async () => {
    const app = new HonoEcho(honoConfig());
    await app.start();
    try {
      const user = await cloud.startSession({ app });
      await eventually(() => app.sessions.length === 1, 20_000, 'onSession');
      const session: AppSession = app.sessions[0]!;
      const photo = session.camera.requestPhoto();
      const req = await user.waitFor(() => user.sent('photo_request')[0], 20_000, 'photo_request');
      const answer = await user.answerPhoto(req.requestId, { image: JPEG, mimeType: 'image/jpeg', filename: 'shot.jpg' });
      expect(answer).toMatchObject({ status: 200, body: { success: true, requestId: req.requestId } });
      const data = await photo;
      expect(Buffer.compare(data.buffer, JPEG)).toBe(0);
      expect(data).toMatchObject({ mimeType: 'image/jpeg', filename: 'shot.jpg', requestId: req.requestId });

      const failing = session.camera.requestPhoto().catch((e: unknown) => e);
      const req2 = await user.waitFor(() => user.sent('photo_request')[1], 20_000, 'second photo_request');
      await user.answerPhoto(req2.requestId, { error: { code: 'CAMERA_BUSY', message: 'busy' } });
      expect(await failing).toMatchObject({ code: 'photo_error' });
    } finally {
      await app.stop();
    }
  });

  test('maxPhotoBytes: a photo of exactly the limit is taken, one byte more is refused with 413 (as on the Express AppServer)', async () => {
    const app = new HonoEcho(honoConfig({ maxPhotoBytes: 16 }));
    await app.start();
    try {
      const user = await cloud.startSession({ app });
      await eventually(() => app.sessions.length === 1, 20_000, 'onSession');
      for (const [i, size, status] of [
        [0, 17, 413],
        [1, 16, 200],
      ]) {
        const photo = app.sessions[0]!.camera.requestPhoto().catch((e: unknown) => e);
        const req = await user.waitFor(() => user.sent('photo_request')[i!], 20_000, 'photo_request');
        expect((await user.answerPhoto(req.requestId, { image: Buffer.alloc(size!, 1) }))?.status).toBe(status);
        expect(await photo).toMatchObject(status === 200 ? { size } : { code: 'photo_too_large' });
      }
    } finally {
      await app.stop();
    }
  });

  test('an upload with a photo file counts as success even when success is "false" (3.0.0-hono rule)', async () => {
    const app = new HonoEcho(honoConfig());
    await app.start();
    try {
      const user = await cloud.startSession({ app });
      await eventually(() => app.sessions.length === 1, 20_000, 'onSession');
      const photo = app.sessions[0]!.camera.requestPhoto();
      const req = await user.waitFor(() => user.sent('photo_request')[0], 20_000, 'photo_request');
      const answer = await user.uploadPhoto({
        fields: { requestId: req.requestId, success: 'false' },
        file: { data: JPEG, mimeType: 'image/jpeg', filename: 'late.jpg' },
      });
      expect(answer.status).toBe(200);
      expect((await photo).filename).toBe('late.jpg');
    } finally {
      await app.stop();
    }
  });
});

describe('what no route takes', () => {
  test('a JSON 404 naming the request, a JSON 405 with Allow for a wrong method on an SDK path; healthCheck: false leaves /health unserved', async () => {
    const app = new HonoEcho(honoConfig({ healthCheck: false }));
    const nothing = await request(app, '/nope/here?x=1', { method: 'DELETE' });
    expect(nothing.status).toBe(404);
    expect(await nothing.json()).toEqual({ status: 'error', message: 'Nothing is served at DELETE /nope/here' });
    const wrong = await request(app, '/settings');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(await wrong.json()).toEqual({ status: 'error', message: 'GET is not allowed on /settings (allowed: POST)' });
    const health = await request(app, '/health');
    expect(health.status).toBe(404);
    expect(await health.json()).toEqual({ status: 'error', message: 'Nothing is served at GET /health' });
  });

  test("an app's own notFound replaces the SDK's", async () => {
    const app = new HonoEcho(honoConfig());
    app.notFound((c) => c.text('mine', 404));
    const res = await request(app, '/nope');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('mine');
  });
});
