/**
 * Request/response correlation that lives with the logical session, not the socket: a pending request
 * survives reconnects, settles once, and rejects with an `SdkError` on timeout or when the session ends.
 */
import { SdkError } from '../errors';

/** The kind of photo requests in the engine's shared registry (answered by `/photo-upload` or `photo_response`). */
export const PHOTO_KIND = 'photo';

/** The error of each request still pending when its session ended (`reason`). */
export function endedBefore(reason: string): (kind: string, id: string) => SdkError {
  return (kind, id) =>
    new SdkError('session_closed', `The session ended (${reason}) before the ${kind} request ${id} was answered`, { details: { requestId: id, reason } });
}

/** A pending request as `entry` and `remove` show it. */
export interface PendingEntry {
  readonly kind: string;
  /** Who asked (a session id, for registries shared by several sessions). */
  readonly owner?: string;
  /** When it was created (ms since the epoch). */
  readonly createdAt: number;
  /** Settle it (after `remove`, these are the only way to). */
  readonly resolve: (v: any) => void;
  readonly reject: (e: Error) => void;
}

interface Pending extends PendingEntry {
  timer?: ReturnType<typeof setTimeout>;
  /** Settles once the observer has recorded the request. */
  recorded?: Promise<void>;
}

/** Told when an id starts and stops being pending (the engine records who owns photo requests in a cluster). */
export interface PendingObserver {
  /** May return a promise: the request is sent once it settles (see `recorded`). */
  added(id: string, kind: string, timeoutMs: number): Promise<void> | void;
  removed(id: string, kind: string): void;
}

export class PendingRequests {
  /** Created on the first request: every session has a PendingRequests, few ever send a request. */
  private pending: Map<string, Pending> | undefined;

  constructor(private readonly observer?: PendingObserver) {}

  get size(): number {
    return this.pending?.size ?? 0;
  }

  has(id: string): boolean {
    return !!this.pending?.has(id);
  }

  /** Pending ids in the order they were created, optionally only of one kind and owner. */
  ids(kind?: string, owner?: string): string[] {
    return [...(this.pending ?? [])].filter(([, p]) => (kind === undefined || p.kind === kind) && (owner === undefined || p.owner === owner)).map(([id]) => id);
  }

  /** True when `id` is pending with this kind (and owner, when given). */
  hasOf(id: string, kind: string, owner?: string): boolean {
    const p = this.pending?.get(id);
    return !!p && p.kind === kind && (owner === undefined || p.owner === owner);
  }

  /** Registers `id` and returns the promise that settles with it. `timeoutMs` 0 means no timeout. */
  create<T>(id: string, kind: string, timeoutMs: number, owner?: string): Promise<T> {
    const pending = (this.pending ??= new Map());
    if (pending.has(id)) return Promise.reject(new SdkError('invalid_argument', `A ${kind} request with id "${id}" is already pending`));
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { resolve, reject, kind, owner, createdAt: Date.now() };
      if (timeoutMs > 0) {
        entry.timer = setTimeout(() => {
          pending.delete(id);
          this.observer?.removed(id, kind);
          reject(new SdkError('request_timeout', `The ${kind} request ${id} got no answer within ${timeoutMs} ms`, { details: { requestId: id, kind } }));
        }, timeoutMs);
        // Stryker disable next-line OptionalChaining: every runtime we support (Node, Bun) gives timers an unref
        entry.timer.unref?.();
      }
      pending.set(id, entry);
      const recorded = this.observer?.added(id, kind, timeoutMs);
      // Stryker disable next-line ConditionalExpression: storing undefined reads back as undefined, as leaving it unset does
      if (recorded) entry.recorded = recorded;
    });
  }

  /**
   * Settles once the observer has recorded a pending request (for example who owns it, so that its answer
   * finds this instance); undefined when there is nothing to wait for, so callers may send at once.
   */
  recorded(id: string): Promise<void> | undefined {
    return this.pending?.get(id)?.recorded;
  }

  /** The pending request `id`, or undefined (it stays pending). */
  entry(id: string): PendingEntry | undefined {
    return this.pending?.get(id);
  }

  /** Removes `id` without settling it (its timer stops) and returns it: the caller settles it with its `resolve`/`reject`. */
  remove(id: string): PendingEntry | undefined {
    return this.take(id);
  }

  resolve(id: string, value: unknown): boolean {
    const p = this.take(id);
    if (p) p.resolve(value);
    return !!p;
  }

  reject(id: string, error: Error): boolean {
    const p = this.take(id);
    if (p) p.reject(error);
    return !!p;
  }

  rejectAll(error: (kind: string, id: string) => Error): void {
    this.rejectWhere(() => true, error);
  }

  /** Rejects the pending requests of one kind and/or owner; returns how many. */
  rejectMatching(filter: { kind?: string; owner?: string }, error: (kind: string, id: string) => Error): number {
    return this.rejectWhere((p) => (filter.kind === undefined || p.kind === filter.kind) && (filter.owner === undefined || p.owner === filter.owner), error);
  }

  private rejectWhere(match: (p: Pending) => boolean, error: (kind: string, id: string) => Error): number {
    let n = 0;
    if (!this.pending) return 0;
    for (const [id, p] of [...this.pending]) {
      if (!match(p)) continue;
      this.take(id);
      p.reject(error(p.kind, id));
      n++;
    }
    return n;
  }

  private take(id: string): Pending | undefined {
    const p = this.pending?.get(id);
    if (!p) return undefined;
    this.pending!.delete(id);
    // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing
    if (p.timer) clearTimeout(p.timer);
    this.observer?.removed(id, p.kind);
    return p;
  }
}
