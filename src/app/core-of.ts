/** Which core session stands behind each facade session object (the SDK's modules reach the engine through it). */
import type { CoreSession } from '../core/session/session';

const cores = new WeakMap<object, CoreSession>();

/** Records that `facade` (a session's module holder) stands for `core`. */
export function bindCore(facade: object, core: CoreSession): void {
  cores.set(facade, core);
}

/** The core session behind a facade session (for the SDK's own modules). */
export function coreOf(session: object): CoreSession {
  const core = cores.get(session);
  if (!core) throw new TypeError('Not a session created by the SDK');
  return core;
}
