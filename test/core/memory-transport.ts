/**
 * The in-memory transport (`src/core/session/memory-transport.ts`) as unit tests of the session use it:
 * the test plays the cloud end. Everything is asynchronous like a real socket (events arrive on a later
 * tick), so the session sees the same ordering it would over `ws`. Waits are for events, never for time.
 */
import type { Logger } from '../../src/core/logger';
import { captureLogger } from '../helpers/apps';
import { RECONNECT_DEFAULTS, type ReconnectOptions } from '../../src/core/session/reconnect';
import { CoreSession, type CoreSessionOptions, type StopReason } from '../../src/core/session/session';
import { MemoryEnd, type MemoryPeer } from '../../src/core/session/memory-transport';
import type { Transport, TransportSocket } from '../../src/core/session/transport';

type Frame = { type: string; [k: string]: unknown };

/** One socket as the test sees it: the shared in-memory socket, with what the app wrote recorded. */
export class MemorySocket extends MemoryEnd {
  /** Frames the app wrote, parsed. */
  readonly received: Frame[] = [];
  pings = 0;
  /** Binary frames the app sent. */
  readonly binaries: Buffer[] = [];
  /** Answer pings with a pong (turn off to play a half-open connection). */
  answerPings = true;
  private waiters: Array<() => void> = [];

  /** The app's end of this socket (the socket itself). */
  get appSide(): TransportSocket {
    return this;
  }

  /** The cloud sends a JSON frame (or raw text). */
  override push(frame: Frame | string): void {
    super.push(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  ack(extra: Record<string, unknown> = {}): void {
    this.push({ type: 'tpa_connection_ack', sessionId: 'unit-session', settings: [], ...extra });
  }

  /** Resolves once `test()` holds, re-checked on every event of this socket; rejects after `ms`. */
  until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
    return waitFor(test, what, ms, (fn) => this.waiters.push(fn));
  }

  framesOf(type: string): Frame[] {
    return this.received.filter((f) => f.type === type);
  }

  /** @internal */
  notify(): void {
    for (const fn of this.waiters.splice(0)) fn();
  }
}

/** Plays the cloud end of every socket the session opens. */
export class MemoryCloud implements MemoryPeer {
  readonly sockets: MemorySocket[] = [];
  /** Accept every socket and acknowledge every init (turn off to script the handshake by hand). */
  autoAccept = true;
  autoAck = true;
  ackExtra: Record<string, unknown> = {};
  private waiters: Array<() => void> = [];

  readonly transport: Transport = (url, events) => {
    const socket = new MemorySocket(url, events, this);
    this.sockets.push(socket);
    if (this.autoAccept) socket.accept();
    this.changed();
    return socket;
  };

  get last(): MemorySocket {
    const s = this.sockets.at(-1);
    if (!s) throw new Error('no socket was opened');
    return s;
  }

  sent(end: MemoryEnd, text: string): void {
    const socket = end as MemorySocket;
    const frame = JSON.parse(text) as Frame;
    socket.received.push(frame);
    if (frame.type === 'tpa_connection_init' && this.autoAck) this.onInit(socket, frame);
  }

  sentBinary(end: MemoryEnd, data: Uint8Array): void {
    (end as MemorySocket).binaries.push(Buffer.from(data));
  }

  pinged(end: MemoryEnd): void {
    const socket = end as MemorySocket;
    socket.pings++;
    if (socket.answerPings) socket.pong();
  }

  onInit(socket: MemorySocket, _init: Frame): void {
    socket.ack(this.ackExtra);
  }

  until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
    return waitFor(test, what, ms, (fn) => this.waiters.push(fn));
  }

  changed(end?: MemoryEnd): void {
    (end as MemorySocket | undefined)?.notify();
    for (const fn of this.waiters.splice(0)) fn();
  }
}

function waitFor(test: () => boolean, what: string, ms: number, subscribe: (fn: () => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), ms);
    const check = () => {
      if (test()) {
        clearTimeout(timer);
        resolve();
      } else subscribe(() => setImmediate(check));
    };
    check();
  });
}

export const API_KEY = 'unit-test-api-key-0123456789';

export function quietLogger(): Logger & { warns: string[] } {
  const warns: string[] = [];
  const logger = {
    warns,
    debug() {},
    info() {},
    warn(msg: unknown) {
      warns.push(String(msg));
    },
    error() {},
    child: () => logger,
  };
  return logger as unknown as Logger & { warns: string[] };
}

/** A session over `cloud`'s transport, with fast reconnects and pings off, recording its end and its errors. */
export function memorySession(cloud: MemoryCloud, extra: Partial<Omit<CoreSessionOptions, 'reconnect'>> & { reconnect?: ReconnectOptions } = {}) {
  const ends: StopReason[] = [];
  const errors: Error[] = [];
  const logger = quietLogger();
  const session = new CoreSession({
    sessionId: 'unit-session',
    userId: 'unit@example.com',
    packageName: 'com.example.unit',
    apiKey: API_KEY,
    url: 'ws://cloud.invalid/app-ws',
    logger,
    pingIntervalMs: 0,
    handshakeTimeoutMs: 5000,
    queueLimit: 1000,
    transport: cloud.transport,
    onEnd: (reason) => ends.push(reason),
    reportError: (err) => errors.push(err),
    ...extra,
    reconnect: { ...RECONNECT_DEFAULTS, baseDelayMs: 1, maxDelayMs: 5, ...extra.reconnect },
  });
  return { session, ends, errors, logger };
}

/** Polls `test` on every tick (no fixed sleeps); rejects after `ms`. */
export function until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), ms);
    const check = () => {
      if (!test()) return void setImmediate(check);
      clearTimeout(timer);
      resolve();
    };
    check();
  });
}

/** A connected session over a new `MemoryCloud`, logging to a `captureLogger` (every line kept with its level). */
export async function readySession(extra: Parameters<typeof memorySession>[1] = {}) {
  const cloud = new MemoryCloud();
  const logger = captureLogger() as unknown as Logger & ReturnType<typeof captureLogger>;
  const made = memorySession(cloud, { logger, ...extra });
  await made.session.connect();
  return { ...made, cloud, logger };
}

/** Lets the in-memory sockets deliver what is in flight (they deliver on setImmediate). */
export const settle = () => new Promise<void>((r) => setImmediate(() => setImmediate(r)));

/** Resolves once `cloud` has opened socket number `n` and the app's init has arrived on it. */
export function initOn(cloud: MemoryCloud, n: number, what = `init ${n}`): Promise<void> {
  return cloud.until(() => cloud.sockets.length === n && cloud.last.received.length === 1, what);
}

/**
 * A session whose cloud accepts sockets but acknowledges nothing by itself, returned once its init has
 * arrived: `connecting` is the pending `connect()`, and the test plays the rest of the handshake.
 */
export async function awaitingAck(extra: Parameters<typeof memorySession>[1] = {}) {
  const cloud = new MemoryCloud();
  cloud.autoAck = false;
  const made = memorySession(cloud, extra);
  const connecting = made.session.connect();
  await initOn(cloud, 1, 'the init');
  return { cloud, connecting, ...made };
}
