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

/** A function that receives one event's data; what it returns is ignored. */
export type Handler<T> = (data: T) => unknown;

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

/** Every event name `session.events.emit` accepts: any stream string, or a system event. */
export type EventType = ExtendedStreamType | keyof SystemEvents;

/** {@link StreamDataTypes} keyed by the streams' strings (`'button_press'`) rather than their enum members. */
type StreamDataByName = { [K in keyof StreamDataTypes as `${K}`]: StreamDataTypes[K] };

/**
 * The data of one event: `EventData<StreamType.BUTTON_PRESS>` (or `EventData<'button_press'>`) is a
 * `ButtonPress`, a language stream (`transcription:fr-FR`) gives its base stream's data, a system event its
 * {@link SystemEvents} entry, and any other string `never`.
 */
export type EventData<T extends EventType> = T extends keyof StreamDataTypes
  ? StreamDataTypes[T]
  : T extends keyof StreamDataByName
    ? StreamDataByName[T]
    : T extends keyof SystemEvents
      ? SystemEvents[T]
      : T extends `${StreamType.TRANSCRIPTION}:${string}`
        ? TranscriptionData
        : T extends `${StreamType.TRANSLATION}:${string}`
          ? TranslationData
          : never;

/**
 * The names `on(name, handler)` types precisely: every stream of {@link StreamDataTypes} that carries data,
 * the language streams (`transcription:en-US`, `translation:es-ES-to-en-US`), and the system events that
 * `on` routes to their listener (`connected`, `disconnected`, `reconnected`, `error`, `settings_update`,
 * `permission_error`, `permission_denied`). Any other string is accepted with a loosely typed handler.
 */
export type KnownEventName =
  | { [K in keyof StreamDataTypes]: [StreamDataTypes[K]] extends [never] ? never : K | `${K}` }[keyof StreamDataTypes]
  | `${StreamType.TRANSCRIPTION}:${string}`
  | `${StreamType.TRANSLATION}:${string}`
  | 'connected'
  | 'disconnected'
  | 'reconnected'
  | 'error'
  | 'settings_update'
  | 'permission_error'
  | 'permission_denied';

/**
 * The handler `on(name, handler)` takes for the event `S`: a `Handler` of {@link EventData} for a
 * {@link KnownEventName}, and a `Handler<T>` (`T` defaults to `any`) for any other string.
 */
export type EventHandlerFor<S extends string, T = any> = [S] extends [KnownEventName] ? Handler<EventData<S>> : Handler<T>;
