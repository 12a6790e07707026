/**
 * The session engine's side of the cluster, with two instances in this process sharing a real Redis: the
 * records a session and a photo request leave, how long they last, what a release message ends (and what it
 * does not), and a session stopped while its claim is still on its way to Redis.
 */
import Redis from 'ioredis';
import { freePort, createTestCloud, type TestCloud } from '../../src/testing';
import type { AppSession, StopReason, ToolCall } from '../../src';
import { EchoApp, appConfig, captureLogger, eventually } from '../helpers/apps';
import { startRedis, type RedisServer } from '../helpers/redis';

const PREFIX = 'mentraos:com.example.app:';

/** Answers a tool call with the id of the session it was given. */
class ToolEcho extends EchoApp {
  protected override async onToolCall(call: ToolCall): Promise<string> {
    return call.activeSession?.getSessionId() ?? 'none';
  }
  protected override async onSession(session: AppSession): Promise<void> {
    order.push(`${this.getPort()} session ${session.getSessionId()}`);
    await super.onSession(session);
  }
  protected override async onStop(sessionId: string, userId: string, reason: StopReason): Promise<void> {
    await stopGate;
    order.push(`${this.getPort()} stop ${sessionId}`);
    await super.onStop(sessionId, userId, reason);
  }
}

/** onSession and onStop (once done) of every instance, in the order they ran. */
const order: string[] = [];
/** While set, every onStop waits for it. */
let stopGate: Promise<void> | undefined;

const loggers = new Map<EchoApp, ReturnType<typeof captureLogger>>();
const errorsOf = (app: EchoApp) => loggers.get(app)!.lines.filter((l) => l.level === 'error');

async function instance(redisUrl: string, ttlMs?: number) {
  const port = await freePort();
  const logger = captureLogger();
  const app = new ToolEcho(appConfig({ port, logger, cluster: { redisUrl, instanceUrl: `http://127.0.0.1:${port}`, ttlMs } }));
  loggers.set(app, logger);
  await app.start();
  return app;
}

