/**
 * Liveness, the close-code table, the outbound queue and its overflow policy, and terminal refusals,
 * over real sockets against the test cloud.
 */
import { createTestCloud } from '../../src/testing';
import { AppServer, type AppSession, type SdkError } from '../../src';
import { coreOf } from '../../src/app/session';
import type { CoreSession } from '../../src/core/session/session';
import { appConfig, captureLogger, cloudPerTest, eventually, sleep } from '../helpers/apps';

class Recorder extends AppServer {
  readonly sessions: AppSession[] = [];
  readonly stops: string[] = [];
  readonly errors: Error[] = [];
  protected override async onSession(session: AppSession): Promise<void> {
    this.sessions.push(session);
    session.events.onTranscription((d) => void session.layouts.showTextWall(`heard: ${d.text}`));
  }
  protected override async onStop(_s: string, _u: string, reason: string): Promise<void> {
    this.stops.push(reason);
  }
}

function recorder(extra: Parameters<typeof appConfig>[0] = {}): Recorder {
  const errors: Error[] = [];
  const app = new Recorder(appConfig({ onError: (e) => void errors.push(e), ...extra }));
  (app as { errors: Error[] }).errors = errors;
  return app;
}

/** Runs `fn` synchronously the moment the session enters `reconnecting` (before any attempt can run). */
function onceReconnecting(core: CoreSession, fn: () => void): void {
  const off = core.on('state', (s: string) => {
    if (s !== 'reconnecting') return;
    off();
    fn();
  });
}

