/**
 * When a BatchedWriter writes: the idle wait that each change restarts, the longest wait that it does not,
 * the retry back-off after failed writes (its defaults and its cap), and what `discard()` and `close()`
 * cancel. The clock is jest's, so each wait is checked to the millisecond without waiting for it.
 */
import { BatchedWriter, type BatchedWriterOptions } from '../../src/core/modules/batched-writer';

type Batch = Record<string, number>;

/**
 * A writer whose writes are recorded with the (fake) time they started. `failNext` makes writes fail;
 * `holdNext` keeps the next write in flight until `release()`.
 */
function writer(opts: Omit<BatchedWriterOptions<number>, 'write'> = {}) {
  const writes: { at: number; batch: Batch }[] = [];
  const errors: Error[] = [];
  const control = { failNext: 0, holdNext: false, release: () => {} };
  const start = Date.now();
  const w = new BatchedWriter<number>({
    onError: (e) => void errors.push(e),
    ...opts,
    write: async (batch) => {
      writes.push({ at: Date.now() - start, batch });
      if (control.holdNext) {
        control.holdNext = false;
        await new Promise<void>((r) => (control.release = r));
      }
      if (control.failNext > 0) {
        control.failNext--;
        throw new Error(`write ${writes.length} failed`);
      }
    },
  });
  return { w, writes, errors, control, times: () => writes.map((x) => x.at) };
}

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

