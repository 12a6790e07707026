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

/** The data each stream carries, keyed by stream type (`never` for streams that carry no data to a handler). */
export interface StreamDataTypes {
  /** A button on the glasses was pressed. */
  [StreamType.BUTTON_PRESS]: ButtonPress;
  /** The head was tilted up or down. */
  [StreamType.HEAD_POSITION]: HeadPosition;
  /** A touch gesture on the glasses. */
  [StreamType.TOUCH_EVENT]: TouchEvent;
  /** A notification arrived on the phone. */
  [StreamType.PHONE_NOTIFICATION]: PhoneNotification;
  /** Transcribed speech (interim and final). */
  [StreamType.TRANSCRIPTION]: TranscriptionData;
  /** Translated speech. */
  [StreamType.TRANSLATION]: TranslationData;
  /** The glasses' battery level. */
  [StreamType.GLASSES_BATTERY_UPDATE]: GlassesBatteryUpdate;
  /** The phone's battery level. */
  [StreamType.PHONE_BATTERY_UPDATE]: PhoneBatteryUpdate;
  /** The glasses connected or disconnected (with their WiFi state). */
  [StreamType.GLASSES_CONNECTION_STATE]: GlassesConnectionState;
  /** The phone's location. */
  [StreamType.LOCATION_UPDATE]: LocationUpdate;
  /** A calendar event from the phone. */
  [StreamType.CALENDAR_EVENT]: CalendarEvent;
  /** Voice activity: speech started or stopped. */
  [StreamType.VAD]: Vad;
  /** A phone notification was dismissed. */
  [StreamType.PHONE_NOTIFICATION_DISMISSED]: PhoneNotificationDismissed;
  /** Raw audio from the microphone. */
  [StreamType.AUDIO_CHUNK]: AudioChunk;
  /** Video frames. */
  [StreamType.VIDEO]: ArrayBuffer;
  /** Status of an RTMP stream started by the app. */
  [StreamType.RTMP_STREAM_STATUS]: RtmpStreamStatus;
  /** Status of a managed stream started by the app. */
  [StreamType.MANAGED_STREAM_STATUS]: ManagedStreamStatus;
  /** Coordinates from the visual positioning service. */
  [StreamType.VPS_COORDINATES]: VpsCoordinates;
  /** A photo taken on the glasses (for apps subscribed to photos). */
  [StreamType.PHOTO_TAKEN]: PhotoTaken;
  /** The dashboard was opened (no data). */
  [StreamType.OPEN_DASHBOARD]: never;
  /** An app was started (no data). */
  [StreamType.START_APP]: never;
  /** An app was stopped (no data). */
  [StreamType.STOP_APP]: never;
  /** Every stream (a subscription, no data of its own). */
  [StreamType.ALL]: never;
  /** The wildcard subscription (no data of its own). */
  [StreamType.WILDCARD]: never;
}

/** The events that need no subscription, with their data. */
export interface SystemEvents {
  /** After every successful handshake, with the app settings. */
  connected: AppSetting[] | undefined;
  /** The connection closed (a reconnect may follow). */
  disconnected: DisconnectInfo;
  /** A reconnect succeeded, with the attempt number. */
  reconnected: number;
  /** An error from a handler or the transport. */
  error: WebSocketError | Error;
  /** The app settings changed, with the whole new list. */
  settings_update: AppSetting[];
  /** Other glasses were connected. */
  capabilities_update: {
    /** The new glasses' capabilities, or null when unknown. */
    capabilities: Capabilities | null;
    /** The new glasses' model, or null when unknown. */
    modelName: string | null;
    /** When the cloud reported it. */
    timestamp?: Date;
  };
  /** The dashboard mode changed. */
  dashboard_mode_change: {
    /** The new mode. */
    mode: DashboardMode | 'none';
  };
  /** The always-on dashboard was turned on or off. */
  dashboard_always_on_change: {
    /** Whether the always-on dashboard is on. */
    enabled: boolean;
  };
  /** A `custom_message` frame from the cloud. */
  custom_message: CustomMessage;
  /** The cloud refused some subscriptions for lack of permission. */
  permission_error: {
    /** The cloud's message. */
    message: string;
    /** One entry per refused stream. */
    details: PermissionErrorDetail[];
    /** When the cloud refused. */
    timestamp?: Date;
  };
  /** One stream the cloud refused. */
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
 * and the language streams (`transcription:en-US`, `translation:es-ES-to-en-US`). Any other string, the system
 * events included (`error`, `disconnected`, ...: the AugmentOS SDK typed them loosely, and its apps annotate
 * their handlers freely), is accepted with a loosely typed handler.
 */
export type KnownEventName =
  | { [K in keyof StreamDataTypes]: [StreamDataTypes[K]] extends [never] ? never : K | `${K}` }[keyof StreamDataTypes]
  | `${StreamType.TRANSCRIPTION}:${string}`
  | `${StreamType.TRANSLATION}:${string}`;

/**
 * The handler `on(name, handler)` takes for the event `S`: a `Handler` of {@link EventData} for a
 * {@link KnownEventName}, and a `Handler<T>` (`T` defaults to `any`) for any other string.
 */
export type EventHandlerFor<S extends string, T = any> = [S] extends [KnownEventName] ? Handler<EventData<S>> : Handler<T>;