/** Posts a webhook body to `app` and returns its answer. */
async function webhook(app: EchoApp, body: Record<string, unknown>) {
  const res = await fetch(`http://127.0.0.1:${app.getPort()}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the engine over a shared directory', () => {
  let redis: RedisServer;
  let cloud: TestCloud;
  let a: EchoApp;
  let b: EchoApp;
  beforeAll(async () => {
    redis = await startRedis();
    cloud = await createTestCloud();
    a = await instance(redis.url);
    b = await instance(redis.url);
  });
  afterAll(async () => {
    await redis?.client.client('UNPAUSE').catch(() => {});
    await a?.stop();
    await b?.stop();
    await cloud?.close();
    await redis?.stop();
  });

  test("a session's records outlive the TTL while it lives (they are refreshed) and go when it ends", async () => {
    const c = await instance(redis.url, 1500);
    try {
      const user = await cloud.startSession({ app: c, userId: 'refreshed@example.com' });
      const key = `${PREFIX}s:${user.sessionId}`;
      const first = await redis.client.pttl(key);
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(1500);
      // A refresh shows as a TTL longer than the read just before it (comparing with the first read alone raced
      // the clock: a read a few ms after a refresh is already below it). An unrefreshed record expires (-2)
      // within 1.5 s; this one is still there two seconds on.
      const started = Date.now();
      let previous = first;
      let refreshed = false;
      while (!(refreshed && Date.now() - started > 2000) && Date.now() - started < 10_000) {
        await new Promise((r) => setTimeout(r, 20));
        const now = await redis.client.pttl(key);
        expect(now).toBeGreaterThan(0);
        if (now > previous) refreshed = true;
        previous = now;
      }
      expect(refreshed).toBe(true);
      expect(Date.now() - started).toBeGreaterThan(2000);
      await user.stop();
      await redis.untilGone([key, `${PREFIX}u:${user.userId}`]);
    } finally {
      await c.stop();
    }
  });

  test('a session taken over by another instance ends here with the reason "replaced", before the new owner\'s onSession', async () => {
    const first = await cloud.startSession({ app: a, userId: 'moved@example.com' });
    expect(await redis.client.hget(`${PREFIX}s:${first.sessionId}`, 'u')).toBe(`http://127.0.0.1:${a.getPort()}`);
    let open!: () => void;
    stopGate = new Promise<void>((resolve) => (open = resolve));
    // The new owner answers its webhook at once, but runs onSession only once the old copy's onStop is done.
    const second = await cloud.startSession({ app: b, userId: first.userId, sessionId: first.sessionId });
    stopGate = undefined;
    open();
    await eventually(() => a.seen.stops.some((s) => s.sessionId === first.sessionId), 10_000, 'the first copy to end');
    expect(a.seen.stops.find((s) => s.sessionId === first.sessionId)).toEqual({ sessionId: first.sessionId, userId: first.userId, reason: 'replaced' });
    expect(await redis.client.hget(`${PREFIX}s:${first.sessionId}`, 'u')).toBe(`http://127.0.0.1:${b.getPort()}`);
    expect(second.connected).toBe(true);
    await eventually(() => b.seen.sessions.some((s) => s.getSessionId() === first.sessionId), 10_000, "the new owner's onSession");
    const mine = order.filter((e) => e.endsWith(` ${first.sessionId}`));
    expect(mine).toEqual([`${a.getPort()} session ${first.sessionId}`, `${a.getPort()} stop ${first.sessionId}`, `${b.getPort()} session ${first.sessionId}`]);
    await second.stop();
  });

  test('a release naming another token, or a session this instance does not hold, is answered and ends nothing', async () => {
    const user = await cloud.startSession({ app: a, userId: 'stale@example.com' });
    const record = await redis.client.hgetall(`${PREFIX}s:${user.sessionId}`);
    const listener = new Redis(redis.url);
    const replies: string[] = [];
    try {
      await listener.subscribe(`${PREFIX}i:probe`);
      listener.on('message', (_channel: string, message: string) => replies.push(message));
      const release = (sid: string, tok: string) => redis.client.publish(`${PREFIX}i:${record.i}`, JSON.stringify({ t: 'release', sid, tok, from: 'probe' }));

      expect(await release(user.sessionId, 'not-the-token')).toBe(1);
      expect(await release('nobody-here', record.t)).toBe(1);
      await eventually(() => replies.length === 2, 10_000, 'both answers');
      expect(replies.map((r) => JSON.parse(r))).toEqual([
        { t: 'released', tok: 'not-the-token' },
        { t: 'released', tok: record.t },
      ]);
      expect(a.seen.stops.filter((s) => s.sessionId === user.sessionId)).toEqual([]);
      expect(user.connected).toBe(true);
      expect(await redis.client.hget(`${PREFIX}s:${user.sessionId}`, 't')).toBe(record.t);
      expect(errorsOf(a)).toEqual([]);

      // The token it holds the session under ends it, as a takeover would.
      await release(user.sessionId, record.t);
      await eventually(() => replies.length === 3, 10_000, 'the third answer');
      expect(a.seen.stops.filter((s) => s.sessionId === user.sessionId)).toEqual([{ sessionId: user.sessionId, userId: user.userId, reason: 'replaced' }]);
    } finally {
      listener.disconnect();
    }
  });

  test("a photo request's record lasts its timeout plus five seconds, and goes once the photo is in", async () => {
    const user = await cloud.startSession({ app: a, userId: 'photo-record@example.com' });
    const session = a.seen.sessions.find((s) => s.getSessionId() === user.sessionId)!;
    const photo = session.camera.requestPhoto({ timeoutMs: 20_000 });
    const req = await user.waitForMessage((m) => m.type === 'photo_request');
    const key = `${PREFIX}r:${req.requestId}`;
    const ttl = await redis.client.pttl(key);
    // Written before the request was sent; a busy machine may take a few seconds to get here.
    expect(ttl).toBeGreaterThan(21_000);
    expect(ttl).toBeLessThanOrEqual(25_000);
    await user.answerPhoto(req.requestId, { image: Buffer.from('jpeg') });
    expect((await photo).size).toBe(4);
    await redis.untilGone([key]);
    await user.stop();
  });

  test("a session still claiming is not the user's yet: a tool call gets the started one, and a settings push counts only it", async () => {
    const userId = 'two-sessions@example.com';
    const live = await cloud.startSession({ app: a, userId, sessionId: 'live-one' });
    const instanceId = await redis.client.hget(`${PREFIX}s:${live.sessionId}`, 'i');
    await redis.client.client('PAUSE', '10000', 'WRITE');
    let starting: ReturnType<TestCloud['startSession']> | undefined;
    try {
      starting = cloud.startSession({ app: a, userId, sessionId: 'still-claiming' });
      // The newer session is registered once its claim waits in Redis.
      const blocked = async () =>
        String(await redis.client.client('LIST'))
          .split('\n')
          .some((l) => l.includes(`name=mentraos-${instanceId} `) && /flags=\w*b/.test(l));
      const end = Date.now() + 10_000;
      while (!(await blocked()) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect((await live.callTool('which')).body).toEqual({ status: 'success', reply: 'live-one' });
      expect((await live.pushSettings([{ key: 'k', value: 1 }])).body).toMatchObject({ sessionsUpdated: 1 });
    } finally {
      await redis.client.client('UNPAUSE');
    }
    const newer = await starting;
    expect((await live.callTool('which')).body).toEqual({ status: 'success', reply: 'still-claiming' });
    await newer.stop();
    await live.stop();
  });

  test('a session stopped while its claim is still on its way is answered 409 and leaves no record', async () => {
    const userId = 'claim-in-flight@example.com';
    const sessionId = `${userId}-com.example.app`;
    // Redis holds every write while paused: the claim waits there, with the session already registered.
    await redis.client.client('PAUSE', '10000', 'WRITE');
    let starting: ReturnType<TestCloud['startSession']> | undefined;
    try {
      starting = cloud.startSession({ app: a, userId, allowFailure: true });
      const stop = { type: 'stop_request', sessionId, userId, reason: 'user_disabled' };
      let answer = await webhook(a, stop);
      const end = Date.now() + 10_000;
      while (answer.body.message === 'No active session with that id' && Date.now() < end) answer = await webhook(a, stop);
      expect(answer).toEqual({ status: 200, body: { status: 'success' } });
    } finally {
      await redis.client.client('UNPAUSE');
    }
    const user = await starting;
    expect(user.webhookResponse).toEqual({
      status: 409,
      body: { status: 'error', message: `Session ${sessionId} was replaced before it connected`, code: 'SESSION_CLOSED' },
    });
    expect(a.seen.sessions.filter((s) => s.getSessionId() === sessionId)).toEqual([]);
    await redis.untilGone([`${PREFIX}s:${sessionId}`, `${PREFIX}u:${userId}`]);
  });
});
