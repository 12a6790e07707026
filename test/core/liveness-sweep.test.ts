/**
 * The liveness sweep (the ws heartbeat recipe): one timer per interval for every watched socket, pings to
 * live sockets, zombies reported, and nothing left behind once the last socket is unwatched. The clock is
 * jest's (not ours to test); the sockets are stand-ins with the shape a connection gives liveness.
 */
import { unwatchLiveness, watchLiveness, type Watched } from '../../src/core/session/liveness';

class Socket implements Watched {
  alive = false;
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

describe('liveness sweep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  test('sockets watched at the same interval share one timer, which stops with the last socket', () => {
    const a = new Socket();
    const b = new Socket();
    const c = new Socket();
    expect(watchLiveness(a, 1000)).toBe(true);
    expect(watchLiveness(b, 1000)).toBe(true);
    expect(jest.getTimerCount()).toBe(1);
    expect(watchLiveness(c, 2000)).toBe(true);
    expect(jest.getTimerCount()).toBe(2);
    unwatchLiveness(a, 1000);
    expect(jest.getTimerCount()).toBe(2);
    unwatchLiveness(b, 1000);
    expect(jest.getTimerCount()).toBe(1);
    unwatchLiveness(b, 1000); // twice, or with an interval it was never watched at: nothing happens
    unwatchLiveness(c, 1000);
    expect(jest.getTimerCount()).toBe(1);
    unwatchLiveness(c, 2000);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('each sweep pings every live socket once; an unwatched socket is never pinged again', () => {
    const a = new Socket();
    const b = new Socket();
    watchLiveness(a, 1000);
    watchLiveness(b, 1000);
    expect(a.alive).toBe(true); // watching counts as a sign of life
    jest.advanceTimersByTime(999);
    expect([a.pings, b.pings]).toEqual([0, 0]);
    jest.advanceTimersByTime(1);
    expect([a.pings, b.pings]).toEqual([1, 1]);
    unwatchLiveness(a, 1000);
    jest.advanceTimersByTime(3000);
    expect([a.pings, b.pings]).toEqual([1, 4]);
    expect([a.zombies, b.zombies]).toEqual([0, 0]);
    unwatchLiveness(b, 1000);
    jest.advanceTimersByTime(3000);
    expect(b.pings).toBe(4);
  });

  test('a socket with no sign of life since the previous sweep is a zombie, found within two intervals, and not pinged', () => {
    const quiet = new Socket();
    quiet.answers = false;
    const live = new Socket();
    watchLiveness(quiet, 500);
    watchLiveness(live, 500);
    jest.advanceTimersByTime(500);
    expect(quiet).toMatchObject({ pings: 1, zombies: 0, alive: false });
    jest.advanceTimersByTime(500);
    expect(quiet).toMatchObject({ pings: 1, zombies: 1 });
    expect(live).toMatchObject({ pings: 2, zombies: 0, alive: true });
    // any frame from the peer counts: the connection sets `alive`
    quiet.alive = true;
    jest.advanceTimersByTime(500);
    expect(quiet).toMatchObject({ pings: 2, zombies: 1 });
    unwatchLiveness(quiet, 500);
    unwatchLiveness(live, 500);
  });

  test('a socket that is not open is skipped: neither pinged nor a zombie', () => {
    const closing = new Socket();
    closing.isOpen = false;
    closing.answers = false;
    watchLiveness(closing, 300);
    jest.advanceTimersByTime(1500);
    expect(closing).toMatchObject({ pings: 0, zombies: 0 });
    unwatchLiveness(closing, 300);
  });

  test('an interval of 0 (or not a positive number) watches nothing and starts no timer', () => {
    const s = new Socket();
    for (const ms of [0, -5, Number.NaN]) expect(watchLiveness(s, ms)).toBe(false);
    expect(s.alive).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(60_000);
    expect(s.pings).toBe(0);
  });
});
