/**
 * The phone/glasses side of the protocol (glasses <-> cloud). Apps never send or receive these frames;
 * both SDK generations export them as names, so they live here once. Values are the wire strings
 * (the union of every released version).
 */
import type { BaseMessage } from './messages';
import { typeGuard as is } from './guard-kit';

export enum GlassesToCloudMessageType {
  CONNECTION_INIT = 'connection_init',
  REQUEST_SETTINGS = 'request_settings',
  START_APP = 'start_app',
  STOP_APP = 'stop_app',
  DASHBOARD_STATE = 'dashboard_state',
  OPEN_DASHBOARD = 'open_dashboard',
  PHOTO_RESPONSE = 'photo_response',
  RTMP_STREAM_STATUS = 'rtmp_stream_status',
  KEEP_ALIVE_ACK = 'keep_alive_ack',
  BUTTON_PRESS = 'button_press',
  HEAD_POSITION = 'head_position',
  GLASSES_BATTERY_UPDATE = 'glasses_battery_update',
  PHONE_BATTERY_UPDATE = 'phone_battery_update',
  GLASSES_CONNECTION_STATE = 'glasses_connection_state',
  LOCATION_UPDATE = 'location_update',
  VPS_COORDINATES = 'vps_coordinates',
  VAD = 'VAD',
  PHONE_NOTIFICATION = 'phone_notification',
  NOTIFICATION_DISMISSED = 'notification_dismissed',
  CALENDAR_EVENT = 'calendar_event',
  AUGMENTOS_SETTINGS_UPDATE_REQUEST = 'settings_update_request',
  MENTRAOS_SETTINGS_UPDATE_REQUEST = 'settings_update_request',
  CORE_STATUS_UPDATE = 'core_status_update',
  PHOTO_TAKEN = 'photo_taken',
}

export enum CloudToGlassesMessageType {
  CONNECTION_ACK = 'connection_ack',
  CONNECTION_ERROR = 'connection_error',
  AUTH_ERROR = 'auth_error',
  DISPLAY_EVENT = 'display_event',
  APP_STATE_CHANGE = 'app_state_change',
  MICROPHONE_STATE_CHANGE = 'microphone_state_change',
  PHOTO_REQUEST = 'photo_request',
  SETTINGS_UPDATE = 'settings_update',
  START_RTMP_STREAM = 'start_rtmp_stream',
  STOP_RTMP_STREAM = 'stop_rtmp_stream',
  KEEP_RTMP_STREAM_ALIVE = 'keep_rtmp_stream_alive',
  DASHBOARD_MODE_CHANGE = 'dashboard_mode_change',
  DASHBOARD_ALWAYS_ON_CHANGE = 'dashboard_always_on_change',
  WEBSOCKET_ERROR = 'websocket_error',
}

export const ControlActionTypes = ['connection_init', 'start_app', 'stop_app', 'dashboard_state', 'open_dashboard'] as const;
export const EventTypes = [
  'button_press', 'head_position', 'glasses_battery_update', 'phone_battery_update', 'glasses_connection_state',
  'location_update', 'VAD', 'phone_notification', 'notification_dismissed', 'calendar_event', 'settings_update_request',
  'core_status_update',
] as const;
export const ResponseTypes = ['connection_ack', 'connection_error', 'auth_error'] as const;
export const UpdateTypes = [
  'display_event', 'app_state_change', 'microphone_state_change', 'photo_request', 'settings_update',
  'dashboard_mode_change', 'dashboard_always_on_change', 'start_rtmp_stream', 'stop_rtmp_stream', 'keep_rtmp_stream_alive',
] as const;
export const DashboardMessageTypes = [
  'dashboard_content_update', 'dashboard_mode_change', 'dashboard_system_update', 'dashboard_mode_changed', 'dashboard_always_on_changed',
] as const;

// ---------------------------------------------------------------- glasses -> cloud

export interface ConnectionInit extends BaseMessage { type: 'connection_init'; userId?: string; coreToken?: string }
export interface RequestSettings extends BaseMessage { type: 'request_settings' }
export interface StartApp extends BaseMessage { type: 'start_app'; packageName: string }
export interface StopApp extends BaseMessage { type: 'stop_app'; packageName: string }
export interface DashboardState extends BaseMessage { type: 'dashboard_state'; isOpen: boolean }
export interface OpenDashboard extends BaseMessage { type: 'open_dashboard' }
export interface VpsCoordinates extends BaseMessage {
  type: 'vps_coordinates'; deviceModel: string; requestId: string;
  x: number; y: number; z: number; qx: number; qy: number; qz: number; qw: number; confidence: number;
}
export interface NotificationDismissed extends BaseMessage { type: 'notification_dismissed'; notificationId: string }
export interface AugmentosSettingsUpdateRequest extends BaseMessage { type: 'settings_update_request' }
export interface CoreStatusUpdate extends BaseMessage { type: 'core_status_update'; status: string; details?: Record<string, unknown> }
export interface PhotoResponse extends BaseMessage {
  type: 'photo_response'; requestId: string; photoUrl?: string; savedToGallery?: boolean; success?: boolean;
  error?: { code: string; message: string; details?: unknown };
}
export interface RtmpStreamStatus extends BaseMessage {
  type: 'rtmp_stream_status'; streamId?: string;
  status: 'initializing' | 'connecting' | 'reconnecting' | 'streaming' | 'error' | 'stopped' | 'active' | 'stopping' | 'disconnected' | 'timeout' | (string & {});
  errorDetails?: string; appId?: string;
  stats?: { bitrate: number; fps: number; droppedFrames: number; duration: number };
}
export interface KeepAliveAck extends BaseMessage { type: 'keep_alive_ack'; streamId: string; ackId: string }
export interface PhotoTaken extends BaseMessage { type: 'photo_taken'; photoData: ArrayBuffer | string; mimeType: string }

