/**
 * Reconnect policy: a close-code table, exponential backoff with full jitter inside a total budget (the
 * cloud keeps a dropped app's session for its grace window), and a gate that caps how many handshakes
 * run at once, so a cloud that drops thousands of sessions is not met by thousands of simultaneous
 * handshakes (the idea of discord.js's identify throttler).
 *
 * | action      | codes                                   | what the session does                                  |
 * | ----------- | --------------------------------------- | ------------------------------------------------------ |
 * | `resume`    | 1005, 1006, a missed ping (zombie)       | reconnect at once with the same sessionId (backoff from |
 * |             |                                         | the base delay); the cloud still holds the session     |
 * | `reconnect` | 1001, 1002, 1003, 1007, 1009–1014, other | the cloud closed on purpose but not for good: reconnect |
 * |             |                                         | after a longer first backoff (it may be restarting)    |
 * | `terminal`  | 1000, 1008, `tpa_connection_error`      | end the session once (onStop), never reconnect         |
 */

export type CloseAction = 'resume' | 'reconnect' | 'terminal';

/** What a close code means for the session. Codes not listed mean `reconnect`. */
export const CLOSE_CODES: Readonly<
  Record<
    number,
    {
      /** What the session does after this close. */
      action: CloseAction;
      /** What the code means. */
      meaning: string;
    }
  >
> = {
  1000: { action: 'terminal', meaning: 'normal closure (the cloud stopped the app or ended the user session)' },
  1001: { action: 'reconnect', meaning: 'going away (the cloud is shutting down or moving the session)' },
  1002: { action: 'reconnect', meaning: 'protocol error' },
  1003: { action: 'reconnect', meaning: 'unsupported data' },
  1005: { action: 'resume', meaning: 'no status received' },
  1006: { action: 'resume', meaning: 'abnormal closure (connection lost, or no answer to pings)' },
  1007: { action: 'reconnect', meaning: 'invalid frame payload' },
  1008: { action: 'terminal', meaning: 'policy violation (the cloud refused the app: bad key, or a request error)' },
  1009: { action: 'reconnect', meaning: 'message too big' },
  1011: { action: 'reconnect', meaning: 'cloud internal error' },
  1012: { action: 'reconnect', meaning: 'cloud restarting' },
  1013: { action: 'reconnect', meaning: 'try again later' },
  1014: { action: 'reconnect', meaning: 'bad gateway' },
};

export function closeAction(code: number): CloseAction {
  return CLOSE_CODES[code]?.action ?? 'reconnect';
}

/** How a session reconnects after a drop (jittered backoff within a time budget). */
export interface ReconnectOptions {
  /**
   * Total time to keep trying after a drop, in ms (default 60 000). 0 disables reconnecting.
   *
   * @defaultValue 60 000
   */
  budgetMs?: number;
  /**
   * First backoff ceiling in ms (default 500).
   *
   * @defaultValue 500
   */
  baseDelayMs?: number;
  /**
   * Largest backoff ceiling in ms (default 10 000).
   *
   * @defaultValue 10 000
   */
  maxDelayMs?: number;
  /**
   * Most handshakes (first connections excluded) running at once across the server (default 50).
   *
   * @defaultValue 50
   */
  maxConcurrentHandshakes?: number;
  /**
   * A connection that drops within this many ms of its ack continues the previous backoff instead of
   * starting afresh, so a cloud that accepts and then closes at once is not hammered (default 5 000).
   *
   * @defaultValue 5 000
   */
  stableAfterMs?: number;
}

export const RECONNECT_DEFAULTS: Required<ReconnectOptions> = {
  budgetMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxConcurrentHandshakes: 50,
  stableAfterMs: 5_000,
};

/** The backoff step a `reconnect` close starts from (ceiling base * 2^2: 2 s with the defaults). */
export const RECONNECT_FIRST_STEP = 2;

/** Full jitter: a uniform delay in [0, min(max, base * 2^attempt)). */
export function backoffDelay(attempt: number, opts: Required<ReconnectOptions>, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * One session's reconnect bookkeeping: the backoff step and the deadline of the current budget. A drop
 * within `stableAfterMs` of the last ack continues the same budget and backoff instead of starting afresh.
 */
export class ReconnectPlan {
  private step = 0;
  private deadline = 0;
  private connectedAt = 0;

  constructor(
    private readonly opts: Required<ReconnectOptions>,
    private readonly random: () => number = Math.random,
  ) {}

  /** Attempts made since the current budget began. */
  get attempts(): number {
    return this.step;
  }

  /** The connection is up (the cloud acknowledged it). */
  connected(now = Date.now()): void {
    this.connectedAt = now;
  }

  /** The connection dropped with a `resume` or `reconnect` close. */
  dropped(action: Exclude<CloseAction, 'terminal'>, now = Date.now()): void {
    const first = action === 'reconnect' ? RECONNECT_FIRST_STEP : 0;
    if (this.deadline === 0 || now - this.connectedAt >= this.opts.stableAfterMs) {
      this.deadline = now + this.opts.budgetMs;
      this.step = first;
    } else {
      this.step = Math.max(this.step, first);
    }
  }

  /** The wait before the next attempt, or undefined when it would end past the budget. */
  nextDelay(now = Date.now()): number | undefined {
    const delay = backoffDelay(this.step, this.opts, this.random);
    return now + delay > this.deadline ? undefined : delay;
  }

  /** An attempt begins; returns its number. */
  attempt(): number {
    return ++this.step;
  }
}

/**
 * At most `limit` handshakes at a time; the rest wait in arrival order. `enter` runs `start(release)` once
 * a slot is free and returns a function that withdraws a start that has not run yet.
 */
export class HandshakeGate {
  private active = 0;
  private readonly waiting = new Set<() => void>();

  readonly limit: number;

  constructor(limit: number) {
    this.limit = Math.max(1, Math.floor(limit) || 1);
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.size;
  }

  enter(start: (release: () => void) => void): () => void {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.active--;
      this.next();
    };
    const run = () => {
      this.active++;
      start(release);
    };
    if (this.active < this.limit) {
      run();
      return () => {};
    }
    this.waiting.add(run);
    return () => void this.waiting.delete(run);
  }

  private next(): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: next() runs only right after release() freed a slot, so active < limit here
    if (this.active >= this.limit) return;
    const [first] = this.waiting;
    if (!first) return;
    this.waiting.delete(first);
    first();
  }
}
