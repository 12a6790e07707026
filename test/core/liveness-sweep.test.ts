/**
 * The liveness sweep (the ws heartbeat recipe): one timer per interval for every watched socket, turning a
 * wheel: one slot up to 64 sockets, then one slot per 50 ms of the interval, so that many sockets' pings are
 * spread over it; pings to live sockets, zombies reported, and nothing left behind once the last socket is
 * unwatched. The
 * clock is jest's (not ours to test); the sockets are stand-ins with the shape a connection gives liveness.
 */
import { type Slot, unwatchLiveness, watchLiveness, type Watched } from '../../src/core/session/liveness';

class Socket implements Watched {
  alive = false;
  slot: Slot | undefined = undefined;
  isOpen = true;
  pings = 0;
  zombies = 0;
  /** Whether the peer answers pings (a pong marks the socket alive again). */
  answers = true;
  ping(): void {
    this.pings++;
    if (this.answers) this.alive = true;
  }
  onZombie(): void {
    this.zombies++;
  }
}

const sockets = (n: number) => Array.from({ length: n }, () => new Socket());
const pings = (list: Socket[]) => list.map((s) => s.pings);
const zeros = (n: number) => Array.from({ length: n }, () => 0);
const ones = (n: number) => Array.from({ length: n }, () => 1);

/** Moves the clock `ms`, checking the pings one millisecond before (`before`) and at that moment (`after`). */
function tickAt(ms: number, list: Socket[], before: number[], after: number[]): void {
  jest.advanceTimersByTime(ms - 1);
  expect(pings(list)).toEqual(before);
  jest.advanceTimersByTime(1);
  expect(pings(list)).toEqual(after);
}

