/**
 * Incident telemetry (3.0.0-hono): the per-session ring of recent log lines (what a line becomes, which are
 * kept, the window), the upload body, and `answerTelemetryRequest` against the test cloud's intake over
 * 127.0.0.1 (accepted, refused by the intake, malformed, untrusted), with what it logs.
 */
import { answerTelemetryRequest, telemetryBody, type TelemetrySource } from '../../src/core/session/telemetry-upload';
import { TELEMETRY_RING, TelemetryRing } from '../../src/core/telemetry';
import { createTestCloud, freePort, type TestCloud } from '../../src/testing';
import { captureLogger } from '../helpers/apps';

const INFO = 30;
const none = () => ({});

/** One recorded line: the entry, or undefined when the ring skipped it. */
function recorded(level: number, args: unknown[], bindings: Record<string, unknown> = {}) {
  const ring = new TelemetryRing(10, 40);
  ring.record(level, args, () => bindings);
  const [entry] = ring.since(0);
  if (entry) expect(entry.timestamp).toEqual(expect.any(Number));
  return entry && { ...entry, timestamp: 0 };
}

describe('TelemetryRing: what a line becomes', () => {
  test('lines below info are skipped; each level keeps its name, fatal and unknown ones the nearest', () => {
    expect(recorded(10, ['trace'])).toBeUndefined();
    expect(recorded(20, ['debug'])).toBeUndefined();
    expect([30, 35, 40, 50, 60].map((level) => recorded(level, ['line'])?.level)).toEqual(['info', 'info', 'warn', 'error', 'error']);
  });

  test('the message is formatted from its arguments; a line without text is skipped', () => {
    expect(recorded(INFO, ['hello %s, %d times', 'world', 3])).toEqual({ timestamp: 0, level: 'info', message: 'hello world, 3 times' });
    expect(recorded(INFO, [{ attempt: 2 }, 'retry %d', 2])).toEqual({ timestamp: 0, level: 'info', message: 'retry 2', data: { attempt: 2 } });
    expect(recorded(INFO, [{ attempt: 2 }])).toBeUndefined();
    expect(recorded(INFO, [''])).toBeUndefined();
  });

  test('an error logged alone gives its message, and its name and message as data', () => {
    const err = new TypeError('boom');
    expect(recorded(50, [err])).toEqual({ timestamp: 0, level: 'error', message: 'boom', data: { err: { type: 'TypeError', message: 'boom' } } });
    expect(recorded(50, [err, 'while %s', 'saving'])).toMatchObject({ message: 'while saving', data: { err: { type: 'TypeError', message: 'boom' } } });
  });

  test('the source is the service, else the module; the bindings join the data', () => {
    expect(recorded(INFO, ['x'], { service: 'svc', module: 'mod', userId: 'u' })).toMatchObject({
      source: 'svc',
      data: { service: 'svc', module: 'mod', userId: 'u' },
    });
    expect(recorded(INFO, ['x'], { service: 5, module: 'mod' })).toMatchObject({ source: 'mod' });
    const plain = recorded(INFO, ['x'], { module: 7 });
    expect(plain).toEqual({ timestamp: 0, level: 'info', message: 'x', data: { module: 7 } });
    expect(Object.keys(recorded(INFO, ['x'])!)).toEqual(['timestamp', 'level', 'message']);
  });

  test('logged values become JSON-safe data', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const data = recorded(INFO, [
      {
        text: 't',
        n: 1,
        none: null,
        missing: undefined,
        fn: function named() {},
        sym: Symbol('s'),
        big: 10n,
        cause: new RangeError('far'),
        nested: { a: [1, { b: 2 }] },
        circular,
        huge: { text: 'x'.repeat(5000) },
        hidden: { toJSON: () => undefined },
      },
      'values',
    ])!.data!;
    expect(data).toEqual({
      text: 't',
      n: 1,
      none: null,
      missing: undefined,
      fn: 'function named() {}',
      sym: 'Symbol(s)',
      big: '10',
      cause: { type: 'RangeError', message: 'far' },
      nested: { a: [1, { b: 2 }] },
      circular: '[object Object]',
      huge: `${JSON.stringify({ text: 'x'.repeat(5000) }).slice(0, 4000)}…`,
      hidden: undefined,
    });
    // a value whose JSON text is exactly 4000 characters is kept whole
    expect(JSON.stringify({ text: 'y'.repeat(3989) })).toHaveLength(4000);
    expect(recorded(INFO, [{ at: { text: 'y'.repeat(3989) } }, 'at the limit'])!.data).toEqual({ at: { text: 'y'.repeat(3989) } });
    expect(recorded(INFO, [42, 'a number first'])!.data).toEqual({ value: 42 });
    expect(recorded(INFO, [null, 'null first'])!.data).toEqual({ value: null });
    expect(recorded(INFO, [undefined, 'nothing first'])).toEqual({ timestamp: 0, level: 'info', message: 'nothing first' });
  });
});

