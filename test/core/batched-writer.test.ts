import { BatchedWriter } from '../../src/core/modules/batched-writer';
import { eventually } from '../helpers/apps';

describe('BatchedWriter', () => {
  test('writes one batch after the idle time, with every change made meanwhile', async () => {
    const batches: Record<string, string>[] = [];
    const w = new BatchedWriter<string>({ idleMs: 40, maxWaitMs: 5000, write: async (b) => void batches.push(b) });
    w.set('a', '1');
    w.set('b', '2');
    w.set('a', '3');
    await eventually(() => batches.length === 1);
    expect(batches).toEqual([{ a: '3', b: '2' }]);
    expect(w.size).toBe(0);
    w.close();
  });

  test('writes at the latest after maxWaitMs even while changes keep coming', async () => {
    const batches: Record<string, string>[] = [];
    const w = new BatchedWriter<string>({ idleMs: 10_000, maxWaitMs: 60, write: async (b) => void batches.push(b) });
    w.set('a', '1');
    await eventually(() => batches.length === 1);
    expect(batches[0]).toEqual({ a: '1' });
    w.close();
  });

  test('a failed write keeps the changes and retries them; a change made during a write stays pending', async () => {
    const batches: Record<string, string>[] = [];
    let fail = 1;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const errors: Error[] = [];
    const w = new BatchedWriter<string>({
      idleMs: 10_000,
      maxWaitMs: 10_000,
      retryBaseMs: 20,
      onError: (e) => void errors.push(e),
      write: async (b) => {
        batches.push(b);
        if (fail-- > 0) throw new Error('cloud down');
        await gate;
      },
    });
    w.set('a', '1');
    await expect(w.flush()).rejects.toThrow('cloud down');
    expect(w.size).toBe(1);
    await eventually(() => batches.length === 2); // the retry
    w.set('a', '2'); // made while the retry is in flight
    release();
    await eventually(() => batches.length === 2 && w.size === 1); // the retry wrote a=1; a=2 is still pending
    await w.flush();
    expect(batches).toEqual([{ a: '1' }, { a: '1' }, { a: '2' }]);
    await eventually(() => w.size === 0);
    expect(errors).toEqual([]);
    w.close();
  });
});
