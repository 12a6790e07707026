/**
 * The local cloud of `mentraos dev`: the test cloud, accepting any package name and key, plus the state a
 * controller sees (each simulated wearer's session state, subscriptions, what each view shows, device
 * inputs) and the events that change it. Controllers reach it through the control server.
 */
import { createTestCloud, type AppTarget, type TestCloud } from '../testing/cloud';
import type { SimulatedUser } from '../testing/user';
import type { Layout } from '../protocol/messages';
import {
  ControlError,
  type AppStatus,
  type ControlEvent,
  type InputPayload,
  type PhotoAnswerInput,
  type SessionStateName,
  type UserSnapshot,
  type ViewName,
  type WireDirectionName,
} from '../protocol/control';
import { loadAppConfig, settingsWithValues, type DevAppConfig } from './app-config';
import { LIVE, VIEWS, newDevUser, toSnapshot, type DevUser, type EventBody } from './dev-state';
import { type AudioStreamEvent, audioOutputEvent, callTool, feedAudio, requestTelemetry, setSetting, streamAudio, WebviewSigner } from './features';
import { answerPhoto, onGlassesRequest, type GlassesHost } from './glasses';
import { deliverInput } from './inputs';
import type { DevCloudOptions } from './dev-cloud-options';
import { clearView, deviceAfterInput, setView } from './dev-views';
import { initialAppStatus, notRunningMessage } from './app-status';

export type { DevCloudOptions } from './dev-cloud-options';

export class DevCloud implements GlassesHost {
  readonly cloud: TestCloud;
  /** Signs webview user tokens; give the app `webview.publicKeyPem` (MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY). */
  readonly webview = new WebviewSigner();
  autoPhoto: boolean;
  private readonly appWaiters = new Set<() => void>();
  private readonly users = new Map<string, DevUser>();
  private readonly listeners = new Set<(e: ControlEvent) => void>();
  private seqNo = 0;
  private appTarget: AppTarget | null = null;
  private status: AppStatus;
  private closed = false;
  private readonly emitBody = (body: EventBody) => this.emit(body);

  static async create(options: DevCloudOptions): Promise<DevCloud> {
    let self: DevCloud | undefined;
    const cloud = await createTestCloud({
      trustInProcess: false,
      acceptAnyPackage: true,
      allowedOrigins: options.allowedOrigins ?? [],
      onWire: (user, dir, msg) => self?.onWire(user, dir, msg),
      onConnection: (user, event, code) => self?.onConnection(user, event, code),
      settingsFor: (user) => self?.ackSettings(user) ?? [],
      onAudioStream: (e) => self?.onAudioStream(e),
    });
    self = new DevCloud(cloud, options);
    return self;
  }

  private constructor(
    cloud: TestCloud,
    private readonly options: DevCloudOptions,
  ) {
    this.cloud = cloud;
    this.autoPhoto = options.autoPhoto ?? false;
    this.status = initialAppStatus(options.entry, cloud.url);
  }

  /** The number of the last event emitted. */
  get seq(): number {
    return this.seqNo;
  }

  get app(): AppStatus {
    return { ...this.status };
  }