describe('BatchedWriter timing', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  test('without options it writes 3 s after the last change', async () => {
    const { w, times } = writer();
    w.set('a', 1);
    await advance(2999);
    expect(times()).toEqual([]);
    await advance(1);
    expect(times()).toEqual([3000]);
  });

  test('each change restarts the idle wait', async () => {
    const { w, writes } = writer({ idleMs: 100, maxWaitMs: 10_000 });
    w.set('a', 1);
    await advance(60);
    w.set('b', 2);
    await advance(99); // 159 ms after the first change, 99 after the second
    expect(writes).toEqual([]);
    await advance(1);
    expect(writes).toEqual([{ at: 160, batch: { a: 1, b: 2 } }]);
    await advance(20_000);
    expect(writes).toHaveLength(1);
  });

  test('changes that keep coming are written at the latest maxWaitMs after the first unwritten one', async () => {
    const { w, times } = writer({ idleMs: 100, maxWaitMs: 250 });
    for (let t = 0; t < 500; t += 50) {
      w.set('a', t);
      await advance(50);
    }
    // written at 250 (the longest wait) and at 500, 250 ms after the first change that followed
    expect(times()).toEqual([250, 500]);
    await advance(1000);
    expect(times()).toEqual([250, 500]);
  });

  test('without options the longest wait is 10 s', async () => {
    const { w, times } = writer();
    for (let t = 0; t < 10_000; t += 2000) {
      w.set('a', t);
      await advance(2000);
    }
    expect(times()).toEqual([10_000]);
  });

  test('a failed background write is reported and retried after 1 s, 2 s, 4 s ... by default', async () => {
    const { w, writes, errors, control } = writer({ idleMs: 10, maxWaitMs: 10_000 });
    control.failNext = 3;
    w.set('a', 1);
    await advance(10);
    expect(writes.map((x) => x.at)).toEqual([10]);
    expect(errors.map((e) => e.message)).toEqual(['write 1 failed']);
    await advance(999);
    expect(writes).toHaveLength(1);
    await advance(1);
    expect(writes.map((x) => x.at)).toEqual([10, 1010]);
    await advance(2000);
    expect(writes.map((x) => x.at)).toEqual([10, 1010, 3010]);
    await advance(3999);
    expect(writes).toHaveLength(3);
    await advance(1);
    expect(writes.map((x) => x.at)).toEqual([10, 1010, 3010, 7010]);
    expect(writes.every((x) => x.batch.a === 1)).toBe(true);
    expect(errors).toHaveLength(3);
    expect(w.size).toBe(0);
    await advance(60_000);
    expect(writes).toHaveLength(4);
  });

  test('the back-off doubles from retryBaseMs up to retryMaxMs, and starts again after a success', async () => {
    const { w, control, times } = writer({ idleMs: 10, maxWaitMs: 10_000, retryBaseMs: 100, retryMaxMs: 350 });
    control.failNext = 4;
    w.set('a', 1);
    await advance(10 + 100 + 200 + 350 + 350);
    expect(times()).toEqual([10, 110, 310, 660, 1010]);
    control.failNext = 1;
    w.set('a', 2);
    await advance(10 + 100);
    expect(times()).toEqual([10, 110, 310, 660, 1010, 1020, 1120]);
  });

  test('the default cap is 30 s', async () => {
    const { w, control, times } = writer({ idleMs: 10, maxWaitMs: 10_000 });
    control.failNext = 7;
    w.set('a', 1);
    await advance(10 + 1000 + 2000 + 4000 + 8000 + 16_000 + 30_000);
    expect(times()).toEqual([10, 1010, 3010, 7010, 15_010, 31_010, 61_010]);
    await advance(30_000);
    expect(times()).toHaveLength(8);
  });

  test('while a retry is planned, new changes wait for it rather than for the idle time', async () => {
    const { w, writes, control } = writer({ idleMs: 10, maxWaitMs: 50, retryBaseMs: 500 });
    control.failNext = 1;
    w.set('a', 1);
    await advance(10);
    w.set('b', 2);
    await advance(499);
    expect(writes).toHaveLength(1);
    await advance(1);
    expect(writes).toEqual([
      { at: 10, batch: { a: 1 } },
      { at: 510, batch: { a: 1, b: 2 } },
    ]);
  });

  test('a change made during a write that fails is written with the retry, not at its idle time', async () => {
    const { w, writes, control } = writer({ idleMs: 10, maxWaitMs: 20, retryBaseMs: 500 });
    control.holdNext = true;
    control.failNext = 1;
    w.set('a', 1);
    await advance(10);
    w.set('b', 2); // plans an idle write while the first is in flight
    await advance(5);
    control.release();
    await advance(100);
    expect(writes.map((x) => x.at)).toEqual([10]);
    await advance(405);
    expect(writes).toEqual([
      { at: 10, batch: { a: 1 } },
      { at: 515, batch: { a: 1, b: 2 } },
    ]);
  });

  test('a change made during a successful write is written after its own idle time', async () => {
    const { w, writes, control } = writer({ idleMs: 10, maxWaitMs: 10_000 });
    control.holdNext = true;
    w.set('a', 1);
    await advance(10);
    w.set('b', 2);
    control.release();
    await advance(10);
    expect(writes).toEqual([
      { at: 10, batch: { a: 1 } },
      { at: 20, batch: { b: 2 } },
    ]);
    expect(w.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('flush() during a write waits for it, then writes what is left as the next batch', async () => {
    let release!: () => void;
    const log: string[] = [];
    const w = new BatchedWriter<number>({
      idleMs: 10,
      maxWaitMs: 10_000,
      write: async (batch) => {
        log.push(`start ${Object.keys(batch).join(',')}`);
        if (log.length === 1) await new Promise<void>((r) => (release = r));
        log.push(`end ${Object.keys(batch).join(',')}`);
      },
    });
    w.set('a', 1);
    await advance(10);
    w.set('b', 2);
    const flushed = w.flush();
    await advance(0);
    expect(log).toEqual(['start a']);
    release();
    await flushed;
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(w.size).toBe(0);
  });

  test('flush() with nothing pending writes nothing', async () => {
    const { w, writes } = writer({ idleMs: 10 });
    await w.flush();
    w.set('a', 1);
    await advance(10);
    await w.flush();
    expect(writes.map((x) => x.batch)).toEqual([{ a: 1 }]);
  });

  test('a failed background write with no onError is dropped quietly, with no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { w, control, times } = writer({ idleMs: 10, retryBaseMs: 100, onError: undefined });
      control.failNext = 1;
      w.set('a', 1);
      await advance(10);
      // Node reports an unhandled rejection once the microtasks of the tick have run, before the next
      // setImmediate callback (jest's fake timers replace setImmediate, so the real one is used).
      jest.useRealTimers();
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      jest.useFakeTimers();
      expect(unhandled).toEqual([]);
      expect(times()).toEqual([10]);
      expect(w.size).toBe(1);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('has() and size tell what is pending', async () => {
    const { w } = writer({ idleMs: 10 });
    expect(w.has('a')).toBe(false);
    w.set('a', 1);
    w.set('b', 2);
    expect(w.has('a')).toBe(true);
    expect(w.size).toBe(2);
    await advance(10);
    expect(w.has('a')).toBe(false);
    expect(w.size).toBe(0);
  });

  test('discard(key) forgets one change; the rest is written', async () => {
    const { w, writes } = writer({ idleMs: 10 });
    w.set('a', 1);
    w.set('b', 2);
    w.discard('a');
    expect(w.has('a')).toBe(false);
    expect(w.size).toBe(1);
    await advance(10);
    expect(writes.map((x) => x.batch)).toEqual([{ b: 2 }]);
  });

  test('discarding the last change cancels the planned write; a new change plans a fresh one', async () => {
    const { w, times } = writer({ idleMs: 10, maxWaitMs: 30 });
    w.set('a', 1);
    w.discard('a');
    expect(jest.getTimerCount()).toBe(0);
    await advance(100);
    expect(times()).toEqual([]);
    w.set('b', 1);
    await advance(9);
    expect(times()).toEqual([]);
    await advance(1);
    expect(times()).toEqual([110]);
  });

  test('discard() forgets every change and cancels the planned retry', async () => {
    const { w, control, times } = writer({ idleMs: 10, retryBaseMs: 100 });
    control.failNext = 1;
    w.set('a', 1);
    w.set('b', 2);
    await advance(10);
    expect(w.size).toBe(2);
    w.discard();
    expect(w.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    await advance(1000);
    expect(times()).toEqual([10]);
  });

  test('close() stops the timers but keeps the changes for flush()', async () => {
    const { w, writes } = writer({ idleMs: 10, maxWaitMs: 20 });
    w.set('a', 1);
    w.close();
    expect(jest.getTimerCount()).toBe(0);
    await advance(1000);
    expect(writes).toEqual([]);
    expect(w.size).toBe(1);
    await w.flush();
    expect(writes.map((x) => x.batch)).toEqual([{ a: 1 }]);
  });

  test('close() also cancels a planned retry', async () => {
    const { w, control, times } = writer({ idleMs: 10, retryBaseMs: 100 });
    control.failNext = 1;
    w.set('a', 1);
    await advance(10);
    w.close();
    expect(jest.getTimerCount()).toBe(0);
    await advance(1000);
    expect(times()).toEqual([10]);
    expect(w.size).toBe(1);
  });
});

describe('BatchedWriter timers', () => {
  test('do not keep the process alive', () => {
    const created: { unref: jest.Mock }[] = [];
    const real = global.setTimeout;
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      const t = real(fn, ms);
      const own = t.unref.bind(t);
      const unref = jest.fn(() => own());
      created.push({ unref });
      return Object.assign(t, { unref });
    }) as unknown as typeof setTimeout);
    try {
      const w = new BatchedWriter<number>({ write: async () => {} });
      w.set('a', 1);
      expect(created.length).toBe(2);
      for (const t of created) expect(t.unref).toHaveBeenCalled();
      w.close();
    } finally {
      spy.mockRestore();
    }
  });
});
