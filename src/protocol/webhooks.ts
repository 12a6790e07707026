/** The HTTP requests the cloud sends to an app server, and its answers. */

export interface BaseWebhookRequest {
  /** The webhook type. */
  type: string;
  /** The session id. */
  sessionId: string;
  /** The user's id. */
  userId: string;
  /** When it happened or was sent. */
  timestamp: string;
}

export interface SessionWebhookRequest extends BaseWebhookRequest {
  /** The message type. */
  type: 'session_request';
  /** The cloud's WebSocket URL (AugmentOS name). */
  augmentOSWebsocketUrl?: string;
  /** The cloud's WebSocket URL (MentraOS name). */
  mentraOSWebsocketUrl?: string;
  /** The cloud's WebSocket URL. */
  websocketUrl?: string;
}

export interface StopWebhookRequest extends BaseWebhookRequest {
  /** The message type. */
  type: 'stop_request';
  /** Why the session stopped. */
  reason: 'user_disabled' | 'system_stop' | 'error' | (string & {});
}

/** The webhooks an app answers. */
export type WebhookRequest = SessionWebhookRequest | StopWebhookRequest;

/** The answer to a webhook. */
export interface WebhookResponse {
  /** Whether the webhook was handled. */
  status: 'success' | 'error';
  /** More detail. */
  message?: string;
  /** An error code. */
  code?: string;
}
