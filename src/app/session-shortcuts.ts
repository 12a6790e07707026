/**
 * The deprecated session-level members of the earlier SDKs, as one table of delegations installed on
 * `AppSession.prototype`: `session.onTranscription(...)` and the other stream shortcuts (to `session.events`),
 * `getSettings`/`getSetting` (to `session.settings`), and the 1.x and 2.0 `session.requestPhoto()` (a URL)
 * and `session.streaming` (RTMP), which use `session.camera`. Each warns once, naming its replacement.
 */
import { deprecate } from '../core/deprecations';
import { SdkError } from '../core/errors';
import type { AudioConfig, StreamConfig, VideoConfig } from '../protocol/messages';
import type {
  AppSetting,
  ButtonPress,
  HeadPosition,
  PhoneNotification,
  PhoneNotificationDismissed,
  TouchEvent,
  TranscriptionData,
  TranslationData,
} from '../protocol/messages';
import type { PhotoData, PhotoTaken, RtmpStreamStatus, StreamStatusHandler, VpsCoordinates } from '../protocol/module-messages';
import type { EventManager, Handler, Unsubscribe } from './events';
import type { CameraModule } from './modules/camera';
import type { SettingsManager } from './settings';

/** The options of the 1.x `session.streaming.requestStream()`. */
export interface LegacyRtmpStreamOptions {
  rtmpUrl: string;
  video?: VideoConfig;
  audio?: AudioConfig;
  stream?: StreamConfig;
}

/** `session.streaming` of the 1.x and 2.0 SDKs; every member delegates to `session.camera`. */
export interface LegacyStreaming {
  requestStream(options: LegacyRtmpStreamOptions): Promise<void>;
  stopStream(): Promise<void>;
  onStatus(handler: StreamStatusHandler): () => void;
  isCurrentlyStreaming(): boolean;
  getCurrentStreamUrl(): string | undefined;
  getStreamStatus(): RtmpStreamStatus | undefined;
  subscribeToStatusUpdates(): void;
  unsubscribeFromStatusUpdates(): void;
}

/** The deprecated session-level members (installed on `AppSession.prototype` by `installShortcuts`). */
export interface SessionShortcuts {
  /** @deprecated Use `session.events.onTranscription`. */
  onTranscription(handler: Handler<TranscriptionData>): Unsubscribe;
  /** @deprecated Use `session.events.onTranscriptionForLanguage`. */
  onTranscriptionForLanguage(
    language: string,
    handler: Handler<TranscriptionData>,
    options?: boolean | { disableLanguageIdentification?: boolean; hints?: string[] },
  ): Unsubscribe;
  /** @deprecated Use `session.events.onTranslationForLanguage`. */
  onTranslationForLanguage(source: string, target: string, handler: Handler<TranslationData>): Unsubscribe;
  /** @deprecated Use `session.events.onHeadPosition`. */
  onHeadPosition(handler: Handler<HeadPosition>): Unsubscribe;
  /** @deprecated Use `session.events.onButtonPress`. */
  onButtonPress(handler: Handler<ButtonPress>): Unsubscribe;
  /** @deprecated Use `session.events.onTouchEvent`. */
  onTouchEvent(gestureOrHandler: string | Handler<TouchEvent>, handler?: Handler<TouchEvent>): Unsubscribe;
  /** @deprecated Use `session.events.onPhoneNotifications`. */
  onPhoneNotifications(handler: Handler<PhoneNotification>): Unsubscribe;
  /** @deprecated Use `session.events.onPhoneNotificationDismissed`. */
  onPhoneNotificationDismissed(handler: Handler<PhoneNotificationDismissed>): Unsubscribe;
  /** @deprecated Use `session.events.onVpsCoordinates`. */
  onVpsCoordinates(handler: Handler<VpsCoordinates>): Unsubscribe;
  /** @deprecated Use `session.events.onPhotoTaken`. */
  onPhotoTaken(handler: Handler<PhotoTaken>): Unsubscribe;
  /** @deprecated Use `session.settings.getAll()`. */
  getSettings(): AppSetting[];
  /** @deprecated Use `session.settings.get(key)`. */
  getSetting<T = any>(key: string): T | undefined;
  /** @deprecated Use `session.camera.requestPhoto()`, which resolves with the photo itself. */
  requestPhoto(options?: { saveToGallery?: boolean }): Promise<string>;
  /** @deprecated Use `session.camera` (`startStream`, `stopStream`, `onStreamStatus`, ...). */
  readonly streaming: LegacyStreaming;
}

