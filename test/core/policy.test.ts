/** The pure policies behind resilience and trust: reconnect plan, handshake gate, outbound queue, host entries, secrets. */
import { HandshakeGate, RECONNECT_DEFAULTS, ReconnectPlan } from '../../src/core/session/reconnect';
import { OutboundQueue } from '../../src/core/session/outbound-queue';
import { TRUSTED_HOSTS_ENV, checkCloudUrl, envTrustedHosts, invalidHostEntry } from '../../src/core/session/trust';
import { safeEqual } from '../../src/core/http/crypto';
import { resolveWebhookSecret } from '../../src/core/http/inbound';

describe('ReconnectPlan', () => {
  const opts = { ...RECONNECT_DEFAULTS, budgetMs: 10_000, baseDelayMs: 100, maxDelayMs: 1000, stableAfterMs: 5000 };
  const max = () => 0.999999;

  test('a resume starts from the base delay; a reconnect from the longer first step', () => {
    const resume = new ReconnectPlan(opts, max);
    resume.dropped('resume', 0);
    expect(resume.nextDelay(0)).toBe(99);
    const reconnect = new ReconnectPlan(opts, max);
    reconnect.dropped('reconnect', 0);
    expect(reconnect.nextDelay(0)).toBe(399);
  });

  test('backoff grows per attempt and gives up past the budget', () => {
    const plan = new ReconnectPlan(opts, max);
    plan.dropped('resume', 0);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(plan.nextDelay(0)!);
      plan.attempt();
    }
    expect(delays).toEqual([99, 199, 399, 799, 999]);
    expect(plan.nextDelay(9_500)).toBeUndefined();
  });

  test('a drop soon after an ack continues the budget; a drop after a stable period starts afresh', () => {
    const plan = new ReconnectPlan(opts, max);
    plan.dropped('resume', 0);
    plan.attempt();
    plan.attempt();
    plan.connected(1000);
    plan.dropped('resume', 2000); // 1 s after the ack: not stable
    expect(plan.attempts).toBe(2);
    expect(plan.nextDelay(10_500)).toBeUndefined(); // the first budget still counts
    plan.connected(20_000);
    plan.dropped('resume', 26_000); // 6 s after the ack: stable
    expect(plan.attempts).toBe(0);
    expect(plan.nextDelay(26_000)).toBe(99);
  });
});

describe('HandshakeGate', () => {
  test('runs at most `limit` at once, the rest in arrival order; a withdrawn start never runs', () => {
    const gate = new HandshakeGate(2);
    const started: string[] = [];
    const releases = new Map<string, () => void>();
    const enter = (name: string) =>
      gate.enter((release) => {
        started.push(name);
        releases.set(name, release);
      });
    enter('a');
    enter('b');
    enter('c');
    const withdrawD = enter('d');
    enter('e');
    expect(started).toEqual(['a', 'b']);
    expect(gate.queued).toBe(3);
    withdrawD();
    releases.get('a')!();
    releases.get('a')!(); // releasing twice frees one slot only
    expect(started).toEqual(['a', 'b', 'c']);
    releases.get('b')!();
    expect(started).toEqual(['a', 'b', 'c', 'e']);
    expect(gate.running).toBe(2);
    expect(new HandshakeGate(0).limit).toBe(1);
  });
});

describe('OutboundQueue', () => {
  const display = (view: string, text: string, durationMs?: number) => ({
    type: 'display_event',
    view,
    layout: { text },
    ...(durationMs ? { durationMs } : {}),
  });

  test('layouts coalesce per view and move to the end; others are refused when full, never dropped', () => {
    const q = new OutboundQueue(3);
    expect(q.push(display('main', '1'))).toBe(true);
    expect(q.push({ type: 'req', requestId: 'a' })).toBe(true);
    expect(q.push(display('main', '2'))).toBe(true);
    expect(q.push({ type: 'req', requestId: 'b' })).toBe(true);
    expect(q.push({ type: 'req', requestId: 'c' })).toBe(false);
    expect(q.push(display('dashboard', 'd'))).toBe(false);
    expect(q.push(display('main', '3'))).toBe(true);
    expect(q.coalesced).toBe(2);
    expect(q.drain().map((m) => m.requestId ?? (m.layout as { text: string }).text)).toEqual(['a', 'b', '3']);
  });

  test('replays: the latest layout sent per view, unless one is queued or its duration ran out', () => {
    const q = new OutboundQueue(10);
    q.noteSent(display('main', 'old'), 0);
    q.noteSent(display('main', 'shown'), 0);
    q.noteSent(display('dashboard', 'brief', 1000), 0);
    q.noteSent(display('side', 'long', 5000), 0);
    q.noteSent({ type: 'req' }, 0);
    q.push(display('side', 'queued'));
    const at = (t: number) => q.replays(t).map((m) => [(m.layout as { text: string }).text, m.durationMs]);
    expect(at(400)).toEqual([
      ['shown', undefined],
      ['brief', 600],
    ]);
    expect(at(1000)).toEqual([['shown', undefined]]);
    expect(q.clear()).toBe(1);
    expect(q.replays(0)).toEqual([]);
  });
});

describe('trust helpers', () => {
  test('host entries', () => {
    expect(invalidHostEntry('cloud.example.com')).toBeUndefined();
    expect(invalidHostEntry('::1')).toBeUndefined();
    expect(invalidHostEntry('[::1]')).toBeUndefined();
    expect(invalidHostEntry('wss://cloud.example.com')).toMatch(/not a host name/);
    expect(invalidHostEntry('cloud.example.com/app-ws')).toMatch(/not a host name/);
    expect(invalidHostEntry('127.0.0.1:8002')).toMatch(/has a port/);
    expect(invalidHostEntry(' ')).toMatch(/empty/);
  });

  test(`${TRUSTED_HOSTS_ENV} is read at call time, trimmed and lower-cased`, () => {
    expect(envTrustedHosts({ [TRUSTED_HOSTS_ENV]: ' Cloud.Example.com, ,127.0.0.1 ' })).toEqual(['cloud.example.com', '127.0.0.1']);
    const before = process.env[TRUSTED_HOSTS_ENV];
    process.env[TRUSTED_HOSTS_ENV] = 'localhost';
    try {
      expect(checkCloudUrl('ws://LOCALHOST:8002/app-ws').ok).toBe(true);
      expect(checkCloudUrl('ws://127.0.0.1:8002/app-ws').ok).toBe(false);
    } finally {
      if (before === undefined) delete process.env[TRUSTED_HOSTS_ENV];
      else process.env[TRUSTED_HOSTS_ENV] = before;
    }
  });
});

describe('secrets', () => {
  test('safeEqual compares whole values of any length', () => {
    expect(safeEqual('secret-value', 'secret-value')).toBe(true);
    expect(safeEqual('secret-valuf', 'secret-value')).toBe(false);
    expect(safeEqual('secret', 'secret-value')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
  });

  test('the option wins over the environment; an empty value means none', () => {
    expect(resolveWebhookSecret('from-option', { MENTRAOS_WEBHOOK_SECRET: 'from-env' })).toBe('from-option');
    expect(resolveWebhookSecret(undefined, { MENTRAOS_WEBHOOK_SECRET: 'from-env' })).toBe('from-env');
    expect(resolveWebhookSecret(undefined, { MENTRAOS_WEBHOOK_SECRET: '' })).toBeUndefined();
    expect(resolveWebhookSecret(undefined, {})).toBeUndefined();
  });
});
