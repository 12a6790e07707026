/**
 * Wire enums shared by every cloud generation. Values are the strings on the wire.
 */

export enum StreamType {
  BUTTON_PRESS = 'button_press',
  HEAD_POSITION = 'head_position',
  TOUCH_EVENT = 'touch_event',
  GLASSES_BATTERY_UPDATE = 'glasses_battery_update',
  PHONE_BATTERY_UPDATE = 'phone_battery_update',
  GLASSES_CONNECTION_STATE = 'glasses_connection_state',
  LOCATION_UPDATE = 'location_update',
  LOCATION_STREAM = 'location_stream',
  VPS_COORDINATES = 'vps_coordinates',
  VIDEO = 'video',
  PHOTO_REQUEST = 'photo_request',
  PHOTO_RESPONSE = 'photo_response',
  RTMP_STREAM_STATUS = 'rtmp_stream_status',
  MANAGED_STREAM_STATUS = 'managed_stream_status',
  PHOTO_TAKEN = 'photo_taken',
  TRANSCRIPTION = 'transcription',
  TRANSLATION = 'translation',
  VAD = 'VAD',
  AUDIO_CHUNK = 'audio_chunk',
  PHONE_NOTIFICATION = 'phone_notification',
  PHONE_NOTIFICATION_DISMISSED = 'phone_notification_dismissed',
  NOTIFICATION_DISMISSED = 'phone_notification_dismissed',
  CALENDAR_EVENT = 'calendar_event',
  START_APP = 'start_app',
  STOP_APP = 'stop_app',
  OPEN_DASHBOARD = 'open_dashboard',
  CORE_STATUS_UPDATE = 'core_status_update',
  ALL = 'all',
  WILDCARD = '*',
  MENTRAOS_SETTINGS_UPDATE_REQUEST = 'settings_update_request',
  AUGMENTOS_SETTINGS_UPDATE_REQUEST = 'settings_update_request',
  CUSTOM_MESSAGE = 'custom_message',
}

export enum StreamCategory {
  HARDWARE = 'hardware',
  AUDIO = 'audio',
  PHONE = 'phone',
  SYSTEM = 'system',
}

export enum LayoutType {
  TEXT_WALL = 'text_wall',
  DOUBLE_TEXT_WALL = 'double_text_wall',
  DASHBOARD_CARD = 'dashboard_card',
  REFERENCE_CARD = 'reference_card',
  BITMAP_VIEW = 'bitmap_view',
  BITMAP_ANIMATION = 'bitmap_animation',
  CLEAR_VIEW = 'clear_view',
}

export enum ViewType {
  DASHBOARD = 'dashboard',
  ALWAYS_ON = 'always_on',
  MAIN = 'main',
}

export enum DashboardMode {
  MAIN = 'main',
  EXPANDED = 'expanded',
  ALWAYS_ON = 'always_on',
}

/** Messages an app sends to the cloud. */
export enum AppToCloudMessageType {
  CONNECTION_INIT = 'tpa_connection_init',
  SUBSCRIPTION_UPDATE = 'subscription_update',
  DISPLAY_REQUEST = 'display_event',
  PHOTO_REQUEST = 'photo_request',
  RGB_LED_CONTROL = 'rgb_led_control',
  AUDIO_PLAY_REQUEST = 'audio_play_request',
  AUDIO_STOP_REQUEST = 'audio_stop_request',
  RTMP_STREAM_REQUEST = 'rtmp_stream_request',
  RTMP_STREAM_STOP = 'rtmp_stream_stop',
  MANAGED_STREAM_REQUEST = 'managed_stream_request',
  MANAGED_STREAM_STOP = 'managed_stream_stop',
  STREAM_STATUS_CHECK = 'stream_status_check',
  LOCATION_POLL_REQUEST = 'location_poll_request',
  DASHBOARD_CONTENT_UPDATE = 'dashboard_content_update',
  DASHBOARD_MODE_CHANGE = 'dashboard_mode_change',
  DASHBOARD_SYSTEM_UPDATE = 'dashboard_system_update',
  REQUEST_WIFI_SETUP = 'request_wifi_setup',
  OWNERSHIP_RELEASE = 'ownership_release',
  APP_BROADCAST_MESSAGE = 'app_broadcast_message',
  APP_DIRECT_MESSAGE = 'app_direct_message',
  APP_USER_DISCOVERY = 'app_user_discovery',
  APP_ROOM_JOIN = 'app_room_join',
  APP_ROOM_LEAVE = 'app_room_leave',
}

