/**
 * `AppSession`: one user's session. A thin view over the core session: every behaviour (transport,
 * subscriptions, dispatch, reconnect, correlation) lives in the core. Its sub-objects (events, layouts,
 * settings, dashboard, camera, ...) are declared in one table (`session-parts.ts`) and each is created on
 * first access; each holds the core session, never a socket. The server builds sessions for its webhooks;
 * an app may also build one itself from a config and `connect` it (`session-standalone.ts`).
 */
import type { AppToCloudMessage } from '../protocol/outbound';
import { serverOfSession } from '../core/engine';
import { cloudHttpBase, cloudRequest } from '../core/session/cloud-http';
import type { Logger } from '../core/logger';
import { reportSwallowed } from '../core/failures';
import { SdkError } from '../core/errors';
import type { CoreSession, SessionState } from '../core/session/session';
import { bindSubscriptionSettings, type SubscriptionSettings } from '../core/session/settings-subscriptions';
import { FACADE_NAMING, getDialect, type Dialect, type DialectName } from '../protocol/dialects';
import type {
  AppMessageReceived,
  AppRoomConfig,
  AppRoomUpdated,
  SettingInput,
  AppUserJoined,
  AppUserLeft,
  AppUserList,
  SubscriptionRequest,
} from '../protocol/messages';
import type { Capabilities, OwnershipReleaseReason } from '../protocol/module-messages';
import type { StreamType } from '../protocol/enums';
import { createTouchEventStream } from '../protocol/streams';
import type { EventHandlerFor } from './event-types';
import type { EventManager, Handler, Unsubscribe } from './events';
import type { LayoutManager } from './layouts';
import type { AudioManager } from './modules/audio';
import type { CameraModule } from './modules/camera';
import type { DashboardManager } from './modules/dashboard';
import type { DeviceState } from './modules/device-state';
import type { LedModule } from './modules/led';
import type { LocationManager } from './modules/location';
import type { SimpleStorage } from './modules/simple-storage';
import { type PartContext, type SessionParts, installParts } from './session-parts';
import { type SessionDelegations, installDelegations } from './session-delegations';
import { type SessionShortcuts, installShortcuts } from './session-shortcuts';
import { type AppSessionConfig, connectSession, isSessionConfig, ownerOf, standaloneCore } from './session-standalone';
import { SettingsManager } from './settings';
import { bindCore, coreOf } from './core-of';

export { coreOf, type AppSessionConfig };
export type { LegacyRtmpStreamOptions, LegacyStreaming } from './session-shortcuts';

// The deprecated session-level members of the earlier SDKs, and the WiFi and app_config members (both installed on the prototype below).
export interface AppSession extends SessionShortcuts, SessionDelegations {}

