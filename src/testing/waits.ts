/**
 * Waiting for a condition without polling: each wait is checked at once and again whenever its owner says
 * something changed (a frame arrived, a message was recorded), until it holds, fails or times out. The test
 * kit's users and the control client both wait this way.
 */

type Pending = () => void;

/** The pending waits of one owner. */
export class Waits {
  private readonly pending = new Set<Pending>();

  /**
   * Resolves with `check()`'s first defined result. At every `wake()`, `failed()` may end the wait with an
   * error instead; after `timeoutMs` it rejects with `timedOut()`.
   */
  wait<T>(check: () => T | undefined, timeoutMs: number, timedOut: () => Error, failed?: () => Error | undefined): Promise<T> {
    const first = check();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        this.pending.delete(pending);
        fn();
      };
      const pending: Pending = () => {
        const error = failed?.();
        if (error) return settle(() => reject(error));
        const v = check();
        if (v !== undefined) settle(() => resolve(v));
      };
      const timer = setTimeout(() => settle(() => reject(timedOut())), timeoutMs);
      this.pending.add(pending);
    });
  }

  /** Checks every pending wait again. */
  wake(): void {
    for (const pending of [...this.pending]) pending();
  }
}
