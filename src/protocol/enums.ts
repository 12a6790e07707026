/**
 * Wire enums shared by every cloud generation. Values are the strings on the wire.
 */

export enum StreamType {
  /** The `button_press` stream. */
  BUTTON_PRESS = 'button_press',
  /** The `head_position` stream. */
  HEAD_POSITION = 'head_position',
  /** The `touch_event` stream. */
  TOUCH_EVENT = 'touch_event',
  /** The `glasses_battery_update` stream. */
  GLASSES_BATTERY_UPDATE = 'glasses_battery_update',
  /** The `phone_battery_update` stream. */
  PHONE_BATTERY_UPDATE = 'phone_battery_update',
  /** The `glasses_connection_state` stream. */
  GLASSES_CONNECTION_STATE = 'glasses_connection_state',
  /** The `location_update` stream. */
  LOCATION_UPDATE = 'location_update',
  /** The `location_stream` stream. */
  LOCATION_STREAM = 'location_stream',
  /** The `vps_coordinates` stream. */
  VPS_COORDINATES = 'vps_coordinates',
  /** The `video` stream. */
  VIDEO = 'video',
  /** The `photo_request` stream. */
  PHOTO_REQUEST = 'photo_request',
  /** The `photo_response` stream. */
  PHOTO_RESPONSE = 'photo_response',
  /** The `rtmp_stream_status` stream. */
  RTMP_STREAM_STATUS = 'rtmp_stream_status',
  /** The `managed_stream_status` stream. */
  MANAGED_STREAM_STATUS = 'managed_stream_status',
  /** The `photo_taken` stream. */
  PHOTO_TAKEN = 'photo_taken',
  /** The `transcription` stream. */
  TRANSCRIPTION = 'transcription',
  /** The `translation` stream. */
  TRANSLATION = 'translation',
  /** The `VAD` stream. */
  VAD = 'VAD',
  /** The `audio_chunk` stream. */
  AUDIO_CHUNK = 'audio_chunk',
  /** The `phone_notification` stream. */
  PHONE_NOTIFICATION = 'phone_notification',
  /** The `phone_notification_dismissed` stream. */
  PHONE_NOTIFICATION_DISMISSED = 'phone_notification_dismissed',
  /** An alias of `PHONE_NOTIFICATION_DISMISSED`, as published. */
  // biome-ignore lint/suspicious/noDuplicateEnumValues: the published SDKs declare this alias of PHONE_NOTIFICATION_DISMISSED
  NOTIFICATION_DISMISSED = 'phone_notification_dismissed',
  /** The `calendar_event` stream. */
  CALENDAR_EVENT = 'calendar_event',
  /** The `start_app` stream. */
  START_APP = 'start_app',
  /** The `stop_app` stream. */
  STOP_APP = 'stop_app',
  /** The `open_dashboard` stream. */
  OPEN_DASHBOARD = 'open_dashboard',
  /** The `core_status_update` stream. */
  CORE_STATUS_UPDATE = 'core_status_update',
  /** Every stream. */
  ALL = 'all',
  /** Every stream (the wildcard). */
  WILDCARD = '*',
  /** The `settings_update_request` stream (MentraOS name). */
  MENTRAOS_SETTINGS_UPDATE_REQUEST = 'settings_update_request',
  /** The `settings_update_request` stream (AugmentOS name). */
  AUGMENTOS_SETTINGS_UPDATE_REQUEST = 'settings_update_request',
  /** The `custom_message` stream. */
  CUSTOM_MESSAGE = 'custom_message',
}

/** Groups of streams. */
export enum StreamCategory {
  /** Hardware streams. */
  HARDWARE = 'hardware',
  /** Audio streams. */
  AUDIO = 'audio',
  /** Phone streams. */
  PHONE = 'phone',
  /** System streams. */
  SYSTEM = 'system',
}

