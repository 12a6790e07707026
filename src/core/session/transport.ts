/**
 * The transport seam: the one place the engine touches a socket library. A `Transport` opens a socket to
 * a URL and reports what happens on it through `SocketEvents`; the connection above it (handshake,
 * liveness, close codes, reconnect) and the session above that never see `ws` itself. The default is
 * `wsTransport`; unit tests pass an in-memory one.
 */
import WebSocket from 'ws';

/** What a socket reports. Each is called as a method of the object (`events.text(data)`), on the socket's own events; none may throw. */
export interface SocketEvents {
  open(): void;
  /** A text frame (decoded as UTF-8 without validation: bad bytes become U+FFFD and the JSON parse drops them). */
  text(data: string): void;
  binary(data: Uint8Array): void;
  /** A ping or pong from the peer: the socket is alive even if no frame arrived. */
  alive(): void;
  close(code: number, reason: string): void;
  error(err: Error): void;
}

/** One socket, as the connection uses it. */
export interface TransportSocket {
  /** True while frames can be written. */
  readonly isOpen: boolean;
  send(text: string): void;
  /** Writes one binary frame. */
  sendBinary(data: Uint8Array): void;
  ping(): void;
  /** A polite close: `code`, then waits (bounded) for the peer's answer; resolves once the socket is gone. */
  close(code: number, reason: string): Promise<void>;
  /** Drops the socket at once; no further event is reported. */
  terminate(): void;
}

/** Opens a socket to `url`; `events` receives everything that happens on it from now on. */
export type Transport = (url: string, events: SocketEvents) => TransportSocket;

/** How long a polite close waits for the peer before the socket is dropped. */
export const CLOSE_WAIT_MS = 2000;

/** Where a `ws` socket of this transport reports to (a property of the socket, so its listeners can be shared). */
const EVENTS = Symbol('mentraos.socketEvents');
type WsWithEvents = WebSocket & { [EVENTS]: SocketEvents };

const eventsOf = (ws: WebSocket): SocketEvents => (ws as WsWithEvents)[EVENTS];

// One set of listener functions for every socket: `ws` (an EventEmitter) calls a listener with the socket as `this`.
function onOpen(this: WebSocket): void {
  eventsOf(this).open();
}
function onMessage(this: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
  // With ws's default binaryType ('nodebuffer') a message is always one Buffer, its fragments joined.
  if (isBinary) eventsOf(this).binary(data as Buffer);
  else eventsOf(this).text(data.toString());
}
function onAlive(this: WebSocket): void {
  eventsOf(this).alive();
}
function onClose(this: WebSocket, code: number, reason: Buffer): void {
  eventsOf(this).close(code, reason.toString());
}
function onError(this: WebSocket, err: Error): void {
  eventsOf(this).error(err);
}
function ignore(): void {}

/** A `ws` socket as a `TransportSocket` (one object per socket, no closures). */
class WsSocket implements TransportSocket {
  constructor(private readonly ws: WsWithEvents) {}

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(text: string): void {
    this.ws.send(text);
  }

  sendBinary(data: Uint8Array): void {
    // (ws sends anything but a string as a binary frame)
    this.ws.send(data);
  }

  ping(): void {
    this.ws.ping();
  }

  close(code: number, reason: string): Promise<void> {
    return closeSocket(this.ws, code, reason);
  }

  terminate(): void {
    const ws = this.ws;
    ws.removeAllListeners();
    ws.on('error', ignore);
    ws.terminate();
  }
}

/** The `ws` library as a transport. */
export const wsTransport: Transport = (url, events) => {
  // The handshake timer above covers the whole opening (TCP, upgrade, ack), so ws needs no timeout of its own.
  const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true }) as WsWithEvents;
  ws[EVENTS] = events;
  ws.on('open', onOpen);
  ws.on('message', onMessage);
  ws.on('ping', onAlive);
  ws.on('pong', onAlive);
  ws.on('close', onClose);
  ws.on('error', onError);
  return new WsSocket(ws);
};

function closeSocket(ws: WebSocket, code: number, reason: string): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    const timer = setTimeout(() => {
      ws.terminate();
      // Stryker disable next-line CallExpression: terminate() reports the close, which resolves too; this is a second guard
      resolve();
    }, CLOSE_WAIT_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    // (an error while closing goes to the socket's own listener, or to `ignore` once it was terminated)
    // Stryker disable next-line ConditionalExpression: ws's close() of a socket still opening aborts it as terminate() does
    if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    else ws.terminate();
  });
}
