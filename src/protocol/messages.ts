/**
 * Message shapes on the wire, as discriminated unions on `type`.
 * Timestamps are ISO-8601 strings on the wire; typed as `Date | string` where apps may pass either.
 */
import type { AppSetting } from './app-setting';
import type { AppConfig } from './models';
import type { BaseMessage } from './base-message';
import type { Capabilities } from './module-messages';
import type { LayoutType, ViewType } from './enums';
import type { TranscriptionMetadata } from './transcription-metadata';

// ---------------------------------------------------------------- layouts

/** One block of text. */
export interface TextWall {
  /** The layout type. */
  layoutType: LayoutType.TEXT_WALL | 'text_wall';
  /** The text. */
  text: string;
}
/** Two blocks of text, one above the other. */
export interface DoubleTextWall {
  /** The layout type. */
  layoutType: LayoutType.DOUBLE_TEXT_WALL | 'double_text_wall';
  /** The top text. */
  topText: string;
  /** The bottom text. */
  bottomText: string;
}
/** A card with a title and a body. */
export interface ReferenceCard {
  /** The layout type. */
  layoutType: LayoutType.REFERENCE_CARD | 'reference_card';
  /** The card's title. */
  title: string;
  /** The card's body. */
  text: string;
}
/** A dashboard card with a left and a right text. */
export interface DashboardCard {
  /** The layout type. */
  layoutType: LayoutType.DASHBOARD_CARD | 'dashboard_card';
  /** The left text. */
  leftText: string;
  /** The right text. */
  rightText: string;
}
/** A 1-bit bitmap. */
export interface BitmapView {
  /** The layout type. */
  layoutType: LayoutType.BITMAP_VIEW | 'bitmap_view';
  /** The bitmap, as a base64 BMP. */
  data: string;
}
/** Bitmap frames the glasses cycle through. */
export interface BitmapAnimation {
  /** The layout type. */
  layoutType: LayoutType.BITMAP_ANIMATION | 'bitmap_animation';
  /** The frames, as base64 BMPs. */
  frames: string[];
  /** Milliseconds per frame. */
  interval: number;
  /** Whether the animation loops. */
  repeat: boolean;
}
/** Clears the view. */
export interface ClearView {
  /** The layout type. */
  layoutType: LayoutType.CLEAR_VIEW | 'clear_view';
}
/** Any layout, told apart by `layoutType`. */
export type Layout = TextWall | DoubleTextWall | ReferenceCard | DashboardCard | BitmapView | BitmapAnimation | ClearView;

export type { BaseMessage };

// ---------------------------------------------------------------- app -> cloud

export interface AppConnectionInit extends BaseMessage {
  /** The message type. */
  type: 'tpa_connection_init';
  /** The session id. */
  sessionId: string;
  /** The app's package name. */
  packageName: string;
  /** The app's API key. */
  apiKey: string;
}

/** A stream to subscribe to: its string, or the location stream with a rate. */
export type SubscriptionRequest =
  | string
  | {
      /** The location stream. */
      stream: 'location_stream';
      /** The accuracy asked for. */
      rate: string;
    };

export interface AppSubscriptionUpdate extends BaseMessage {
  /** The message type. */
  type: 'subscription_update';
  /** The app's package name. */
  packageName: string;
  /** The streams the app wants. */
  subscriptions: SubscriptionRequest[];
  /** The session id. */
  sessionId: string;
}

export interface DisplayRequest extends BaseMessage {
  /** The message type. */
  type: 'display_event';
  /** The app's package name. */
  packageName: string;
  /** The view to show it in. */
  view: ViewType | 'main' | 'dashboard' | 'always_on';
  /** The layout to show. */
  layout: Layout;
  /** How long to show it, in milliseconds. */
  durationMs?: number;
  /** The published `forceDisplay` flag, passed to the cloud as is. */
  forceDisplay?: boolean;
}

/** Any dashboard message an app sends. */
export type DashboardMessage = DashboardContentUpdate | DashboardModeChange | DashboardSystemUpdate;

// ---------------------------------------------------------------- app-to-app (MentraOS names; AugmentOS used `tpa_*`)

/** How an app-to-app room is set up. */
export interface AppRoomConfig {
  /**
   * The most users the room takes.
   *
   * @defaultValue unset: the cloud's defaults
   */
  maxUsers?: number;
  /**
   * Whether the room is private.
   *
   * @defaultValue unset: the cloud's defaults
   */
  isPrivate?: boolean;
  /**
   * Free-form metadata.
   *
   * @defaultValue unset: the cloud's defaults
   */
  metadata?: unknown;
}

