/** The fields every message on the app socket may carry, in both directions. */
export interface BaseMessage {
  /** The message type. */
  type: string;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
