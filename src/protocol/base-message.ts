/** The fields every message on the app socket may carry, in both directions. */
export interface BaseMessage {
  type: string;
  timestamp?: Date;
  sessionId?: string;
}