/** The layouts the glasses show. */
export enum LayoutType {
  /** The `text_wall` layout. */
  TEXT_WALL = 'text_wall',
  /** The `double_text_wall` layout. */
  DOUBLE_TEXT_WALL = 'double_text_wall',
  /** The `dashboard_card` layout. */
  DASHBOARD_CARD = 'dashboard_card',
  /** The `reference_card` layout. */
  REFERENCE_CARD = 'reference_card',
  /** The `bitmap_view` layout. */
  BITMAP_VIEW = 'bitmap_view',
  /** The `bitmap_animation` layout. */
  BITMAP_ANIMATION = 'bitmap_animation',
  /** The `clear_view` layout. */
  CLEAR_VIEW = 'clear_view',
}

/** The views of the glasses. */
export enum ViewType {
  /** The dashboard view. */
  DASHBOARD = 'dashboard',
  /** The always on view. */
  ALWAYS_ON = 'always_on',
  /** The main view. */
  MAIN = 'main',
}

/** The modes of the dashboard. */
export enum DashboardMode {
  /** The main dashboard. */
  MAIN = 'main',
  /** The expanded dashboard. */
  EXPANDED = 'expanded',
  /** The always on dashboard. */
  ALWAYS_ON = 'always_on',
}

/** Messages the phone/glasses client sends to the cloud (exported for completeness; apps never send them). */
export enum GlassesToCloudMessageType {
  /** The `connection_init` message. */
  CONNECTION_INIT = 'connection_init',
  /** The `request_settings` message. */
  REQUEST_SETTINGS = 'request_settings',
  /** The same value as `StreamType.START_APP`. */
  START_APP = StreamType.START_APP,
  /** The same value as `StreamType.STOP_APP`. */
  STOP_APP = StreamType.STOP_APP,
  /** The `dashboard_state` message. */
  DASHBOARD_STATE = 'dashboard_state',
  /** The same value as `StreamType.OPEN_DASHBOARD`. */
  OPEN_DASHBOARD = StreamType.OPEN_DASHBOARD,
  /** The same value as `StreamType.PHOTO_RESPONSE`. */
  PHOTO_RESPONSE = StreamType.PHOTO_RESPONSE,
  /** The `local_transcription` message. */
  LOCAL_TRANSCRIPTION = 'local_transcription',
  /** The same value as `StreamType.RTMP_STREAM_STATUS`. */
  RTMP_STREAM_STATUS = StreamType.RTMP_STREAM_STATUS,
  /** The `keep_alive_ack` message. */
  KEEP_ALIVE_ACK = 'keep_alive_ack',
  /** The same value as `StreamType.BUTTON_PRESS`. */
  BUTTON_PRESS = StreamType.BUTTON_PRESS,
  /** The same value as `StreamType.HEAD_POSITION`. */
  HEAD_POSITION = StreamType.HEAD_POSITION,
  /** The same value as `StreamType.TOUCH_EVENT`. */
  TOUCH_EVENT = StreamType.TOUCH_EVENT,
  /** The same value as `StreamType.GLASSES_BATTERY_UPDATE`. */
  GLASSES_BATTERY_UPDATE = StreamType.GLASSES_BATTERY_UPDATE,
  /** The same value as `StreamType.PHONE_BATTERY_UPDATE`. */
  PHONE_BATTERY_UPDATE = StreamType.PHONE_BATTERY_UPDATE,
  /** The same value as `StreamType.GLASSES_CONNECTION_STATE`. */
  GLASSES_CONNECTION_STATE = StreamType.GLASSES_CONNECTION_STATE,
  /** The same value as `StreamType.LOCATION_UPDATE`. */
  LOCATION_UPDATE = StreamType.LOCATION_UPDATE,
  /** The same value as `StreamType.VPS_COORDINATES`. */
  VPS_COORDINATES = StreamType.VPS_COORDINATES,
  /** The same value as `StreamType.VAD`. */
  VAD = StreamType.VAD,
  /** The same value as `StreamType.PHONE_NOTIFICATION`. */
  PHONE_NOTIFICATION = StreamType.PHONE_NOTIFICATION,
  /** The same value as `StreamType.PHONE_NOTIFICATION_DISMISSED`. */
  PHONE_NOTIFICATION_DISMISSED = StreamType.PHONE_NOTIFICATION_DISMISSED,
  /** The 1.x name of `PHONE_NOTIFICATION_DISMISSED`. */
  NOTIFICATION_DISMISSED = StreamType.PHONE_NOTIFICATION_DISMISSED,
  /** The same value as `StreamType.CALENDAR_EVENT`. */
  CALENDAR_EVENT = StreamType.CALENDAR_EVENT,
  /** The same value as `StreamType.MENTRAOS_SETTINGS_UPDATE_REQUEST`. */
  MENTRAOS_SETTINGS_UPDATE_REQUEST = StreamType.MENTRAOS_SETTINGS_UPDATE_REQUEST,
  /** The 1.x name of `MENTRAOS_SETTINGS_UPDATE_REQUEST`. */
  AUGMENTOS_SETTINGS_UPDATE_REQUEST = StreamType.MENTRAOS_SETTINGS_UPDATE_REQUEST,
  /** The same value as `StreamType.CORE_STATUS_UPDATE`. */
  CORE_STATUS_UPDATE = StreamType.CORE_STATUS_UPDATE,
  /** The same value as `StreamType.PHOTO_TAKEN`. */
  PHOTO_TAKEN = StreamType.PHOTO_TAKEN,
  /** The `audio_play_response` message. */
  AUDIO_PLAY_RESPONSE = 'audio_play_response',
  /** The `rgb_led_control_response` message. */
  RGB_LED_CONTROL_RESPONSE = 'rgb_led_control_response',
  /** The `livekit_init` message. */
  LIVEKIT_INIT = 'livekit_init',
  /** The `udp_register` message. */
  UDP_REGISTER = 'udp_register',
  /** The `udp_unregister` message. */
  UDP_UNREGISTER = 'udp_unregister',
}

