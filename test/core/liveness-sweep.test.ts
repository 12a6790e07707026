/**
 * The liveness sweep (the ws heartbeat recipe): one timer per interval for every watched socket, turning a
 * wheel of slots (one per 50 ms of the interval) so that the sockets' pings are spread over the interval;
 * pings to live sockets, zombies reported, and nothing left behind once the last socket is unwatched. The
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

  test('each socket is pinged once per interval, in its own slot; an unwatched socket is never pinged again', () => {
    const [a, b] = sockets(2);
    watchLiveness(a, 1000); // 20 slots, a tick every 50 ms: a in the first, b in the second
    watchLiveness(b, 1000);
    expect(a.alive).toBe(true); // watching counts as a sign of life
    tickAt(50, [a, b], [0, 0], [1, 0]);
    jest.advanceTimersByTime(50);
    expect(pings([a, b])).toEqual([1, 1]);
    tickAt(950, [a, b], [1, 1], [2, 1]); // a's next visit comes one turn (1000 ms) after its first, at 1050 ms
    unwatchLiveness(b);
    jest.advanceTimersByTime(3000);
    expect(pings([a, b])).toEqual([5, 1]);
    expect([a.zombies, b.zombies]).toEqual([0, 0]);
    unwatchLiveness(a);
    jest.advanceTimersByTime(3000);
    expect(a.pings).toBe(5);
  });

  test('a socket watched again stays in its slot: still one ping per interval', () => {
    const [a, b] = sockets(2);
    watchLiveness(a, 1000);
    a.alive = false;
    expect(watchLiveness(a, 1000)).toBe(true);
    expect(a.alive).toBe(true); // a sign of life all the same
    watchLiveness(b, 1000);
    jest.advanceTimersByTime(100);
    expect(pings([a, b])).toEqual([1, 1]); // b took the second slot, not the third
    jest.advanceTimersByTime(1900);
    expect(pings([a, b])).toEqual([2, 2]);
    unwatchLiveness(a);
    expect(jest.getTimerCount()).toBe(1); // b is still watched
    unwatchLiveness(b);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('sockets that start together are spread over the interval: a tick every 50 ms, 300 slots at the default 15 s', () => {
    const list = sockets(601);
    for (const s of list) watchLiveness(s, 15_000);
    const pinged = () => list.filter((s) => s.pings > 0).length;
    jest.advanceTimersByTime(49);
    expect(pinged()).toBe(0);
    jest.advanceTimersByTime(1);
    expect(pinged()).toBe(3); // the first slot holds the 1st, the 301st and the 601st socket
    expect(pings([list[0], list[300], list[600]])).toEqual([1, 1, 1]);
    jest.advanceTimersByTime(50);
    expect(pinged()).toBe(5);
    jest.advanceTimersByTime(50 * 298); // 300 ticks: the whole interval
    expect(pings(list)).toEqual(list.map(() => 1));
    jest.advanceTimersByTime(50);
    expect(list.filter((s) => s.pings === 2)).toHaveLength(3);
    for (const s of list) unwatchLiveness(s);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('an interval shorter than two ticks has one slot, ticking at the interval; a long one at most 1,024 slots', () => {
    const [a, b, c, d] = sockets(4);
    watchLiveness(a, 120); // 2 slots, a tick every 60 ms
    watchLiveness(b, 120);
    tickAt(60, [a, b], [0, 0], [1, 0]);
    tickAt(60, [a, b], [1, 0], [1, 1]);
    watchLiveness(c, 30); // one slot, ticking at the interval itself
    watchLiveness(d, 30);
    tickAt(30, [c, d], [0, 0], [1, 1]);
    for (const s of [a, b, c, d]) unwatchLiveness(s);
    const [e, f] = sockets(2);
    watchLiveness(e, 3_600_000); // an hour: 1,024 slots, a tick every 3,515 ms
    watchLiveness(f, 3_600_000);
    tickAt(3515, [e, f], [0, 0], [1, 0]);
    tickAt(3515, [e, f], [1, 0], [1, 1]);
    tickAt(3515 * 1023, [e, f], [1, 1], [2, 1]); // 1,024 ticks after the first
    unwatchLiveness(e);
    unwatchLiveness(f);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('a socket with no sign of life since its previous visit is a zombie, found within two intervals, and not pinged', () => {
    const [live, quiet] = sockets(2);
    quiet.answers = false;
    watchLiveness(live, 500); // 10 slots, a tick every 50 ms: live in the first, quiet in the second
    watchLiveness(quiet, 500);
    jest.advanceTimersByTime(100);
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