describe('TelemetryRing: what it keeps', () => {
  test('at most its size, the newest; length counts them', () => {
    const ring = new TelemetryRing(2, 40);
    expect(ring.length).toBe(0);
    expect(ring.since(0)).toEqual([]);
    for (const line of ['one', 'two', 'three']) ring.record(INFO, [line], none);
    expect(ring.length).toBe(2);
    expect(ring.since(0).map((e) => e.message)).toEqual(['two', 'three']);
  });

  test('since(windowMs): the lines of the last windowMs, the boundary included; all of them without a positive window', () => {
    const ring = new TelemetryRing(10, 40);
    for (const line of ['old', 'edge', 'new']) ring.record(INFO, [line], none);
    const [old, edge, fresh] = ring.since(0);
    old!.timestamp = 1000;
    edge!.timestamp = 2000;
    fresh!.timestamp = 2500;
    expect(ring.since(500, 2500).map((e) => e.message)).toEqual(['edge', 'new']);
    expect(ring.since(499, 2500).map((e) => e.message)).toEqual(['new']);
    for (const windowMs of [0, -5, undefined, '500' as never]) expect(ring.since(windowMs, 2500)).toHaveLength(3);
    // a copy: changing it leaves the ring as it was
    ring.since(0).pop();
    ring.since(500, 2500).pop();
    expect(ring.length).toBe(3);
  });

  test('the upload body lists the lines with their count and the oldest and newest times', () => {
    const ring = new TelemetryRing(10, 40);
    for (const line of ['a', 'b', 'c']) ring.record(INFO, [line], none);
    const [a, b, c] = ring.since(0);
    [a!.timestamp, b!.timestamp, c!.timestamp] = [10, 20, 30];
    expect(telemetryBody('com.example.app', 'inc-1', ring, 0)).toEqual({
      type: 'telemetry_response',
      incidentId: 'inc-1',
      packageName: 'com.example.app',
      logs: [a, b, c],
      metadata: { bufferSize: 3, oldestEntryMs: 10, newestEntryMs: 30 },
    });
    expect(telemetryBody('p', 'i', undefined, 0)).toMatchObject({ logs: [], metadata: { bufferSize: 0, oldestEntryMs: undefined, newestEntryMs: undefined } });
  });
});

describe('answerTelemetryRequest against the test cloud', () => {
  let cloud: TestCloud;
  beforeEach(async () => {
    cloud = await createTestCloud();
  });
  afterEach(() => cloud.close());

  function source(trustedCloudHosts?: string[]) {
    const logger = captureLogger();
    const ring = new TelemetryRing(10, 40);
    ring.record(INFO, ['kept line'], none);
    Object.assign(logger, { [TELEMETRY_RING]: ring });
    return { logger, session: { url: cloud.url, packageName: 'com.example.app', logger, trustedCloudHosts } as unknown as TelemetrySource };
  }

  test('resolves true once the intake took the upload; false with a warning when it refused it', async () => {
    const { session, logger } = source();
    const issued = cloud.telemetry.issue({ telemetryUploads: [], wake: () => {} } as never, 0);
    expect(await answerTelemetryRequest(session, { incidentId: issued.incidentId, uploadToken: issued.uploadToken, windowMs: 0 })).toBe(true);
    const long = `${issued.incidentId}${'x'.repeat(200)}`;
    expect(await answerTelemetryRequest(session, { incidentId: long, uploadToken: 'wrong' })).toBe(false);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.text)).toEqual([
      `The telemetry upload for incident ${long.slice(0, 80)} was answered HTTP 401`,
    ]);
  });

  test('an upload that cannot reach the cloud resolves false with a warning', async () => {
    const { session, logger } = source();
    const unreachable = { ...session, url: `ws://127.0.0.1:${await freePort()}/app-ws` } as TelemetrySource;
    const incidentId = `i-${'z'.repeat(100)}`;
    expect(await answerTelemetryRequest(unreachable, { incidentId, uploadToken: 't' })).toBe(false);
    expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
    expect(logger.lines[0]!.text).toMatch(new RegExp(`^The telemetry upload for incident ${incidentId.slice(0, 80)} failed: \\S`));
  });

  test.each<[string, Record<string, unknown>]>([
    ['no incidentId', { uploadToken: 't' }],
    ['an empty incidentId', { incidentId: '', uploadToken: 't' }],
    ['no uploadToken', { incidentId: 'i' }],
    ['an empty uploadToken', { incidentId: 'i', uploadToken: '' }],
    ['a numeric incidentId', { incidentId: 5, uploadToken: 't' }],
  ])('a request with %s is ignored with a warning, and nothing is uploaded', async (_name, msg) => {
    const { session, logger } = source();
    expect(await answerTelemetryRequest(session, msg)).toBe(false);
    expect(logger.lines.map((l) => [l.level, l.text])).toEqual([['warn', 'Ignored a request_telemetry without an incidentId and an uploadToken']]);
  });

  test('a cloud that is not trusted gets nothing, and the warning names the incident', async () => {
    const { session, logger } = source();
    const untrusted = { ...session, url: 'ws://cloud.example.net/app-ws' } as TelemetrySource;
    const incidentId = `i-${'y'.repeat(100)}`;
    expect(await answerTelemetryRequest(untrusted, { incidentId, uploadToken: 't' })).toBe(false);
    expect(logger.lines[0]!.text).toMatch(new RegExp(`^Refused to upload telemetry for incident ${incidentId.slice(0, 80)}: `));
  });
});
