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

export interface TextWall {
  layoutType: LayoutType.TEXT_WALL | 'text_wall';
  text: string;
}
export interface DoubleTextWall {
  layoutType: LayoutType.DOUBLE_TEXT_WALL | 'double_text_wall';
  topText: string;
  bottomText: string;
}
export interface ReferenceCard {
  layoutType: LayoutType.REFERENCE_CARD | 'reference_card';
  title: string;
  text: string;
}
export interface DashboardCard {
  layoutType: LayoutType.DASHBOARD_CARD | 'dashboard_card';
  leftText: string;
  rightText: string;
}
export interface BitmapView {
  layoutType: LayoutType.BITMAP_VIEW | 'bitmap_view';
  data: string;
}
export interface BitmapAnimation {
  layoutType: LayoutType.BITMAP_ANIMATION | 'bitmap_animation';
  frames: string[];
  interval: number;
  repeat: boolean;
}
export interface ClearView {
  layoutType: LayoutType.CLEAR_VIEW | 'clear_view';
}
export type Layout = TextWall | DoubleTextWall | ReferenceCard | DashboardCard | BitmapView | BitmapAnimation | ClearView;

export type { BaseMessage };

// ---------------------------------------------------------------- app -> cloud

export interface AppConnectionInit extends BaseMessage {
  type: 'tpa_connection_init';
  sessionId: string;
  packageName: string;
  apiKey: string;
}

export type SubscriptionRequest = string | { stream: 'location_stream'; rate: string };

export interface AppSubscriptionUpdate extends BaseMessage {
  type: 'subscription_update';
  packageName: string;
  subscriptions: SubscriptionRequest[];
  sessionId: string;
}

export interface DisplayRequest extends BaseMessage {
  type: 'display_event';
  packageName: string;
  view: ViewType | 'main' | 'dashboard' | 'always_on';
  layout: Layout;
  durationMs?: number;
  forceDisplay?: boolean;
}

export type DashboardMessage = DashboardContentUpdate | DashboardModeChange | DashboardSystemUpdate;

// ---------------------------------------------------------------- app-to-app (MentraOS names; AugmentOS used `tpa_*`)

export interface AppRoomConfig {
  maxUsers?: number;
  isPrivate?: boolean;
  metadata?: unknown;
}

export interface AppBroadcastMessage extends BaseMessage {
  sessionId: string;
  type: 'app_broadcast_message';
  packageName: string;
  payload: unknown;
  messageId: string;
  senderUserId: string;
  roomId?: string;
}

export interface AppDirectMessage extends BaseMessage {
  sessionId: string;
  type: 'app_direct_message';
  packageName: string;
  targetUserId: string;
  payload: unknown;
  messageId: string;
  senderUserId: string;
}

export interface AppUserDiscovery extends BaseMessage {
  sessionId: string;
  type: 'app_user_discovery';
  packageName: string;
  includeUserProfiles?: boolean;
}

export interface AppRoomJoin extends BaseMessage {
  sessionId: string;
  type: 'app_room_join';
  packageName: string;
  roomId: string;
  roomConfig?: AppRoomConfig;
}

export interface AppRoomLeave extends BaseMessage {
  sessionId: string;
  type: 'app_room_leave';
  packageName: string;
  roomId: string;
}

export interface AppMessageReceived extends BaseMessage {
  type: 'app_message_received';
  payload: unknown;
  messageId: string;
  senderUserId: string;
  senderSessionId?: string;
  roomId?: string;
}

export interface AppUserJoined extends BaseMessage {
  type: 'app_user_joined';
  userId: string;
  joinedAt?: Date | string;
  userProfile?: unknown;
  roomId?: string;
}

export interface AppUserLeft extends BaseMessage {
  type: 'app_user_left';
  userId: string;
  leftAt?: Date | string;
  roomId?: string;
}

export interface AppRoomUpdated extends BaseMessage {
  type: 'app_room_updated';
  roomId: string;
  updateType: 'user_joined' | 'user_left' | 'config_changed' | 'room_closed';
  roomData: { memberCount: number; maxUsers?: number; isPrivate?: boolean; metadata?: unknown };
}

export interface AppDirectMessageResponse extends BaseMessage {
  type: 'app_direct_message_response';
  messageId: string;
  success: boolean;
  error?: string;
  targetUserId: string;
}

/** One user of the same app, as returned by user discovery. */
export interface AppUserInfo {
  userId: string;
  sessionId?: string;
  joinedAt?: string;
  userProfile?: unknown;
}

export interface AppUserList {
  users: AppUserInfo[];
  totalUsers: number;
  timestamp?: string;
}

// ---------------------------------------------------------------- cloud -> app

export type { AppSetting, SettingInput, SettingRecord } from './app-setting';

export interface AppConnectionAck extends BaseMessage {
  type: 'tpa_connection_ack';
  sessionId?: string;
  settings?: AppSetting[];
  mentraosSettings?: Record<string, unknown>;
  augmentosSettings?: Record<string, unknown>;
  config?: AppConfig;
  capabilities?: Capabilities;
}