/**
 * One user's session with the cloud. The server hands one to `onSession`; an app that runs its own webhook
 * may build one from a config and `connect` it.
 *
 * @example
 * ```ts
 * // In the app's own session_request webhook handler:
 * const session = new AppSession({ packageName, apiKey, userId, mentraOSWebsocketUrl: body.mentraOSWebsocketUrl });
 * session.events.onTranscription((data) => session.layouts.showTextWall(data.text));
 * await session.connect(body.sessionId);
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class AppSession {
  // The sub-objects of SESSION_PARTS: each is created on first access, then held as an own read-only property.
  /** Stream handlers (transcription, buttons, head position, ...) and system events (`disconnected`, `error`, ...). */
  declare readonly events: EventManager;
  /** What the glasses show: text walls, reference cards, bitmaps, ... */
  declare readonly layouts: LayoutManager;
  /** The app's settings and the MentraOS system settings, with their changes. */
  declare readonly settings: SettingsManager;
  /** The dashboard: `content` for every app, `system` for the system dashboard app. */
  declare readonly dashboard: DashboardManager;
  /** Photos and RTMP / managed streams. */
  declare readonly camera: CameraModule;
  /** Audio playback and text to speech on the glasses. */
  declare readonly audio: AudioManager;
  /** The glasses' RGB LED. */
  declare readonly led: LedModule;
  /** The location stream and one-off location polls. */
  declare readonly location: LocationManager;
  /** A small key-value store per user and app, kept by the cloud. */
  declare readonly simpleStorage: SimpleStorage;
  /** The glasses' state (battery, WiFi, connection, ...) as observables. */
  declare readonly device: {
    /** The glasses' state as observables. */
    readonly state: DeviceState;
  };
  declare private readonly wifi: SessionParts['wifi'];
  declare private readonly appConfig: SessionParts['appConfig'];
  declare private readonly messaging: SessionParts['messaging'];
  /** The user this session is for. */
  readonly userId: string;
  /** The naming this facade sends (app-to-app message names, REST paths). */
  private readonly naming: Readonly<Dialect>;
  private unbindSubscriptionSettings: (() => void) | undefined;
  /** @internal The settings class of this facade (the legacy facade's has the legacy type name). */
  protected static readonly settingsClass: PartContext['Settings'] = SettingsManager;

  /**
   * Builds a session from a config, to `connect` it (apps that run their own webhook); the server builds
   * the sessions it hands to `onSession` itself. Throws `SdkError('invalid_config')` without a
   * `packageName` or `apiKey`.
   *
   * @example
   * ```ts
   * const session = new AppSession({ packageName: 'com.example.app', apiKey, userId, mentraOSWebsocketUrl: body.mentraOSWebsocketUrl });
   * await session.connect(body.sessionId);
   * ```
   */
  constructor(config: AppSessionConfig);
  /** @internal The server's form: a session over the engine's session. */
  constructor(core: CoreSession, naming?: DialectName);
  constructor(coreOrConfig: CoreSession | AppSessionConfig, naming: DialectName = FACADE_NAMING.modern) {
    const core = isSessionConfig(coreOrConfig) ? standaloneCore(coreOrConfig, new.target?.name || 'AppSession') : coreOrConfig;
    bindCore(this, core);
    this.naming = getDialect(naming);
    this.userId = core.userId;
  }

  static {
    // biome-ignore lint/complexity/noThisInStatic: naming the class here would make the bundler rename it (`class _AppSession`).
    const proto = this.prototype;
    installParts(proto, (session) => ({
      core: coreOf(session),
      naming: (session as unknown as { naming: Readonly<Dialect> }).naming,
      Settings: (session.constructor as unknown as { settingsClass: PartContext['Settings'] }).settingsClass,
    }));
    installShortcuts(proto);
    installDelegations(proto);
  }

  /**
   * Connects a session the app built (`new AppSession(config)`) to the cloud as `sessionId` (the webhook's):
   * sends the init and resolves at the ack, with the ack's settings in place; the subscriptions of the
   * handlers registered so far follow at once, and a handler registered later subscribes at once.
   * Rejects with `SdkError('handshake_timeout')` ("Connection timeout") when the cloud does not answer
   * within 5 s, and at once when the connection is refused or the URL is not a trusted cloud.
   * Called again with the same id once connected, it replaces the socket (a new init), as the published
   * SDKs did; a session that was disconnected cannot connect again (build a new one).
   *
   * @example
   * ```ts
   * const session = new TpaSession({ packageName, apiKey, augmentOSWebsocketUrl: req.body.augmentOSWebsocketUrl });
   * session.onTranscription((data) => session.layouts.showTextWall(data.text));
   * await session.connect(req.body.sessionId);
   * ```
   */
  connect(sessionId: string): Promise<void> {
    return connectSession(coreOf(this), sessionId);
  }

  /** The server this session belongs to: the one that built it, or the `appServer`/`tpaServer` of its config. */
  get appServer(): any {
    const core = coreOf(this);
    return ownerOf(core) ?? serverOfSession(core);
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

  /**
   * Closes this session from the app side: the socket ends with close code 1000 and the server's `onStop`
   * runs with reason `app_disconnect`. Safe to call at any time, twice, or on a session that never
   * connected: it never throws and the returned promise never rejects (it settles once the socket is gone).
   * The promise may be ignored, as 1.x apps did (their `disconnect()` returned nothing).
   */
  disconnect(options: { releaseOwnership?: boolean; reason?: OwnershipReleaseReason } = {}): Promise<void> {
    try {
      const core = coreOf(this);
      if (options?.releaseOwnership && options.reason && core.state === 'ready') void this.releaseOwnership(options.reason);
      return core.dispose('app_disconnect').catch(() => {});
    } catch {
      return Promise.resolve();
    }
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

  /** One binary frame on the current socket (3.0.0-hono, for audio output streams). Throws as published: `connect_failed`
   * (a `MentraConnectionError`) while the socket is down, `session_closed` once the session has ended. */
  sendBinary(data: Uint8Array | Buffer): void {
    const core = coreOf(this);
    if (core.sendBinary(data)) return;
    if (core.state === 'closed') throw new SdkError('session_closed', 'Cannot send binary data: the session has ended');
    throw new SdkError('connect_failed', 'Cannot send binary data: the WebSocket is not connected (the session is reconnecting)');
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
