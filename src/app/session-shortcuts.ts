/**
 * Session members that delegate to a module: the 1.x and 2.0 `session.requestPhoto()` (a URL) and
 * `session.streaming` (RTMP), deprecated, which use `session.camera`; the WiFi shortcuts; the
 * `app_config.json` helpers.
 */
import { deprecate } from '../core/deprecations';
import { SdkError } from '../core/errors';
import type { AudioConfig, StreamConfig, VideoConfig } from '../protocol/messages';
import type { PhotoData, RtmpStreamStatus, StreamStatusHandler } from '../protocol/module-messages';
import type { AppConfig } from '../protocol/models';
import type { AppSetting } from '../protocol/messages';
import type { Handler, Unsubscribe } from './events';
import type { WifiStatus } from './modules/wifi';
import { SessionModules } from './session-modules';

/** The options of `session.streaming.requestStream` (1.x and 2.0). */
export interface LegacyRtmpStreamOptions {
  /** The RTMP URL to stream to. */
  rtmpUrl: string;
  /**
   * Video settings.
   *
   * @defaultValue unset: the glasses' defaults
   */
  video?: VideoConfig;
  /**
   * Audio settings.
   *
   * @defaultValue unset: the glasses' defaults
   */
  audio?: AudioConfig;
  /**
   * Stream settings.
   *
   * @defaultValue unset: the glasses' defaults
   */
  stream?: StreamConfig;
}

/** `session.streaming` of the 1.x and 2.0 SDKs; every member delegates to `session.camera`. */
export interface LegacyStreaming {
  /** Starts an RTMP stream (`session.camera.startStream`). */
  requestStream(options: LegacyRtmpStreamOptions): Promise<void>;
  /** Stops the RTMP stream (`session.camera.stopStream`). */
  stopStream(): Promise<void>;
  /** Stream status updates (`session.camera.onStreamStatus`). */
  onStatus(handler: StreamStatusHandler): () => void;
  /** Whether a stream is running (`session.camera.isCurrentlyStreaming`). */
  isCurrentlyStreaming(): boolean;
  /** The URL being streamed to (`session.camera.getCurrentStreamUrl`). */
  getCurrentStreamUrl(): string | undefined;
  /** The last stream status (`session.camera.getStreamStatus`). */
  getStreamStatus(): RtmpStreamStatus | undefined;
  /** Subscribes to stream status updates (`session.camera.subscribeToStreamStatusUpdates`). */
  subscribeToStatusUpdates(): void;
  /** Unsubscribes from stream status updates (`session.camera.unsubscribeFromStreamStatusUpdates`). */
  unsubscribeFromStatusUpdates(): void;
}

/** The legacy result of requestPhoto: a URL (a data: URL when the photo came back as bytes). */
function photoUrlOf(photo: PhotoData): string {
  if (typeof photo.photoUrl === 'string') return photo.photoUrl;
  if (Buffer.isBuffer(photo.buffer)) return `data:${photo.mimeType || 'image/jpeg'};base64,${photo.buffer.toString('base64')}`;
  throw new SdkError('not_supported', 'The photo arrived in a form requestPhoto cannot turn into a URL: use session.camera.requestPhoto()');
}

export class SessionShortcuts extends SessionModules {
  private streamingShim: LegacyStreaming | undefined;

  /** @deprecated Use `session.camera.requestPhoto()`, which resolves with the photo itself. */
  async requestPhoto(options: { saveToGallery?: boolean } = {}): Promise<string> {
    deprecate('session.requestPhoto');
    return photoUrlOf(await this.camera.requestPhoto({ saveToGallery: options.saveToGallery ?? false }));
  }

  /** @deprecated Use `session.camera` (`startStream`, `stopStream`, `onStreamStatus`, ...). */
  get streaming(): LegacyStreaming {
    deprecate('session.streaming');
    const camera = this.camera;
    // The same pairs as STREAMING_RENAMES, which the codemod applies.
    this.streamingShim ??= {
      requestStream: (options) => camera.startStream(options),
      stopStream: () => camera.stopStream(),
      onStatus: (handler) => camera.onStreamStatus(handler),
      isCurrentlyStreaming: () => camera.isCurrentlyStreaming(),
      getCurrentStreamUrl: () => camera.getCurrentStreamUrl(),
      getStreamStatus: () => camera.getStreamStatus(),
      subscribeToStatusUpdates: () => camera.subscribeToStreamStatusUpdates(),
      unsubscribeFromStatusUpdates: () => camera.unsubscribeFromStreamStatusUpdates(),
    };
    return this.streamingShim;
  }

  // ---------------------------------------------------------------- WiFi

  /** The glasses' WiFi status, or null when unknown. */
  getWifiStatus(): WifiStatus | null {
    return this.wifi.getWifiStatus(this.deviceStateIfCreated);
  }

  /** Whether the glasses report a WiFi connection. */
  isWifiConnected(): boolean {
    return this.wifi.isWifiConnected(this.deviceStateIfCreated);
  }

  /** Asks the phone to start the glasses' WiFi setup, sending `reason` along; throws `SdkError('session_closed')` once the session has ended. */
  requestWifiSetup(reason?: string): void {
    this.wifi.requestWifiSetup(reason);
  }

  /** Changes of the glasses' connection state. */
  onGlassesConnectionState(handler: Handler<any>): Unsubscribe {
    return this.wifi.onGlassesConnectionState(handler);
  }

  // ---------------------------------------------------------------- app_config.json

  /** Parses and keeps the app's `app_config.json`; throws `SdkError('invalid_config')` when it is not valid. */
  loadConfigFromJson(json: string): AppConfig {
    return this.appConfig.load(json);
  }

  /** The app config loaded by `loadConfigFromJson`, or null. */
  getConfig(): AppConfig | null {
    return this.appConfig.get();
  }

  /** The settings of the loaded app config with their default values. */
  getDefaultSettings(): AppSetting[] {
    return this.appConfig.defaults();
  }

  /** The schema of one setting of the loaded app config. */
  getSettingSchema(key: string): AppSetting | undefined {
    return this.appConfig.schema(key);
  }
}