export interface AppConnectionError extends BaseMessage {
  type: 'tpa_connection_error' | 'connection_error';
  message: string;
  code?: string;
}

export interface DataStream extends BaseMessage {
  type: 'data_stream';
  streamType: string;
  data: any;
}

export interface AppSettingsUpdate extends BaseMessage {
  type: 'settings_update';
  packageName: string;
  settings: AppSetting[];
}

export interface MentraosSettingsUpdate extends BaseMessage {
  sessionId: string;
  timestamp: Date;
  type: 'augmentos_settings_update';
  settings: Record<string, unknown>;
}

/** An error frame the SDK reports to the app. */
export interface WebSocketError {
  code: string;
  message: string;
  details?: unknown;
}

export interface AppStopped extends BaseMessage {
  type: 'app_stopped';
  reason: 'user_disabled' | 'system_stop' | 'error';
  message?: string;
}

// ---------------------------------------------------------------- stream data

export interface TranscriptionData {
  type: 'transcription';
  text: string;
  isFinal: boolean;
  utteranceId?: string;
  transcribeLanguage?: string;
  detectedLanguage?: string;
  startTime: number;
  endTime: number;
  speakerId?: string;
  duration?: number;
  provider?: string;
  confidence?: number;
  /** Provider detail (for example Soniox tokens). */
  metadata?: TranscriptionMetadata;
  timestamp?: Date;
  sessionId?: string;
}

export interface TranslationData {
  type: 'translation';
  text: string;
  originalText?: string;
  isFinal: boolean;
  startTime: number;
  endTime: number;
  speakerId?: string;
  duration?: number;
  transcribeLanguage?: string;
  translateLanguage?: string;
  didTranslate?: boolean;
  provider?: string;
  confidence?: number;
  timestamp?: Date;
  sessionId?: string;
}

export interface ButtonPress {
  type: 'button_press';
  buttonId: string;
  pressType: 'short' | 'long';
  timestamp?: Date;
  sessionId?: string;
}
export interface HeadPosition {
  type: 'head_position';
  position: 'up' | 'down';
  timestamp?: Date;
  sessionId?: string;
}
export interface TouchEvent {
  type: 'touch_event';
  device_model: string;
  gesture_name: string;
  timestamp: Date;
  sessionId?: string;
}
export interface GlassesBatteryUpdate {
  type: 'glasses_battery_update';
  level: number;
  charging: boolean;
  timeRemaining?: number;
  timestamp?: Date;
  sessionId?: string;
}
export interface PhoneBatteryUpdate {
  type: 'phone_battery_update';
  level: number;
  charging: boolean;
  timeRemaining?: number;
  timestamp?: Date;
  sessionId?: string;
}
export interface LocationUpdate {
  type: 'location_update';
  lat: number;
  lng: number;
  accuracy?: number;
  correlationId?: string;
  timestamp?: Date;
  sessionId?: string;
}
export interface Vad {
  type: 'VAD';
  status: boolean | 'true' | 'false';
  timestamp?: Date;
  sessionId?: string;
}
export interface PhoneNotification {
  type: 'phone_notification';
  notificationId: string;
  app: string;
  title: string;
  content: string;
  priority: 'low' | 'normal' | 'high';
  timestamp?: Date;
  sessionId?: string;
}
export interface PhoneNotificationDismissed {
  type: 'phone_notification_dismissed';
  notificationId: string;
  app: string;
  title: string;
  content: string;
  notificationKey: string;
  timestamp?: Date;
  sessionId?: string;
}
export interface CalendarEvent {
  type: 'calendar_event';
  eventId: string;
  title: string;
  dtStart: string;
  dtEnd: string;
  timezone: string;
  timeStamp: string;
  timestamp?: Date;
  sessionId?: string;
}
export interface GlassesConnectionState {
  type: 'glasses_connection_state';
  modelName: string;
  status: string;
  wifi?: { connected: boolean; ssid?: string };
  timestamp?: Date;
  sessionId?: string;
}
export interface AudioChunk {
  type: 'audio_chunk';
  arrayBuffer: ArrayBufferLike;
  sampleRate?: number;
  timestamp?: Date;
  sessionId?: string;
}

// ---------------------------------------------------------------- webhooks (in webhooks.ts)

export type { BaseWebhookRequest, SessionWebhookRequest, StopWebhookRequest, WebhookRequest, WebhookResponse } from './webhooks';

export interface ToolCall {
  toolId: string;
  toolParameters: Record<string, string | number | boolean>;
  /** When the call was made: an ISO string from the cloud; apps' own tests build it as a Date or `Date.now()`. */
  timestamp: Date | string | number;
  userId: string;
  activeSession: unknown;
}

/**
 * A tool reply meaning "the app handles this itself": the assistant says nothing.
 * Return it from `onToolCall`.
 */
export const GIVE_APP_CONTROL_OF_TOOL_RESPONSE = 'GIVE_APP_CONTROL_OF_TOOL_RESPONSE';

// ---------------------------------------------------------------- unions

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
