/**
 * Liveness of the sockets (the ws README's heartbeat recipe, on the app side): a ping every `intervalMs`.
 * A socket that showed no sign of life since the previous ping (no pong, no frame, no ping from the
 * cloud) is a zombie, typically a half-open TCP connection: `onZombie` runs, and the session terminates
 * the socket and resumes. A zombie is therefore found within two intervals (three, once, when its wheel
 * spreads, below).
 *
 * One timer serves every socket with the same interval (not one timer per session), and it turns a wheel.
 * Up to 64 sockets share one slot: they are pinged together, and the timer wakes once per interval. Past 64,
 * the wheel spreads them over one slot per 50 ms of the interval (300 at the default 15 s, at most 1,024),
 * and each tick visits one slot; it stays spread until its last socket leaves. Every socket is still visited
 * once per interval, but thousands of sessions do not all ping in the same turn of the event loop: pinging
 * 5,000 sockets at once held every event back by about 100 ms, where a slot of 17 takes a fraction of a
 * millisecond.
 */
/** What liveness needs of a connection: whether its socket is open, a ping, and its sign of life. */
export interface Watched {
  /** Set by the connection on every frame, ping or pong from the peer; cleared by each visit. */
  alive: boolean;
  /** Liveness's own record of the slot that holds the socket (undefined while it is not watched). */
  slot: Slot | undefined;
  readonly isOpen: boolean;
  ping(): void;
  onZombie(): void;
}

/** The time between two ticks of a spread wheel, in ms (an interval shorter than two ticks is never spread). */
const TICK_MS = 50;
/** The most slots a wheel has (a longer interval ticks less often). */
const MAX_SLOTS = 1024;
/** Up to this many sockets, a wheel has one slot: they are pinged together, and its timer wakes once per interval. */
const ONE_SLOT_UP_TO = 64;

/** The sockets watched at one interval, in one slot or spread over many (each made when a socket first joins it). */
interface Wheel {
  readonly intervalMs: number;
  /** How many slots the wheel spreads over past 64 sockets: one per 50 ms of the interval (1 or 0: never). */
  readonly spreadTo: number;
  slots: (Slot | undefined)[];
  timer?: ReturnType<typeof setInterval>;
  /** The slot the next tick visits. */
  cursor: number;
  /** The slot the next watched socket joins: round robin, so that sockets that start together spread out. */
  next: number;
  /** The sockets in every slot. */
  size: number;
}

/** The sockets one tick of a wheel visits. */
export class Slot extends Set<Watched> {
  constructor(readonly wheel: Wheel) {
    super();
  }
}

const wheels = new Map<number, Wheel>();

function tick(wheel: Wheel): void {
  const slot = wheel.slots[wheel.cursor];
  wheel.cursor = (wheel.cursor + 1) % wheel.slots.length;
  if (slot === undefined) return;
  for (const w of slot) {
    if (!w.isOpen) continue;
    if (!w.alive) {
      w.onZombie();
      continue;
    }
    w.alive = false;
    w.ping();
  }
}

/** A timer whose ticks over every slot add up to the interval or a few ms less (never more: a zombie is found in time). */
function turn(wheel: Wheel): ReturnType<typeof setInterval> {
  const timer = setInterval(tick, Math.floor(wheel.intervalMs / wheel.slots.length), wheel);
  // Stryker disable next-line OptionalChaining: every runtime we support (Node, Bun) gives timers an unref
  timer.unref?.();
  return timer;
}

function join(wheel: Wheel, w: Watched): void {
  const slot = (wheel.slots[wheel.next] ??= new Slot(wheel));
  slot.add(w);
  w.slot = slot;
  wheel.next = (wheel.next + 1) % wheel.slots.length;
}

/**
 * Spreads a one-slot wheel over one slot per 50 ms of its interval. Every socket counts as alive once more,
 * since its next visit may now come sooner than its pong: a zombie already there is found one interval later.
 */
function spread(wheel: Wheel): void {
  // With one slot, the cursor and the next slot are always 0: both stay right for the new slots.
  const sockets = wheel.slots[0] as Slot;
  clearInterval(wheel.timer);
  wheel.slots = new Array(wheel.spreadTo);
  for (const w of sockets) {
    w.alive = true;
    join(wheel, w);
  }
  wheel.timer = turn(wheel);
}

function startWheel(intervalMs: number): Wheel {
  const spreadTo = Math.min(MAX_SLOTS, Math.floor(intervalMs / TICK_MS));
  const wheel: Wheel = { intervalMs, spreadTo, slots: [undefined], cursor: 0, next: 0, size: 0 };
  wheel.timer = turn(wheel);
  wheels.set(intervalMs, wheel);
  return wheel;
}

/**
 * Starts watching `w`; true when it is watched (`intervalMs` 0 disables the pings). Stop with `unwatchLiveness`.
 * A socket already watched stays in its slot, at the interval it was first watched with.
 */
export function watchLiveness(w: Watched, intervalMs: number): boolean {
  if (!(intervalMs > 0)) return false;
  w.alive = true;
  if (w.slot !== undefined) return true;
  const wheel = wheels.get(intervalMs) ?? startWheel(intervalMs);
  join(wheel, w);
  if (++wheel.size > ONE_SLOT_UP_TO && wheel.slots.length < wheel.spreadTo) spread(wheel);
  return true;
}

/** Stops watching `w`, whatever its interval; the wheel's timer stops with its last socket. */
export function unwatchLiveness(w: Watched): void {
  const slot = w.slot;
  if (slot === undefined) return;
  slot.delete(w);
  w.slot = undefined;
  const wheel = slot.wheel;
  if (--wheel.size > 0) return;
  clearInterval(wheel.timer);
  wheels.delete(wheel.intervalMs);
}
