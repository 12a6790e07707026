/**
 * The Hono `AppServer` end to end: the test cloud serves its `fetch` handler on a loopback port, sends real
 * webhooks, and the session runs on the same engine as the Express facade.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { AppServer, type AppServerConfig, validateToken } from '../../src/hono';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { captureLogger, eventually } from '../helpers/apps';
import { HonoEcho, honoConfig, request } from './helpers';

describe('the Hono AppServer and several instances', () => {
  const warnings = (config: Partial<AppServerConfig>) => {
    const logger = captureLogger();
    new AppServer(honoConfig({ logger, ...config }));
    return logger.lines.filter((l) => l.level === 'warn' && l.text.includes('single instance')).length;
  };
  const saved = { redis: process.env.MENTRAOS_REDIS_URL, instance: process.env.MENTRAOS_INSTANCE_URL };
  afterEach(() => {
    for (const [name, value] of [
      ['MENTRAOS_REDIS_URL', saved.redis],
      ['MENTRAOS_INSTANCE_URL', saved.instance],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  test('it runs as one instance: "cluster", or both variables, get a warning at construction; cluster: false, or one variable, none', () => {
    delete process.env.MENTRAOS_REDIS_URL;
    delete process.env.MENTRAOS_INSTANCE_URL;
    expect(warnings({})).toBe(0);
    expect(warnings({ cluster: { redisUrl: 'redis://127.0.0.1:6379', instanceUrl: 'http://127.0.0.1:7010' } })).toBe(1);
    process.env.MENTRAOS_REDIS_URL = 'redis://127.0.0.1:6379';
    expect(warnings({})).toBe(0);
    process.env.MENTRAOS_INSTANCE_URL = 'http://127.0.0.1:7010';
    expect(warnings({})).toBe(1);
    expect(warnings({ cluster: false })).toBe(0);
  });
});

describe('Hono AppServer with the test cloud', () => {
  let cloud: TestCloud;
  beforeEach(async () => {
    cloud = await createTestCloud();
  });
  afterEach(async () => {
    await cloud.close();
  });

  test('startSession({ app }) serves app.fetch; events and displays flow; stop_request ends the session once', async () => {
    const app = new HonoEcho(honoConfig());
    await app.start();
    try {
      const user = await cloud.startSession({ app, userId: 'hono@example.com' });
      await user.transcribe('hello hono');
      await user.waitForDisplay('echo: hello hono');
      await user.stop();
      await eventually(() => app.stops.length === 1, 20_000, 'onStop');
      expect(app.stops[0]).toMatchObject({ userId: 'hono@example.com' });
    } finally {
      await app.stop();
    }
    expect(app.stops).toHaveLength(1);
  });

  test('stop() ends every live session with server_shutdown and does not exit the process', async () => {
    const app = new HonoEcho(honoConfig());
    await app.start();
    await cloud.startSession({ app, userId: 'a@example.com' });
    await cloud.startSession({ app, userId: 'b@example.com' });
    await eventually(() => app.sessions.length === 2, 20_000, 'two sessions');
    await app.stop();
    expect(app.stops.map((s) => s.reason).sort()).toEqual(['server_shutdown', 'server_shutdown']);
    await eventually(() => cloud.openConnections === 0, 20_000, 'sockets closed');
  });

  test("the app's own Hono router mounted with route() coexists with the SDK's routes", async () => {
    const app = new HonoEcho(honoConfig());
    const api = new Hono();
    api.get('/hello', (c) => c.json({ hello: c.req.query('name') ?? 'world' }));
    app.route('/api', api);
    app.get('/webhook', (c) => c.text('never reached for POST'));
    await app.start();
    try {
      expect(await (await request(app, '/api/hello?name=ada')).json()).toEqual({ hello: 'ada' });
      const user = await cloud.startSession({ app });
      expect(user.webhookResponse?.status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  test('the app-level ping of 3.0.0-hono.8 is on by default (here every 100 ms); appPing: false turns it off', async () => {
    const on = new HonoEcho(honoConfig({ pingIntervalMs: 100 }));
    const off = new HonoEcho(honoConfig({ pingIntervalMs: 100, appPing: false, packageName: 'com.example.quiet' }));
    await on.start();
    await off.start();
    try {
      const pinging = await cloud.startSession({ app: on, userId: 'on@example.com' });
      const quiet = await cloud.startSession({ app: off, userId: 'off@example.com' });
      await pinging.waitFor(() => pinging.sent('ping')[1], 20_000, 'two app pings');
      // The quiet app's liveness pings ran as often (WebSocket pings, not messages); none of its messages is a ping.
      expect(quiet.sent('ping')).toEqual([]);
    } finally {
      await on.stop();
      await off.stop();
    }
  });

  test('fetch works unbound, getHonoApp() is the server, start() does not listen', async () => {
    const port = await freePort();
    const app = new AppServer(honoConfig({ port }));
    await app.start();
    try {
      // Nothing bound the configured port: the app can serve fetch on it itself.
      await new Promise<void>((resolve, reject) => {
        const probe = createServer().once('error', reject);
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
      });
      const { fetch } = app;
      const res = await fetch(new Request('http://x/health'));
      expect(await res.json()).toEqual({ status: 'healthy', app: 'com.example.hono', activeSessions: 0 });
      expect(app.getHonoApp()).toBe(app);
      await expect(app.start()).rejects.toMatchObject({ code: 'invalid_argument' });
    } finally {
      await app.stop();
    }
  });
});

test('addCleanupHandler runs once at stop(); generateToken signs {userId, packageName, sessionId}', async () => {
  let cleaned = 0;
  class WithCleanup extends AppServer {
    constructor() {
      super(honoConfig());
      this.addCleanupHandler(() => void cleaned++);
    }
    token(): string {
      return this.generateToken('ada@example.com', 's-1', 'a-token-secret');
    }
  }
  const app = new WithCleanup();
  await app.start();
  expect(validateToken(app.token(), 'a-token-secret')).toMatchObject({
    valid: true,
    payload: { userId: 'ada@example.com', packageName: 'com.example.hono', sessionId: 's-1' },
  });
  await Promise.all([app.stop(), app.stop()]);
  expect(cleaned).toBe(1);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
