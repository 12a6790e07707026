/**
 * Failures that the published SDKs swallowed: where a published method resolved with an empty answer
 * (`undefined`, `false`, `0`, `[]`) or only logged, ours resolves the same way and reports the typed error,
 * so an app that never wrapped the call in try/catch keeps running and the error is still seen.
 * See docs/failure-contract.md.
 */
import { toError } from './errors';
import type { CoreSession } from './session/session';

/** Logs `err` at `warn` on the session's logger and hands it to the session's `error` listeners, else to `onError`. */
export function reportSwallowed(core: CoreSession, err: unknown, outcome: string): void {
  const e = toError(err);
  core.logger.warn(`${e.message} (${outcome})`);
  core.reportError(e);
}