/** Messages the cloud sends to the phone/glasses client (exported for completeness). */
export enum CloudToGlassesMessageType {
  /** The `connection_ack` message. */
  CONNECTION_ACK = 'connection_ack',
  /** The `connection_error` message. */
  CONNECTION_ERROR = 'connection_error',
  /** The `auth_error` message. */
  AUTH_ERROR = 'auth_error',
  /** The `display_event` message. */
  DISPLAY_EVENT = 'display_event',
  /** The `app_state_change` message. */
  APP_STATE_CHANGE = 'app_state_change',
  /** The `microphone_state_change` message. */
  MICROPHONE_STATE_CHANGE = 'microphone_state_change',
  /** The `settings_update` message. */
  SETTINGS_UPDATE = 'settings_update',
  /** The `photo_request` message. */
  PHOTO_REQUEST = 'photo_request',
  /** The `audio_play_request` message. */
  AUDIO_PLAY_REQUEST = 'audio_play_request',
  /** The `audio_stop_request` message. */
  AUDIO_STOP_REQUEST = 'audio_stop_request',
  /** The `rgb_led_control` message. */
  RGB_LED_CONTROL = 'rgb_led_control',
  /** The `show_wifi_setup` message. */
  SHOW_WIFI_SETUP = 'show_wifi_setup',
  /** The `start_rtmp_stream` message. */
  START_RTMP_STREAM = 'start_rtmp_stream',
  /** The `stop_rtmp_stream` message. */
  STOP_RTMP_STREAM = 'stop_rtmp_stream',
  /** The `keep_rtmp_stream_alive` message. */
  KEEP_RTMP_STREAM_ALIVE = 'keep_rtmp_stream_alive',
  /** The `dashboard_mode_change` message. */
  DASHBOARD_MODE_CHANGE = 'dashboard_mode_change',
  /** The `dashboard_always_on_change` message. */
  DASHBOARD_ALWAYS_ON_CHANGE = 'dashboard_always_on_change',
  /** The `set_location_tier` message. */
  SET_LOCATION_TIER = 'set_location_tier',
  /** The `request_single_location` message. */
  REQUEST_SINGLE_LOCATION = 'request_single_location',
  /** The `websocket_error` message. */
  WEBSOCKET_ERROR = 'websocket_error',
  /** The `livekit_info` message. */
  LIVEKIT_INFO = 'livekit_info',
  /** The `udp_ping_ack` message. */
  UDP_PING_ACK = 'udp_ping_ack',
}