export interface AppBroadcastMessage extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** The message type. */
  type: 'app_broadcast_message';
  /** The app's package name. */
  packageName: string;
  /** The app's payload. */
  payload: unknown;
  /** The message's id. */
  messageId: string;
  /** The user who sent the message. */
  senderUserId: string;
  /** The app-to-app room. */
  roomId?: string;
}

export interface AppDirectMessage extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** The message type. */
  type: 'app_direct_message';
  /** The app's package name. */
  packageName: string;
  /** The user the message is for. */
  targetUserId: string;
  /** The app's payload. */
  payload: unknown;
  /** The message's id. */
  messageId: string;
  /** The user who sent the message. */
  senderUserId: string;
}

export interface AppUserDiscovery extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** The message type. */
  type: 'app_user_discovery';
  /** The app's package name. */
  packageName: string;
  /** Whether to include the users' profiles. */
  includeUserProfiles?: boolean;
}

export interface AppRoomJoin extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** The message type. */
  type: 'app_room_join';
  /** The app's package name. */
  packageName: string;
  /** The app-to-app room. */
  roomId: string;
  /** The room's configuration, when the app creates it. */
  roomConfig?: AppRoomConfig;
}

export interface AppRoomLeave extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** The message type. */
  type: 'app_room_leave';
  /** The app's package name. */
  packageName: string;
  /** The app-to-app room. */
  roomId: string;
}

export interface AppMessageReceived extends BaseMessage {
  /** The message type. */
  type: 'app_message_received';
  /** The app's payload. */
  payload: unknown;
  /** The message's id. */
  messageId: string;
  /** The user who sent the message. */
  senderUserId: string;
  /** The sender's session id. */
  senderSessionId?: string;
  /** The app-to-app room. */
  roomId?: string;
}

export interface AppUserJoined extends BaseMessage {
  /** The message type. */
  type: 'app_user_joined';
  /** The user's id. */
  userId: string;
  /** When the user joined. */
  joinedAt?: Date | string;
  /** The user's profile. */
  userProfile?: unknown;
  /** The app-to-app room. */
  roomId?: string;
}

export interface AppUserLeft extends BaseMessage {
  /** The message type. */
  type: 'app_user_left';
  /** The user's id. */
  userId: string;
  /** When the user left. */
  leftAt?: Date | string;
  /** The app-to-app room. */
  roomId?: string;
}

export interface AppRoomUpdated extends BaseMessage {
  /** The message type. */
  type: 'app_room_updated';
  /** The app-to-app room. */
  roomId: string;
  /** What changed. */
  updateType: 'user_joined' | 'user_left' | 'config_changed' | 'room_closed';
  /** The room after the change. */
  roomData: {
    /** How many users are in the room. */ memberCount: number;
    /** The most users the room takes. */
    maxUsers?: number;
    /** Whether the room is private. */
    isPrivate?: boolean;
    /** The room's metadata. */
    metadata?: unknown;
  };
}

export interface AppDirectMessageResponse extends BaseMessage {
  /** The message type. */
  type: 'app_direct_message_response';
  /** The message's id. */
  messageId: string;
  /** Whether it succeeded. */
  success: boolean;
  /** Why the message was not delivered. */
  error?: string;
  /** The user the message is for. */
  targetUserId: string;
}

/** One user of the same app, as returned by user discovery. */
export interface AppUserInfo {
  /** The user's id. */
  userId: string;
  /** The session id. */
  sessionId?: string;
  /** When the user joined. */
  joinedAt?: string;
  /** The user's profile, when asked for. */
  userProfile?: unknown;
}

/** The users of this app the cloud reported. */
export interface AppUserList {
  /** The users. */
  users: AppUserInfo[];
  /** How many users there are. */
  totalUsers: number;
  /** When it happened or was sent. */
  timestamp?: string;
}

// ---------------------------------------------------------------- cloud -> app

export type { AppSetting, SettingInput, SettingRecord } from './app-setting';

export interface AppConnectionAck extends BaseMessage {
  /** The message type. */
  type: 'tpa_connection_ack';
  /** The session id. */
  sessionId?: string;
  /** The app settings. */
  settings?: AppSetting[];
  /** The system settings (MentraOS name). */
  mentraosSettings?: Record<string, unknown>;
  /** The system settings (AugmentOS name). */
  augmentosSettings?: Record<string, unknown>;
  /** The app's config. */
  config?: AppConfig;
  /** What the glasses can do. */
  capabilities?: Capabilities;
}

export interface AppConnectionError extends BaseMessage {
  /** The message type. */
  type: 'tpa_connection_error' | 'connection_error';
  /** Why the connection was refused. */
  message: string;
  /** The error code. */
  code?: string;
}

