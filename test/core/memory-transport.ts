/**
 * An in-memory transport for unit tests of the session: each "socket" is a pair of callbacks, and the
 * test plays the cloud end. Everything is asynchronous like a real socket (events arrive on a later
 * tick), so the session sees the same ordering it would over `ws`. Waits are for events, never for time.
 */
import type { Logger } from '../../src/core/logger';
import { RECONNECT_DEFAULTS, type ReconnectOptions } from '../../src/core/session/reconnect';
import { CoreSession, type CoreSessionOptions, type StopReason } from '../../src/core/session/session';
import type { SocketEvents, Transport, TransportSocket } from '../../src/core/session/transport';

type Frame = { type: string; [k: string]: unknown };

export class MemorySocket {
  /** Frames the app wrote, parsed. */
  readonly received: Frame[] = [];
  pings = 0;
  /** Answer pings with a pong (turn off to play a half-open connection). */
  answerPings = true;
  open = false;
  closed: { code: number; reason: string; by: 'app' | 'cloud' | 'terminate' } | undefined;
  private waiters: Array<() => void> = [];

  /** The app's end of this socket. */
  readonly appSide: TransportSocket;

  constructor(
    readonly url: string,
    private readonly events: SocketEvents,
    private readonly cloud: MemoryCloud,
  ) {
    const sock = this;
    this.appSide = {
      get isOpen(): boolean {
        return sock.open && !sock.closed;
      },
      ...this.appMethods(),
    };
  }

  private appMethods(): Omit<TransportSocket, 'isOpen'> {
    return {
      send: (text: string) => {
        if (!this.open || this.closed) throw new Error('send on a socket that is not open');
        const frame = JSON.parse(text) as Frame;
        this.received.push(frame);
        this.changed();
        if (frame.type === 'tpa_connection_init' && this.cloud.autoAck) this.cloud.onInit(this, frame);
      },
      ping: () => {
        this.pings++;
        this.changed();
        if (this.answerPings && !this.closed) later(() => this.live() && this.events.alive());
      },
      close: (code: number, reason: string) => {
        if (this.closed) return Promise.resolve();
        this.closed = { code, reason, by: 'app' };
        this.changed();
        later(() => this.events.close(code, reason));
        return Promise.resolve();
      },
      terminate: () => {
        if (!this.closed) this.closed = { code: 1006, reason: '', by: 'terminate' };
        this.changed();
      },
    };
  }

  /** The cloud accepts the upgrade. */
  accept(): void {
    later(() => {
      if (this.closed) return;
      this.open = true;
      this.events.open();
    });
  }

  /** The cloud sends a JSON frame (or raw text). */
  push(frame: Frame | string): void {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    if (this.closed) return;
    later(() => this.live() && this.events.text(text));
  }

  pushBinary(bytes: Uint8Array): void {
    if (this.closed) return;
    later(() => this.live() && this.events.binary(bytes));
  }

  ack(extra: Record<string, unknown> = {}): void {
    this.push({ type: 'tpa_connection_ack', sessionId: 'unit-session', settings: [], ...extra });
  }

  /** The cloud closes the socket with `code`. */
  drop(code: number, reason = ''): void {
    if (this.closed) return;
    this.closed = { code, reason, by: 'cloud' };
    this.open = false;
    this.changed();
    later(() => this.events.close(code, reason));
  }

  /** The connection fails before opening (DNS, refused...). */
  fail(message: string): void {
    later(() => this.events.error(new Error(message)));
  }

  /** Resolves once `test()` holds, re-checked on every event of this socket; rejects after `ms`. */
  until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
    return waitFor(test, what, ms, (fn) => this.waiters.push(fn));
  }

  framesOf(type: string): Frame[] {
    return this.received.filter((f) => f.type === type);
  }

  /** Events still reach the app unless it terminated the socket (a terminated socket reports nothing). */
  private live(): boolean {
    return this.closed?.by !== 'terminate';
  }

  private changed(): void {
    for (const fn of this.waiters.splice(0)) fn();
    this.cloud.changed();
  }
}

/** Plays the cloud end of every socket the session opens. */
export class MemoryCloud {
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
    return socket.appSide;
  };

  get last(): MemorySocket {
    const s = this.sockets.at(-1);
    if (!s) throw new Error('no socket was opened');
    return s;
  }

  onInit(socket: MemorySocket, _init: Frame): void {
    socket.ack(this.ackExtra);
  }

  until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
    return waitFor(test, what, ms, (fn) => this.waiters.push(fn));
  }

  changed(): void {
    for (const fn of this.waiters.splice(0)) fn();
  }
}

function later(fn: () => unknown): void {
  setImmediate(fn);
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