/** Messages the cloud sends to an app. */
export enum CloudToAppMessageType {
  CONNECTION_ACK = 'tpa_connection_ack',
  CONNECTION_ERROR = 'tpa_connection_error',
  APP_STOPPED = 'app_stopped',
  SETTINGS_UPDATE = 'settings_update',
  CAPABILITIES_UPDATE = 'capabilities_update',
  DEVICE_STATE_UPDATE = 'device_state_update',
  DASHBOARD_MODE_CHANGED = 'dashboard_mode_changed',
  DASHBOARD_ALWAYS_ON_CHANGED = 'dashboard_always_on_changed',
  DATA_STREAM = 'data_stream',
  AUDIO_CHUNK = 'audio_chunk',
  PHOTO_RESPONSE = 'photo_response',
  AUDIO_PLAY_RESPONSE = 'audio_play_response',
  RGB_LED_CONTROL_RESPONSE = 'rgb_led_control_response',
  RTMP_STREAM_STATUS = 'rtmp_stream_status',
  MANAGED_STREAM_STATUS = 'managed_stream_status',
  STREAM_STATUS_CHECK_RESPONSE = 'stream_status_check_response',
  PERMISSION_ERROR = 'permission_error',
  CUSTOM_MESSAGE = 'custom_message',
  MENTRAOS_SETTINGS_UPDATE = 'augmentos_settings_update',
  APP_MESSAGE_RECEIVED = 'app_message_received',
  APP_USER_JOINED = 'app_user_joined',
  APP_USER_LEFT = 'app_user_left',
  APP_ROOM_UPDATED = 'app_room_updated',
  APP_DIRECT_MESSAGE_RESPONSE = 'app_direct_message_response',
  WEBSOCKET_ERROR = 'websocket_error',
}

export enum WebhookRequestType {
  SESSION_REQUEST = 'session_request',
  STOP_REQUEST = 'stop_request',
  SERVER_REGISTRATION = 'server_registration',
  SESSION_RECOVERY = 'session_recovery',
  SERVER_HEARTBEAT = 'server_heartbeat',
}

export enum AppType {
  SYSTEM_DASHBOARD = 'system_dashboard',
  BACKGROUND = 'background',
  STANDARD = 'standard',
  /** Only in the earliest AugmentOS SDKs. */
  SYSTEM_APPSTORE = 'system_appstore',
}

export enum AppSettingType {
  TOGGLE = 'toggle',
  TEXT = 'text',
  TEXT_NO_SAVE_BUTTON = 'text_no_save_button',
  SELECT = 'select',
  SELECT_WITH_SEARCH = 'select_with_search',
  MULTISELECT = 'multiselect',
  SLIDER = 'slider',
  NUMERIC_INPUT = 'numeric_input',
  TIME_PICKER = 'time_picker',
  GROUP = 'group',
  TITLE_VALUE = 'titleValue',
}

/** Connection error codes the cloud sends in `tpa_connection_error`. */
export type ConnectionErrorCode =
  | 'INVALID_API_KEY'
  | 'APP_NOT_STARTED'
  | 'SESSION_NOT_FOUND'
  | 'MALFORMED_MESSAGE'
  | 'PERMISSION_DENIED'
  | 'INTERNAL_ERROR'
  | 'WIFI_NOT_CONNECTED'
  | 'JWT_INVALID'
  | 'MISSING_HEADERS'
  | (string & {});
