/**
 * `AppSession`: what an app's `onSession` receives for one user. A thin view over the core session:
 * every behaviour (transport, subscriptions, dispatch, reconnect, correlation) lives in the core, and each
 * module (`src/app/modules/`) holds the core session, never a socket.
 */
import type { AppToCloudMessage } from '../protocol/outbound';
import { deprecate } from '../core/deprecations';
import { AppMessaging } from '../core/modules/app-messaging';
import { cloudHttpBase, cloudRequest } from '../core/session/cloud-http';
import type { Logger } from '../core/logger';
import { reportSwallowed } from '../core/failures';
import type { CoreSession, SessionState } from '../core/session/session';
import { bindSubscriptionSettings, type SubscriptionSettings } from '../core/session/settings-subscriptions';
import { FACADE_NAMING, getDialect, type Dialect, type DialectName } from '../protocol/dialects';
import type {
  AppMessageReceived,
  AppRoomConfig,
  AppRoomUpdated,
  AppSetting,
  SettingInput,
  AppUserJoined,
  AppUserLeft,
  AppUserList,
  ButtonPress,
  HeadPosition,
  PhoneNotification,
  PhoneNotificationDismissed,
  SubscriptionRequest,
  TouchEvent,
  TranscriptionData,
  TranslationData,
} from '../protocol/messages';
import type { Capabilities, OwnershipReleaseReason, PhotoTaken, VpsCoordinates } from '../protocol/module-messages';
import type { StreamType } from '../protocol/enums';
import { createTouchEventStream } from '../protocol/streams';
import type { EventHandlerFor } from './event-types';
import { EventManager, type Handler, type Unsubscribe } from './events';
import { LayoutManager } from './layouts';
import { coreOf } from './session-modules';
import { SessionShortcuts } from './session-shortcuts';
import { SettingsManager } from './settings';

/** The settings a session was created with (the SDK creates sessions; this type is for reference). */
export interface AppSessionConfig {
  /** The app's package name. */
  packageName: string;
  /** The app's API key. */
  apiKey: string;
  /** The user the session is for. */
  userId: string;
  /** The cloud's WebSocket URL. @defaultValue the URL the cloud's webhook names */
  mentraOSWebsocketUrl?: string;
  /** Whether to reconnect after an unexpected close. @defaultValue set by the SDK (see `AppServerConfig.reconnect`) */
  autoReconnect?: boolean;
  /** How many reconnect attempts to make. @defaultValue set by the SDK (see `AppServerConfig.reconnect`) */
  maxReconnectAttempts?: number;
  /** The base delay between reconnect attempts, in milliseconds. @defaultValue set by the SDK (see `AppServerConfig.reconnect`) */
  reconnectDelay?: number;
  /** The server that owns the session. @defaultValue the server that received the webhook */
  appServer?: unknown;
}

export { coreOf };

/**
 * One user's session, handed to `AppServer.onSession`: events from the glasses and phone, layouts, settings, and the modules (`camera`, `audio`, `dashboard`, ...).
 *
 * @example
 * ```ts
 * protected override async onSession(session: AppSession) {
 *   session.layouts.showTextWall('Say something');
 *   session.events.onTranscription((data) => data.isFinal && session.layouts.showTextWall(`You said: ${data.text}`));
 *   session.events.onButtonPress(async () => session.logger.info(`${(await session.camera.requestPhoto()).size} bytes`));
 * }
 * ```
 */
export class AppSession extends SessionShortcuts {
  // Created on first access (accessors below); declared as properties, not getters, so the legacy facade may narrow `settings` with `declare`.
  /** `session.events`: stream handlers and system events. */
  declare readonly events: EventManager;
  /** `session.layouts`: what the glasses show. */
  declare readonly layouts: LayoutManager;
  /** `session.settings`: the app settings the user chose. */
  declare readonly settings: SettingsManager;
  /** The user this session is for. */
  readonly userId: string;
  private _events: EventManager | undefined;
  private _layouts: LayoutManager | undefined;
  private _settings: SettingsManager | undefined;
  /** The naming this facade sends (app-to-app message names, REST paths). */
  private readonly naming: Readonly<Dialect>;
  private messagingModule: AppMessaging | undefined;
  private unbindSubscriptionSettings: (() => void) | undefined;

