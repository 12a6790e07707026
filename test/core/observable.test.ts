/**
 * `Observable`, the public type of every device-state value (`session.device.state.batteryLevel` ...):
 * what it reads as, when its listeners run, how they are removed, and where a listener's throw goes.
 */
import { Observable } from '../../src';

describe('Observable', () => {
  test('before a value is set it reads as its placeholder, is not known, and calls no listener', () => {
    const o = new Observable<number | null>(null);
    const calls: (number | null)[] = [];
    expect(o.value).toBeNull();
    expect(o.isKnown).toBe(false);
    o.onChange((v) => void calls.push(v));
    expect(calls).toEqual([]);
    expect(o.listenerCount).toBe(1);
  });

  test('the first set notifies even when it equals the placeholder; later sets only on a real change', () => {
    const o = new Observable<number>(0);
    const calls: number[] = [];
    o.onChange((v) => void calls.push(v));
    o.setValue(0);
    expect(o.isKnown).toBe(true);
    o.setValue(0);
    o.setValue(5);
    o.setValue(5);
    o.setValue(6);
    expect(calls).toEqual([0, 5, 6]);
    expect(o.value).toBe(6);
  });

  test('sameness is Object.is: NaN does not repeat, and 0 after -0 is a change', () => {
    const o = new Observable<number>(1);
    const calls: number[] = [];
    o.onChange((v) => void calls.push(v));
    o.setValue(Number.NaN);
    o.setValue(Number.NaN);
    o.setValue(-0);
    o.setValue(0);
    expect(calls).toEqual([Number.NaN, -0, 0]);
  });

  test('a listener added once a value is known is called at once with it, then on changes', () => {
    const o = new Observable<string>('');
    o.setValue('home');
    const calls: string[] = [];
    o.onChange((v) => void calls.push(v));
    expect(calls).toEqual(['home']);
    o.setValue('office');
    expect(calls).toEqual(['home', 'office']);
  });

  test('the function onChange returns removes that listener only, and can be called again', () => {
    const o = new Observable<number>(0);
    const a: number[] = [];
    const b: number[] = [];
    const offA = o.onChange((v) => void a.push(v));
    o.onChange((v) => void b.push(v));
    expect(o.listenerCount).toBe(2);
    o.setValue(1);
    offA();
    offA();
    expect(o.listenerCount).toBe(1);
    o.setValue(2);
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
  });

  test('without listeners it counts none and setting a value is harmless', () => {
    const o = new Observable<boolean>(false);
    expect(o.listenerCount).toBe(0);
    expect(() => o.setValue(true)).not.toThrow();
    expect(o.value).toBe(true);
  });

  test('a listener removed by another during a change still gets that change, not the next', () => {
    const o = new Observable<number>(0);
    const calls: string[] = [];
    o.onChange((v) => {
      calls.push(`a${v}`);
      offB();
    });
    const offB = o.onChange((v) => void calls.push(`b${v}`));
    o.setValue(1);
    o.setValue(2);
    expect(calls).toEqual(['a1', 'b1', 'a2']);
  });

  test("a listener's throw goes to the error callback, and the other listeners still run", () => {
    const errors: unknown[] = [];
    const o = new Observable<number>(0, (e) => errors.push(e));
    const calls: number[] = [];
    o.onChange(() => {
      throw new Error('listener failed');
    });
    o.onChange((v) => void calls.push(v));
    expect(() => o.setValue(1)).not.toThrow();
    expect(calls).toEqual([1]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['listener failed']);
    // and when a listener added after the value is known throws at once
    expect(() =>
      o.onChange(() => {
        throw new Error('at once');
      }),
    ).not.toThrow();
    expect(errors.map((e) => (e as Error).message)).toEqual(['listener failed', 'at once']);
  });

  test("without an error callback a listener's throw is written to console.error", () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const o = new Observable<number>(0);
      const err = new Error('listener failed');
      o.onChange(() => {
        throw err;
      });
      expect(() => o.setValue(1)).not.toThrow();
      expect(spy).toHaveBeenCalledWith('An Observable listener threw:', err);
    } finally {
      spy.mockRestore();
    }
  });

  test('it reads as its value in ==, arithmetic, String() and template strings', () => {
    const n = new Observable<number | null>(null);
    n.setValue(41);
    expect(n.valueOf()).toBe(41);
    expect(+n + 1).toBe(42);
    // biome-ignore lint/suspicious/noDoubleEquals: the loose comparison an app may write
    expect((n as unknown as number) == 41).toBe(true);
    expect(n.toString()).toBe('41');
    expect(String(n)).toBe('41');
    expect(`${n}`).toBe('41');
    const s = new Observable<string | null>(null);
    expect(`${s}`).toBe('null');
    expect(String(s)).toBe('null');
    s.setValue('7');
    expect(+s).toBe(7);
    expect((s as unknown as { [Symbol.toPrimitive](hint: string): unknown })[Symbol.toPrimitive]('default')).toBe('7');
    expect((n as unknown as { [Symbol.toPrimitive](hint: string): unknown })[Symbol.toPrimitive]('number')).toBe(41);
    expect((n as unknown as { [Symbol.toPrimitive](hint: string): unknown })[Symbol.toPrimitive]('string')).toBe('41');
  });
});