// ---------------------------------------------------------------- cloud -> glasses

export interface ConnectionAck extends BaseMessage { type: 'connection_ack'; userSession?: unknown }
export interface ConnectionError extends BaseMessage { type: 'connection_error'; message: string; code?: string }
export interface AuthError extends BaseMessage { type: 'auth_error'; message: string }
export interface DisplayEvent extends BaseMessage { type: 'display_event'; layout: unknown; durationMs?: number }
export interface AppStateChange extends BaseMessage { type: 'app_state_change'; userSession?: unknown; error?: string }
export interface MicrophoneStateChange extends BaseMessage { type: 'microphone_state_change'; isMicrophoneEnabled: boolean }
export interface PhotoRequestToGlasses extends BaseMessage { type: 'photo_request'; requestId: string; appId: string; webhookUrl?: string }
/** The glasses-bound settings update (the root name `SettingsUpdate` in every SDK generation). */
export interface SettingsUpdate extends BaseMessage {
  type: 'settings_update';
  sessionId: string;
  settings: Record<string, unknown>;
}
export interface StartRtmpStream extends BaseMessage { type: 'start_rtmp_stream'; rtmpUrl: string; appId: string; streamId?: string; video?: unknown; audio?: unknown; stream?: unknown }
export interface StopRtmpStream extends BaseMessage { type: 'stop_rtmp_stream'; appId: string; streamId?: string }
export interface KeepRtmpStreamAlive extends BaseMessage { type: 'keep_rtmp_stream_alive'; streamId: string; ackId: string }

export type GlassesToCloudMessage =
  | ConnectionInit | RequestSettings | StartApp | StopApp | DashboardState | OpenDashboard | VpsCoordinates
  | NotificationDismissed | AugmentosSettingsUpdateRequest | CoreStatusUpdate | PhotoResponse | RtmpStreamStatus
  | KeepAliveAck | PhotoTaken | (BaseMessage & { type: (typeof EventTypes)[number] });
export type CloudToGlassesMessage =
  | ConnectionAck | ConnectionError | AuthError | DisplayEvent | AppStateChange | MicrophoneStateChange
  | PhotoRequestToGlasses | SettingsUpdate | StartRtmpStream | StopRtmpStream | KeepRtmpStreamAlive;

// ---------------------------------------------------------------- guards

export const isControlAction = is<BaseMessage>(...ControlActionTypes);
export const isEvent = is<BaseMessage>(...EventTypes);
export const isResponse = is<BaseMessage>(...ResponseTypes);
export const isUpdate = is<BaseMessage>(...UpdateTypes);

export const isConnectionInit = is<ConnectionInit>('connection_init');
export const isRequestSettings = is<RequestSettings>('request_settings');
export const isStartApp = is<StartApp>('start_app');
export const isStopApp = is<StopApp>('stop_app');
export const isButtonPress = is<BaseMessage>('button_press');
export const isHeadPosition = is<BaseMessage>('head_position');
export const isGlassesBatteryUpdate = is<BaseMessage>('glasses_battery_update');
export const isPhoneBatteryUpdate = is<BaseMessage>('phone_battery_update');
export const isGlassesConnectionState = is<BaseMessage>('glasses_connection_state');
export const isLocationUpdate = is<BaseMessage>('location_update');
export const isCalendarEvent = is<BaseMessage>('calendar_event');
export const isVad = is<BaseMessage>('VAD');
export const isPhoneNotification = is<BaseMessage>('phone_notification');
export const isNotificationDismissed = is<NotificationDismissed>('notification_dismissed');
export const isRtmpStreamStatus = is<RtmpStreamStatus>('rtmp_stream_status');
export const isPhotoResponse = is<PhotoResponse>('photo_response');
export const isKeepAliveAck = is<KeepAliveAck>('keep_alive_ack');
export const isPhotoTaken = is<PhotoTaken>('photo_taken');
export const isPhotoResponseFromGlasses = isPhotoResponse;
export const isRtmpStreamStatusFromGlasses = isRtmpStreamStatus;

export const isConnectionAck = is<ConnectionAck>('connection_ack');
export const isConnectionError = is<ConnectionError>('connection_error');
export const isAuthError = is<AuthError>('auth_error');
export const isDisplayEvent = is<DisplayEvent>('display_event');
export const isAppStateChange = is<AppStateChange>('app_state_change');
export const isMicrophoneStateChange = is<MicrophoneStateChange>('microphone_state_change');
export const isPhotoRequest = is<PhotoRequestToGlasses>('photo_request');
export const isSettingsUpdateToGlasses = is<SettingsUpdate>('settings_update');
export const isStartRtmpStream = is<StartRtmpStream>('start_rtmp_stream');
export const isStopRtmpStream = is<StopRtmpStream>('stop_rtmp_stream');
export const isKeepRtmpStreamAlive = is<KeepRtmpStreamAlive>('keep_rtmp_stream_alive');
