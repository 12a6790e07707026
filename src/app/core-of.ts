/**
 * Which core session is behind a facade session: the one link from an `AppSession` (or `TpaSession`) to
 * the engine's session, kept apart so that the modules can take either without importing the session class.
 */
import { SdkError } from '../core/errors';
import { CoreSession } from '../core/session/session';

/** An `AppSession` or `TpaSession`, as the published module constructors take it. */
export type SessionLike = object;

const cores = new WeakMap<object, CoreSession>();

/** Links a facade session to its core session (once, when the facade is built). */
export function bindCore(session: object, core: CoreSession): void {
  cores.set(session, core);
}

/** The core session behind a facade session (for the SDK's own modules). */
export function coreOf(session: object): CoreSession {
  const core = cores.get(session);
  if (!core) throw new TypeError('Not a session created by the SDK');
  return core;
}

/**
 * The core session of a module constructor's first argument: the engine's session, or a facade session
 * (the published constructors take the app's session). Throws `invalid_argument` for anything else.
 */
export function resolveCore(session: CoreSession | SessionLike, what: string): CoreSession {
  if (session instanceof CoreSession) return session;
  const core = session && typeof session === 'object' ? cores.get(session) : undefined;
  if (!core) throw new SdkError('invalid_argument', `new ${what}(session, ...) needs the app's session (an AppSession or TpaSession)`);
  return core;
}

/**
 * The published modules' `updateSessionId(id)`: a module always sends its session's current id (there is
 * no copy to update), so the call changes nothing; an id that is not the session's is logged.
 */
export function followSessionId(core: CoreSession, sessionId: unknown, what: string): void {
  if (sessionId !== core.sessionId) core.logger.warn(`${what}.updateSessionId() changes nothing: the module always uses its session's id`);
}
