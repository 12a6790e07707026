/**
 * The AugmentOS message-type enums, with their `tpa_*` wire values. Names only: the engine speaks the wire.
 * @deprecated Use `AppToCloudMessageType` / `CloudToAppMessageType` / `AppType`.
 */
import { AppType } from '../src/protocol/enums';

/** @deprecated Use `AppToCloudMessageType` (app-to-app members are named `APP_*`). */
export enum TpaToCloudMessageType {
  /** The `tpa_connection_init` message. */
  CONNECTION_INIT = 'tpa_connection_init',
  /** The `subscription_update` message. */
  SUBSCRIPTION_UPDATE = 'subscription_update',
  /** The `display_event` message. */
  DISPLAY_REQUEST = 'display_event',
  /** The `photo_request` message. */
  PHOTO_REQUEST = 'photo_request',
  /** The `rtmp_stream_request` message. */
  RTMP_STREAM_REQUEST = 'rtmp_stream_request',
  /** The `rtmp_stream_stop` message. */
  RTMP_STREAM_STOP = 'rtmp_stream_stop',
  /** The `dashboard_content_update` message. */
  DASHBOARD_CONTENT_UPDATE = 'dashboard_content_update',
  /** The `dashboard_mode_change` message. */
  DASHBOARD_MODE_CHANGE = 'dashboard_mode_change',
  /** The `dashboard_system_update` message. */
  DASHBOARD_SYSTEM_UPDATE = 'dashboard_system_update',
  /** The `tpa_broadcast_message` message. */
  TPA_BROADCAST_MESSAGE = 'tpa_broadcast_message',
  /** The `tpa_direct_message` message. */
  TPA_DIRECT_MESSAGE = 'tpa_direct_message',
  /** The `tpa_user_discovery` message. */
  TPA_USER_DISCOVERY = 'tpa_user_discovery',
  /** The `tpa_room_join` message. */
  TPA_ROOM_JOIN = 'tpa_room_join',
  /** The `tpa_room_leave` message. */
  TPA_ROOM_LEAVE = 'tpa_room_leave',
}

/** @deprecated Use `CloudToAppMessageType` (app-to-app members are named `APP_*`). */
export enum CloudToTpaMessageType {
  /** The `tpa_connection_ack` message. */
  CONNECTION_ACK = 'tpa_connection_ack',
  /** The `tpa_connection_error` message. */
  CONNECTION_ERROR = 'tpa_connection_error',
  /** The `app_stopped` message. */
  APP_STOPPED = 'app_stopped',
  /** The `settings_update` message. */
  SETTINGS_UPDATE = 'settings_update',
  /** The `dashboard_mode_changed` message. */
  DASHBOARD_MODE_CHANGED = 'dashboard_mode_changed',
  /** The `dashboard_always_on_changed` message. */
  DASHBOARD_ALWAYS_ON_CHANGED = 'dashboard_always_on_changed',
  /** The `data_stream` message. */
  DATA_STREAM = 'data_stream',
  /** The `photo_response` message. */
  PHOTO_RESPONSE = 'photo_response',
  /** The `rtmp_stream_status` message. */
  RTMP_STREAM_STATUS = 'rtmp_stream_status',
  /** The `websocket_error` message. */
  WEBSOCKET_ERROR = 'websocket_error',
  /** The `permission_error` message. */
  PERMISSION_ERROR = 'permission_error',
  /** The `custom_message` message. */
  CUSTOM_MESSAGE = 'custom_message',
  /** The `tpa_message_received` message. */
  TPA_MESSAGE_RECEIVED = 'tpa_message_received',
  /** The `tpa_user_joined` message. */
  TPA_USER_JOINED = 'tpa_user_joined',
  /** The `tpa_user_left` message. */
  TPA_USER_LEFT = 'tpa_user_left',
  /** The `tpa_room_updated` message. */
  TPA_ROOM_UPDATED = 'tpa_room_updated',
  /** The `tpa_direct_message_response` message. */
  TPA_DIRECT_MESSAGE_RESPONSE = 'tpa_direct_message_response',
}

/** @deprecated Use `AppType`. */
export const TpaType = AppType;
/** @deprecated Use `AppType`. */
export type TpaType = AppType;