describe('liveness sweep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  test('sockets watched at the same interval share one timer, which stops with the last socket', () => {
    const [a, b, c] = sockets(3);
    expect(watchLiveness(a, 1000)).toBe(true);
    expect(watchLiveness(b, 1000)).toBe(true);
    expect(jest.getTimerCount()).toBe(1);
    expect(watchLiveness(c, 2000)).toBe(true);
    expect(jest.getTimerCount()).toBe(2);
    unwatchLiveness(a);
    expect(jest.getTimerCount()).toBe(2);
    unwatchLiveness(b);
    expect(jest.getTimerCount()).toBe(1);
    unwatchLiveness(b); // twice: nothing happens
    expect(jest.getTimerCount()).toBe(1);
    unwatchLiveness(c);
    expect(jest.getTimerCount()).toBe(0);
    expect([a.slot, b.slot, c.slot]).toEqual([undefined, undefined, undefined]);
  });

  test('up to 64 sockets share one slot: pinged together once per interval; an unwatched socket is never pinged again', () => {
    const list = sockets(64);
    const [a, b] = list;
    for (const s of list) watchLiveness(s, 1000);
    expect(a.alive).toBe(true); // watching counts as a sign of life
    tickAt(1000, list, zeros(64), ones(64));
    unwatchLiveness(b);
    jest.advanceTimersByTime(3000);
    expect([a.pings, b.pings]).toEqual([4, 1]);
    expect(list.every((s) => s.zombies === 0)).toBe(true);
    for (const s of list) unwatchLiveness(s);
    jest.advanceTimersByTime(3000);
    expect(a.pings).toBe(4);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('a socket watched again stays in its slot: still one ping per interval', () => {
    const [a, b] = sockets(2);
    watchLiveness(a, 1000);
    a.alive = false;
    expect(watchLiveness(a, 1000)).toBe(true);
    expect(a.alive).toBe(true); // a sign of life all the same
    watchLiveness(b, 1000);
    tickAt(1000, [a, b], [0, 0], [1, 1]);
    tickAt(1000, [a, b], [1, 1], [2, 2]);
    unwatchLiveness(a);
    expect(jest.getTimerCount()).toBe(1); // b is still watched
    unwatchLiveness(b);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('the 65th socket spreads the wheel over the interval: a tick every 50 ms, 300 slots at the default 15 s', () => {
    const list = sockets(601);
    for (const s of list) watchLiveness(s, 15_000);
    expect(jest.getTimerCount()).toBe(1);
    const pinged = () => list.filter((s) => s.pings > 0).length;
    jest.advanceTimersByTime(49);
    expect(pinged()).toBe(0);
    jest.advanceTimersByTime(1);
    expect(pinged()).toBe(3); // the first slot holds the 1st, the 301st and the 601st socket
    expect(pings([list[0], list[300], list[600]])).toEqual([1, 1, 1]);
    jest.advanceTimersByTime(50);
    expect(pinged()).toBe(5);
    jest.advanceTimersByTime(50 * 298); // 300 ticks: the whole interval
    expect(pings(list)).toEqual(ones(601));
    jest.advanceTimersByTime(50);
    expect(list.filter((s) => s.pings === 2)).toHaveLength(3);
    for (const s of list) unwatchLiveness(s);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('spreading counts as a sign of life: a socket pinged just before is not taken for a zombie', () => {
    const list = sockets(64);
    for (const s of list) {
      s.answers = false;
      watchLiveness(s, 1000);
    }
    jest.advanceTimersByTime(1000); // each pinged, none answers
    expect(list.every((s) => s.pings === 1 && !s.alive)).toBe(true);
    const [late] = sockets(1);
    watchLiveness(late, 1000); // the 65th: 20 slots, a tick every 50 ms
    jest.advanceTimersByTime(50); // the first slot, visited again 50 ms after its sockets were pinged
    expect(list[0]).toMatchObject({ pings: 2, zombies: 0 });
    jest.advanceTimersByTime(999);
    expect(list[0]).toMatchObject({ pings: 2, zombies: 0 });
    jest.advanceTimersByTime(1); // one interval after its second ping, still no answer
    expect(list[0]).toMatchObject({ pings: 2, zombies: 1 });
    // the first of 20 slots holds the 1st, 21st, 41st and 61st socket; the others are visited later
    expect(list.flatMap((s, i) => (s.zombies > 0 ? [i] : []))).toEqual([0, 20, 40, 60]);
    for (const s of [...list, late]) unwatchLiveness(s);
  });

  test('a short interval spreads over fewer slots, never a tick shorter than 50 ms; under 100 ms, never; at most 1,024 slots', () => {
    const at100 = sockets(65);
    for (const s of at100) watchLiveness(s, 100); // 2 slots, a tick every 50 ms
    tickAt(
      50,
      at100,
      zeros(65),
      at100.map((_, i) => (i % 2 === 0 ? 1 : 0)),
    );
    tickAt(
      50,
      at100,
      at100.map((_, i) => (i % 2 === 0 ? 1 : 0)),
      ones(65),
    );
    const at99 = sockets(65);
    for (const s of at99.slice(0, 64)) {
      s.answers = false;
      watchLiveness(s, 99); // one slot, ticking at the interval itself
    }
    jest.advanceTimersByTime(98);
    watchLiveness(at99[64], 99); // the 65th does not spread it: nobody counts as alive again
    tickAt(1, at99, zeros(65), ones(65));
    jest.advanceTimersByTime(99);
    expect(at99.filter((s) => s.zombies === 1)).toHaveLength(64);
    for (const s of [...at100, ...at99]) unwatchLiveness(s);
    const hour = sockets(65);
    for (const s of hour) watchLiveness(s, 3_600_000); // an hour: 1,024 slots, a tick every 3,515 ms
    tickAt(3515, hour.slice(0, 2), [0, 0], [1, 0]);
    tickAt(3515, hour.slice(0, 2), [1, 0], [1, 1]);
    tickAt(3515 * 1023, hour.slice(0, 2), [1, 1], [2, 1]); // 1,024 ticks after the first
    for (const s of hour) unwatchLiveness(s);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('a socket with no sign of life since its previous visit is a zombie, found within two intervals, and not pinged', () => {
    const [live, quiet] = sockets(2);
    quiet.answers = false;
    watchLiveness(live, 500);
    watchLiveness(quiet, 500);
    jest.advanceTimersByTime(500);
    expect(quiet).toMatchObject({ pings: 1, zombies: 0, alive: false });
    jest.advanceTimersByTime(499);
    expect(quiet).toMatchObject({ pings: 1, zombies: 0 });
    jest.advanceTimersByTime(1);
    expect(quiet).toMatchObject({ pings: 1, zombies: 1 });
    expect(live).toMatchObject({ pings: 2, zombies: 0, alive: true });
    // any frame from the peer counts: the connection sets `alive`
    quiet.alive = true;
    jest.advanceTimersByTime(500);
    expect(quiet).toMatchObject({ pings: 2, zombies: 1 });
    unwatchLiveness(quiet);
    unwatchLiveness(live);
  });

  test('a socket that is not open is skipped: neither pinged nor a zombie', () => {
    const [closing] = sockets(1);
    closing.isOpen = false;
    closing.answers = false;
    watchLiveness(closing, 300);
    jest.advanceTimersByTime(1500);
    expect(closing).toMatchObject({ pings: 0, zombies: 0 });
    unwatchLiveness(closing);
  });

  test('an interval of 0 (or not a positive number) watches nothing and starts no timer', () => {
    const [s] = sockets(1);
    for (const ms of [0, -5, Number.NaN]) expect(watchLiveness(s, ms)).toBe(false);
    expect(s.alive).toBe(false);
    expect(s.slot).toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(60_000);
    expect(s.pings).toBe(0);
  });
});
