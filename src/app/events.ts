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
import type { EventData, EventType } from './event-types';
import { asAppSettings, valueHandler } from './settings';

export type Handler<T> = (data: T) => unknown;
export type Unsubscribe = () => void;

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

  onHeadPosition(handler: Handler<HeadPosition>): Unsubscribe {
    return this.core.addHandler(StreamType.HEAD_POSITION, handler);
  }

  onButtonPress(handler: Handler<ButtonPress>): Unsubscribe {
    return this.core.addHandler(StreamType.BUTTON_PRESS, handler);
  }

  /** All touch events, or only one gesture (`onTouchEvent('double_tap', h)`). */
  onTouchEvent(gestureOrHandler: string | Handler<TouchEvent>, handler?: Handler<TouchEvent>): Unsubscribe {
    if (typeof gestureOrHandler === 'function') return this.core.addHandler(StreamType.TOUCH_EVENT, gestureOrHandler);
    return this.core.addHandler(createTouchEventStream(gestureOrHandler), handler!);
  }

  onPhoneNotifications(handler: Handler<PhoneNotification>): Unsubscribe {
    return this.core.addHandler(StreamType.PHONE_NOTIFICATION, handler);
  }

  onPhoneNotificationDismissed(handler: Handler<PhoneNotificationDismissed>): Unsubscribe {
    return this.core.addHandler(StreamType.PHONE_NOTIFICATION_DISMISSED, handler);
  }

  onGlassesBattery(handler: Handler<GlassesBatteryUpdate>): Unsubscribe {
    return this.core.addHandler(StreamType.GLASSES_BATTERY_UPDATE, handler);
  }

  onPhoneBattery(handler: Handler<PhoneBatteryUpdate>): Unsubscribe {
    return this.core.addHandler(StreamType.PHONE_BATTERY_UPDATE, handler);
  }

  onVoiceActivity(handler: Handler<Vad>): Unsubscribe {
    return this.core.addHandler(StreamType.VAD, handler);
  }

  onLocation(handler: Handler<LocationUpdate>): Unsubscribe {
    return this.core.addHandler(StreamType.LOCATION_UPDATE, handler);
  }

  onCalendarEvent(handler: Handler<CalendarEvent>): Unsubscribe {
    return this.core.addHandler(StreamType.CALENDAR_EVENT, handler);
  }

  onAudioChunk(handler: Handler<AudioChunk>): Unsubscribe {
    return this.core.addHandler(StreamType.AUDIO_CHUNK, handler);
  }

  onVpsCoordinates(handler: Handler<VpsCoordinates>): Unsubscribe {
    return this.core.addHandler(StreamType.VPS_COORDINATES, handler);
  }

  onPhotoTaken(handler: Handler<PhotoTaken>): Unsubscribe {
    return this.core.addHandler(StreamType.PHOTO_TAKEN, handler);
  }

  /**
   * Any stream by its subscription string. The names of system events (`connected`, `disconnected`,
   * `reconnected`, `error`, `settings_update`, `permission_error`, `permission_denied`) register the system
   * listener instead of subscribing to a stream of that name; `closed` hears the session end once, with its
   * stop reason (the end of a session an app built itself: no server calls `onStop` for it).
   */
  on<T = any>(stream: StreamType | string, handler: Handler<T>): Unsubscribe {
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
        return this.core.addHandler(stream, handler);
    }
  }

  // ---------------------------------------------------------------- system events (no subscription)

  /** After every successful handshake (including reconnects), with the app settings. */
  onConnected(handler: Handler<AppSetting[]>): Unsubscribe {
    return this.core.on('connected', handler);
  }

  onDisconnected(handler: Handler<DisconnectInfo>): Unsubscribe {
    return this.core.on('disconnected', handler);
  }

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