  /** Listens to every event; returns the unsubscribe function. */
  subscribe(fn: (e: ControlEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Tells the cloud where the app listens (`port`) or that it stopped (`running: false`). */
  setApp(update: { port: number; running: true; listening?: boolean } | { running: false; exit_code: number | null; error?: string | null }): void {
    const listening = update.running && update.listening !== false;
    this.appTarget = listening ? { port: (update as { port: number }).port } : null;
    this.status = update.running
      ? { ...this.status, port: update.port, running: true, listening, exit_code: null, error: null }
      : { ...this.status, running: false, listening: false, exit_code: update.exit_code, error: update.error ?? null };
    this.emit({ type: 'app_state', app: this.app });
    for (const w of [...this.appWaiters]) w();
  }

  /** Counts a `--watch` restart (reported with the next app_state). */
  countRestart(): void {
    this.status = { ...this.status, restarts: this.status.restarts + 1 };
  }

  /** The app's config file, read now. */
  config(): DevAppConfig {
    return loadAppConfig(this.options.entryPath ?? this.options.entry, (line) => this.log(line));
  }

  /** The local cloud's HTTP address. */
  get cloudHttp(): string {
    return `http://127.0.0.1:${this.cloud.port}`;
  }

  snapshot(userId?: string): UserSnapshot[] {
    if (userId !== undefined) return [toSnapshot(this.known(userId))];
    return [...this.users.values()].map((u) => toSnapshot(u));
  }

  // ------------------------------------------------------------------ commands

  async startUser(userId: string): Promise<UserSnapshot> {
    const notLive = () => {
      const e = this.users.get(userId);
      if (e && LIVE.includes(e.state)) throw new ControlError('already_started', `The app is already ${e.state} for ${userId}; stop it first`);
      return e;
    };
    notLive();
    const app = this.appTarget ?? (await this.waitForApp());
    const existing = notLive(); // again: another user_start may have started this wearer while the app was starting
    const packageName = this.status.package_name ?? this.options.packageName ?? 'com.example.app';
    const user = newDevUser(userId, packageName, existing);
    this.users.set(userId, user);
    this.setState(user, 'starting');
    const generation = user.generation;
    const current = () => this.users.get(userId) === user && user.generation === generation;
    let sim: SimulatedUser;
    try {
      sim = await this.cloud.startSession({ app, userId, packageName, sessionId: user.sessionId, allowFailure: true });
    } catch (e) {
      if (current()) this.setState(user, 'failed', 'webhook_unreachable');
      throw new ControlError(this.appTarget ? 'app_error' : 'app_not_running', `The session webhook could not reach the app: ${(e as Error).message}`);
    }
    user.sim ??= sim;
    const answer = sim.webhookResponse!;
    if (answer.status < 200 || answer.status > 299) {
      if (current()) this.setState(user, 'failed', `webhook_${answer.status}`);
      const why = typeof answer.body?.message === 'string' ? answer.body.message : JSON.stringify(answer.body).slice(0, 300);
      throw new ControlError('app_error', `The app answered the session webhook ${answer.status}: ${why}`);
    }
    try {
      await sim.waitFor(
        () => (sim.connected || !current() || user.state === 'stopped' ? true : undefined),
        this.options.startTimeoutMs ?? 10_000,
        'the app to connect',
      );
    } catch {
      if (current()) this.setState(user, 'failed', 'no_connection');
      throw new ControlError(
        'app_error',
        `The app answered the webhook but did not connect to the local cloud within ${this.options.startTimeoutMs ?? 10_000} ms`,
      );
    }
    if (!current() || !sim.connected) throw new ControlError('app_error', `The session of ${userId} ended while starting`);
    if (user.state !== 'ready') this.setState(user, 'ready');
    return toSnapshot(user);
  }

  async stopUser(userId: string): Promise<UserSnapshot> {
    const user = this.known(userId);
    if (!LIVE.includes(user.state) || !user.sim) throw new ControlError('not_running', `The app is not running for ${userId} (${user.state})`);
    user.stopping = true;
    const sim = user.sim;
    try {
      const answer = await sim.stop('user_disabled', 5000);
      if (answer.status >= 300) this.log(`The app answered the stop webhook for ${userId} with ${answer.status}`);
    } catch (e) {
      this.log(`Stopping ${userId}: ${(e as Error).message}; closing the connection`);
      sim.closeConnection(1000, 'stopped by the local cloud');
    }
    if (this.users.get(userId) === user) this.endSession(user, 'user_stop');
    return toSnapshot(user);
  }

  /** Sends one input to the app as the wearer's glasses or phone would. Returns the frames delivered. */
  async input(userId: string, input: InputPayload): Promise<number> {
    const user = this.known(userId);
    const sim = user.sim;
    if (user.state !== 'ready' || !sim || !sim.connected) throw new ControlError('not_running', `The app is not connected for ${userId} (${user.state})`);
    if (input.kind === 'head' || input.kind === 'battery' || input.kind === 'location' || input.kind === 'connection') {
      user.device = deviceAfterInput(user.device, input);
      this.emit({ type: 'device_state', user_id: user.userId, device: user.device });
    }
    try {
      return await deliverInput(sim, input);
    } catch (e) {
      throw new ControlError('not_running', `Could not deliver the input to the app for ${userId}: ${(e as Error).message}`);
    }
  }

  async photoRespond(userId: string, requestId: string, answer: PhotoAnswerInput) {
    return answerPhoto(this, this.known(userId), requestId, answer);
  }

  async audioFeed(userId: string, wavBase64: string) {
    return feedAudio(this.known(userId), wavBase64, { routeWaitMs: this.cloud.routeWaitMs });
  }

  async audioStream(userId: string, pcmBase64: string | undefined, vad: boolean | undefined) {
    return streamAudio(this.known(userId), pcmBase64, vad);
  }

  async toolCall(userId: string, toolId: string, parameters: Record<string, unknown>) {
    return callTool(this.known(userId), this.config(), toolId, parameters, (line) => this.log(line));
  }

  settingsList(userId?: string) {
    const config = this.config();
    const values = userId === undefined ? [] : this.known(userId).settings;
    const withValues = new Map(settingsWithValues(config, values).map((s) => [s.key, s.value]));
    return { source: config.source, settings: config.settings.map((s) => (s.type === 'group' ? s : { ...s, value: withValues.get(s.key) })) };
  }

  async settingsSet(userId: string, key: string, value: unknown) {
    return setSetting(this.known(userId), this.config(), key, value, (b) => this.emit(b));
  }

  /** Asks the app for the wearer's session log lines (`request_telemetry`) and returns its upload. */
  requestTelemetry(userId: string, windowMs?: number) {
    return requestTelemetry(this.known(userId), windowMs);
  }

  webviewOpen(userId: string): string {
    const user = this.known(userId);
    if (!this.status.port || !this.status.listening) throw new ControlError('app_not_running', notRunningMessage(this.status));
    return this.webview.url(user, this.config(), this.status.port);
  }

  /**
   * Ends every running session for an app restart, keeping what the views show (the restarted app draws
   * over it); returns the wearers to start again.
   */
  endForRestart(): string[] {
    const live = [...this.users.values()].filter((u) => LIVE.includes(u.state));
    for (const user of live) {
      user.stopping = true;
      this.endSession(user, 'app_restart', true);
      user.sim?.closeConnection(1001, 'the app is restarting');
    }
    return live.map((u) => u.userId);
  }

  listUsers(): Array<Pick<UserSnapshot, 'user_id' | 'session_id' | 'state'>> {
    return [...this.users.values()].map((u) => ({ user_id: u.userId, session_id: u.sessionId, state: u.state }));
  }

  /** Stops every running session (stop webhooks, in parallel), then closes the cloud. */
  async close(opts: { stopSessions?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    if (opts.stopSessions !== false && this.appTarget) {
      await Promise.all([...this.users.values()].filter((u) => LIVE.includes(u.state)).map((u) => this.stopUser(u.userId).catch(() => undefined)));
    }
    this.closed = true;
    for (const w of [...this.appWaiters]) w(); // a user_start waiting for the app ends now
    for (const u of this.users.values()) for (const v of VIEWS) clearTimeout(u.timers[v]);
    await this.cloud.close();
    this.listeners.clear();
  }

  // ------------------------------------------------------------------ from the test cloud

  private userOf(sim: SimulatedUser): DevUser | undefined {
    const user = this.users.get(sim.userId);
    if (!user || user.sessionId !== sim.sessionId) return undefined;
    if (!user.sim && user.state === 'starting') user.sim = sim;
    return user.sim === sim ? user : undefined;
  }

  private onWire(sim: SimulatedUser, dir: WireDirectionName, msg: any): void {
    if (this.closed) return;
    const user = this.userOf(sim);
    if (!user) return;
    this.emit({ type: 'wire', user_id: user.userId, direction: dir, message: msg });
    if (dir !== 'app->cloud' || !msg || typeof msg !== 'object') return;
    if (msg.type === 'tpa_connection_init') this.onInit(user, msg);
    else if (onGlassesRequest(this, user, msg)) return;
    else if (msg.type === 'display_event' && msg.layout && typeof msg.layout === 'object') {
      const view: ViewName = msg.view === 'dashboard' ? 'dashboard' : 'main';
      const duration = typeof msg.durationMs === 'number' && Number.isFinite(msg.durationMs) && msg.durationMs >= 0 ? msg.durationMs : undefined;
      setView(user, view, msg.layout as Layout, duration, this.emitBody, () => !this.closed);
    } else if (msg.type === 'subscription_update' && Array.isArray(msg.subscriptions)) {
      user.subscriptions = msg.subscriptions;
      this.emit({ type: 'subscriptions', user_id: user.userId, subscriptions: msg.subscriptions });
    }
  }

  private onAudioStream(e: AudioStreamEvent, user = this.users.get(e.stream.userId)): void {
    if (!this.closed && user?.sessionId === e.stream.sessionId) this.emit(audioOutputEvent(user, e));
  }

  private onInit(user: DevUser, msg: { packageName?: unknown }): void {
    if (typeof msg.packageName !== 'string' || !msg.packageName) return;
    user.packageName = msg.packageName;
    if (this.status.package_name === msg.packageName) return;
    this.status = { ...this.status, package_name: msg.packageName };
    this.log(`The app connected as package ${msg.packageName}; its API key was accepted unchecked (a development cloud; the key is never shown)`);
    this.emit({ type: 'app_state', app: this.app });
  }

  private onConnection(sim: SimulatedUser, event: 'open' | 'close', code?: number): void {
    if (this.closed) return;
    const user = this.userOf(sim);
    if (!user) return;
    if (event === 'open') {
      if (user.state !== 'ready') this.setState(user, 'ready');
    } else if (user.stopping || code === 1000 || code === 1001) {
      this.endSession(user, user.stopping ? 'user_stop' : `app_closed_${code}`);
    } else if (user.state === 'ready') {
      this.setState(user, 'reconnecting', `closed_${code}`);
    }
  }

  // ------------------------------------------------------------------ state

  private known(userId: string): DevUser {
    const user = this.users.get(userId);
    if (!user) throw new ControlError('unknown_user', `No simulated wearer "${userId}"; start one with user_start`);
    return user;
  }

  private setState(user: DevUser, state: SessionStateName, reason?: string): void {
    user.state = state;
    this.emit({
      type: 'session_state',
      user_id: user.userId,
      session_id: user.sessionId,
      package_name: user.packageName,
      state,
      ...(reason ? { reason } : {}),
    });
  }

  /** The session ended: the glasses show nothing of the app any more. */
  private endSession(user: DevUser, reason: string, keepViews = false): void {
    if (user.state === 'stopped') return;
    this.setState(user, 'stopped', reason);
    user.sim?.wake(); // a user_start waiting for this session's connection gives up now
    if (!keepViews) for (const view of VIEWS) if (user.views[view]) clearView(user, view, 'session_ended', this.emitBody);
    if (user.subscriptions.length) {
      user.subscriptions = [];
      this.emit({ type: 'subscriptions', user_id: user.userId, subscriptions: [] });
    }
  }

  /** The settings a wearer's handshake carries: the config's, with the wearer's values. */
  private ackSettings(sim: SimulatedUser) {
    const user = this.users.get(sim.userId);
    return settingsWithValues(this.config(), user?.settings ?? []);
  }

  /** Waits (bounded) for a starting app to listen; fails naming the exit code or the time waited. */
  private waitForApp(): Promise<AppTarget> {
    const limit = this.options.listenTimeoutMs ?? 25_000;
    const exited = () => !this.status.running && (this.status.exit_code !== null || this.status.error !== null);
    if (exited()) return Promise.reject(new ControlError('app_not_running', notRunningMessage(this.status)));
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.appWaiters.delete(check);
      };
      const check = () => {
        if (this.appTarget) {
          done();
          resolve(this.appTarget);
        } else if (exited() || this.closed) {
          done();
          reject(new ControlError('app_not_running', notRunningMessage(this.status)));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new ControlError('app_not_running', `The app did not listen within ${limit} ms of user_start; see its output`));
      }, limit);
      this.appWaiters.add(check);
    });
  }

  /** @internal emits one event to every listener. */
  emit(body: EventBody): ControlEvent {
    const event = { ...body, seq: ++this.seqNo } as ControlEvent;
    for (const fn of [...this.listeners]) {
      try {
        fn(event);
      } catch (e) {
        this.log(`A control listener failed: ${(e as Error).message}`);
      }
    }
    return event;
  }

  /** @internal */
  log(line: string): void {
    this.options.onLog?.(line);
  }
}