/** What the shortcuts use of a session. */
interface ShortcutHost {
  readonly events: EventManager;
  readonly settings: SettingsManager;
  readonly camera: CameraModule;
}

/** The stream shortcuts: the session's name, and the `session.events` method it delegates to. */
const EVENT_SHORTCUTS = [
  'onTranscription',
  'onTranscriptionForLanguage',
  'onTranslationForLanguage',
  'onHeadPosition',
  'onButtonPress',
  'onTouchEvent',
  'onPhoneNotifications',
  'onPhoneNotificationDismissed',
  'onVpsCoordinates',
  'onPhotoTaken',
] as const satisfies ReadonlyArray<keyof SessionShortcuts & keyof EventManager>;

/** The legacy result of requestPhoto: a URL (a data: URL when the photo came back as bytes). */
function photoUrlOf(photo: PhotoData): string {
  if (typeof photo.photoUrl === 'string') return photo.photoUrl;
  if (Buffer.isBuffer(photo.buffer)) return `data:${photo.mimeType || 'image/jpeg'};base64,${photo.buffer.toString('base64')}`;
  throw new SdkError('not_supported', 'The photo arrived in a form requestPhoto cannot turn into a URL: use session.camera.requestPhoto()');
}

/** `session.streaming` over a camera module (the same pairs as STREAMING_RENAMES, which the codemod applies). */
function legacyStreaming(camera: CameraModule): LegacyStreaming {
  return {
    requestStream: (options) => camera.startStream(options),
    stopStream: () => camera.stopStream(),
    onStatus: (handler) => camera.onStreamStatus(handler),
    isCurrentlyStreaming: () => camera.isCurrentlyStreaming(),
    getCurrentStreamUrl: () => camera.getCurrentStreamUrl(),
    getStreamStatus: () => camera.getStreamStatus(),
    subscribeToStatusUpdates: () => camera.subscribeToStreamStatusUpdates(),
    unsubscribeFromStatusUpdates: () => camera.unsubscribeFromStreamStatusUpdates(),
  };
}

const streamingShims = new WeakMap<object, LegacyStreaming>();

/** The shortcuts that are not a plain delegation to `session.events`. */
const OTHER_SHORTCUTS: ThisType<ShortcutHost> & Pick<SessionShortcuts, 'getSettings' | 'getSetting' | 'requestPhoto'> = {
  getSettings() {
    deprecate('session.getSettings');
    return this.settings.getAll();
  },
  getSetting(key) {
    deprecate('session.getSetting');
    return this.settings.get(key);
  },
  async requestPhoto(options = {}) {
    deprecate('session.requestPhoto');
    return photoUrlOf(await this.camera.requestPhoto({ saveToGallery: options.saveToGallery ?? false }));
  },
};

/** Installs every shortcut on `proto` (as non-enumerable methods and the `streaming` getter). */
export function installShortcuts(proto: object): void {
  for (const name of EVENT_SHORTCUTS) {
    const method = function (this: ShortcutHost, ...args: unknown[]): Unsubscribe {
      deprecate(`session.${name}`);
      return (this.events[name] as (...a: unknown[]) => Unsubscribe).apply(this.events, args);
    };
    Object.defineProperty(method, 'name', { value: name });
    Object.defineProperty(proto, name, { value: method, writable: true, configurable: true });
  }
  for (const [name, method] of Object.entries(OTHER_SHORTCUTS)) Object.defineProperty(proto, name, { value: method, writable: true, configurable: true });
  Object.defineProperty(proto, 'streaming', {
    get(this: ShortcutHost): LegacyStreaming {
      deprecate('session.streaming');
      let shim = streamingShims.get(this);
      if (!shim) streamingShims.set(this, (shim = legacyStreaming(this.camera)));
      return shim;
    },
    configurable: true,
  });
}
