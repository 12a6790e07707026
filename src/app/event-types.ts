/**
 * The data each event of `session.events` carries, by stream type and system event name, as the published
 * SDKs declare it (`EventData<'button_press'>` is a `ButtonPress`). For apps that type their own handler
 * tables and for `session.events.emit`.
 */
import type { DisconnectInfo } from '../core/session/session';
import type { DashboardMode, StreamType } from '../protocol/enums';
import type {
  AppSetting,
  AudioChunk,
  ButtonPress,
  CalendarEvent,
  GlassesBatteryUpdate,
  GlassesConnectionState,
  HeadPosition,
  LocationUpdate,
  PhoneBatteryUpdate,
  PhoneNotification,
  PhoneNotificationDismissed,
  TouchEvent,
  TranscriptionData,
  TranslationData,
  Vad,
  WebSocketError,
} from '../protocol/messages';
import type {
  Capabilities,
  CustomMessage,
  ManagedStreamStatus,
  PermissionErrorDetail,
  PhotoTaken,
  RtmpStreamStatus,
  VpsCoordinates,
} from '../protocol/module-messages';
import type { ExtendedStreamType } from '../protocol/streams';

export interface StreamDataTypes {
  [StreamType.BUTTON_PRESS]: ButtonPress;
  [StreamType.HEAD_POSITION]: HeadPosition;
  [StreamType.TOUCH_EVENT]: TouchEvent;
  [StreamType.PHONE_NOTIFICATION]: PhoneNotification;
  [StreamType.TRANSCRIPTION]: TranscriptionData;
  [StreamType.TRANSLATION]: TranslationData;
  [StreamType.GLASSES_BATTERY_UPDATE]: GlassesBatteryUpdate;
  [StreamType.PHONE_BATTERY_UPDATE]: PhoneBatteryUpdate;
  [StreamType.GLASSES_CONNECTION_STATE]: GlassesConnectionState;
  [StreamType.LOCATION_UPDATE]: LocationUpdate;
  [StreamType.CALENDAR_EVENT]: CalendarEvent;
  [StreamType.VAD]: Vad;
  [StreamType.PHONE_NOTIFICATION_DISMISSED]: PhoneNotificationDismissed;
  [StreamType.AUDIO_CHUNK]: AudioChunk;
  [StreamType.VIDEO]: ArrayBuffer;
  [StreamType.RTMP_STREAM_STATUS]: RtmpStreamStatus;
  [StreamType.MANAGED_STREAM_STATUS]: ManagedStreamStatus;
  [StreamType.VPS_COORDINATES]: VpsCoordinates;
  [StreamType.PHOTO_TAKEN]: PhotoTaken;
  [StreamType.OPEN_DASHBOARD]: never;
  [StreamType.START_APP]: never;
  [StreamType.STOP_APP]: never;
  [StreamType.ALL]: never;
  [StreamType.WILDCARD]: never;
}

/** The events that need no subscription, with their data. */
export interface SystemEvents {
  connected: AppSetting[] | undefined;
  disconnected: DisconnectInfo;
  reconnected: number;
  error: WebSocketError | Error;
  settings_update: AppSetting[];
  capabilities_update: { capabilities: Capabilities | null; modelName: string | null; timestamp?: Date };
  dashboard_mode_change: { mode: DashboardMode | 'none' };
  dashboard_always_on_change: { enabled: boolean };
  custom_message: CustomMessage;
  permission_error: { message: string; details: PermissionErrorDetail[]; timestamp?: Date };
  permission_denied: PermissionErrorDetail;
}

export type EventType = ExtendedStreamType | keyof SystemEvents;

export type EventData<T extends EventType> = T extends keyof StreamDataTypes
  ? StreamDataTypes[T]
  : T extends keyof SystemEvents
    ? SystemEvents[T]
    : T extends `${StreamType.TRANSCRIPTION}:${string}`
      ? TranscriptionData
      : T extends `${StreamType.TRANSLATION}:${string}`
        ? TranslationData
        : never;
