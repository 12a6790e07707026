/** The states of a session and the reasons it ends (shared by the engine and both facades). */

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
