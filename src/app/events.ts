/**
 * `session.events`: stream handlers (each subscribes its stream and returns an unsubscribe function) and
 * system events (no subscription). Several language handlers may coexist.
 */
import { deprecate } from '../core/deprecations';
import type { CoreSession, DisconnectInfo } from '../core/session/session';
import { type DashboardMode, StreamType } from '../protocol/enums';
import type {
  AppSetting,
  AudioChunk,
  ButtonPress,
  CalendarEvent,
  GlassesBatteryUpdate,
  HeadPosition,
  LocationUpdate,
  PermissionErrorDetail,
  PhoneBatteryUpdate,
  PhoneNotification,
  PhoneNotificationDismissed,
  TouchEvent,
  TranscriptionData,
  TranslationData,
  Vad,
} from '../protocol/messages';
import type { Capabilities, CapabilitiesUpdate, DashboardAlwaysOnChanged, DashboardModeChanged } from '../protocol/module-messages';
import type { PhotoTaken, VpsCoordinates } from '../protocol/module-messages';
import {
  createTouchEventStream,
  createTranscriptionStream,
  createTranslationStream,
  type ExtendedStreamType,
  type TranscriptionStreamOptions,
} from '../protocol/streams';
import type { EventData, EventHandlerFor, EventType, Handler } from './event-types';
import { asAppSettings, valueHandler } from './settings';

export type { Handler };
/** Removes the handler it was returned for (and unsubscribes its stream when no other handler needs it). */
export type Unsubscribe = () => void;

/**
 * `session.events`: subscribe to the session's streams and system events. Every `on...` method returns a function that removes the handler.
 *
 * @example
 * ```ts
 * const stop = session.events.onTranscription((data) => {
 *   if (data.isFinal) session.layouts.showTextWall(data.text);
 * });
 * session.events.onButtonPress((press) => stop());
 * ```
 */
export class EventManager {
  constructor(private readonly core: CoreSession) {}

  /** Final and interim transcriptions in en-US. */
  onTranscription(handler: Handler<TranscriptionData>): Unsubscribe {
    return this.core.addHandler('transcription:en-US', handler);
  }

  /**
   * Transcriptions in `language` (`auto` allowed). The third argument is the legacy boolean
   * `disableLanguageIdentification` or an options object.
   */
  onTranscriptionForLanguage(language: string, handler: Handler<TranscriptionData>, options?: boolean | TranscriptionStreamOptions): Unsubscribe {
    const opts = typeof options === 'boolean' ? { disableLanguageIdentification: options } : (options ?? {});
    return this.core.addHandler(createTranscriptionStream(language, opts), handler);
  }

  /** Translations from `source` into `target` (language codes such as `es-ES` and `en-US`). */
  onTranslationForLanguage(
    source: string,
    target: string,
    handler: Handler<TranslationData>,
    options?: { disableLanguageIdentification?: boolean },
  ): Unsubscribe {
    return this.core.addHandler(createTranslationStream(source, target, options), handler);
  }

  /** @deprecated The spelling of earlier SDK versions: use `onTranslationForLanguage`. */
  ontranslationForLanguage(source: string, target: string, handler: Handler<TranslationData>): Unsubscribe {
    deprecate('events.ontranslationForLanguage');
    return this.onTranslationForLanguage(source, target, handler);
  }

  /** Head movements (up or down). */
  onHeadPosition(handler: Handler<HeadPosition>): Unsubscribe {
    return this.core.addHandler(StreamType.HEAD_POSITION, handler);
  }

  /** Presses of a button on the glasses. */
  onButtonPress(handler: Handler<ButtonPress>): Unsubscribe {
    return this.core.addHandler(StreamType.BUTTON_PRESS, handler);
  }

  /** All touch events, or only one gesture (`onTouchEvent('double_tap', h)`). */
  onTouchEvent(gestureOrHandler: string | Handler<TouchEvent>, handler?: Handler<TouchEvent>): Unsubscribe {
    if (typeof gestureOrHandler === 'function') return this.core.addHandler(StreamType.TOUCH_EVENT, gestureOrHandler);
    return this.core.addHandler(createTouchEventStream(gestureOrHandler), handler!);
  }