  constructor(core: CoreSession, naming: DialectName = FACADE_NAMING.modern) {
    super(core);
    this.naming = getDialect(naming);
    this.userId = core.userId;
  }

  static {
    // biome-ignore lint/complexity/noThisInStatic: naming the class here would make the bundler rename it (`class _AppSession`).
    Object.defineProperties(this.prototype, {
      events: {
        get(this: AppSession): EventManager {
          return (this._events ??= new EventManager(coreOf(this)));
        },
        configurable: true,
      },
      layouts: {
        get(this: AppSession): LayoutManager {
          return (this._layouts ??= new LayoutManager(coreOf(this)));
        },
        configurable: true,
      },
      settings: {
        get(this: AppSession): SettingsManager {
          return (this._settings ??= this.createSettings(coreOf(this), this.naming));
        },
        configurable: true,
      },
    });
  }

  /** Subclasses (the legacy facade) extend the settings manager with their names. */
  protected createSettings(core: CoreSession, naming: Readonly<Dialect>): SettingsManager {
    return new SettingsManager(core, naming);
  }

  private get messaging(): AppMessaging {
    return (this.messagingModule ??= new AppMessaging(coreOf(this), this.naming));
  }

  /** A logger bound to this session; `info('text', obj)` and `info(obj, 'text')` both work. */
  get logger(): Logger {
    return coreOf(this).logger;
  }

  /** The session id the cloud gave this session. */
  getSessionId(): string {
    return coreOf(this).sessionId;
  }

  /** The app's package name. */
  getPackageName(): string {
    return coreOf(this).packageName;
  }

  /** connecting, ready, reconnecting or closed. */
  get state(): SessionState {
    return coreOf(this).state;
  }

  /** True while the WebSocket to the cloud is up. */
  get isConnected(): boolean {
    return coreOf(this).state === 'ready';
  }

  /** Aborted when the session ends. */
  get signal(): AbortSignal {
    return coreOf(this).signal;
  }

  /** The streams this session is subscribed to (read-only, for debugging). */
  get subscriptions(): readonly SubscriptionRequest[] {
    return coreOf(this).subscriptions;
  }

  /** What the glasses can do (from the ack and `capabilities_update`), or null when unknown. */
  get capabilities(): Capabilities | null {
    return coreOf(this).capabilities as Capabilities | null;
  }

  /** Subscribes to a stream even without a handler (handlers subscribe on their own). */
  subscribe(stream: SubscriptionRequest | StreamType): void {
    if (typeof stream === 'object' && stream) coreOf(this).subscribe(stream.stream, stream.rate);
    else coreOf(this).subscribe(stream);
  }

  /** Unsubscribes from a stream and removes its handlers. */
  unsubscribe(stream: SubscriptionRequest | StreamType): void {
    coreOf(this).unsubscribe(typeof stream === 'object' && stream ? stream.stream : stream);
  }

  /** Any stream or system event by name: the same as `session.events.on`. */
  on<T = any, S extends string = T extends string ? T : string>(stream: S, handler: EventHandlerFor<S, T>): Unsubscribe {
    return this.events.on(stream, handler);
  }

  /** The cloud's WebSocket URL for this session. */
  getServerUrl(): string {
    return coreOf(this).url;
  }

  /**
   * The instructions the cloud holds for this app and user (`GET /api/instructions`), or null when there
   * are none or the cloud cannot be asked (the failure is logged at `warn`), as published.
   */
  async getInstructions(): Promise<string | null> {
    try {
      const answer = await cloudRequest<{ instructions?: unknown }>(coreOf(this), {
        method: 'GET',
        path: `/api/instructions?userId=${encodeURIComponent(this.userId)}`,
        authorization: 'api-key',
        what: 'Fetching instructions',
      });
      return typeof answer?.instructions === 'string' && answer.instructions !== '' ? answer.instructions : null;
    } catch (e) {
      reportSwallowed(coreOf(this), e, 'getInstructions resolved null');
      return null;
    }
  }

