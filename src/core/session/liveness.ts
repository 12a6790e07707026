/**
 * Liveness of the sockets (the ws README's heartbeat recipe, on the app side): a ping every `intervalMs`.
 * A socket that showed no sign of life since the previous ping (no pong, no frame, no ping from the
 * cloud) is a zombie, typically a half-open TCP connection: `onZombie` runs, and the session terminates
 * the socket and resumes. A zombie is therefore found within two intervals.
 *
 * One timer serves every socket with the same interval (not one timer per session): thousands of sessions
 * cost one sweep per interval.
 */
/** What liveness needs of a connection: whether its socket is open, a ping, and its sign of life. */
export interface Watched {
  /** Set by the connection on every frame, ping or pong from the peer; cleared by each sweep. */
  alive: boolean;
  readonly isOpen: boolean;
  ping(): void;
  onZombie(): void;
}

const sweeps = new Map<number, { timer: ReturnType<typeof setInterval>; watched: Set<Watched> }>();

function sweep(watched: Set<Watched>): void {
  for (const w of watched) {
    if (!w.isOpen) continue;
    if (!w.alive) {
      w.onZombie();
      continue;
    }
    w.alive = false;
    w.ping();
  }
}

/** Starts watching `w`; true when it is watched (`intervalMs` 0 disables the pings). Stop with `unwatchLiveness`. */
export function watchLiveness(w: Watched, intervalMs: number): boolean {
  if (!(intervalMs > 0)) return false;
  let group = sweeps.get(intervalMs);
  if (!group) {
    const watched = new Set<Watched>();
    const timer = setInterval(sweep, intervalMs, watched);
    // Stryker disable next-line OptionalChaining: every runtime we support (Node, Bun) gives timers an unref
    timer.unref?.();
    sweeps.set(intervalMs, (group = { timer, watched }));
  }
  w.alive = true;
  group.watched.add(w);
  return true;
}

/** Stops watching `w` (watched with the same `intervalMs`); the shared timer stops with its last socket. */
export function unwatchLiveness(w: Watched, intervalMs: number): void {
  const group = sweeps.get(intervalMs);
  if (!group || !group.watched.delete(w) || group.watched.size > 0) return;
  clearInterval(group.timer);
  sweeps.delete(intervalMs);
}
