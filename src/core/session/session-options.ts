/** What every session of a server is given, resolved from the server's options (`options.ts`). */
import type { ReconnectOptions } from './reconnect';

export interface SessionOptions {
  handshakeTimeoutMs: number;
  reconnect: Required<ReconnectOptions>;
  queueLimit: number;
  /** 0 disables the pings and zombie detection. */
  pingIntervalMs: number;
}
