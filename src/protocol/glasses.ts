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
  /** The message type. */
  type: 'connection_init';
  /** The user's id. */
  userId?: string;
  /** The client's auth token. */
  coreToken?: string;
}
export interface RequestSettings extends BaseMessage {
  /** The message type. */
  type: 'request_settings';
}
export interface StartApp extends BaseMessage {
  /** The message type. */
  type: 'start_app';
  /** The app's package name. */
  packageName: string;
}
export interface StopApp extends BaseMessage {
  /** The message type. */
  type: 'stop_app';
  /** The app's package name. */
  packageName: string;
}
export interface DashboardState extends BaseMessage {
  /** The message type. */
  type: 'dashboard_state';
  /** Whether the dashboard is open. */
  isOpen: boolean;
}
export interface OpenDashboard extends BaseMessage {
  /** The message type. */
  type: 'open_dashboard';
}
export interface NotificationDismissed extends BaseMessage {
  /** The message type. */
  type: 'notification_dismissed';
  /** The notification's id. */
  notificationId: string;
}
export interface AugmentosSettingsUpdateRequest extends BaseMessage {
  /** The message type. */
  type: 'settings_update_request';
}
export interface CoreStatusUpdate extends BaseMessage {
  /** The message type. */
  type: 'core_status_update';
  /** The client's status. */
  status: string;
  /** More detail. */
  details?: Record<string, unknown>;
}
export interface KeepAliveAck extends BaseMessage {
  /** The message type. */
  type: 'keep_alive_ack';
  /** The stream's id. */
  streamId: string;
  /** The id of the ack. */
  ackId: string;
}

// ---------------------------------------------------------------- cloud -> glasses

export interface ConnectionAck extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** The message type. */
  type: 'connection_ack';
  /** The user's session. */
  userSession?: unknown;
  /** The LiveKit room to join, when the cloud uses one. */
  livekit?: {
    /** The LiveKit server URL. */
    url: string;
    /** The room. */
    roomName: string;
    /** The access token. */
    token: string;
  };
}
export interface ConnectionError extends BaseMessage {
  /** The message type. */
  type: 'connection_error';
  /** Why the connection was refused. */
  message: string;
  /** The error code. */
  code?: string;
}
export interface AuthError extends BaseMessage {
  /** The message type. */
  type: 'auth_error';
  /** Why authentication failed. */
  message: string;
}
export interface DisplayEvent extends BaseMessage {
  /** The message type. */
  type: 'display_event';
  /** The layout to show. */
  layout: Layout;
  /** How long to show it, in milliseconds. */
  durationMs?: number;
}
export interface AppStateChange extends BaseMessage {
  /** The message type. */
  type: 'app_state_change';
  /** The user's session. */
  userSession?: unknown;
  /** The error, when an app failed. */
  error?: string;
}
export interface MicrophoneStateChange extends BaseMessage {
  /** The message type. */
  type: 'microphone_state_change';
  /** Whether the microphone should be on. */
  isMicrophoneEnabled: boolean;
  /** Which audio data the cloud needs. */
  requiredData: Array<'pcm' | 'transcription' | 'pcm_or_transcription'>;
  /** Whether to send audio without voice activity detection. */
  bypassVad?: boolean;
}
export interface PhotoRequestToGlasses extends BaseMessage {
  /** The message type. */
  type: 'photo_request';
  /** The id that pairs a request with its response. */
  requestId: string;
  /** The app the photo is for. */
  appId: string;
  /** Where to upload the photo. */
  webhookUrl?: string;
  /** Whether to also save the photo in the phone's gallery. */
  saveToGallery?: boolean;
  /** A token sent along with the upload. */
  authToken?: string;
  /** The photo size. */
  size?: 'small' | 'medium' | 'large' | 'full';
  /** The photo compression. */
  compress?: 'none' | 'medium' | 'heavy';
}
/** The glasses-bound settings update (the root name `SettingsUpdate` in every SDK generation). */
export interface SettingsUpdate extends BaseMessage {
  /** The message type. */
  type: 'settings_update';
  /** The session id. */
  sessionId: string;
  /** The settings. */
  settings: Record<string, unknown>;
}
export interface StartRtmpStream extends BaseMessage {
  /** The message type. */
  type: 'start_rtmp_stream';
  /** The RTMP URL. */
  rtmpUrl: string;
  /** The app the stream is for. */
  appId: string;
  /** The stream's id. */
  streamId?: string;
  /** Video settings. */
  video?: unknown;
  /** Audio settings. */
  audio?: unknown;
  /** Stream settings. */
  stream?: unknown;
}
export interface StopRtmpStream extends BaseMessage {
  /** The message type. */
  type: 'stop_rtmp_stream';
  /** The app the stream is for. */
  appId: string;
  /** The stream's id. */
  streamId?: string;
}
export interface KeepRtmpStreamAlive extends BaseMessage {
  /** The message type. */
  type: 'keep_rtmp_stream_alive';
  /** The stream's id. */
  streamId: string;
  /** The id of the ack. */
  ackId: string;
}

/** Every message the glasses' client sends the cloud. */
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
  | (BaseMessage & {
      /** The message type. */
      type: (typeof EventTypes)[number];
    });
/** Every message the cloud sends the glasses' client. */
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

/** Whether a message is a `NotificationDismissed` (`notification_dismissed`). */
export const isNotificationDismissed = is<NotificationDismissed>('notification_dismissed');