  /** Notifications arriving on the phone. */
  onPhoneNotifications(handler: Handler<PhoneNotification>): Unsubscribe {
    return this.core.addHandler(StreamType.PHONE_NOTIFICATION, handler);
  }

  /** Phone notifications being dismissed. */
  onPhoneNotificationDismissed(handler: Handler<PhoneNotificationDismissed>): Unsubscribe {
    return this.core.addHandler(StreamType.PHONE_NOTIFICATION_DISMISSED, handler);
  }

  /** The glasses' battery level. */
  onGlassesBattery(handler: Handler<GlassesBatteryUpdate>): Unsubscribe {
    return this.core.addHandler(StreamType.GLASSES_BATTERY_UPDATE, handler);
  }

  /** The phone's battery level. */
  onPhoneBattery(handler: Handler<PhoneBatteryUpdate>): Unsubscribe {
    return this.core.addHandler(StreamType.PHONE_BATTERY_UPDATE, handler);
  }

  /** Voice activity: speech started or stopped. */
  onVoiceActivity(handler: Handler<Vad>): Unsubscribe {
    return this.core.addHandler(StreamType.VAD, handler);
  }

  /** Location updates from the phone (use `session.location` to set the accuracy). */
  onLocation(handler: Handler<LocationUpdate>): Unsubscribe {
    return this.core.addHandler(StreamType.LOCATION_UPDATE, handler);
  }

  /** Calendar events from the phone. */
  onCalendarEvent(handler: Handler<CalendarEvent>): Unsubscribe {
    return this.core.addHandler(StreamType.CALENDAR_EVENT, handler);
  }

  /** Raw audio chunks from the microphone. */
  onAudioChunk(handler: Handler<AudioChunk>): Unsubscribe {
    return this.core.addHandler(StreamType.AUDIO_CHUNK, handler);
  }

  /** Coordinates from the visual positioning service. */
  onVpsCoordinates(handler: Handler<VpsCoordinates>): Unsubscribe {
    return this.core.addHandler(StreamType.VPS_COORDINATES, handler);
  }

  /** Photos taken on the glasses. */
  onPhotoTaken(handler: Handler<PhotoTaken>): Unsubscribe {
    return this.core.addHandler(StreamType.PHOTO_TAKEN, handler);
  }

  /**
   * Any stream by its subscription string. The names of system events (`connected`, `disconnected`,
   * `reconnected`, `error`, `settings_update`, `permission_error`, `permission_denied`) register the system
   * listener instead of subscribing to a stream of that name; `closed` hears the session end once, with its
   * stop reason (the end of a session an app built itself: no server calls `onStop` for it).
   *
   * Name a known stream and the handler's data is typed from {@link EventData}; name any other string and
   * it is `any`, or the type given as the first type argument. A stream type given as the first type
   * argument (`on<StreamType.BUTTON_PRESS>(...)`, as the published SDK allowed) types the handler too.
   *
   * @typeParam T - the handler's data for a stream outside {@link KnownEventName}, or the stream itself
   * @typeParam S - the event name, inferred from `stream`
   * @example
   * ```ts
   * session.events.on(StreamType.BUTTON_PRESS, (press) => console.log(press.buttonId, press.pressType));
   * session.events.on('transcription:fr-FR', (data) => console.log(data.text));
   * session.events.on<MyPayload>('my_stream', (payload) => use(payload));
   * ```
   */
  on<T = any, S extends string = T extends string ? T : string>(stream: S, handler: EventHandlerFor<S, T>): Unsubscribe {
    switch (stream) {
      case 'connected':
        return this.onConnected(handler as Handler<any>);
      case 'disconnected':
        return this.onDisconnected(handler as Handler<any>);
      case 'reconnected':
        return this.onReconnected(handler as Handler<any>);
      case 'error':
        return this.onError(handler as Handler<any>);
      case 'settings_update':
        return this.onSettingsUpdate(handler as Handler<any>);
      case 'permission_error':
        return this.onPermissionError(handler as Handler<any>);
      case 'permission_denied':
        return this.onPermissionDenied(handler as Handler<any>);
      case 'closed':
        return this.core.on('closed', handler as Handler<any>);
      default:
        return this.core.addHandler(stream, handler as Handler<unknown>);
    }
  }