/** Messages an app sends to the cloud. */
export enum AppToCloudMessageType {
  /** The `tpa_connection_init` message. */
  CONNECTION_INIT = 'tpa_connection_init',
  /** The `subscription_update` message. */
  SUBSCRIPTION_UPDATE = 'subscription_update',
  /** The `display_event` message. */
  DISPLAY_REQUEST = 'display_event',
  /** The `photo_request` message. */
  PHOTO_REQUEST = 'photo_request',
  /** The `rgb_led_control` message. */
  RGB_LED_CONTROL = 'rgb_led_control',
  /** The `audio_play_request` message. */
  AUDIO_PLAY_REQUEST = 'audio_play_request',
  /** The `audio_stop_request` message. */
  AUDIO_STOP_REQUEST = 'audio_stop_request',
  /** The `rtmp_stream_request` message. */
  RTMP_STREAM_REQUEST = 'rtmp_stream_request',
  /** The `rtmp_stream_stop` message. */
  RTMP_STREAM_STOP = 'rtmp_stream_stop',
  /** The `managed_stream_request` message. */
  MANAGED_STREAM_REQUEST = 'managed_stream_request',
  /** The `managed_stream_stop` message. */
  MANAGED_STREAM_STOP = 'managed_stream_stop',
  /** The `stream_status_check` message. */
  STREAM_STATUS_CHECK = 'stream_status_check',
  /** The `location_poll_request` message. */
  LOCATION_POLL_REQUEST = 'location_poll_request',
  /** The `dashboard_content_update` message. */
  DASHBOARD_CONTENT_UPDATE = 'dashboard_content_update',
  /** The `dashboard_mode_change` message. */
  DASHBOARD_MODE_CHANGE = 'dashboard_mode_change',
  /** The `dashboard_system_update` message. */
  DASHBOARD_SYSTEM_UPDATE = 'dashboard_system_update',
  /** The `request_wifi_setup` message. */
  REQUEST_WIFI_SETUP = 'request_wifi_setup',
  /** The `ownership_release` message. */
  OWNERSHIP_RELEASE = 'ownership_release',
  /** The `app_broadcast_message` message. */
  APP_BROADCAST_MESSAGE = 'app_broadcast_message',
  /** The `app_direct_message` message. */
  APP_DIRECT_MESSAGE = 'app_direct_message',
  /** The `app_user_discovery` message. */
  APP_USER_DISCOVERY = 'app_user_discovery',
  /** The `app_room_join` message. */
  APP_ROOM_JOIN = 'app_room_join',
  /** The `app_room_leave` message. */
  APP_ROOM_LEAVE = 'app_room_leave',
  /** Opens an audio output stream (3.0.0-hono). */
  AUDIO_STREAM_START = 'audio_stream_start',
  /** Ends an audio output stream (3.0.0-hono). */
  AUDIO_STREAM_END = 'audio_stream_end',
  /** The body of a telemetry upload (sent over HTTP, 3.0.0-hono). */
  TELEMETRY_RESPONSE = 'telemetry_response',
}

