/**
 * `TpaSession`: the modern AppSession under its AugmentOS name, sending the AugmentOS naming
 * (`tpa_*` app-to-app messages, `/tpasettings`), plus the legacy member names as deprecated delegations.
 */
import { AppSession, type AppSessionConfig } from '../src/app/session';
import type { Handler, Unsubscribe } from '../src/app/events';
import type { CoreSession } from '../src/core/session/session';
import { FACADE_NAMING } from '../src/protocol/dialects';
import type { AppRoomConfig, AppUserList } from '../src/protocol/messages';
import { deprecate } from '../src/core/deprecations';
import { TpaSettingsManager } from './settings';
import type { TpaMessageReceived, TpaRoomUpdated, TpaUserJoined, TpaUserLeft } from './types';

/** @deprecated Use `AppSessionConfig`. The config of a session an app builds itself (`new TpaSession(config)`). */
export interface TpaSessionConfig extends AppSessionConfig {}

export type { LegacyRtmpStreamOptions as RtmpStreamOptions, LegacyStreaming } from '../src/app/session';

/**
 * The session of an AugmentOS app: the modern `AppSession` sending the AugmentOS names.
 *
 * @example
 * ```ts
 * // An AugmentOS 1.x app with its own webhook:
 * app.post('/webhook', async (req, res) => {
 *   const session = new TpaSession({ packageName, apiKey, augmentOSWebsocketUrl: req.body.augmentOSWebsocketUrl });
 *   session.onTranscription((data) => session.layouts.showTextWall(data.text));
 *   await session.connect(req.body.sessionId);
 *   res.json({ status: 'success' });
 * });
 * ```
 */
export class TpaSession extends AppSession {
  declare readonly settings: TpaSettingsManager;
  protected static override readonly settingsClass = TpaSettingsManager;

  /**
   * Builds a session from a config, to `connect` it (apps that run their own webhook). Throws
   * `SdkError('invalid_config')` without a `packageName` or `apiKey`.
   *
   * @example
   * ```ts
   * const session = new TpaSession({ packageName: 'com.example.app', apiKey, augmentOSWebsocketUrl: body.augmentOSWebsocketUrl });
   * await session.connect(body.sessionId);
   * ```
   */
  constructor(config: TpaSessionConfig);
  /** @internal The server's form: a session over the engine's session. */
  constructor(core: CoreSession);
  constructor(coreOrConfig: CoreSession | TpaSessionConfig) {
    super(coreOrConfig as CoreSession, FACADE_NAMING.legacy);
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
