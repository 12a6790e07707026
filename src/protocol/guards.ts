/** Type guards: each checks the message's `type` string. */
import type {
  AppConnectionAck, AppConnectionError, AppConnectionInit, AppSettingsUpdate, AppStopped, AppSubscriptionUpdate,
  DataStream, DisplayRequest, SessionWebhookRequest, StopWebhookRequest, AudioChunk, DashboardContentUpdate,
  DashboardModeChange, DashboardSystemUpdate, DashboardModeChanged, DashboardAlwaysOnChanged, PhotoRequest,
  RtmpStreamRequest, RtmpStreamStopRequest, AppMessageReceived, AppUserJoined, AppUserLeft, AppRoomUpdated,
  AppDirectMessageResponse, CustomMessage, PermissionError,
} from './messages';
import type { PhotoResponse, RtmpStreamStatus } from './glasses';
import { typeGuard as is } from './guard-kit';

export const isAppConnectionInit = is<AppConnectionInit>('tpa_connection_init');
export const isAppConnectionAck = is<AppConnectionAck>('tpa_connection_ack');
export const isAppConnectionError = is<AppConnectionError>('tpa_connection_error', 'connection_error');
export const isAppSubscriptionUpdate = is<AppSubscriptionUpdate>('subscription_update');
export const isDisplayRequest = is<DisplayRequest>('display_event');
export const isDataStream = is<DataStream>('data_stream');
export const isSettingsUpdate = is<AppSettingsUpdate>('settings_update');
export const isAppStopped = is<AppStopped>('app_stopped');
export const isSessionWebhookRequest = is<SessionWebhookRequest>('session_request');
export const isStopWebhookRequest = is<StopWebhookRequest>('stop_request');
export const isAudioChunk = is<AudioChunk>('audio_chunk');
export const isCustomMessage = is<CustomMessage>('custom_message');
export const isPermissionError = is<PermissionError>('permission_error');

// app -> cloud
export const isPhotoRequestFromApp = is<PhotoRequest>('photo_request');
export const isRtmpStreamRequest = is<RtmpStreamRequest>('rtmp_stream_request');
export const isRtmpStreamStopRequest = is<RtmpStreamStopRequest>('rtmp_stream_stop');
export const isDashboardContentUpdate = is<DashboardContentUpdate>('dashboard_content_update');
export const isDashboardModeChange = is<DashboardModeChange>('dashboard_mode_change');
export const isDashboardSystemUpdate = is<DashboardSystemUpdate>('dashboard_system_update');

// cloud -> app
export const isDashboardModeChanged = is<DashboardModeChanged>('dashboard_mode_changed');
export const isDashboardAlwaysOnChanged = is<DashboardAlwaysOnChanged>('dashboard_always_on_changed');
export const isPhotoResponseFromCloud = is<PhotoResponse>('photo_response');
export const isRtmpStreamStatusFromCloud = is<RtmpStreamStatus>('rtmp_stream_status');

// app-to-app (either naming: the cloud generation decides which one arrives)
export const isAppMessageReceived = is<AppMessageReceived>('app_message_received', 'tpa_message_received');
export const isAppUserJoined = is<AppUserJoined>('app_user_joined', 'tpa_user_joined');
export const isAppUserLeft = is<AppUserLeft>('app_user_left', 'tpa_user_left');
export const isAppRoomUpdated = is<AppRoomUpdated>('app_room_updated', 'tpa_room_updated');
export const isAppDirectMessageResponse = is<AppDirectMessageResponse>('app_direct_message_response', 'tpa_direct_message_response');
