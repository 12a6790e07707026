/**
 * Redis going away and coming back, with two instances in this process configured through the `cluster`
 * option: each goes on alone (logging the outage once), and they share again once Redis answers.
 */
import crypto from 'node:crypto';
import { AppServer, type AppSession, type StopReason, type ToolCall } from '../../src';
import { freePort, createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { API_KEY, appConfig, captureLogger, eventually } from '../helpers/apps';
import { startRedis, type RedisServer } from '../helpers/redis';

const KEY_HASH = crypto.createHash('sha256').update(API_KEY).digest('hex');
const PREFIX = 'mentraos:com.example.app:';

class NamedApp extends AppServer {
  name = '';
  readonly stops: Array<[string, StopReason]> = [];
  protected override async onStop(sessionId: string, _userId: string, reason: StopReason): Promise<void> {
    this.stops.push([sessionId, reason]);
  }
  protected override async onSession(session: AppSession, sessionId: string): Promise<void> {
    session.layouts.showTextWall(`${sessionId} on ${this.name}`);
  }
  protected override async onToolCall(toolCall: ToolCall): Promise<string> {
    return `${this.name}:${toolCall.activeSession ? toolCall.activeSession.getSessionId() : 'none'}`;
  }
}

async function instance(name: string, redisUrl: string, ttlMs = 1200) {
  const port = await freePort();
  const logger = captureLogger();
  const app = new NamedApp(appConfig({ port, logger, cluster: { redisUrl, instanceUrl: `http://127.0.0.1:${port}`, ttlMs } }));
  app.name = name;
  await app.start();
  return { app, logger, port };
}

const lines = (logger: ReturnType<typeof captureLogger>, re: RegExp) => logger.lines.filter((l) => re.test(l.text));

async function tool(port: number, userId: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/tool`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-app-api-key': KEY_HASH },
    body: JSON.stringify({ toolId: 'who', userId, toolParameters: {} }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { reply: string }).reply;
}

describe('Redis unavailable', () => {
  let redis: RedisServer;
  let cloud: TestCloud;
  const apps: AppServer[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    await cloud?.close();
    await redis?.stop();
  });

  const start = async (app: NamedApp, userId: string): Promise<SimulatedUser> => {
    const user = await cloud.startSession({ app, userId });
    await user.waitForDisplay(`${user.sessionId} on ${app.name}`);
    return user;
  };

  test('each instance goes on alone, logs the outage once, and shares again when Redis returns', async () => {
    redis = await startRedis();
    cloud = await createTestCloud();
    const a = await instance('a', redis.url);
    const b = await instance('b', redis.url);
    apps.push(a.app, b.app);
    const early = await start(a.app, 'early@example.com');
    expect(await tool(b.port, early.userId)).toBe(`a:${early.sessionId}`);

    await redis.stop(false);
    await eventually(() => lines(b.logger, /Lost Redis/).length > 0, 5000, 'b to notice');
    // Sessions start, and calls are answered where they land, as on a single instance.
    const late = await start(b.app, 'late@example.com');
    for (let i = 0; i < 5; i++) expect(await tool(b.port, early.userId)).toBe('b:none');
    expect(await tool(b.port, late.userId)).toBe(`b:${late.sessionId}`);
    expect(await tool(a.port, early.userId)).toBe(`a:${early.sessionId}`);
    for (const { logger } of [a, b]) {
      expect(lines(logger, /Lost Redis/)).toHaveLength(1);
      expect(lines(logger, /Lost Redis/)[0]).toMatchObject({ level: 'error' });
    }

    // Redis comes back empty: both instances register their live sessions again.
    await redis.restart();
    await eventually(() => lines(a.logger, /reachable again/).length === 1 && lines(b.logger, /reachable again/).length === 1, 8000, 'both to reconnect');
    const until = Date.now() + 5000;
    while ((await redis.client.exists(`${PREFIX}s:${early.sessionId}`, `${PREFIX}s:${late.sessionId}`)) < 2 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await tool(b.port, early.userId)).toBe(`a:${early.sessionId}`);
    expect(await tool(a.port, late.userId)).toBe(`b:${late.sessionId}`);
    for (const { logger } of [a, b]) expect(lines(logger, /Lost Redis|Cannot reach/)).toHaveLength(1);
    await early.stop();
    await late.stop();
  });

  test('an instance that starts while Redis is down starts anyway, says so once, and joins when it answers', async () => {
    redis = await startRedis();
    cloud = await createTestCloud();
    await redis.stop(false);
    const a = await instance('a', redis.url);
    apps.push(a.app);
    expect(lines(a.logger, /Cannot reach Redis/)).toHaveLength(1);
    const user = await start(a.app, 'alone@example.com');
    expect(await tool(a.port, user.userId)).toBe(`a:${user.sessionId}`);
    await redis.restart();
    const b = await instance('b', redis.url);
    apps.push(b.app);
    await eventually(() => lines(a.logger, /reachable again/).length === 1, 8000, 'a to reconnect');
    const until = Date.now() + 5000;
    while (!(await redis.client.exists(`${PREFIX}u:${user.userId}`)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await tool(b.port, user.userId)).toBe(`a:${user.sessionId}`);
    expect(lines(a.logger, /Cannot reach|Lost Redis/)).toHaveLength(1);
    await user.stop();
  });

  test('a session started twice while Redis was away is settled when it returns: the newer copy stays', async () => {
    redis = await startRedis();
    cloud = await createTestCloud();
    const a = await instance('a', redis.url);
    const b = await instance('b', redis.url);
    apps.push(a.app, b.app);
    const first = await start(a.app, 'twice@example.com');
    await redis.stop(false);
    await eventually(() => lines(b.logger, /Lost Redis/).length > 0, 5000, 'b to notice');
    const second = await start(b.app, 'twice@example.com');
    await redis.restart();
    await eventually(() => !first.connected, 8000, 'the older copy to end');
    expect(a.app.stops).toEqual([[first.sessionId, 'replaced']]);
    expect(second.connected).toBe(true);
    expect(await tool(a.port, second.userId)).toBe(`b:${second.sessionId}`);
    await second.stop();
  });
});
