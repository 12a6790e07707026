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
  // biome-ignore lint/suspicious/noDuplicateEnumValues: the published SDKs declare this alias of PHONE_NOTIFICATION_DISMISSED
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

/** Messages the phone/glasses client sends to the cloud (exported for completeness; apps never send them). */
export enum GlassesToCloudMessageType {
  CONNECTION_INIT = 'connection_init',
  REQUEST_SETTINGS = 'request_settings',
  START_APP = StreamType.START_APP,
  STOP_APP = StreamType.STOP_APP,
  DASHBOARD_STATE = 'dashboard_state',
  OPEN_DASHBOARD = StreamType.OPEN_DASHBOARD,
  PHOTO_RESPONSE = StreamType.PHOTO_RESPONSE,
  LOCAL_TRANSCRIPTION = 'local_transcription',
  RTMP_STREAM_STATUS = StreamType.RTMP_STREAM_STATUS,
  KEEP_ALIVE_ACK = 'keep_alive_ack',
  BUTTON_PRESS = StreamType.BUTTON_PRESS,
  HEAD_POSITION = StreamType.HEAD_POSITION,
  TOUCH_EVENT = StreamType.TOUCH_EVENT,
  GLASSES_BATTERY_UPDATE = StreamType.GLASSES_BATTERY_UPDATE,
  PHONE_BATTERY_UPDATE = StreamType.PHONE_BATTERY_UPDATE,
  GLASSES_CONNECTION_STATE = StreamType.GLASSES_CONNECTION_STATE,
  LOCATION_UPDATE = StreamType.LOCATION_UPDATE,
  VPS_COORDINATES = StreamType.VPS_COORDINATES,
  VAD = StreamType.VAD,
  PHONE_NOTIFICATION = StreamType.PHONE_NOTIFICATION,
  PHONE_NOTIFICATION_DISMISSED = StreamType.PHONE_NOTIFICATION_DISMISSED,
  /** The 1.x name of `PHONE_NOTIFICATION_DISMISSED`. */
  NOTIFICATION_DISMISSED = StreamType.PHONE_NOTIFICATION_DISMISSED,
  CALENDAR_EVENT = StreamType.CALENDAR_EVENT,
  MENTRAOS_SETTINGS_UPDATE_REQUEST = StreamType.MENTRAOS_SETTINGS_UPDATE_REQUEST,
  /** The 1.x name of `MENTRAOS_SETTINGS_UPDATE_REQUEST`. */
  AUGMENTOS_SETTINGS_UPDATE_REQUEST = StreamType.MENTRAOS_SETTINGS_UPDATE_REQUEST,
  CORE_STATUS_UPDATE = StreamType.CORE_STATUS_UPDATE,
  PHOTO_TAKEN = StreamType.PHOTO_TAKEN,
  AUDIO_PLAY_RESPONSE = 'audio_play_response',
  RGB_LED_CONTROL_RESPONSE = 'rgb_led_control_response',
  LIVEKIT_INIT = 'livekit_init',
  UDP_REGISTER = 'udp_register',
  UDP_UNREGISTER = 'udp_unregister',
}