export interface DataStream extends BaseMessage {
  /** The message type. */
  type: 'data_stream';
  /** The stream the data belongs to. */
  streamType: string;
  /** The stream's data. */
  data: any;
}

export interface AppSettingsUpdate extends BaseMessage {
  /** The message type. */
  type: 'settings_update';
  /** The app's package name. */
  packageName: string;
  /** The app settings. */
  settings: AppSetting[];
}

export interface MentraosSettingsUpdate extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** When it happened or was sent. */
  timestamp: Date;
  /** The message type. */
  type: 'augmentos_settings_update';
  /** The system settings. */
  settings: Record<string, unknown>;
}

/** An error frame the SDK reports to the app. */
export interface WebSocketError {
  /** The error code. */
  code: string;
  /** What went wrong. */
  message: string;
  /** More detail. */
  details?: unknown;
}

export interface AppStopped extends BaseMessage {
  /** The message type. */
  type: 'app_stopped';
  /** Why the app stopped. */
  reason: 'user_disabled' | 'system_stop' | 'error';
  /** More detail. */
  message?: string;
}

// ---------------------------------------------------------------- stream data

/** Transcribed speech, interim or final. */
export interface TranscriptionData {
  /** The message type. */
  type: 'transcription';
  /** The text heard. */
  text: string;
  /** Whether the result is final (not interim). */
  isFinal: boolean;
  /** Groups the interim and final results of one utterance. */
  utteranceId?: string;
  /** The language transcribed. */
  transcribeLanguage?: string;
  /** The language detected, with automatic language identification. */
  detectedLanguage?: string;
  /** When the speech started (milliseconds). */
  startTime: number;
  /** When the speech ended (milliseconds). */
  endTime: number;
  /** The speaker's id, when the provider tells speakers apart. */
  speakerId?: string;
  /** The speech's duration. */
  duration?: number;
  /** The speech provider. */
  provider?: string;
  /** The provider's confidence. */
  confidence?: number;
  /** Provider detail (for example Soniox tokens). */
  metadata?: TranscriptionMetadata;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}

/** Translated speech, interim or final. */
export interface TranslationData {
  /** The message type. */
  type: 'translation';
  /** The translated text. */
  text: string;
  /** The text before translation. */
  originalText?: string;
  /** Whether the result is final (not interim). */
  isFinal: boolean;
  /** When the speech started (milliseconds). */
  startTime: number;
  /** When the speech ended (milliseconds). */
  endTime: number;
  /** The speaker's id, when the provider tells speakers apart. */
  speakerId?: string;
  /** The speech's duration. */
  duration?: number;
  /** The language transcribed. */
  transcribeLanguage?: string;
  /** The language translated into. */
  translateLanguage?: string;
  /** Whether the text was translated (false when it was already in the target language). */
  didTranslate?: boolean;
  /** The speech provider. */
  provider?: string;
  /** The provider's confidence. */
  confidence?: number;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}

