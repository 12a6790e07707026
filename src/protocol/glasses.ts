/**
 * The phone/glasses side of the protocol (glasses <-> cloud). Apps never send or receive these frames;
 * both SDK generations export them as names, so they live here once. Values are the wire strings
 * (the union of every released version).
 */
import type { BaseMessage, Layout } from './messages';
import type { EventTypes } from './enums';
import type { PhotoResponse, PhotoTaken, RtmpStreamStatus, VpsCoordinates } from './module-messages';
import { typeGuard as is } from './guard-kit';

// ---------------------------------------------------------------- glasses -> cloud

export interface ConnectionInit extends BaseMessage {
  type: 'connection_init';
  userId?: string;
  coreToken?: string;
}
export interface RequestSettings extends BaseMessage {
  type: 'request_settings';
}
export interface StartApp extends BaseMessage {
  type: 'start_app';
  packageName: string;
}
export interface StopApp extends BaseMessage {
  type: 'stop_app';
  packageName: string;
}
export interface DashboardState extends BaseMessage {
  type: 'dashboard_state';
  isOpen: boolean;
}
export interface OpenDashboard extends BaseMessage {
  type: 'open_dashboard';
}
export interface NotificationDismissed extends BaseMessage {
  type: 'notification_dismissed';
  notificationId: string;
}
export interface AugmentosSettingsUpdateRequest extends BaseMessage {
  type: 'settings_update_request';
}
export interface CoreStatusUpdate extends BaseMessage {
  type: 'core_status_update';
  status: string;
  details?: Record<string, unknown>;
}
export interface KeepAliveAck extends BaseMessage {
  type: 'keep_alive_ack';
  streamId: string;
  ackId: string;
}

// ---------------------------------------------------------------- cloud -> glasses

export interface ConnectionAck extends BaseMessage {
  sessionId: string;
  type: 'connection_ack';
  userSession?: unknown;
  livekit?: { url: string; roomName: string; token: string };
}
export interface ConnectionError extends BaseMessage {
  type: 'connection_error';
  message: string;
  code?: string;
}
export interface AuthError extends BaseMessage {
  type: 'auth_error';
  message: string;
}
export interface DisplayEvent extends BaseMessage {
  type: 'display_event';
  layout: Layout;
  durationMs?: number;
}
export interface AppStateChange extends BaseMessage {
  type: 'app_state_change';
  userSession?: unknown;
  error?: string;
}
export interface MicrophoneStateChange extends BaseMessage {
  type: 'microphone_state_change';
  isMicrophoneEnabled: boolean;
  requiredData: Array<'pcm' | 'transcription' | 'pcm_or_transcription'>;
  bypassVad?: boolean;
}
export interface PhotoRequestToGlasses extends BaseMessage {
  type: 'photo_request';
  requestId: string;
  appId: string;
  webhookUrl?: string;
  saveToGallery?: boolean;
  authToken?: string;
  size?: 'small' | 'medium' | 'large' | 'full';
  compress?: 'none' | 'medium' | 'heavy';
}
/** The glasses-bound settings update (the root name `SettingsUpdate` in every SDK generation). */
export interface SettingsUpdate extends BaseMessage {
  type: 'settings_update';
  sessionId: string;
  settings: Record<string, unknown>;
}
export interface StartRtmpStream extends BaseMessage {
  type: 'start_rtmp_stream';
  rtmpUrl: string;
  appId: string;
  streamId?: string;
  video?: unknown;
  audio?: unknown;
  stream?: unknown;
}
export interface StopRtmpStream extends BaseMessage {
  type: 'stop_rtmp_stream';
  appId: string;
  streamId?: string;
}
export interface KeepRtmpStreamAlive extends BaseMessage {
  type: 'keep_rtmp_stream_alive';
  streamId: string;
  ackId: string;
}

export type GlassesToCloudMessage =
  | ConnectionInit
  | RequestSettings
  | StartApp
  | StopApp
  | DashboardState
  | OpenDashboard
  | VpsCoordinates
  | NotificationDismissed
  | AugmentosSettingsUpdateRequest
  | CoreStatusUpdate
  | PhotoResponse
  | RtmpStreamStatus
  | KeepAliveAck
  | PhotoTaken
  | (BaseMessage & { type: (typeof EventTypes)[number] });
export type CloudToGlassesMessage =
  | ConnectionAck
  | ConnectionError
  | AuthError
  | DisplayEvent
  | AppStateChange
  | MicrophoneStateChange
  | PhotoRequestToGlasses
  | SettingsUpdate
  | StartRtmpStream
  | StopRtmpStream
  | KeepRtmpStreamAlive;

// ---------------------------------------------------------------- guards (the others are in guards.ts)

export const isNotificationDismissed = is<NotificationDismissed>('notification_dismissed');
