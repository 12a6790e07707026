/** Type guards: each checks the message's `type` string. */
import type {
  AppConnectionAck, AppConnectionError, AppConnectionInit, AppSettingsUpdate, AppStopped, AppSubscriptionUpdate,
  DataStream, DisplayRequest, SessionWebhookRequest, StopWebhookRequest,
} from './messages';

type Msg = { type?: unknown } | null | undefined;
const is = <T>(type: string) => (m: Msg): m is T & Msg => !!m && (m as { type?: unknown }).type === type;

export const isAppConnectionInit = is<AppConnectionInit>('tpa_connection_init');
export const isAppConnectionAck = is<AppConnectionAck>('tpa_connection_ack');
export function isAppConnectionError(m: Msg): m is AppConnectionError {
  const t = m && (m as { type?: unknown }).type;
  return t === 'tpa_connection_error' || t === 'connection_error';
}
export const isAppSubscriptionUpdate = is<AppSubscriptionUpdate>('subscription_update');
export const isDisplayRequest = is<DisplayRequest>('display_event');
export const isDataStream = is<DataStream>('data_stream');
export const isSettingsUpdate = is<AppSettingsUpdate>('settings_update');
export const isAppStopped = is<AppStopped>('app_stopped');
export const isSessionWebhookRequest = is<SessionWebhookRequest>('session_request');
export const isStopWebhookRequest = is<StopWebhookRequest>('stop_request');