  // ---------------------------------------------------------------- system events (no subscription)

  /** After every successful handshake (including reconnects), with the app settings. */
  onConnected(handler: Handler<AppSetting[]>): Unsubscribe {
    return this.core.on('connected', handler);
  }

  /** When the connection to the cloud closes, with the close code and reason. */
  onDisconnected(handler: Handler<DisconnectInfo>): Unsubscribe {
    return this.core.on('disconnected', handler);
  }

  /** After a successful reconnect, with the attempt number. */
  onReconnected(handler: Handler<number>): Unsubscribe {
    return this.core.on('reconnected', handler);
  }

  /** Errors from handlers and the transport; without a listener they go to the server's error handler. */
  onError(handler: Handler<Error>): Unsubscribe {
    return this.core.on('error', handler);
  }

  /** Every change of the app settings, with the whole new list. */
  onSettingsUpdate(handler: Handler<AppSetting[]>): Unsubscribe {
    return this.core.settings.onAppChange(() => handler(asAppSettings(this.core.settings.getAppSettings())));
  }

  /** The cloud refused some subscriptions for lack of permission. */
  onPermissionError(handler: Handler<{ message: string; details: PermissionErrorDetail[]; timestamp?: Date }>): Unsubscribe {
    return this.core.onMessage('permission_error', (m: any) =>
      handler({ message: String(m.message ?? ''), details: Array.isArray(m.details) ? m.details : [], timestamp: m.timestamp }),
    );
  }

  /** One call per stream the cloud refused (from `permission_error`). */
  onPermissionDenied(handler: Handler<PermissionErrorDetail>): Unsubscribe {
    return this.core.onMessage('permission_error', (m: any) => {
      for (const d of Array.isArray(m.details) ? m.details : []) handler(d);
    });
  }

  /** `custom_message` frames with this `action`; the handler gets the payload. */
  onCustomMessage<T = unknown>(action: string, handler: Handler<T>): Unsubscribe {
    return this.core.onMessage('custom_message', (m: any) => {
      if (m.action === action) handler(m.payload as T);
    });
  }

  /** One app setting's changes: `(value, previous)`. */
  onSettingChange<T = unknown>(key: string, handler: (value: T, previous: T | undefined) => unknown): Unsubscribe {
    return this.core.settings.onAppChange(valueHandler(key, handler));
  }

  /** The dashboard mode reported by the cloud (`dashboard_mode_changed`). */
  onDashboardModeChange(handler: Handler<{ mode: DashboardMode | 'none' }>): Unsubscribe {
    return this.core.onMessage('dashboard_mode_changed', (m: DashboardModeChanged) => {
      if (typeof m.mode === 'string') handler({ mode: m.mode as DashboardMode | 'none' });
    });
  }

  /** The user turned the always-on dashboard on or off (`dashboard_always_on_changed`). */
  onDashboardAlwaysOnChange(handler: Handler<{ enabled: boolean }>): Unsubscribe {
    return this.core.onMessage('dashboard_always_on_changed', (m: DashboardAlwaysOnChanged) => {
      if (typeof m.enabled === 'boolean') handler({ enabled: m.enabled });
    });
  }

  /** Other glasses were connected (`capabilities_update`). */
  onCapabilitiesUpdate(handler: Handler<{ capabilities: Capabilities | null; modelName: string | null; timestamp?: Date }>): Unsubscribe {
    return this.core.onMessage('capabilities_update', (m: CapabilitiesUpdate) => {
      handler({
        capabilities: this.core.capabilities as Capabilities | null,
        modelName: typeof m.modelName === 'string' ? m.modelName : null,
        timestamp: m.timestamp,
      });
    });
  }

  // ---------------------------------------------------------------- published helpers

  /** The streams this session has handlers or subscriptions for. */
  getRegisteredStreams(): ExtendedStreamType[] {
    return this.core.subscriptions.map((s) => (typeof s === 'string' ? s : s.stream));
  }

  /**
   * Delivers `data` to this session's handlers of a stream (or of `connected`, `disconnected`,
   * `reconnected`, `error`) as if it came from the cloud: for an app's own tests.
   */
  emit<T extends EventType>(event: T, data: EventData<T>): void {
    this.core.dispatch(event, data);
  }
}