/** Messages the cloud sends to an app. */
export enum CloudToAppMessageType {
  /** The `tpa_connection_ack` message. */
  CONNECTION_ACK = 'tpa_connection_ack',
  /** The `tpa_connection_error` message. */
  CONNECTION_ERROR = 'tpa_connection_error',
  /** The `app_stopped` message. */
  APP_STOPPED = 'app_stopped',
  /** The `settings_update` message. */
  SETTINGS_UPDATE = 'settings_update',
  /** The `capabilities_update` message. */
  CAPABILITIES_UPDATE = 'capabilities_update',
  /** The `device_state_update` message. */
  DEVICE_STATE_UPDATE = 'device_state_update',
  /** The `dashboard_mode_changed` message. */
  DASHBOARD_MODE_CHANGED = 'dashboard_mode_changed',
  /** The `dashboard_always_on_changed` message. */
  DASHBOARD_ALWAYS_ON_CHANGED = 'dashboard_always_on_changed',
  /** The `data_stream` message. */
  DATA_STREAM = 'data_stream',
  /** The `audio_chunk` message. */
  AUDIO_CHUNK = 'audio_chunk',
  /** The `photo_response` message. */
  PHOTO_RESPONSE = 'photo_response',
  /** The `audio_play_response` message. */
  AUDIO_PLAY_RESPONSE = 'audio_play_response',
  /** The `rgb_led_control_response` message. */
  RGB_LED_CONTROL_RESPONSE = 'rgb_led_control_response',
  /** The `rtmp_stream_status` message. */
  RTMP_STREAM_STATUS = 'rtmp_stream_status',
  /** The `managed_stream_status` message. */
  MANAGED_STREAM_STATUS = 'managed_stream_status',
  /** The `stream_status_check_response` message. */
  STREAM_STATUS_CHECK_RESPONSE = 'stream_status_check_response',
  /** The `permission_error` message. */
  PERMISSION_ERROR = 'permission_error',
  /** The `custom_message` message. */
  CUSTOM_MESSAGE = 'custom_message',
  /** The `augmentos_settings_update` message. */
  MENTRAOS_SETTINGS_UPDATE = 'augmentos_settings_update',
  /** The `app_message_received` message. */
  APP_MESSAGE_RECEIVED = 'app_message_received',
  /** The `app_user_joined` message. */
  APP_USER_JOINED = 'app_user_joined',
  /** The `app_user_left` message. */
  APP_USER_LEFT = 'app_user_left',
  /** The `app_room_updated` message. */
  APP_ROOM_UPDATED = 'app_room_updated',
  /** The `app_direct_message_response` message. */
  APP_DIRECT_MESSAGE_RESPONSE = 'app_direct_message_response',
  /** The `websocket_error` message. */
  WEBSOCKET_ERROR = 'websocket_error',
  /** The cloud's relay for an audio output stream is ready (3.0.0-hono). */
  AUDIO_STREAM_READY = 'audio_stream_ready',
  /** The cloud asks for the session's recent log lines (3.0.0-hono). */
  REQUEST_TELEMETRY = 'request_telemetry',
}

/** The webhooks the cloud sends an app. */
export enum WebhookRequestType {
  /** The `session_request` webhook. */
  SESSION_REQUEST = 'session_request',
  /** The `stop_request` webhook. */
  STOP_REQUEST = 'stop_request',
  /** The `server_registration` webhook. */
  SERVER_REGISTRATION = 'server_registration',
  /** The `session_recovery` webhook. */
  SESSION_RECOVERY = 'session_recovery',
  /** The `server_heartbeat` webhook. */
  SERVER_HEARTBEAT = 'server_heartbeat',
}

/** Kinds of app. */
export enum AppType {
  /** A system dashboard app. */
  SYSTEM_DASHBOARD = 'system_dashboard',
  /** A background app. */
  BACKGROUND = 'background',
  /** A standard app. */
  STANDARD = 'standard',
  /** Only in the earliest AugmentOS SDKs. */
  SYSTEM_APPSTORE = 'system_appstore',
}

/** The kinds of app setting. */
export enum AppSettingType {
  /** A `toggle` setting. */
  TOGGLE = 'toggle',
  /** A `text` setting. */
  TEXT = 'text',
  /** A `text_no_save_button` setting. */
  TEXT_NO_SAVE_BUTTON = 'text_no_save_button',
  /** A `select` setting. */
  SELECT = 'select',
  /** A `select_with_search` setting. */
  SELECT_WITH_SEARCH = 'select_with_search',
  /** A `multiselect` setting. */
  MULTISELECT = 'multiselect',
  /** A `slider` setting. */
  SLIDER = 'slider',
  /** A `numeric_input` setting. */
  NUMERIC_INPUT = 'numeric_input',
  /** A `time_picker` setting. */
  TIME_PICKER = 'time_picker',
  /** A `group` setting. */
  GROUP = 'group',
  /** A `titleValue` setting. */
  TITLE_VALUE = 'titleValue',
}

/** Hardware an app may require (`HardwareRequirement.type`). */
export enum HardwareType {
  /** Camera hardware. */
  CAMERA = 'CAMERA',
  /** Display hardware. */
  DISPLAY = 'DISPLAY',
  /** Microphone hardware. */
  MICROPHONE = 'MICROPHONE',
  /** Speaker hardware. */
  SPEAKER = 'SPEAKER',
  /** Imu hardware. */
  IMU = 'IMU',
  /** Button hardware. */
  BUTTON = 'BUTTON',
  /** Light hardware. */
  LIGHT = 'LIGHT',
  /** Wifi hardware. */
  WIFI = 'WIFI',
}

