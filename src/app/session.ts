/**
 * `AppSession`: what an app's `onSession` receives for one user. A thin view over the core session:
 * every behaviour (transport, subscriptions, dispatch, reconnect, correlation) lives in the core, and each
 * module (`src/app/modules/`) holds the core session, never a socket.
 */
import { cloudHttpBase } from '../core/cloud-http';
import type { Logger } from '../core/logger';
import type { CoreSession, SessionState } from '../core/session';
import type { AppSetting, PhoneNotificationDismissed, SubscriptionRequest, TouchEvent } from '../protocol/messages';
import type { AppConfig } from '../protocol/models';
import type { Capabilities, OwnershipReleaseReason, PhotoTaken, VpsCoordinates } from '../protocol/module-messages';
import { StreamType } from '../protocol/enums';
import { createTouchEventStream } from '../protocol/streams';
import { EventManager, type Handler, type Unsubscribe } from './events';
import { LayoutManager } from './layouts';
import { AppConfigHelper, type SubscriptionSettings } from './modules/app-config';
import { AudioManager } from './modules/audio';
import { CameraModule } from './modules/camera';
import { DashboardManager } from './modules/dashboard';
import { DeviceState } from './modules/device-state';
import { LedModule } from './modules/led';
import { LocationManager } from './modules/location';
import { SimpleStorage } from './modules/simple-storage';
import { WifiHelper, type WifiStatus } from './modules/wifi';
import { SettingsManager } from './settings';

const cores = new WeakMap<object, CoreSession>();

/** The core session behind a facade session (for the SDK's own modules). */
export function coreOf(session: object): CoreSession {
  const core = cores.get(session);
  if (!core) throw new TypeError('Not a session created by the SDK');
  return core;
}

export class AppSession {
  readonly events: EventManager;
  readonly layouts: LayoutManager;
  readonly settings: SettingsManager;
  readonly dashboard: DashboardManager;
  readonly camera: CameraModule;
  readonly device: { readonly state: DeviceState };
  readonly userId: string;
  private readonly wifi: WifiHelper;
  // Modules that need no listener before their first use are created on first access (less memory per session).
  private _audio: AudioManager | undefined;
  private _led: LedModule | undefined;
  private _location: LocationManager | undefined;
  private _storage: SimpleStorage | undefined;
  private _appConfig: AppConfigHelper | undefined;

  constructor(core: CoreSession) {
    cores.set(this, core);
    this.userId = core.userId;
    this.events = new EventManager(core);
    this.layouts = new LayoutManager(core);
    this.settings = this.createSettings(core);
    this.dashboard = new DashboardManager(core);
    this.camera = new CameraModule(core);
    this.device = { state: new DeviceState(core) };
    this.wifi = new WifiHelper(core, this.device.state);
  }

  get audio(): AudioManager {
    return (this._audio ??= new AudioManager(coreOf(this)));
  }

  get led(): LedModule {
    return (this._led ??= new LedModule(coreOf(this)));
  }

  get location(): LocationManager {
    return (this._location ??= new LocationManager(coreOf(this)));
  }

  get simpleStorage(): SimpleStorage {
    return (this._storage ??= new SimpleStorage(coreOf(this)));
  }

  private get appConfig(): AppConfigHelper {
    return (this._appConfig ??= new AppConfigHelper(coreOf(this)));
  }

  /** Subclasses (the legacy facade) extend the settings manager with their names. */
  protected createSettings(core: CoreSession): SettingsManager {
    return new SettingsManager(core);
  }

  /** A logger bound to this session; `info('text', obj)` and `info(obj, 'text')` both work. */
  get logger(): Logger {
    return coreOf(this).logger;
  }

  getSessionId(): string {
    return coreOf(this).sessionId;
  }

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

  unsubscribe(stream: SubscriptionRequest | StreamType): void {
    coreOf(this).unsubscribe(typeof stream === 'object' && stream ? stream.stream : stream);
  }

  on<T = any>(stream: StreamType | string, handler: Handler<T>): Unsubscribe {
    return this.events.on(stream, handler);
  }

  /** The cloud's WebSocket URL for this session. */
  getServerUrl(): string {
    return coreOf(this).url;
  }

  /** The cloud's HTTP base URL: ws→http, wss→https (a local `ws://` cloud stays `http://`), app path removed. */
  getHttpsServerUrl(): string {
    return cloudHttpBase(coreOf(this).url);
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
    coreOf(this).send(message);
  }

  // ---------------------------------------------------------------- WiFi

  getWifiStatus(): WifiStatus | null {
    return this.wifi.getWifiStatus();
  }

  isWifiConnected(): boolean {
    return this.wifi.isWifiConnected();
  }

  requestWifiSetup(reason?: string): void {
    this.wifi.requestWifiSetup(reason);
  }

  onGlassesConnectionState(handler: Handler<any>): Unsubscribe {
    return this.wifi.onGlassesConnectionState(handler);
  }

  // ---------------------------------------------------------------- deprecated shortcuts (published names)

  /** @deprecated Use `session.events.onTouchEvent`. */
  onTouchEvent(gestureOrHandler: string | Handler<TouchEvent>, handler?: Handler<TouchEvent>): Unsubscribe {
    return this.events.onTouchEvent(gestureOrHandler, handler);
  }

  /** Subscribes to several touch gestures at once; returns one function that unsubscribes them all. */
  subscribeToGestures(gestures: string[]): Unsubscribe {
    const streams = gestures.map((g) => createTouchEventStream(g));
    for (const s of streams) this.subscribe(s);
    return () => streams.forEach((s) => this.unsubscribe(s));
  }

  /** @deprecated Use `session.events.onPhoneNotificationDismissed`. */
  onPhoneNotificationDismissed(handler: Handler<PhoneNotificationDismissed>): Unsubscribe {
    return this.events.onPhoneNotificationDismissed(handler);
  }

  /** @deprecated Use `session.events.on(StreamType.VPS_COORDINATES, …)`. */
  onVpsCoordinates(handler: Handler<VpsCoordinates>): Unsubscribe {
    return this.events.on(StreamType.VPS_COORDINATES, handler);
  }

  /** @deprecated Use `session.events.on(StreamType.PHOTO_TAKEN, …)`. */
  onPhotoTaken(handler: Handler<PhotoTaken>): Unsubscribe {
    return this.events.on(StreamType.PHOTO_TAKEN, handler);
  }

  /** @deprecated Use `session.settings.getAll()`. */
  getSettings(): AppSetting[] {
    return this.settings.getAll();
  }

  /** @deprecated Use `session.settings.get(key)`. */
  getSetting<T = any>(key: string): T | undefined {
    return this.settings.get<T>(key);
  }

  /** Subscribes to the streams `handler` picks from the settings, again whenever a key in `updateOnChange` changes. */
  setSubscriptionSettings(options: SubscriptionSettings): void {
    this.appConfig.setSubscriptionSettings(options);
  }

  /** Replaces the app settings locally, as a `settings_update` from the cloud would (for tests). */
  updateSettingsForTesting(settings: AppSetting[]): void {
    this.settings.updateSettings(settings);
  }

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
