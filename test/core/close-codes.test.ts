/**
 * The close-code table (public as `CLOSE_CODES`) and the reconnect plan it drives: every listed code's
 * action and meaning, each `reconnect` code over a real socket, and the backoff each kind of close starts from.
 */
import { CLOSE_CODES, AppServer, type AppSession } from '../../src';
import { RECONNECT_DEFAULTS, RECONNECT_FIRST_STEP, ReconnectPlan, backoffDelay, closeAction } from '../../src/core/session/reconnect';
import { appConfig, cloudPerTest, eventually, sleep } from '../helpers/apps';

const EXPECTED = {
  1000: 'terminal',
  1001: 'reconnect',
  1002: 'reconnect',
  1003: 'reconnect',
  1005: 'resume',
  1006: 'resume',
  1007: 'reconnect',
  1008: 'terminal',
  1009: 'reconnect',
  1011: 'reconnect',
  1012: 'reconnect',
  1013: 'reconnect',
  1014: 'reconnect',
} as const;

describe('close-code table', () => {
  test('lists exactly these codes, each with its action and a meaning worth logging', () => {
    expect(Object.keys(CLOSE_CODES).map(Number)).toEqual(Object.keys(EXPECTED).map(Number));
    for (const [code, action] of Object.entries(EXPECTED)) {
      expect(CLOSE_CODES[Number(code)].action).toBe(action);
      expect(closeAction(Number(code))).toBe(action);
      expect(CLOSE_CODES[Number(code)].meaning).toMatch(/^[a-z][a-z ()/:,]{8,}/);
    }
    expect(CLOSE_CODES[1008].meaning).toMatch(/policy violation/);
    expect(CLOSE_CODES[1012].meaning).toMatch(/restarting/);
  });

  test('a code the table does not list means reconnect', () => {
    for (const code of [1004, 1010, 1015, 3000, 4000, 4999]) expect(closeAction(code)).toBe('reconnect');
  });
});

describe('reconnect plan: where the backoff starts', () => {
  const opts = { ...RECONNECT_DEFAULTS, budgetMs: 60_000, baseDelayMs: 100, maxDelayMs: 10_000, stableAfterMs: 5000 };
  const max = () => 0.999999;
  const attempts = (plan: ReconnectPlan, n: number) => {
    for (let i = 0; i < n; i++) plan.attempt();
  };

  test('a reconnect-type close starts at the longer first step; a resume-type close at the base', () => {
    expect(RECONNECT_FIRST_STEP).toBe(2);
    const plan = new ReconnectPlan(opts, max);
    plan.dropped('reconnect', 0);
    expect(plan.attempts).toBe(2);
    expect(plan.nextDelay(0)).toBe(399);
    const resume = new ReconnectPlan(opts, max);
    resume.dropped('resume', 0);
    expect(resume.attempts).toBe(0);
    expect(resume.nextDelay(0)).toBe(99);
  });

  test('a quick reconnect-type drop after a resume-type close jumps to the longer first wait (it never shortens it)', () => {
    const plan = new ReconnectPlan(opts, max);
    plan.dropped('resume', 0);
    expect(plan.attempt()).toBe(1);
    plan.connected(100);
    plan.dropped('reconnect', 200); // within stableAfterMs: the same budget, but at least the reconnect step
    expect(plan.attempts).toBe(2);
    expect(plan.nextDelay(200)).toBe(399);
    // further along than the first step already: a quick drop keeps the longer backoff
    attempts(plan, 2);
    plan.connected(300);
    plan.dropped('reconnect', 400);
    expect(plan.attempts).toBe(4);
    expect(plan.nextDelay(400)).toBe(1599);
    plan.connected(500);
    plan.dropped('resume', 600);
    expect(plan.attempts).toBe(4);
  });

  test('"soon after the ack" is measured from the last ack, on the real clock scale', () => {
    const t0 = 1_700_000_000_000;
    const plan = new ReconnectPlan(opts, max);
    plan.dropped('resume', t0);
    attempts(plan, 3);
    plan.connected(t0 + 30_000);
    plan.dropped('resume', t0 + 34_999); // 4.999 s after the ack: the same backoff continues
    expect(plan.attempts).toBe(3);
    plan.connected(t0 + 40_000);
    plan.dropped('resume', t0 + 45_000); // 5 s after the ack: stable, start afresh
    expect(plan.attempts).toBe(0);
  });

  test('a drop exactly stableAfterMs after the ack starts afresh, with a new budget', () => {
    const plan = new ReconnectPlan({ ...opts, budgetMs: 1000 }, max);
    plan.dropped('resume', 0);
    attempts(plan, 3);
    plan.connected(10_000);
    plan.dropped('resume', 15_000);
    expect(plan.attempts).toBe(0);
    expect(plan.nextDelay(15_000)).toBe(99);
    expect(plan.nextDelay(15_901)).toBe(99); // ends at 16 000: exactly at the deadline is still inside
    expect(plan.nextDelay(15_902)).toBeUndefined();
  });

  test('the full-jitter delay is below min(max, base * 2^attempt), and the exponent is capped', () => {
    expect(backoffDelay(0, opts, () => 0)).toBe(0);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(400);
    expect(backoffDelay(10, opts, max)).toBe(9999);
    expect(backoffDelay(1000, { ...opts, maxDelayMs: Number.POSITIVE_INFINITY }, () => 0.5)).toBe(100 * 2 ** 29);
  });
});

class Recorder extends AppServer {
  readonly sessions: AppSession[] = [];
  readonly stops: string[] = [];
  protected override async onSession(session: AppSession): Promise<void> {
    this.sessions.push(session);
  }
  protected override async onStop(_s: string, _u: string, reason: string): Promise<void> {
    this.stops.push(reason);
  }
}

describe('close codes over the wire', () => {
  const ctx = cloudPerTest();

  test('a cloud closing with 1002, 1003, 1007, 1009, 1012, 1013 or 1014 is reconnected to, with no onStop', async () => {
    // Small waits so the seven reconnects take little time; stableAfterMs 0: each drop starts afresh.
    const app = await ctx.start(new Recorder(appConfig({ reconnect: { baseDelayMs: 10, maxDelayMs: 50, stableAfterMs: 0 } })));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    const codes = [1002, 1003, 1007, 1009, 1012, 1013, 1014];
    for (const [i, code] of codes.entries()) {
      user.closeConnection(code, `closing with ${code}`);
      await user.waitForConnections(i + 2, 20_000);
      expect(user.lastCloseCode).toBe(code);
    }
    await sleep(100);
    expect(app.stops).toEqual([]);
    expect(app.sessions).toHaveLength(1);
    expect(app.sessions[0].state).toBe('ready');
  });
});
