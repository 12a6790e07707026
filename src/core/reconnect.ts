/**
 * Reconnect policy: a close-code table and exponential backoff with full jitter inside a total budget
 * (the cloud keeps a dropped app's session for its grace window, 60 s by default).
 */

export type CloseAction = 'terminal' | 'reconnect';

/** What a close code means for the session. */
export const CLOSE_CODES: Readonly<Record<number, { action: CloseAction; meaning: string }>> = {
  1000: { action: 'terminal', meaning: 'normal closure (the cloud stopped the app or ended the user session)' },
  1001: { action: 'terminal', meaning: 'going away' },
  1008: { action: 'terminal', meaning: 'policy violation (the cloud refused the app: bad key, or a request error)' },
  1005: { action: 'reconnect', meaning: 'no status received' },
  1006: { action: 'reconnect', meaning: 'abnormal closure (connection lost)' },
  1011: { action: 'reconnect', meaning: 'cloud internal error' },
  1012: { action: 'reconnect', meaning: 'cloud restarting' },
  1013: { action: 'reconnect', meaning: 'try again later' },
};

export function closeAction(code: number): CloseAction {
  return CLOSE_CODES[code]?.action ?? 'reconnect';
}

export interface ReconnectOptions {
  /** Total time to keep trying after a drop, in ms (default 60 000). 0 disables reconnecting. */
  budgetMs?: number;
  /** First backoff ceiling in ms (default 500). */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms (default 10 000). */
  maxDelayMs?: number;
}

export const RECONNECT_DEFAULTS: Required<ReconnectOptions> = { budgetMs: 60_000, baseDelayMs: 500, maxDelayMs: 10_000 };

/** Full jitter: a uniform delay in [0, min(max, base * 2^attempt)). */
export function backoffDelay(attempt: number, opts: Required<ReconnectOptions>, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
