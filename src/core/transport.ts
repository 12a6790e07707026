/**
 * The transport seam: the one place the engine touches a socket library. A `Transport` opens a socket to
 * a URL and reports what happens on it through `SocketEvents`; the connection above it (handshake,
 * liveness, close codes, reconnect) and the session above that never see `ws` itself. The default is
 * `wsTransport`; unit tests pass an in-memory one.
 */
import WebSocket from 'ws';

/** What a socket reports. Each callback runs on the socket's own events; none may throw. */
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

/** The `ws` library as a transport. */
export const wsTransport: Transport = (url, events) => {
  // The handshake timer above covers the whole opening (TCP, upgrade, ack), so ws needs no timeout of its own.
  const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
  ws.on('open', () => events.open());
  ws.on('message', (data, isBinary) => {
    if (isBinary) events.binary(toBytes(data));
    else events.text(data.toString());
  });
  ws.on('ping', () => events.alive());
  ws.on('pong', () => events.alive());
  ws.on('close', (code, reason) => events.close(code, reason.toString()));
  ws.on('error', (err) => events.error(err));
  return {
    get isOpen() {
      return ws.readyState === WebSocket.OPEN;
    },
    send: (text) => ws.send(text),
    ping: () => ws.ping(),
    close: (code, reason) => closeSocket(ws, code, reason),
    terminate: () => {
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
    },
  };
};

function closeSocket(ws: WebSocket, code: number, reason: string): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, CLOSE_WAIT_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.on('error', () => {});
    if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    else ws.terminate();
  });
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : new Uint8Array(data as ArrayBuffer);
}
