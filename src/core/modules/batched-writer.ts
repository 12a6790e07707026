/**
 * Batched key/value writes: changes are collected and written together after `idleMs` without a change,
 * or at the latest `maxWaitMs` after the first unwritten change. A pending change is dropped only once a
 * write that carried it has succeeded; after a failed write it stays pending and is retried with backoff.
 */
import { toError } from '../errors';

export interface BatchedWriterOptions<V> {
  /** Writes one batch; throws (or rejects) when it did not persist. */
  write: (batch: Record<string, V>) => Promise<void>;
  idleMs?: number;
  maxWaitMs?: number;
  /** First retry delay after a failed write (doubles up to `retryMaxMs`). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Failed background writes go here (a failed `flush()` rejects instead). */
  onError?: (err: Error) => void;
}

export class BatchedWriter<V> {
  private readonly pending = new Map<string, V>();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private maxTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<void> | null = null;
  private failures = 0;
  private readonly idleMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly opts: BatchedWriterOptions<V>) {
    this.idleMs = opts.idleMs ?? 3000;
    this.maxWaitMs = opts.maxWaitMs ?? 10_000;
  }

  /** Changes not yet written. */
  get size(): number {
    return this.pending.size;
  }

  has(key: string): boolean {
    return this.pending.has(key);
  }

  set(key: string, value: V): void {
    this.pending.set(key, value);
    this.schedule();
  }

  /** Forgets a pending change (for example because the key was deleted). */
  discard(key?: string): void {
    if (key === undefined) this.pending.clear();
    else this.pending.delete(key);
    if (this.pending.size === 0) this.cancelTimers();
  }

  /** Writes everything pending now; rejects if the write failed (the changes stay pending). */
  async flush(): Promise<void> {
    while (this.inflight) await this.inflight.catch(() => {});
    if (this.pending.size === 0) return;
    this.cancelTimers();
    const batch = new Map(this.pending);
    const run = this.opts.write(Object.fromEntries(batch)).then(
      () => {
        this.failures = 0;
        // Drop only what was written; a change made during the write stays pending, with the timers its set() planned.
        for (const [k, v] of batch) if (this.pending.has(k) && Object.is(this.pending.get(k), v)) this.pending.delete(k);
      },
      (e: unknown) => {
        this.failures++;
        this.scheduleRetry();
        throw toError(e);
      },
    );
    this.inflight = run;
    try {
      await run;
    } finally {
      // Stryker disable next-line ConditionalExpression: no other flush can start between this write settling and this line (it waits for the write a tick later), so `inflight` is still `run`
      if (this.inflight === run) this.inflight = null;
    }
  }

  /** Stops the timers (pending changes are kept; call `flush()` first to write them). */
  close(): void {
    this.cancelTimers();
  }

  private schedule(): void {
    if (this.retryTimer) return; // a retry is already planned
    clearTimeout(this.idleTimer);
    this.idleTimer = unref(setTimeout(() => this.background(), this.idleMs));
    if (!this.maxTimer) this.maxTimer = unref(setTimeout(() => this.background(), this.maxWaitMs));
  }

  private scheduleRetry(): void {
    this.cancelTimers();
    const base = this.opts.retryBaseMs ?? 1000;
    const delay = Math.min(this.opts.retryMaxMs ?? 30_000, base * 2 ** Math.min(this.failures - 1, 16));
    this.retryTimer = unref(
      setTimeout(() => {
        this.retryTimer = undefined;
        this.background();
      }, delay),
    );
  }

  private background(): void {
    this.flush().catch((e) => this.opts.onError?.(toError(e)));
  }

  private cancelTimers(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.maxTimer);
    clearTimeout(this.retryTimer);
    this.idleTimer = this.maxTimer = this.retryTimer = undefined;
  }
}

function unref<T extends ReturnType<typeof setTimeout>>(t: T): T {
  // Stryker disable next-line OptionalChaining: every runtime we support (Node, Bun, jest's fake timers) gives timers an unref
  t.unref?.();
  return t;
}
