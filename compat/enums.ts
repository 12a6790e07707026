/**
 * The AugmentOS message-type enums, with their `tpa_*` wire values. Names only: the engine speaks the wire.
 * @deprecated Use `AppToCloudMessageType` / `CloudToAppMessageType` / `AppType`.
 */
import { AppType } from '../src/protocol/enums';

/** @deprecated Use `AppToCloudMessageType` (app-to-app members are named `APP_*`). */
export enum TpaToCloudMessageType {
  CONNECTION_INIT = 'tpa_connection_init',
  SUBSCRIPTION_UPDATE = 'subscription_update',
  DISPLAY_REQUEST = 'display_event',
  PHOTO_REQUEST = 'photo_request',
  RTMP_STREAM_REQUEST = 'rtmp_stream_request',
  RTMP_STREAM_STOP = 'rtmp_stream_stop',
  DASHBOARD_CONTENT_UPDATE = 'dashboard_content_update',
  DASHBOARD_MODE_CHANGE = 'dashboard_mode_change',
  DASHBOARD_SYSTEM_UPDATE = 'dashboard_system_update',
  TPA_BROADCAST_MESSAGE = 'tpa_broadcast_message',
  TPA_DIRECT_MESSAGE = 'tpa_direct_message',
  TPA_USER_DISCOVERY = 'tpa_user_discovery',
  TPA_ROOM_JOIN = 'tpa_room_join',
  TPA_ROOM_LEAVE = 'tpa_room_leave',
}

/** @deprecated Use `CloudToAppMessageType` (app-to-app members are named `APP_*`). */
export enum CloudToTpaMessageType {
  CONNECTION_ACK = 'tpa_connection_ack',
  CONNECTION_ERROR = 'tpa_connection_error',
  APP_STOPPED = 'app_stopped',
  SETTINGS_UPDATE = 'settings_update',
  DASHBOARD_MODE_CHANGED = 'dashboard_mode_changed',
  DASHBOARD_ALWAYS_ON_CHANGED = 'dashboard_always_on_changed',
  DATA_STREAM = 'data_stream',
  PHOTO_RESPONSE = 'photo_response',
  RTMP_STREAM_STATUS = 'rtmp_stream_status',
  WEBSOCKET_ERROR = 'websocket_error',
  PERMISSION_ERROR = 'permission_error',
  CUSTOM_MESSAGE = 'custom_message',
  TPA_MESSAGE_RECEIVED = 'tpa_message_received',
  TPA_USER_JOINED = 'tpa_user_joined',
  TPA_USER_LEFT = 'tpa_user_left',
  TPA_ROOM_UPDATED = 'tpa_room_updated',
  TPA_DIRECT_MESSAGE_RESPONSE = 'tpa_direct_message_response',
}

/** @deprecated Use `AppType`. */
export const TpaType = AppType;
/** @deprecated Use `AppType`. */
export type TpaType = AppType;
