/**
 * `session.simpleStorage`: string key/value storage per user and app, kept by the cloud
 * (`/api/sdk/simple-storage/<userId>` on the cloud this session connected to, authenticated as the app).
 *
 * Reads load everything once and then answer from memory. Writes are batched (written after 3 s without
 * a change, at the latest 10 s after the first) and stay pending until the cloud has accepted them: a
 * failed write is retried, and whatever is pending is written when the session ends.
 *
 * Failures behave as in the published SDK (docs/failure-contract.md): a read whose load fails resolves as
 * if nothing were stored (`undefined`, `[]`, `0`, `false`, `{}`), and `delete`/`clear` resolve `false`; the
 * `SdkError` then goes to the session's `error` listeners (else `onError`) and the logger, and the failed
 * load is not cached, so the next read asks the cloud again. Bad arguments and `flush()` reject.
 */
import { BatchedWriter } from '../../core/modules/batched-writer';
import { readJson } from '../../core/session/cloud-http';
import { SdkError, type SdkErrorCode } from '../../core/errors';
import { reportSwallowed } from '../../core/failures';
import type { CoreSession } from '../../core/session/session';
import { type SessionLike, resolveCore } from '../core-of';

export const MAX_VALUE_CHARS = 100_000;

/** How `session.simpleStorage` batches its writes. */
export interface SimpleStorageOptions {
  /**
   * Write after this many milliseconds without a change.
   *
   * @defaultValue `3000`
   */
  idleMs?: number;
  /**
   * Write at the latest this many milliseconds after the first unwritten change.
   *
   * @defaultValue `10000`
   */
  maxWaitMs?: number;
  /**
   * First retry delay after a failed write, in milliseconds (doubles up to 30 s).
   *
   * @defaultValue `1000`
   */
  retryBaseMs?: number;
}

/**
 * `session.simpleStorage`: string values kept by the cloud for this app and user; writes are batched.
 *
 * @example
 * ```ts
 * await session.simpleStorage.set('lastCity', 'Paris');
 * const city = await session.simpleStorage.get('lastCity');
 * ```
 */
export class SimpleStorage {
  private cache: Record<string, string> | null = null;
  private loading: Promise<Record<string, string>> | null = null;
  /** Changes made before the first load finished (null marks a deletion); they win over what the cloud had. */
  private readonly early = new Map<string, string | null>();
  private readonly writer: BatchedWriter<string>;
  /** Mutations go out one at a time, in the order they were made. */
  private chain: Promise<unknown> = Promise.resolve();

  private readonly core: CoreSession;

  /** Built by the session on first access (`session.simpleStorage`); the published `new SimpleStorage(session)` is accepted. */
  constructor(session: CoreSession | SessionLike, options: SimpleStorageOptions = {}) {
    const core = (this.core = resolveCore(session, 'SimpleStorage'));
    this.writer = new BatchedWriter<string>({
      write: (batch) => this.serial(() => this.put(batch)),
      idleMs: options.idleMs,
      maxWaitMs: options.maxWaitMs,
      retryBaseMs: options.retryBaseMs,
      onError: (e) => reportSwallowed(core, e, `${this.writer.size} change(s) kept and retried`),
    });
    core.addFinalizer(() => this.flushAtEnd());
  }

  /** The stored value, or undefined (also when the cloud could not be read: the error is reported). */
  async get(key: string): Promise<string | undefined> {
    return (await this.read())[key];
  }

  /** Stores a string (at most 100 000 characters); written to the cloud in the next batch. */
  async set(key: string, value: string): Promise<void> {
    checkEntry(key, value);
    this.remember(key, value);
    this.writer.set(key, value);
    if (this.core.state === 'closed') await this.writer.flush();
  }

  /** Stores several strings; written to the cloud in the next batch. */
  async setMultiple(data: Record<string, string>): Promise<void> {
    if (!data || typeof data !== 'object') throw new SdkError('invalid_argument', 'setMultiple needs an object of string values');
    const entries = Object.entries(data);
    for (const [k, v] of entries) checkEntry(k, v);
    for (const [k, v] of entries) {
      this.remember(k, v);
      this.writer.set(k, v);
    }
    if (this.core.state === 'closed') await this.writer.flush();
  }

  /** Deletes a key in the cloud now; false if the cloud did not confirm. */
  async delete(key: string): Promise<boolean> {
    this.writer.discard(key);
    this.remember(key, null);
    return this.serial(() => this.remove(`/${encodeURIComponent(key)}`));
  }

  /** Deletes every key in the cloud now; false if the cloud did not confirm. */
  async clear(): Promise<boolean> {
    this.writer.discard();
    // Stryker disable next-line CallExpression: equivalent, once the cache is set nothing reads the early changes again; this frees them (EQUIVALENT_MUTANTS.md)
    this.early.clear();
    this.cache = {};
    return this.serial(() => this.remove(''));
  }

