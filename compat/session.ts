/**
 * `TpaSession`: the modern AppSession under its AugmentOS name, sending the AugmentOS naming
 * (`tpa_*` app-to-app messages, `/tpasettings`), plus the legacy member names as deprecated delegations.
 */
import { AppSession, type AppSessionConfig } from '../src/app/session';
import type { Handler, Unsubscribe } from '../src/app/events';
import type { CoreSession } from '../src/core/session/session';
import { FACADE_NAMING, type Dialect } from '../src/protocol/dialects';
import type { AppRoomConfig, AppUserList } from '../src/protocol/messages';
import { deprecate } from '../src/core/deprecations';
import { TpaSettingsManager } from './settings';
import type { TpaMessageReceived, TpaRoomUpdated, TpaUserJoined, TpaUserLeft } from './types';

/** @deprecated Use `AppSessionConfig`. Sessions are created by the server; this type is for reference. */
export interface TpaSessionConfig extends AppSessionConfig {
  /** The 1.1.x name of `mentraOSWebsocketUrl`. */
  augmentOSWebsocketUrl?: string;
  /**
   * The 1.1.x name of `appServer`.
   *
   * @defaultValue none
   */
  tpaServer?: unknown;
}

export type { LegacyRtmpStreamOptions as RtmpStreamOptions, LegacyStreaming } from '../src/app/session-shortcuts';

/**
 * The legacy name of `AppSession`: the same session, sending the AugmentOS names (`tpa_*` app-to-app messages).
 *
 * @deprecated Use `AppSession`: `npx mentraos-migrate` rewrites the app.
 */
export class TpaSession extends AppSession {
  /** `session.settings`, with the AugmentOS-era method names. */
  declare readonly settings: TpaSettingsManager;

  constructor(core: CoreSession) {
    super(core, FACADE_NAMING.legacy);
  }

  protected override createSettings(core: CoreSession, naming: Readonly<Dialect>): TpaSettingsManager {
    return new TpaSettingsManager(core, naming);
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
