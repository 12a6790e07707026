/**
 * The engine's listener lists (session events, message listeners, settings and dashboard listeners): who
 * is called, what `emit` and `has` answer, that unsubscribing is always safe, and that a listener's throw
 * or rejection is reported and never reaches the caller, while its plain return value is not an error.
 */
import { callIsolated, Emitter, invokeIsolated } from '../../src/core/emitter';

function emitter() {
  const reported: { err: unknown; event: string }[] = [];
  return { e: new Emitter((err, event) => void reported.push({ err, event })), reported };
}

describe('Emitter', () => {
  test('emit calls every listener of the event with its arguments and tells whether there was one', () => {
    const { e } = emitter();
    const calls: unknown[][] = [];
    expect(e.emit('x', 1)).toBe(false); // no listener yet: nothing to call
    e.on('x', (...args) => void calls.push(['first', ...args]));
    e.on('x', (...args) => void calls.push(['second', ...args]));
    e.on('y', () => void calls.push(['y']));
    expect(e.emit('x', 1, 'two')).toBe(true);
    expect(calls).toEqual([
      ['first', 1, 'two'],
      ['second', 1, 'two'],
    ]);
    expect(e.emit('z')).toBe(false);
  });

  test('has and emit answer false once the last listener of an event unsubscribed', () => {
    const { e } = emitter();
    expect(e.has('x')).toBe(false);
    const off = e.on('x', () => {});
    e.on('y', () => {});
    expect(e.has('x')).toBe(true);
    off();
    expect(e.has('x')).toBe(false);
    expect(e.emit('x')).toBe(false);
    expect(e.has('y')).toBe(true);
  });

  test('unsubscribing twice, after clear(), or after other events got listeners is harmless', () => {
    const { e } = emitter();
    const calls: string[] = [];
    const offX = e.on('x', () => void calls.push('x'));
    offX();
    expect(() => offX()).not.toThrow();
    const offY = e.on('y', () => void calls.push('y'));
    e.clear();
    expect(() => offY()).not.toThrow();
    e.on('z', () => void calls.push('z')); // a new list, without 'x' or 'y'
    expect(() => offX()).not.toThrow();
    expect(() => offY()).not.toThrow();
    expect(e.emit('y')).toBe(false);
    expect(e.emit('z')).toBe(true);
    expect(calls).toEqual(['z']);
  });

  test('clear() removes every listener', () => {
    const { e } = emitter();
    const calls: string[] = [];
    e.on('x', () => void calls.push('x'));
    e.clear();
    expect(e.has('x')).toBe(false);
    expect(e.emit('x')).toBe(false);
    expect(calls).toEqual([]);
  });

  test('a listener that throws or rejects is reported with the event, and the others still run', async () => {
    const { e, reported } = emitter();
    const calls: string[] = [];
    e.on('x', () => {
      throw new Error('thrown');
    });
    e.on('x', async () => {
      throw new Error('rejected');
    });
    e.on('x', () => void calls.push('third'));
    expect(() => e.emit('x')).not.toThrow();
    expect(calls).toEqual(['third']);
    await new Promise((r) => setImmediate(r));
    expect(reported.map((r) => [(r.err as Error).message, r.event])).toEqual([
      ['thrown', 'x'],
      ['rejected', 'x'],
    ]);
  });

  test("a listener's return value that is not a promise is not an error", async () => {
    const { e, reported } = emitter();
    e.on('x', () => 42);
    e.on('x', () => 'text');
    // biome-ignore lint/suspicious/noThenProperty: a value that only looks like a promise, as an app may return
    e.on('x', () => ({ then: 'not a function' }));
    e.on('x', async () => 'resolved');
    expect(e.emit('x')).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(reported).toEqual([]);
  });

  test('a listener added or removed during an emit takes effect from the next emit', () => {
    const { e } = emitter();
    const calls: string[] = [];
    const offA = e.on('x', () => {
      calls.push('a');
      offB2();
      e.on('x', () => void calls.push('late'));
    });
    const offB2 = e.on('x', () => void calls.push('b'));
    e.emit('x');
    expect(calls).toEqual(['a', 'b']);
    offA();
    e.emit('x');
    expect(calls).toEqual(['a', 'b', 'late']);
  });
});

describe('invokeIsolated and callIsolated', () => {
  test('pass the arguments, and send a throw or a rejection to onError only', async () => {
    const errors: unknown[] = [];
    const seen: unknown[] = [];
    invokeIsolated(
      (a: unknown, b: unknown) => void seen.push(a, b),
      [1, 2],
      (e) => errors.push(e),
    );
    callIsolated(
      (a: unknown) => void seen.push(a),
      3,
      (e) => errors.push(e),
    );
    invokeIsolated(
      () => {
        throw new Error('i');
      },
      [],
      (e) => errors.push(e),
    );
    callIsolated(
      () => {
        throw new Error('c');
      },
      0,
      (e) => errors.push(e),
    );
    callIsolated(
      () => Promise.reject(new Error('r')),
      0,
      (e) => errors.push(e),
    );
    callIsolated(
      () => 7,
      0,
      (e) => errors.push(e),
    );
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([1, 2, 3]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['i', 'c', 'r']);
  });
});
