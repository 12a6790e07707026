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

  getWifiStatus(): WifiStatus | null {
    return this.wifi.getWifiStatus(this.deviceStateIfCreated);
  }

  isWifiConnected(): boolean {
    return this.wifi.isWifiConnected(this.deviceStateIfCreated);
  }

  requestWifiSetup(reason?: string): void {
    this.wifi.requestWifiSetup(reason);
  }

  onGlassesConnectionState(handler: Handler<any>): Unsubscribe {
    return this.wifi.onGlassesConnectionState(handler);
  }

  // ---------------------------------------------------------------- app_config.json

  /** Parses and keeps the app's `app_config.json`; throws `SdkError('invalid_config')` when it is not valid. */
  loadConfigFromJson(json: string): AppConfig {
    return this.appConfig.load(json);
  }

  getConfig(): AppConfig | null {
    return this.appConfig.get();
  }

  getDefaultSettings(): AppSetting[] {
    return this.appConfig.defaults();
  }

  getSettingSchema(key: string): AppSetting | undefined {
    return this.appConfig.schema(key);
  }
}