  /** The cloud's HTTP base URL: ws→http, wss→https (a local `ws://` cloud stays `http://`), app path removed. */
  getHttpsServerUrl(): string {
    return cloudHttpBase(coreOf(this).url);
  }

  /**
   * Settings-driven subscriptions: whenever one of `updateOnChange` changes, `handler(settings)` gives the
   * streams to subscribe to. Subscriptions made by handlers are kept.
   */
  setSubscriptionSettings(options: SubscriptionSettings): void {
    // A second call replaces the first binding, as in the earlier SDKs.
    this.unbindSubscriptionSettings?.();
    this.unbindSubscriptionSettings = bindSubscriptionSettings(coreOf(this), options);
  }

  // ---------------------------------------------------------------- app-to-app

  /**
   * Users of this app right now, from the session's own cloud. The optional first argument (a cloud
   * domain in earlier SDKs) is accepted for compatibility and ignored: the API key goes to no other host.
   */
  discoverAppUsers(includeProfiles?: boolean): Promise<AppUserList>;
  discoverAppUsers(domain: string, includeProfiles?: boolean): Promise<AppUserList>;
  discoverAppUsers(domainOrProfiles?: string | boolean, includeProfiles = false): Promise<AppUserList> {
    return this.messaging.discoverUsers(typeof domainOrProfiles === 'boolean' ? domainOrProfiles : includeProfiles);
  }

  /** Number of users of this app (0 when the cloud cannot say). The argument is ignored, as for discoverAppUsers. */
  getUserCount(_domain?: string): Promise<number> {
    return this.messaging.userCount();
  }

  /** Whether a user is using this app now (false when the cloud cannot say). */
  isUserActive(userId: string): Promise<boolean> {
    return this.messaging.isUserActive(userId);
  }

  /** Sends `payload` to every user of this app, or to the members of `roomId`. */
  async broadcastToAppUsers(payload: unknown, roomId?: string): Promise<void> {
    this.messaging.broadcast(payload, roomId);
  }

  /** Sends `payload` to one user; resolves with whether the cloud delivered it (rejects after 15 s without an answer). */
  sendDirectMessage(targetUserId: string, payload: unknown, options: { timeoutMs?: number } = {}): Promise<boolean> {
    return this.messaging.sendDirect(targetUserId, payload, options.timeoutMs);
  }

  /** Joins an app-to-app room, optionally with its configuration. */
  async joinAppRoom(roomId: string, roomConfig?: AppRoomConfig): Promise<void> {
    this.messaging.joinRoom(roomId, roomConfig);
  }

  /** Leaves an app-to-app room. */
  async leaveAppRoom(roomId: string): Promise<void> {
    this.messaging.leaveRoom(roomId);
  }

  /** Messages from other users of this app. */
  onAppMessage(handler: Handler<AppMessageReceived>): Unsubscribe {
    return this.messaging.on('message_received', handler);
  }

  /** Another user of this app joined. */
  onAppUserJoined(handler: Handler<AppUserJoined>): Unsubscribe {
    return this.messaging.on('user_joined', handler);
  }

  /** Another user of this app left. */
  onAppUserLeft(handler: Handler<AppUserLeft>): Unsubscribe {
    return this.messaging.on('user_left', handler);
  }

  /** A room's configuration or members changed. */
  onAppRoomUpdated(handler: Handler<AppRoomUpdated>): Unsubscribe {
    return this.messaging.on('room_updated', handler);
  }

  // ---------------------------------------------------------------- deprecated shortcuts (earlier SDKs)

  /** @deprecated Use `session.events.onTranscription`. */
  onTranscription(handler: Handler<TranscriptionData>): Unsubscribe {
    deprecate('session.onTranscription');
    return this.events.onTranscription(handler);
  }

  /** @deprecated Use `session.events.onTranscriptionForLanguage`. */
  onTranscriptionForLanguage(
    language: string,
    handler: Handler<TranscriptionData>,
    options?: boolean | { disableLanguageIdentification?: boolean; hints?: string[] },
  ): Unsubscribe {
    deprecate('session.onTranscriptionForLanguage');
    return this.events.onTranscriptionForLanguage(language, handler, options);
  }

