/**
 * The SDK logger's redaction and forwarding at their edges: which field names are always redacted, which
 * secrets are used, nested and circular values, what is passed through as it is, errors (their class, a
 * throwing getter, a copy an app's logger may change), the bindings of the root and of children, the argument
 * orders that are swapped, the level an injected logger declares, and its children made once.
 */
import vm from 'node:vm';
import pino from 'pino';
import { attachTelemetryRing, createConsoleLogger, createSdkLogger, envLogLevel, type LoggerLike, redactText } from '../../src/core/logger';
import { ringOf } from '../../src/core/telemetry';
import { stdoutOf } from '../helpers/stdout';

const SECRET = 'sk_live_0123456789';

/** The JSON lines written to process.stdout while `fn` runs. */
const jsonLinesOf = (fn: () => void): any[] => stdoutOf(fn).map((l) => JSON.parse(l));

/** A plain injected logger recording each call's level and arguments as given to it. */
function recorder(extra: Partial<LoggerLike> & { level?: unknown } = {}) {
  const calls: [string, unknown[]][] = [];
  const make =
    (level: string) =>
    (...args: unknown[]) =>
      void calls.push([level, args]);
  const target = { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error'), trace: make('trace'), fatal: make('fatal'), ...extra };
  return { target: target as LoggerLike, calls };
}

describe('redaction', () => {
  test('values under a secret-like field name are redacted, whatever they hold as text; other types are looked into', () => {
    const { target, calls } = recorder();
    createSdkLogger(target, 'warn', [SECRET]).warn('fields', {
      apiKey: 'a',
      api_key: 'b',
      'api-key': 'c',
      APIKEY: 'd',
      clientSecret: 'e',
      refreshToken: 'f',
      password: 'g',
      apiXkey: 'kept',
      token: 42,
      secret: { inner: `has ${SECRET}` },
      plain: 'kept',
    });
    expect(calls).toEqual([
      [
        'warn',
        [
          'fields',
          {
            apiKey: '[redacted]',
            api_key: '[redacted]',
            'api-key': '[redacted]',
            APIKEY: '[redacted]',
            clientSecret: '[redacted]',
            refreshToken: '[redacted]',
            password: '[redacted]',
            apiXkey: 'kept',
            token: 42,
            secret: { inner: 'has [redacted]' },
            plain: 'kept',
          },
        ],
      ],
    ]);
  });

  test('secrets of fewer than 4 characters, or not text, are not used', () => {
    expect(redactText('abc undefined 42 abcd', ['abc', undefined as never, 42 as never, 'abcd'])).toBe('abc undefined 42 [redacted]');
    expect(redactText(`a ${SECRET} and ${SECRET}`, [SECRET])).toBe('a [redacted] and [redacted]');
  });

  test('nested values are redacted at any depth; a value nested past 64 levels is replaced by a marker, never passed on', () => {
    const { target, calls } = recorder();
    const nest = (levels: number, leaf: unknown) => {
      let v = leaf;
      for (let i = 0; i < levels; i++) v = { inner: v };
      return v;
    };
    createSdkLogger(target, 'warn', [SECRET]).warn({ deep: nest(12, `key ${SECRET}`), deepest: nest(100, SECRET) }, 'deep');
    const [obj] = calls[0]![1] as [any];
    expect(JSON.stringify(obj)).not.toContain(SECRET);
    expect(obj.deep).toEqual(nest(12, 'key [redacted]'));
    // The logged object is level 0 and `deepest` level 1: levels 1 to 63 are copied, level 64 is the marker.
    expect(obj.deepest).toEqual(nest(63, '[nested too deep]'));
  });

  test('one object logged in two places, or inside itself, is copied once: the copy keeps the same shape', () => {
    const { target, calls } = recorder();
    const shared = { token: 'x', note: SECRET };
    const loop: Record<string, unknown> = { note: SECRET };
    loop.self = { back: loop };
    createSdkLogger(target, 'warn', [SECRET]).warn({ one: shared, two: shared, loop }, 'shapes');
    const [obj] = calls[0]![1] as [any];
    expect(obj.one).toEqual({ token: '[redacted]', note: '[redacted]' });
    expect(obj.two).toBe(obj.one);
    expect(obj.loop.self.back).toBe(obj.loop);
    expect(obj.loop).not.toBe(loop);
  });

  test('nested values and a circular value are redacted, and a circular value is logged without looping', () => {
    const { target, calls } = recorder();
    const circular: Record<string, unknown> = { text: SECRET };
    circular.self = circular;
    createSdkLogger(target, 'warn', [SECRET]).warn({ a: { b: { c: { d: SECRET } } }, list: [[SECRET]], circular }, 'nested');
    const [obj] = calls[0]![1] as [any];
    expect(obj.a.b.c.d).toBe('[redacted]');
    expect(obj.list).toEqual([['[redacted]']]);
    expect(obj.circular.text).toBe('[redacted]');
    expect(obj.circular.self.self.text).toBe('[redacted]');
  });

  test('buffers, typed arrays and dates are passed as they are', () => {
    const { target, calls } = recorder();
    const values = { buf: Buffer.from(SECRET), bytes: new Uint8Array([1, 2]), when: new Date(0) };
    createSdkLogger(target, 'warn', [SECRET]).warn(values, 'binary');
    const [obj] = calls[0]![1] as [any];
    expect([obj.buf, obj.bytes, obj.when]).toEqual([values.buf, values.bytes, values.when]);
    expect(obj.buf).toBe(values.buf);
    expect(obj.bytes).toBe(values.bytes);
    expect(obj.when).toBe(values.when);
  });

  test("an error's copy keeps its own class, leaves out a field whose getter throws, and can be changed by the app's logger", () => {
    class GlassesError extends Error {}
    const err = new GlassesError(`failed with ${SECRET}`);
    Object.defineProperty(err, 'broken', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const seen: unknown[] = [];
    const { target } = recorder({
      error: (e: any) => {
        seen.push(e);
        // Formatting libraries rewrite an error's message and drop its stack.
        e.message = `[app] ${e.message}`;
        delete e.stack;
      },
    });
    createSdkLogger(target, 'warn', [SECRET]).error(err);
    const copy = seen[0] as any;
    expect(copy).toBeInstanceOf(GlassesError);
    expect(copy.message).toBe('[app] failed with [redacted]');
    expect(Object.hasOwn(copy, 'stack')).toBe(false);
    expect(Object.hasOwn(copy, 'broken')).toBe(false);
    expect(err.message).toBe(`failed with ${SECRET}`);
  });

  test('an error of another realm becomes an error of this realm: its own class when it names one, else Error', () => {
    const { target, calls } = recorder();
    const log = createSdkLogger(target, 'warn', [SECRET]);
    const range = vm.runInNewContext(`new RangeError('out of range ' + key)`, { key: SECRET }) as Error;
    const odd = vm.runInNewContext(`const e = new Error('odd'); e.name = 'Map'; e`) as Error;
    log.error(range);
    log.error(odd);
    const [[, [r]], [, [o]]] = calls as [string, [any]][];
    expect([r instanceof RangeError, r.message]).toEqual([true, 'out of range [redacted]']);
    expect([o instanceof Error, o instanceof Map, o.message]).toEqual([true, false, 'odd']);
  });

  test('an error that is its own cause is logged without looping', () => {
    const { target, calls } = recorder();
    const err = new Error(`loop ${SECRET}`);
    (err as Error & { cause: unknown }).cause = err;
    createSdkLogger(target, 'warn', [SECRET]).error(err);
    const [[, [copy]]] = calls as [string, [any]][];
    expect([copy.message, copy.cause.message, copy.cause.cause.cause.message]).toEqual(['loop [redacted]', 'loop [redacted]', 'loop [redacted]']);
  });

  test("the root's bindings set later and a child's bindings are redacted, when they hold any of the secrets", () => {
    const log = createSdkLogger(undefined, 'info', ['first-secret', SECRET]);
    const lines = jsonLinesOf(() => {
      log.setBindings({ note: `root ${SECRET}` });
      log.info('root');
      log.child({ note: `child ${SECRET}` }).info('child');
    });
    expect(lines.map((l) => [l.msg, l.note])).toEqual([
      ['root', 'root [redacted]'],
      ['child', 'child [redacted]'],
    ]);
  });
});

describe('argument order', () => {
  test("('text', object) is written as (object, 'text'); every other shape is left as given", () => {
    const log = createConsoleLogger('info');
    const lines = jsonLinesOf(() => {
      log.info('swapped', { a: 1 });
      log.info('format %s', { a: 2 });
      log.info('null', null);
      log.info('three', { a: 3 }, 'x');
      log.info({ a: 4 }, 'object first');
      log.info('two texts', 'the second');
    });
    expect(lines.map((l) => [l.msg, l.a])).toEqual([
      ['swapped', 1],
      ['format [object Object]', undefined],
      ['null', undefined],
      ['three', undefined],
      ['object first', 4],
      ['two texts', undefined],
    ]);
  });
});

describe('an injected logger', () => {
  test.each<[unknown, string[]]>([
    ['trace', ['trace', 'debug', 'info', 'warn', 'error', 'fatal']],
    ['debug', ['debug', 'info', 'warn', 'error', 'fatal']],
    ['info', ['info', 'warn', 'error', 'fatal']],
    ['warn', ['warn', 'error', 'fatal']],
    ['error', ['error', 'fatal']],
    ['fatal', ['fatal']],
    ['silent', []],
    ['verbose', ['trace', 'debug', 'info', 'warn', 'error', 'fatal']],
    [30, ['trace', 'debug', 'info', 'warn', 'error', 'fatal']],
  ])('declaring level %p gets the calls at and above it', (level, forwarded) => {
    const { target, calls } = recorder({ level });
    const log = createSdkLogger(target);
    for (const name of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) log[name](name);
    expect(calls.map(([l]) => l)).toEqual(forwarded);
  });

  test("the server's own lines carry no bindings; a child's logger is made once, with its bindings", () => {
    const made: Record<string, unknown>[] = [];
    const { target, calls } = recorder();
    target.child = (bindings) => {
      made.push(bindings);
      return target;
    };
    const log = createSdkLogger(target, 'warn');
    log.warn('root');
    const child = log.child({ sessionId: 's1' });
    child.warn('one');
    child.warn('two');
    expect(made).toEqual([{ sessionId: 's1' }]);
    expect(calls.map(([, args]) => args[0])).toEqual(['root', 'one', 'two']);
  });
});

describe('levels', () => {
  test('the SDK logger and the console logger default to warn', () => {
    for (const log of [createSdkLogger(undefined), createConsoleLogger()]) {
      expect([log.level, log.isLevelEnabled('info'), log.isLevelEnabled('warn')]).toEqual(['warn', false, true]);
    }
  });

  test('MENTRA_VERBOSE (true or 1) asks for debug; MENTRA_LOG_LEVEL names one of its five levels; anything else, nothing', () => {
    expect(['true', '1', 'yes'].map((v) => envLogLevel({ MENTRA_VERBOSE: v }))).toEqual(['debug', 'debug', undefined]);
    expect(['none', 'error', 'warn', 'info', 'debug', 'trace', ''].map((v) => envLogLevel({ MENTRA_LOG_LEVEL: v }))).toEqual([
      'silent',
      'error',
      'warn',
      'info',
      'debug',
      undefined,
      undefined,
    ]);
  });

  test('a telemetry ring is attached only for a positive size, and lowers a quieter logger to info', () => {
    const quiet = () => pino({ level: 'warn' }, { write: () => {} }) as never;
    for (const size of [0, -1, Number.NaN]) expect(ringOf(attachTelemetryRing(quiet(), size))).toBeUndefined();
    const kept = attachTelemetryRing(quiet(), 5);
    expect([ringOf(kept) !== undefined, kept.level]).toEqual([true, 'info']);
    const loud = attachTelemetryRing(pino({ level: 'debug' }, { write: () => {} }) as never, 5);
    expect(loud.level).toBe('debug');
  });
});
