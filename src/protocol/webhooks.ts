/** The HTTP requests the cloud sends to an app server, and its answers. */

export interface BaseWebhookRequest {
  type: string;
  sessionId: string;
  userId: string;
  timestamp: string;
}

export interface SessionWebhookRequest extends BaseWebhookRequest {
  type: 'session_request';
  augmentOSWebsocketUrl?: string;
  mentraOSWebsocketUrl?: string;
  websocketUrl?: string;
}

export interface StopWebhookRequest extends BaseWebhookRequest {
  type: 'stop_request';
  reason: 'user_disabled' | 'system_stop' | 'error' | (string & {});
}

export type WebhookRequest = SessionWebhookRequest | StopWebhookRequest;

export interface WebhookResponse {
  status: 'success' | 'error';
  message?: string;
  code?: string;
}