/** How much an app needs a piece of hardware. */
export enum HardwareRequirementLevel {
  /** The app cannot run without it. */
  REQUIRED = 'REQUIRED',
  /** The app can use it but runs without it. */
  OPTIONAL = 'OPTIONAL',
}

/** Permissions an app declares in the developer console. */
export enum PermissionType {
  /** The microphone permission. */
  MICROPHONE = 'MICROPHONE',
  /** The location permission. */
  LOCATION = 'LOCATION',
  /** The background location permission. */
  BACKGROUND_LOCATION = 'BACKGROUND_LOCATION',
  /** The calendar permission. */
  CALENDAR = 'CALENDAR',
  /** The camera permission. */
  CAMERA = 'CAMERA',
  /** Legacy: maps to READ_NOTIFICATIONS. */
  NOTIFICATIONS = 'NOTIFICATIONS',
  /** The read notifications permission. */
  READ_NOTIFICATIONS = 'READ_NOTIFICATIONS',
  /** The post notifications permission. */
  POST_NOTIFICATIONS = 'POST_NOTIFICATIONS',
  /** The all permission. */
  ALL = 'ALL',
}

/** Legacy permissions and the permissions they stand for today. */
export const LEGACY_PERMISSION_MAP: Map<PermissionType, PermissionType[]> = new Map([[PermissionType.NOTIFICATIONS, [PermissionType.READ_NOTIFICATIONS]]]);

/** Why a photo failed (`photo_response.error.code`, or `errorCode` on an upload). */
export enum PhotoErrorCode {
  /** Camera init failed. */
  CAMERA_INIT_FAILED = 'CAMERA_INIT_FAILED',
  /** Camera capture failed. */
  CAMERA_CAPTURE_FAILED = 'CAMERA_CAPTURE_FAILED',
  /** Camera timeout. */
  CAMERA_TIMEOUT = 'CAMERA_TIMEOUT',
  /** Camera busy. */
  CAMERA_BUSY = 'CAMERA_BUSY',
  /** Upload failed. */
  UPLOAD_FAILED = 'UPLOAD_FAILED',
  /** Upload timeout. */
  UPLOAD_TIMEOUT = 'UPLOAD_TIMEOUT',
  /** Ble transfer failed. */
  BLE_TRANSFER_FAILED = 'BLE_TRANSFER_FAILED',
  /** Ble transfer busy. */
  BLE_TRANSFER_BUSY = 'BLE_TRANSFER_BUSY',
  /** Ble transfer failed to start. */
  BLE_TRANSFER_FAILED_TO_START = 'BLE_TRANSFER_FAILED_TO_START',
  /** Ble transfer timeout. */
  BLE_TRANSFER_TIMEOUT = 'BLE_TRANSFER_TIMEOUT',
  /** Compression failed. */
  COMPRESSION_FAILED = 'COMPRESSION_FAILED',
  /** Permission denied. */
  PERMISSION_DENIED = 'PERMISSION_DENIED',
  /** Storage full. */
  STORAGE_FULL = 'STORAGE_FULL',
  /** Network error. */
  NETWORK_ERROR = 'NETWORK_ERROR',
  /** Phone glasses not connected. */
  PHONE_GLASSES_NOT_CONNECTED = 'PHONE_GLASSES_NOT_CONNECTED',
  /** Phone ble transfer failed. */
  PHONE_BLE_TRANSFER_FAILED = 'PHONE_BLE_TRANSFER_FAILED',
  /** Phone upload failed. */
  PHONE_UPLOAD_FAILED = 'PHONE_UPLOAD_FAILED',
  /** Phone timeout. */
  PHONE_TIMEOUT = 'PHONE_TIMEOUT',
  /** Unknown error. */
  UNKNOWN_ERROR = 'UNKNOWN_ERROR',
}