  /** @deprecated Use `session.events.onTranslationForLanguage`. */
  onTranslationForLanguage(source: string, target: string, handler: Handler<TranslationData>): Unsubscribe {
    deprecate('session.onTranslationForLanguage');
    return this.events.onTranslationForLanguage(source, target, handler);
  }

  /** @deprecated Use `session.events.onHeadPosition`. */
  onHeadPosition(handler: Handler<HeadPosition>): Unsubscribe {
    deprecate('session.onHeadPosition');
    return this.events.onHeadPosition(handler);
  }

  /** @deprecated Use `session.events.onButtonPress`. */
  onButtonPress(handler: Handler<ButtonPress>): Unsubscribe {
    deprecate('session.onButtonPress');
    return this.events.onButtonPress(handler);
  }

  /** @deprecated Use `session.events.onTouchEvent`. */
  onTouchEvent(gestureOrHandler: string | Handler<TouchEvent>, handler?: Handler<TouchEvent>): Unsubscribe {
    deprecate('session.onTouchEvent');
    return this.events.onTouchEvent(gestureOrHandler, handler);
  }

  /** @deprecated Use `session.events.onPhoneNotifications`. */
  onPhoneNotifications(handler: Handler<PhoneNotification>): Unsubscribe {
    deprecate('session.onPhoneNotifications');
    return this.events.onPhoneNotifications(handler);
  }

  /** @deprecated Use `session.events.onPhoneNotificationDismissed`. */
  onPhoneNotificationDismissed(handler: Handler<PhoneNotificationDismissed>): Unsubscribe {
    deprecate('session.onPhoneNotificationDismissed');
    return this.events.onPhoneNotificationDismissed(handler);
  }

  /** @deprecated Use `session.events.onVpsCoordinates`. */
  onVpsCoordinates(handler: Handler<VpsCoordinates>): Unsubscribe {
    deprecate('session.onVpsCoordinates');
    return this.events.onVpsCoordinates(handler);
  }

  /** @deprecated Use `session.events.onPhotoTaken`. */
  onPhotoTaken(handler: Handler<PhotoTaken>): Unsubscribe {
    deprecate('session.onPhotoTaken');
    return this.events.onPhotoTaken(handler);
  }

  /** @deprecated Use `session.settings.getAll()`. */
  getSettings(): AppSetting[] {
    deprecate('session.getSettings');
    return this.settings.getAll();
  }

  /** @deprecated Use `session.settings.get(key)`. */
  getSetting<T = any>(key: string): T | undefined {
    deprecate('session.getSetting');
    return this.settings.get<T | undefined>(key);
  }

  /** Closes this session from the app side (onStop runs with reason `app_disconnect`). */
  async disconnect(options: { releaseOwnership?: boolean; reason?: OwnershipReleaseReason } = {}): Promise<void> {
    if (options.releaseOwnership && options.reason) await this.releaseOwnership(options.reason);
    return coreOf(this).dispose('app_disconnect');
  }

  /** Tells the cloud not to restart this session elsewhere (`ownership_release`). */
  async releaseOwnership(reason: OwnershipReleaseReason): Promise<void> {
    const core = coreOf(this);
    core.send({ type: 'ownership_release', packageName: core.packageName, sessionId: core.sessionId, reason });
  }

  /** Sends a raw message to the cloud (queued while reconnecting). */
  sendMessage(message: { type: string; [field: string]: unknown }): void {
    // The raw escape hatch: an app may send a type this SDK does not know yet.
    coreOf(this).send(message as AppToCloudMessage);
  }

  // ---------------------------------------------------------------- published helpers

  /** Subscribes to several touch gestures at once; returns one function that unsubscribes them all. */
  subscribeToGestures(gestures: string[]): Unsubscribe {
    const streams = gestures.map((g) => createTouchEventStream(g));
    for (const s of streams) this.subscribe(s);
    return () => streams.forEach((s) => this.unsubscribe(s));
  }

  /** Replaces the app settings locally, as a `settings_update` from the cloud would (for tests). */
  updateSettingsForTesting(settings: SettingInput[]): void {
    this.settings.updateSettings(settings);
  }
}
