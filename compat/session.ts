/**
 * `TpaSession`: the modern AppSession under its AugmentOS name, sending the AugmentOS naming
 * (`tpa_*` app-to-app messages, `/tpasettings`), plus the legacy member names as deprecated delegations.
 */
import { AppSession, type AppSessionConfig } from '../src/app/session';
import type { Handler, Unsubscribe } from '../src/app/events';
import { SdkError } from '../src/core/errors';
import type { CoreSession } from '../src/core/session';
import { FACADE_NAMING, type Dialect } from '../src/protocol/dialects';
import type { AppRoomConfig, AppUserList, AudioConfig, StreamConfig, VideoConfig } from '../src/protocol/messages';
import type { PhotoData, RtmpStreamStatus } from '../src/protocol/module-messages';
import { deprecate } from '../src/core/deprecations';
import { TpaSettingsManager } from './settings';
import type { StreamStatusHandler, TpaMessageReceived, TpaRoomUpdated, TpaUserJoined, TpaUserLeft } from './types';

/** @deprecated Use `AppSessionConfig`. Sessions are created by the server; this type is for reference. */
export interface TpaSessionConfig extends AppSessionConfig {
  /** The 1.1.x name of `mentraOSWebsocketUrl`. */
  augmentOSWebsocketUrl?: string;
  tpaServer?: unknown;
}

export interface RtmpStreamOptions {
  rtmpUrl: string;
  video?: VideoConfig;
  audio?: AudioConfig;
  stream?: StreamConfig;
}

/** `session.streaming` of the AugmentOS SDK; every member delegates to `session.camera`. */
export interface LegacyStreaming {
  requestStream(options: RtmpStreamOptions): Promise<void>;
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

export class TpaSession extends AppSession {
  declare readonly settings: TpaSettingsManager;
  private streamingShim: LegacyStreaming | undefined;

  constructor(core: CoreSession) {
    super(core, FACADE_NAMING.legacy);
  }

  protected override createSettings(core: CoreSession, naming: Readonly<Dialect>): TpaSettingsManager {
    return new TpaSettingsManager(core, naming);
  }

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

  /** @deprecated Use `discoverAppUsers`. The domain argument is ignored: the session's own cloud is asked. */
  discoverTpaUsers(domain?: string, includeProfiles = false): Promise<AppUserList> {
    deprecate('session.discoverTpaUsers');
    return this.discoverAppUsers(domain ?? '', includeProfiles);
  }

  /** @deprecated Use `broadcastToAppUsers` (the room is now sent along). */
  broadcastToTpaUsers(payload: unknown, roomId?: string): Promise<void> {
    deprecate('session.broadcastToTpaUsers');
    return this.broadcastToAppUsers(payload, roomId);
  }

  /** @deprecated Use `joinAppRoom`. */
  joinTpaRoom(roomId: string, roomConfig?: AppRoomConfig): Promise<void> {
    deprecate('session.joinTpaRoom');
    return this.joinAppRoom(roomId, roomConfig);
  }

  /** @deprecated Use `leaveAppRoom`. */
  leaveTpaRoom(roomId: string): Promise<void> {
    deprecate('session.leaveTpaRoom');
    return this.leaveAppRoom(roomId);
  }

  /** @deprecated Use `onAppMessage`. */
  onTpaMessage(handler: Handler<TpaMessageReceived>): Unsubscribe {
    deprecate('session.onTpaMessage');
    return this.onAppMessage(handler as Handler<unknown>);
  }

  /** @deprecated Use `onAppUserJoined`. */
  onTpaUserJoined(handler: Handler<TpaUserJoined>): Unsubscribe {
    deprecate('session.onTpaUserJoined');
    return this.onAppUserJoined(handler as Handler<unknown>);
  }

  /** @deprecated Use `onAppUserLeft`. */
  onTpaUserLeft(handler: Handler<TpaUserLeft>): Unsubscribe {
    deprecate('session.onTpaUserLeft');
    return this.onAppUserLeft(handler as Handler<unknown>);
  }

  /** @deprecated Use `onAppRoomUpdated`. */
  onTpaRoomUpdated(handler: Handler<TpaRoomUpdated>): Unsubscribe {
    deprecate('session.onTpaRoomUpdated');
    return this.onAppRoomUpdated(handler as Handler<unknown>);
  }
}