/** A button press on the glasses. */
export interface ButtonPress {
  /** The message type. */
  type: 'button_press';
  /** Which button. */
  buttonId: string;
  /** A short or a long press. */
  pressType: 'short' | 'long';
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** The head moved up or down. */
export interface HeadPosition {
  /** The message type. */
  type: 'head_position';
  /** Whether the head moved up or down. */
  position: 'up' | 'down';
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** A touch gesture on the glasses. */
export interface TouchEvent {
  /** The message type. */
  type: 'touch_event';
  /** The glasses' model. */
  device_model: string;
  /** The gesture (`single_tap`, `double_tap`, ...). */
  gesture_name: string;
  /** When it happened or was sent. */
  timestamp: Date;
  /** The session id. */
  sessionId?: string;
}
/** The glasses' battery. */
export interface GlassesBatteryUpdate {
  /** The message type. */
  type: 'glasses_battery_update';
  /** Battery level, in percent. */
  level: number;
  /** Whether it is charging. */
  charging: boolean;
  /** Estimated minutes left. */
  timeRemaining?: number;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** The phone's battery. */
export interface PhoneBatteryUpdate {
  /** The message type. */
  type: 'phone_battery_update';
  /** Battery level, in percent. */
  level: number;
  /** Whether it is charging. */
  charging: boolean;
  /** Estimated minutes left. */
  timeRemaining?: number;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** The phone's location. */
export interface LocationUpdate {
  /** The message type. */
  type: 'location_update';
  /** Latitude. */
  lat: number;
  /** Longitude. */
  lng: number;
  /** Accuracy in metres. */
  accuracy?: number;
  /** Pairs a location poll with its answer. */
  correlationId?: string;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** Voice activity: speech started or stopped. */
export interface Vad {
  /** The message type. */
  type: 'VAD';
  /** Whether speech is going on. */
  status: boolean | 'true' | 'false';
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** A notification on the phone. */
export interface PhoneNotification {
  /** The message type. */
  type: 'phone_notification';
  /** The notification's id. */
  notificationId: string;
  /** The app that posted the notification. */
  app: string;
  /** The notification's title. */
  title: string;
  /** The notification's text. */
  content: string;
  /** The notification's priority. */
  priority: 'low' | 'normal' | 'high';
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** A phone notification was dismissed. */
export interface PhoneNotificationDismissed {
  /** The message type. */
  type: 'phone_notification_dismissed';
  /** The notification's id. */
  notificationId: string;
  /** The app that posted the notification. */
  app: string;
  /** The notification's title. */
  title: string;
  /** The notification's text. */
  content: string;
  /** The phone's key of the notification. */
  notificationKey: string;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** A calendar event from the phone. */
export interface CalendarEvent {
  /** The message type. */
  type: 'calendar_event';
  /** The event's id. */
  eventId: string;
  /** The event's title. */
  title: string;
  /** When the event starts. */
  dtStart: string;
  /** When the event ends. */
  dtEnd: string;
  /** The event's time zone. */
  timezone: string;
  /** When the phone sent it. */
  timeStamp: string;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** The glasses connected or disconnected. */
export interface GlassesConnectionState {
  /** The message type. */
  type: 'glasses_connection_state';
  /** The glasses' model name. */
  modelName: string;
  /** The connection state. */
  status: string;
  /** The glasses' WiFi. */
  wifi?: {
    /** Whether the glasses are on WiFi. */
    connected: boolean;
    /** The network's name. */
    ssid?: string;
  };
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}
/** Raw audio from the microphone. */
export interface AudioChunk {
  /** The message type. */
  type: 'audio_chunk';
  /** The audio bytes. */
  arrayBuffer: ArrayBufferLike;
  /** Sample rate in Hz. */
  sampleRate?: number;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}

// ---------------------------------------------------------------- webhooks (in webhooks.ts)

export type { BaseWebhookRequest, SessionWebhookRequest, StopWebhookRequest, WebhookRequest, WebhookResponse } from './webhooks';

export interface ToolCall {
  /** The tool's id. */
  toolId: string;
  /** The tool's parameters. */
  toolParameters: Record<string, string | number | boolean>;
  /** When the call was made: an ISO string from the cloud; apps' own tests build it as a Date or `Date.now()`. */
  timestamp: Date | string | number;
  /** The user's id. */
  userId: string;
  activeSession: unknown;
}

/**
 * A tool reply meaning "the app handles this itself": the assistant says nothing.
 * Return it from `onToolCall`.
 */
export const GIVE_APP_CONTROL_OF_TOOL_RESPONSE = 'GIVE_APP_CONTROL_OF_TOOL_RESPONSE';

// ---------------------------------------------------------------- unions

/** Every message an app sends the cloud. */
export type AppToCloudMessage =
  | AppConnectionInit
  | AppSubscriptionUpdate
  | DisplayRequest
  | PhotoRequest
  | RtmpStreamRequest
  | RtmpStreamStopRequest
  | DashboardContentUpdate
  | DashboardModeChange
  | DashboardSystemUpdate
  | AppBroadcastMessage
  | AppDirectMessage
  | AppUserDiscovery
  | AppRoomJoin
  | AppRoomLeave;

/** Every message the cloud sends an app. */
export type CloudToAppMessage =
  | AppConnectionAck
  | AppConnectionError
  | AppStopped
  | AppSettingsUpdate
  | DataStream
  | MentraosSettingsUpdate
  | DashboardModeChanged
  | DashboardAlwaysOnChanged
  | CustomMessage
  | PermissionError
  | AppMessageReceived
  | AppUserJoined
  | AppUserLeft
  | AppRoomUpdated
  | AppDirectMessageResponse;

// Declared with the session modules' messages; re-exported here for the unions above and older imports.
import type {
  CustomMessage,
  DashboardAlwaysOnChanged,
  DashboardContentUpdate,
  DashboardModeChange,
  DashboardModeChanged,
  DashboardSystemUpdate,
  PermissionError,
  PhotoRequest,
  RtmpStreamRequest,
  RtmpStreamStopRequest,
} from './module-messages';
export type {
  AudioConfig,
  CustomMessage,
  DashboardAlwaysOnChanged,
  DashboardContentUpdate,
  DashboardModeChange,
  DashboardModeChanged,
  DashboardSystemUpdate,
  PermissionError,
  PermissionErrorDetail,
  PhotoRequest,
  RtmpStreamRequest,
  RtmpStreamStopRequest,
  StreamConfig,
  VideoConfig,
} from './module-messages';
