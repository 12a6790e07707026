/**
 * An in-memory `Transport`: each socket is a pair of ends in one process, and the caller plays the cloud.
 * Unit tests use it with a deferred scheduler (events arrive on a later tick, as over `ws`); the micro
 * benchmark (`npm run bench -- --micro`) uses it to run the session's hot paths with no socket at all.
 *
 * Internal: not exported from the package's entry points.
 */
import type { SocketEvents, Transport, TransportSocket } from './transport';

/** What the cloud end is told: every frame and ping the app writes, and every new socket. */
export interface MemoryPeer {
  /** A new socket was opened to `url` (it is accepted by `accept()`). */
  opened?(end: MemoryEnd): void;
  /** The app wrote a text frame. */
  sent(end: MemoryEnd, text: string): void;
  /** The app wrote a binary frame. */
  sentBinary?(end: MemoryEnd, data: Uint8Array): void;
  /** The app pinged. */
  pinged?(end: MemoryEnd): void;
  /** Some state of `end` changed (open, closed, a frame or ping written). */
  changed?(end: MemoryEnd): void;
}

/** Runs `fn` later; the default defers one macrotask, like a socket's events. */
export type Defer = (fn: () => unknown) => void;

const deferImmediate: Defer = (fn) => void setImmediate(fn);

/** Who closed a socket. */
export type ClosedBy = { code: number; reason: string; by: 'app' | 'cloud' | 'terminate' };

/** One socket: `socket` is the app's end (a `TransportSocket`), the other methods play the cloud's end. */
export class MemoryEnd implements TransportSocket {
  open = false;
  closed: ClosedBy | undefined;

  constructor(
    readonly url: string,
    readonly events: SocketEvents,
    private readonly peer: MemoryPeer,
    private readonly defer: Defer = deferImmediate,
  ) {}

  // ------------------------------------------------------------------ the app's end

  get isOpen(): boolean {
    return this.open && !this.closed;
  }

  send(text: string): void {
    if (!this.open || this.closed) throw new Error('send on a socket that is not open');
    this.peer.sent(this, text);
    this.peer.changed?.(this);
  }

  sendBinary(data: Uint8Array): void {
    if (!this.open || this.closed) throw new Error('send on a socket that is not open');
    this.peer.sentBinary?.(this, data);
    this.peer.changed?.(this);
  }

  ping(): void {
    this.peer.pinged?.(this);
    this.peer.changed?.(this);
  }

  close(code: number, reason: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = { code, reason, by: 'app' };
    this.peer.changed?.(this);
    this.defer(() => this.events.close(code, reason));
    return Promise.resolve();
  }

  terminate(): void {
    if (!this.closed) this.closed = { code: 1006, reason: '', by: 'terminate' };
    this.peer.changed?.(this);
  }

  // ------------------------------------------------------------------ the cloud's end

  /** The cloud accepts the upgrade. */
  accept(): void {
    this.defer(() => {
      if (this.closed) return;
      this.open = true;
      this.events.open();
      this.peer.changed?.(this);
    });
  }

  /** The cloud sends a text frame. */
  push(text: string): void {
    if (this.closed) return;
    this.defer(() => this.live() && this.events.text(text));
  }

  /** The cloud sends a binary frame. */
  pushBinary(bytes: Uint8Array): void {
    if (this.closed) return;
    this.defer(() => this.live() && this.events.binary(bytes));
  }

  /** The cloud answers a ping. */
  pong(): void {
    if (!this.closed) this.defer(() => this.live() && this.events.alive());
  }

  /** The cloud closes the socket with `code`. */
  drop(code: number, reason = ''): void {
    if (this.closed) return;
    this.closed = { code, reason, by: 'cloud' };
    this.open = false;
    this.peer.changed?.(this);
    this.defer(() => this.events.close(code, reason));
  }

  /** The connection fails before opening (DNS, refused...). */
  fail(message: string): void {
    this.defer(() => this.events.error(new Error(message)));
  }

  /** Events still reach the app unless it terminated the socket (a terminated socket reports nothing). */
  private live(): boolean {
    return this.closed?.by !== 'terminate';
  }
}

/**
 * A `Transport` whose sockets are `MemoryEnd`s reporting to `peer`. With `autoAccept` (the default) every
 * socket is accepted as it opens. `defer` decides when the app sees events (default: `setImmediate`).
 */
export function memoryTransport(peer: MemoryPeer, opts: { defer?: Defer; autoAccept?: () => boolean } = {}): Transport {
  const defer = opts.defer ?? deferImmediate;
  return (url, events) => {
    const end = new MemoryEnd(url, events, peer, defer);
    peer.opened?.(end);
    if (opts.autoAccept?.() ?? true) end.accept();
    return end;
  };
}