/** Where in the photo pipeline an error happened. */
export enum PhotoStage {
  /** Request received. */
  REQUEST_RECEIVED = 'REQUEST_RECEIVED',
  /** Camera init. */
  CAMERA_INIT = 'CAMERA_INIT',
  /** Photo capture. */
  PHOTO_CAPTURE = 'PHOTO_CAPTURE',
  /** Compression. */
  COMPRESSION = 'COMPRESSION',
  /** Upload start. */
  UPLOAD_START = 'UPLOAD_START',
  /** Upload progress. */
  UPLOAD_PROGRESS = 'UPLOAD_PROGRESS',
  /** Ble transfer. */
  BLE_TRANSFER = 'BLE_TRANSFER',
  /** Response sent. */
  RESPONSE_SENT = 'RESPONSE_SENT',
}

// ---------------------------------------------------------------- message-type groups

/** The app-to-cloud message types that control the session (as published). */
export const ControlActionTypes = [
  GlassesToCloudMessageType.CONNECTION_INIT,
  GlassesToCloudMessageType.START_APP,
  GlassesToCloudMessageType.STOP_APP,
  GlassesToCloudMessageType.DASHBOARD_STATE,
  GlassesToCloudMessageType.OPEN_DASHBOARD,
] as const;

/** The cloud-to-app message types that carry events (as published). */
export const EventTypes = [
  GlassesToCloudMessageType.BUTTON_PRESS,
  GlassesToCloudMessageType.HEAD_POSITION,
  GlassesToCloudMessageType.GLASSES_BATTERY_UPDATE,
  GlassesToCloudMessageType.PHONE_BATTERY_UPDATE,
  GlassesToCloudMessageType.GLASSES_CONNECTION_STATE,
  GlassesToCloudMessageType.LOCATION_UPDATE,
  GlassesToCloudMessageType.VPS_COORDINATES,
  GlassesToCloudMessageType.VAD,
  GlassesToCloudMessageType.PHONE_NOTIFICATION,
  GlassesToCloudMessageType.PHONE_NOTIFICATION_DISMISSED,
  GlassesToCloudMessageType.CALENDAR_EVENT,
  GlassesToCloudMessageType.MENTRAOS_SETTINGS_UPDATE_REQUEST,
  GlassesToCloudMessageType.CORE_STATUS_UPDATE,
  GlassesToCloudMessageType.LOCAL_TRANSCRIPTION,
] as const;

/** The cloud-to-app message types that answer a request (as published). */
export const ResponseTypes = [
  CloudToGlassesMessageType.CONNECTION_ACK,
  CloudToGlassesMessageType.CONNECTION_ERROR,
  CloudToGlassesMessageType.AUTH_ERROR,
] as const;

/** The cloud-to-app message types that carry updates (as published). */
export const UpdateTypes = [
  CloudToGlassesMessageType.DISPLAY_EVENT,
  CloudToGlassesMessageType.APP_STATE_CHANGE,
  CloudToGlassesMessageType.MICROPHONE_STATE_CHANGE,
  CloudToGlassesMessageType.PHOTO_REQUEST,
  CloudToGlassesMessageType.AUDIO_PLAY_REQUEST,
  CloudToGlassesMessageType.AUDIO_STOP_REQUEST,
  CloudToGlassesMessageType.RGB_LED_CONTROL,
  CloudToGlassesMessageType.SETTINGS_UPDATE,
  CloudToGlassesMessageType.DASHBOARD_MODE_CHANGE,
  CloudToGlassesMessageType.DASHBOARD_ALWAYS_ON_CHANGE,
  CloudToGlassesMessageType.START_RTMP_STREAM,
  CloudToGlassesMessageType.STOP_RTMP_STREAM,
  CloudToGlassesMessageType.KEEP_RTMP_STREAM_ALIVE,
  CloudToGlassesMessageType.LIVEKIT_INFO,
] as const;

/** The dashboard message types (as published). */
export const DashboardMessageTypes = [
  AppToCloudMessageType.DASHBOARD_CONTENT_UPDATE,
  AppToCloudMessageType.DASHBOARD_MODE_CHANGE,
  AppToCloudMessageType.DASHBOARD_SYSTEM_UPDATE,
  CloudToAppMessageType.DASHBOARD_MODE_CHANGED,
  CloudToAppMessageType.DASHBOARD_ALWAYS_ON_CHANGED,
] as const;

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
