/** What every session of a server is given, resolved from the server's options (`options.ts`). */
import type { ReconnectOptions } from './reconnect';

export interface SessionOptions {
  handshakeTimeoutMs: number;
  reconnect: Required<ReconnectOptions>;
  queueLimit: number;
  /** 0 disables the pings and zombie detection. */
  pingIntervalMs: number;
  /** Send the app-level `{"type":"ping"}` with each liveness ping (3.0.0-hono; absent: off). */
  appPing?: boolean;
  /** Recent log lines kept per session for `request_telemetry` (0 or absent keeps none). */
  telemetryBufferSize?: number;
}
