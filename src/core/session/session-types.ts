/**
 * The states of a session, the reasons it ends (shared by the engine and the facades), and what the
 * connection tells the session about its link.
 */
import type { Logger } from '../logger';
import type { CloudFrame } from './frames';

export type SessionState = 'connecting' | 'ready' | 'reconnecting' | 'closed';

/**
 * Why a session ended. `user_disabled`, `system_stop` and `error` come from the cloud's stop webhook
 * (which may name other reasons too, passed on as sent); the others are the SDK's own, and
 * `app_disconnect` means the app called `session.disconnect()`.
 */
export type StopReason =
  | 'user_disabled'
  | 'system_stop'
  | 'error'
  | 'replaced'
  | 'transport_lost'
  | 'cloud_closed'
  | 'connection_error'
  | 'server_shutdown'
  | 'handshake_failed'
  | 'app_disconnect'
  | (string & {});

export interface DisconnectInfo {
  message: string;
  code: number;
  reason: string;
  wasClean: boolean;
  /** True when the SDK is trying to reconnect (the session is not over). */
  willReconnect: boolean;
  /** True when the session is over. */
  permanent: boolean;
}

/** Why the connection gave up (the session maps it to its stop reason). */
export type LostReason = 'cloud_closed' | 'transport_lost' | 'connection_error';

/** What the connection tells the session. */
export interface ConnectionHost {
  readonly logger: Logger;
  /** A parsed frame from the cloud in canonical form, the ack included (before `up`). */
  onCloudFrame(frame: CloudFrame): void;
  onCloudBinary(data: Uint8Array): void;
  onFrameDropped(why: string): void;
  /** The cloud acknowledged a socket; `attempt` is 0 on the first connection. */
  onLinkUp(attempt: number): void;
  /** The socket dropped; the connection reconnects unless `info.permanent`. */
  onLinkDown(info: DisconnectInfo): void;
  /** The connection is over for good; `closeCode` when a close frame ended it. */
  onLinkLost(reason: LostReason, closeCode?: number): void;
  reportError(err: Error): void;
}