  /** Every stored key. */
  async keys(): Promise<string[]> {
    return Object.keys(await this.read());
  }

  /** How many keys are stored. */
  async size(): Promise<number> {
    return Object.keys(await this.read()).length;
  }

  /** Whether a key is stored. */
  async hasKey(key: string): Promise<boolean> {
    return Object.hasOwn(await this.read(), key);
  }

  /** Every stored key and value. */
  async getAllData(): Promise<Record<string, string>> {
    return { ...(await this.read()) };
  }

  /** Writes pending changes now. Rejects with an `SdkError` if the cloud refused them (they stay pending and are retried). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  private get path(): string {
    return `/api/sdk/simple-storage/${encodeURIComponent(this.core.userId)}`;
  }

  /** The stored data, or (reported) an empty record when it cannot be loaded; changes made meanwhile still show. */
  private async read(): Promise<Record<string, string>> {
    try {
      return await this.load();
    } catch (e) {
      reportSwallowed(this.core, e, 'read as empty; the next read tries again');
      const early: Record<string, string> = {};
      for (const [k, v] of this.early) if (v !== null) early[k] = v;
      return early;
    }
  }

  /** Loads the stored data once; a failed load is not cached (the next read tries again). */
  private load(): Promise<Record<string, string>> {
    if (this.cache) return Promise.resolve(this.cache);
    this.loading ??= (async () => {
      try {
        const res = await this.core.cloudRequest(this.path);
        const body = await readJson(res);
        if (!res.ok) throw storageError('storage_unavailable', `Loading SimpleStorage failed: the cloud answered ${res.status}`, res.status);
        const data: Record<string, string> = body && typeof body.data === 'object' && body.data ? { ...body.data } : {};
        if (this.cache) return this.cache; // clear() ran meanwhile
        for (const [k, v] of this.early) {
          if (v === null) delete data[k];
          else data[k] = v;
        }
        // Stryker disable next-line CallExpression: equivalent, once the cache is set nothing reads the early changes again; this frees them (EQUIVALENT_MUTANTS.md)
        this.early.clear();
        return (this.cache = data);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private remember(key: string, value: string | null): void {
    if (!this.cache) this.early.set(key, value);
    else if (value === null) delete this.cache[key];
    else this.cache[key] = value;
  }

  private async put(batch: Record<string, string>): Promise<void> {
    const res = await this.core.cloudRequest(this.path, { method: 'PUT', json: { data: batch } });
    if (res.ok) return;
    await res.body?.cancel();
    if (res.status === 413) throw storageError('storage_quota_exceeded', 'SimpleStorage is over its 1 MB limit: delete unused keys', 413);
    if (res.status === 429) throw storageError('storage_rate_limited', 'SimpleStorage writes are rate limited by the cloud', 429);
    throw storageError('storage_write_failed', `Saving SimpleStorage failed: the cloud answered ${res.status}`, res.status);
  }

  private async remove(suffix: string): Promise<boolean> {
    const what = suffix ? 'Deleting a SimpleStorage key' : 'Clearing SimpleStorage';
    try {
      const res = await this.core.cloudRequest(this.path + suffix, { method: 'DELETE' });
      const body = await readJson(res);
      if (res.ok && body?.success === true) return true;
      reportSwallowed(this.core, storageError('storage_write_failed', `${what} failed: the cloud answered ${res.status}`, res.status), 'resolved false');
    } catch (e) {
      reportSwallowed(this.core, new SdkError('storage_write_failed', `${what} failed: ${(e as Error).message}`, { cause: e }), 'resolved false');
    }
    return false;
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(op, op);
    this.chain = run.catch(() => {});
    return run;
  }

  /** Writes what is pending when the session ends (flush() returns at once when nothing is, and stops the timers). */
  private async flushAtEnd(): Promise<void> {
    try {
      await this.writer.flush();
    } catch (e) {
      // no retry after the end: what could not be written is logged
      this.writer.close();
      this.core.logger.warn(`SimpleStorage: ${this.writer.size} change(s) could not be saved when the session ended: ${(e as Error).message}`);
    }
  }
}

function checkEntry(key: unknown, value: unknown): void {
  if (typeof key !== 'string' || key === '') throw new SdkError('invalid_argument', 'SimpleStorage keys are non-empty strings');
  if (typeof value !== 'string') throw new SdkError('invalid_argument', `SimpleStorage values are strings (key "${key.slice(0, 60)}")`);
  if (value.length > MAX_VALUE_CHARS) {
    throw new SdkError('invalid_argument', `The value of "${key.slice(0, 60)}" has ${value.length} characters; at most ${MAX_VALUE_CHARS} are allowed`);
  }
}

function storageError(code: SdkErrorCode, message: string, status: number): SdkError {
  return new SdkError(code, message, { details: { status } });
}