/** Messages the cloud sends to the phone/glasses client (exported for completeness). */
export enum CloudToGlassesMessageType {
  CONNECTION_ACK = 'connection_ack',
  CONNECTION_ERROR = 'connection_error',
  AUTH_ERROR = 'auth_error',
  DISPLAY_EVENT = 'display_event',
  APP_STATE_CHANGE = 'app_state_change',
  MICROPHONE_STATE_CHANGE = 'microphone_state_change',
  SETTINGS_UPDATE = 'settings_update',
  PHOTO_REQUEST = 'photo_request',
  AUDIO_PLAY_REQUEST = 'audio_play_request',
  AUDIO_STOP_REQUEST = 'audio_stop_request',
  RGB_LED_CONTROL = 'rgb_led_control',
  SHOW_WIFI_SETUP = 'show_wifi_setup',
  START_RTMP_STREAM = 'start_rtmp_stream',
  STOP_RTMP_STREAM = 'stop_rtmp_stream',
  KEEP_RTMP_STREAM_ALIVE = 'keep_rtmp_stream_alive',
  DASHBOARD_MODE_CHANGE = 'dashboard_mode_change',
  DASHBOARD_ALWAYS_ON_CHANGE = 'dashboard_always_on_change',
  SET_LOCATION_TIER = 'set_location_tier',
  REQUEST_SINGLE_LOCATION = 'request_single_location',
  WEBSOCKET_ERROR = 'websocket_error',
  LIVEKIT_INFO = 'livekit_info',
  UDP_PING_ACK = 'udp_ping_ack',
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
  /** Opens an audio output stream (3.0.0-hono). */
  AUDIO_STREAM_START = 'audio_stream_start',
  /** Ends an audio output stream (3.0.0-hono). */
  AUDIO_STREAM_END = 'audio_stream_end',
  /** The body of a telemetry upload (sent over HTTP, 3.0.0-hono). */
  TELEMETRY_RESPONSE = 'telemetry_response',
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
  /** The cloud's relay for an audio output stream is ready (3.0.0-hono). */
  AUDIO_STREAM_READY = 'audio_stream_ready',
  /** The cloud asks for the session's recent log lines (3.0.0-hono). */
  REQUEST_TELEMETRY = 'request_telemetry',
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

/** Hardware an app may require (`HardwareRequirement.type`). */
export enum HardwareType {
  CAMERA = 'CAMERA',
  DISPLAY = 'DISPLAY',
  MICROPHONE = 'MICROPHONE',
  SPEAKER = 'SPEAKER',
  IMU = 'IMU',
  BUTTON = 'BUTTON',
  LIGHT = 'LIGHT',
  WIFI = 'WIFI',
}

export enum HardwareRequirementLevel {
  REQUIRED = 'REQUIRED',
  OPTIONAL = 'OPTIONAL',
}

/** Permissions an app declares in the developer console. */
export enum PermissionType {
  MICROPHONE = 'MICROPHONE',
  LOCATION = 'LOCATION',
  BACKGROUND_LOCATION = 'BACKGROUND_LOCATION',
  CALENDAR = 'CALENDAR',
  CAMERA = 'CAMERA',
  /** Legacy: maps to READ_NOTIFICATIONS. */
  NOTIFICATIONS = 'NOTIFICATIONS',
  READ_NOTIFICATIONS = 'READ_NOTIFICATIONS',
  POST_NOTIFICATIONS = 'POST_NOTIFICATIONS',
  ALL = 'ALL',
}

/** Legacy permissions and the permissions they stand for today. */
export const LEGACY_PERMISSION_MAP: Map<PermissionType, PermissionType[]> = new Map([[PermissionType.NOTIFICATIONS, [PermissionType.READ_NOTIFICATIONS]]]);

/** Why a photo failed (`photo_response.error.code`, or `errorCode` on an upload). */
export enum PhotoErrorCode {
  CAMERA_INIT_FAILED = 'CAMERA_INIT_FAILED',
  CAMERA_CAPTURE_FAILED = 'CAMERA_CAPTURE_FAILED',
  CAMERA_TIMEOUT = 'CAMERA_TIMEOUT',
  CAMERA_BUSY = 'CAMERA_BUSY',
  UPLOAD_FAILED = 'UPLOAD_FAILED',
  UPLOAD_TIMEOUT = 'UPLOAD_TIMEOUT',
  BLE_TRANSFER_FAILED = 'BLE_TRANSFER_FAILED',
  BLE_TRANSFER_BUSY = 'BLE_TRANSFER_BUSY',
  BLE_TRANSFER_FAILED_TO_START = 'BLE_TRANSFER_FAILED_TO_START',
  BLE_TRANSFER_TIMEOUT = 'BLE_TRANSFER_TIMEOUT',
  COMPRESSION_FAILED = 'COMPRESSION_FAILED',
  PERMISSION_DENIED = 'PERMISSION_DENIED',
  STORAGE_FULL = 'STORAGE_FULL',
  NETWORK_ERROR = 'NETWORK_ERROR',
  PHONE_GLASSES_NOT_CONNECTED = 'PHONE_GLASSES_NOT_CONNECTED',
  PHONE_BLE_TRANSFER_FAILED = 'PHONE_BLE_TRANSFER_FAILED',
  PHONE_UPLOAD_FAILED = 'PHONE_UPLOAD_FAILED',
  PHONE_TIMEOUT = 'PHONE_TIMEOUT',
  UNKNOWN_ERROR = 'UNKNOWN_ERROR',
}

/** Where in the photo pipeline an error happened. */
export enum PhotoStage {
  REQUEST_RECEIVED = 'REQUEST_RECEIVED',
  CAMERA_INIT = 'CAMERA_INIT',
  PHOTO_CAPTURE = 'PHOTO_CAPTURE',
  COMPRESSION = 'COMPRESSION',
  UPLOAD_START = 'UPLOAD_START',
  UPLOAD_PROGRESS = 'UPLOAD_PROGRESS',
  BLE_TRANSFER = 'BLE_TRANSFER',
  RESPONSE_SENT = 'RESPONSE_SENT',
}

// ---------------------------------------------------------------- message-type groups

export const ControlActionTypes = [
  GlassesToCloudMessageType.CONNECTION_INIT,
  GlassesToCloudMessageType.START_APP,
  GlassesToCloudMessageType.STOP_APP,
  GlassesToCloudMessageType.DASHBOARD_STATE,
  GlassesToCloudMessageType.OPEN_DASHBOARD,
] as const;

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

export const ResponseTypes = [
  CloudToGlassesMessageType.CONNECTION_ACK,
  CloudToGlassesMessageType.CONNECTION_ERROR,
  CloudToGlassesMessageType.AUTH_ERROR,
] as const;

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