describe('resilience', () => {
  const ctx = cloudPerTest();
  const start = (app: Recorder) => ctx.start(app);

  test('a cloud that stops answering pings is detected as a zombie: the socket is dropped and the session resumes, no onStop', async () => {
    const logger = captureLogger();
    // 1 s pings: a pong delayed by a busy machine must not look like a zombie.
    const app = await start(recorder({ pingIntervalMs: 1000, logger }));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    await sleep(2500); // pings answered: nothing happens
    expect(user.connections).toBe(1);
    user.freeze();
    await user.waitForConnections(2, 30_000);
    await user.transcribe('after the zombie');
    await user.waitForDisplay('heard: after the zombie');
    expect(app.stops).toEqual([]);
    expect(app.sessions[0].state).toBe('ready');
    expect(logger.lines.some((l) => l.level === 'warn' && /did not answer a ping within 1000 ms; reconnecting/.test(l.text))).toBe(true);
  });

  test('past 64 sessions the pings are spread: every session answers and keeps its socket, and a zombie in any slot is found', async () => {
    const logger = captureLogger();
    const app = await start(recorder({ pingIntervalMs: 1000, logger })); // past 64: 20 slots, a tick every 50 ms
    const users = [];
    for (let i = 0; i < 66; i++) users.push(await ctx.cloud.startSession({ app, userId: `wearer${i}@example.com` }));
    await eventually(() => app.sessions.length === 66);
    await sleep(2500); // two turns of pings, all answered: nothing happens
    expect(users.map((u) => u.connections)).toEqual(users.map(() => 1));
    users[0].freeze(); // one of the first 64, moved to its own slot when the wheel spread
    users[65].freeze(); // one that joined the spread wheel
    await users[0].waitForConnections(2, 30_000);
    await users[65].waitForConnections(2, 30_000);
    expect(users.slice(1, 65).every((u) => u.connections === 1)).toBe(true);
    expect(app.stops).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'warn' && /did not answer a ping/.test(l.text))).toHaveLength(2);
  });

  test('a layout written to a socket that died unnoticed is shown again after the reconnect', async () => {
    const app = await start(recorder({ pingIntervalMs: 100 }));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    const session = app.sessions[0];
    session.layouts.showTextWall('before');
    await user.waitForDisplay('before');
    user.freeze();
    session.layouts.showTextWall('swallowed by the dead socket');
    session.layouts.showReferenceCard('Card', 'short-lived', { view: 'dashboard', durationMs: 1 });
    await user.waitForConnections(2, 30_000);
    await user.waitForDisplay('swallowed by the dead socket');
    expect(user.current.main?.layout).toMatchObject({ text: 'swallowed by the dead socket' });
    // a layout whose durationMs ran out is not shown again
    await sleep(50);
    expect(user.current.dashboard).toBeUndefined();
  });

  test('close codes: 1011 and 1001 reconnect, 1000 ends the session once (1008: see lifecycle)', async () => {
    const app = await start(recorder({ reconnect: { baseDelayMs: 20 } }));
    const user = await ctx.cloud.startSession({ app });
    user.closeConnection(1011, 'internal error');
    await user.waitForConnections(2);
    user.closeConnection(1001, 'going away');
    await user.waitForConnections(3);
    expect(app.stops).toEqual([]);
    user.closeConnection(1000, 'App stopped');
    await eventually(() => app.stops.length === 1);
    await sleep(200);
    expect(app.stops).toEqual(['cloud_closed']);
    expect(user.connections).toBe(3);
  });

  test('a tpa_connection_error on a reconnect is terminal: onStop once with connection_error, no further attempts', async () => {
    const app = await start(recorder({ reconnect: { baseDelayMs: 20 } }));
    const user = await ctx.cloud.startSession({ app });
    user.refuseNextConnection = { code: 'SESSION_NOT_FOUND', message: 'gone' };
    user.dropConnection();
    await eventually(() => app.stops.length === 1, 30_000, 'onStop');
    await sleep(300);
    expect(app.stops).toEqual(['connection_error']);
    expect(user.connectionTimes).toHaveLength(2);
    expect(app.errors.map((e) => (e as SdkError).code)).toContain('connection_error');
    expect(app.sessions[0].state).toBe('closed');
  });

  test('a tpa_connection_error on a live connection is terminal too: one onStop, the socket closed, no reconnect', async () => {
    const app = await start(recorder({ reconnect: { baseDelayMs: 20 } }));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    await user.sendMessage({ type: 'tpa_connection_error', code: 'APP_NOT_STARTED', message: 'stopped elsewhere' });
    await eventually(() => app.stops.length === 1);
    await eventually(() => !user.connected);
    await sleep(200);
    expect(app.stops).toEqual(['connection_error']);
    expect(user.connectionTimes).toHaveLength(1);
    expect(app.errors[0]).toMatchObject({ code: 'connection_error', message: expect.stringContaining('APP_NOT_STARTED') });
  });

  test('a cloud that accepts and drops at once is not hammered: backoff continues and the budget ends it once', async () => {
    const flapping = await createTestCloud({
      onWire: (u, dir, msg) => {
        if (dir === 'cloud->app' && (msg as { type?: string }).type === 'tpa_connection_ack' && u.connections > 1) setImmediate(() => u.closeConnection(1011));
      },
    });
    try {
      const app = await start(recorder({ reconnect: { baseDelayMs: 50, budgetMs: 1500 } }));
      const user = await flapping.startSession({ app });
      user.closeConnection(1011);
      await eventually(() => app.stops.length === 1, 30_000, 'onStop after the budget');
      expect(app.stops).toEqual(['transport_lost']);
      // 50 ms base doubling from the "reconnect" step inside 1.5 s: a handful of attempts, not a loop
      expect(user.connections).toBeLessThanOrEqual(8);
      expect(user.connections).toBeGreaterThanOrEqual(2);
    } finally {
      await flapping.close();
    }
  });

  test('requests issued during an outage are sent after the reconnect, and their correlation survives', async () => {
    const app = await start(recorder({ reconnect: { baseDelayMs: 50 } }));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    const core = coreOf(app.sessions[0]);
    core.onMessage('audio_play_response', (m: { requestId: string }) => void core.requests.resolve(m.requestId, m));
    let answer: Promise<unknown> | undefined;
    onceReconnecting(core, () => {
      answer = core.requests.create('audio_req_1', 'audio', 10_000);
      expect(core.send({ type: 'audio_play_request', requestId: 'audio_req_1', audioUrl: 'https://example.com/a.mp3' })).toBe(true);
    });
    user.dropConnection();
    const req = await user.waitForMessage((m) => m.type === 'audio_play_request', 5000);
    expect(req.requestId).toBe('audio_req_1');
    await user.sendMessage({ type: 'audio_play_response', requestId: 'audio_req_1', success: true });
    await expect(answer).resolves.toMatchObject({ requestId: 'audio_req_1', success: true });
    expect(app.stops).toEqual([]);
  });

  test('overflow: layouts coalesce per view, and whatever cannot be queued is refused with a typed queue_full error, never dropped silently', async () => {
    const app = await start(recorder({ queueLimit: 3, reconnect: { baseDelayMs: 50 } }));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    const session = app.sessions[0];
    const core = coreOf(session);
    const accepted: boolean[] = [];
    onceReconnecting(core, () => {
      session.layouts.showTextWall('main 1');
      session.layouts.showTextWall('main 2'); // replaces main 1
      accepted.push(core.send({ type: 'audio_play_request', requestId: 'r1' }));
      accepted.push(core.send({ type: 'audio_play_request', requestId: 'r2' }));
      accepted.push(core.send({ type: 'audio_play_request', requestId: 'r3' })); // full: refused
      session.layouts.showDashboardCard('dash', 'board'); // full, new view: refused
      session.layouts.showTextWall('main 3'); // replaces main 2
    });
    user.dropConnection();
    await user.waitForConnections(2);
    await user.waitForDisplay('main 3');
    expect(accepted).toEqual([true, true, false]);
    const sentAfter = user.wire
      .filter((r) => r.dir === 'app->cloud' && ['audio_play_request', 'display_event'].includes(r.msg.type))
      .map((r) => r.msg.requestId ?? r.msg.layout.text);
    expect(sentAfter).toEqual(['r1', 'r2', 'main 3']);
    const full = app.errors.filter((e) => (e as SdkError).code === 'queue_full') as SdkError[];
    expect(full.map((e) => e.details)).toEqual([
      { type: 'audio_play_request', requestId: 'r3' },
      { type: 'display_event', requestId: undefined },
    ]);
    expect(full[0].message).toMatch(/outbound queue is full \(3 messages\).*audio_play_request r3 was not sent/);
  });

  test('with maxConcurrentHandshakes, a slow cloud never sees more reconnect handshakes at once than the cap', async () => {
    const slow = await createTestCloud({ ackDelayMs: 40 });
    try {
      const app = await start(recorder({ reconnect: { baseDelayMs: 10, maxConcurrentHandshakes: 3 } }));
      const users = [];
      for (let i = 0; i < 12; i++) users.push(await slow.startSession({ app, userId: `cap${i}@example.com` }));
      slow.maxHandshakesInFlight = 0;
      for (const u of users) u.dropConnection();
      await Promise.all(users.map((u) => u.waitForConnections(2, 30_000)));
      expect(slow.maxHandshakesInFlight).toBeLessThanOrEqual(3);
      expect(slow.maxHandshakesInFlight).toBeGreaterThanOrEqual(2);
      expect(app.stops).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
