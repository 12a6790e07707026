/**
 * A simulated wearer on the test cloud: sends what glasses and phone would send, records what the app
 * shows, and can drop or stop the connection.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Dialect } from '../protocol/dialects';
import type { SettingRecord, SubscriptionRequest } from '../protocol/messages';
import { canonicalStreamKey, streamBase } from '../protocol/streams';
import { describeMatcher, displayMatches } from './display-match';
import { photoResponseMessage, photoUploadFor, postPhotoUpload } from './photo-answers';
import { baseUrlOf, type AppTarget } from './targets';
import type { DisplayMatcher, DisplayRecord, PhotoAnswer, PhotoUpload, Waiter, WebhookAnswer, WireDirection, WireRecord } from './user-types';
import { parseOrRaw } from './wire-parse';
import type { AudioStreamRecord } from './audio-relay';
import type { TelemetryUpload } from './telemetry-intake';

/** How long the `waitFor…` helpers wait by default: generous, so app tests pass on a busy machine. */
const DEFAULT_WAIT_MS = 10_000;

export { layoutTexts } from './display-match';
export type { DisplayMatcher, DisplayRecord, PhotoAnswer, PhotoUpload, WebhookAnswer, WireDirection, WireRecord } from './user-types';

/** The bridge a user uses to reach the cloud that owns it. */
export interface UserCloud {
  readonly dialect: Readonly<Dialect>;
  readonly startedAt: number;
  /** How long an input waits for the app to subscribe to its stream before it is dropped. */
  readonly routeWaitMs: number;
  postWebhook(user: SimulatedUser, body: Record<string, unknown>): Promise<WebhookAnswer>;
  postToApp(user: SimulatedUser, path: string, body: Record<string, unknown>, headers?: Record<string, string>): Promise<WebhookAnswer>;
  /** Told of every message the user records, in both directions. */
  onRecord?(user: SimulatedUser, dir: WireDirection, msg: unknown): void;
  /** Audio output streams apps opened on this cloud (3.0.0-hono). */
  readonly audio?: { readonly streams: ReadonlyMap<string, AudioStreamRecord> };
  /** Issues `request_telemetry` tokens and accepts the uploads. */
  readonly telemetry?: { issue(user: SimulatedUser, windowMs?: number): { incidentId: string; uploadToken: string; message: Record<string, unknown> } };
}

export class SimulatedUser {
  readonly displays: DisplayRecord[] = [];
  readonly wire: WireRecord[] = [];
  /** The latest layout per view. */
  readonly current: Record<string, DisplayRecord | undefined> = {};
  subscriptions: SubscriptionRequest[] = [];
  /** Handshakes completed (1 after start; more after reconnects). */
  connections = 0;
  webhookResponse: WebhookAnswer | undefined;
  /** Base URL of the app's server (where webhooks and photo uploads go). */
  appUrl: string | undefined;
  /** When the first handshake completed (ISO string). */
  joinedAt: string | undefined;
  /** Close code of the app's last socket close, once closed. */
  lastCloseCode: number | undefined;
  ws: WebSocket | null = null;
  /** sha256 hex of the API key the app presented; the cloud signs tool calls with it. */
  apiKeyHash: string | undefined;
  /** When each `tpa_connection_init` arrived, in ms since the cloud started (first handshake, then reconnects). */
  readonly connectionTimes: number[] = [];
  /** Refuse the next handshake of this user with a `tpa_connection_error` of this code (then close 1008). */
  refuseNextConnection: { code: string; message?: string } | undefined;
  /** Telemetry uploads the app made for this user's incidents (3.0.0-hono). */
  readonly telemetryUploads: TelemetryUpload[] = [];
  /** @internal the TCP socket under `ws` */
  socket: Socket | null = null;
  private waiters = new Set<Waiter>();

  constructor(
    private readonly cloud: UserCloud,
    readonly userId: string,
    readonly sessionId: string,
    /** The session's package; a cloud with `acceptAnyPackage` sets it to the one the app sent. */
    public packageName: string,
  ) {}

  get connected(): boolean {
    return !!this.ws && this.ws.readyState === 1;
  }

  /** How this cloud delivers photos to the app. */
  get dialectPhotoDelivery(): 'websocket' | 'http-upload' {
    return this.cloud.dialect.photoDelivery;
  }

  /** Every app→cloud message of one type. */
  sent(type: string): any[] {
    return this.wire.filter((r) => r.dir === 'app->cloud' && r.msg?.type === type).map((r) => r.msg);
  }

  // ------------------------------------------------------------------ inputs

  /** A transcription, routed as the cloud would: only if the app subscribed to that language. Returns frames sent. */
  async transcribe(text: string, opts: { isFinal?: boolean; language?: string } = {}): Promise<number> {
    const language = opts.language ?? 'en-US';
    const now = Date.now();
    const data = {
      type: 'transcription',
      text,
      isFinal: opts.isFinal ?? true,
      startTime: now,
      endTime: now + 1000,
      transcribeLanguage: language,
      provider: 'test-cloud',
    };
    return this.routeStream('transcription', `transcription:${language}`, data);
  }

  async translate(text: string, opts: { from: string; to: string; isFinal?: boolean; originalText?: string }): Promise<number> {
    const now = Date.now();
    const data = {
      type: 'translation',
      text,
      originalText: opts.originalText,
      isFinal: opts.isFinal ?? true,
      startTime: now,
      endTime: now + 1000,
      transcribeLanguage: opts.from,
      translateLanguage: opts.to,
      didTranslate: true,
      provider: 'test-cloud',
    };
    return this.routeStream('translation', `translation:${opts.from}-to-${opts.to}`, data);
  }

  pressButton(buttonId = 'main', pressType: 'short' | 'long' = 'short'): Promise<number> {
    return this.routeStream('button_press', 'button_press', { type: 'button_press', buttonId, pressType, timestamp: new Date().toISOString() });
  }

  moveHead(position: 'up' | 'down'): Promise<number> {
    return this.routeStream('head_position', 'head_position', { type: 'head_position', position, timestamp: new Date().toISOString() });
  }

  touch(gesture: string): Promise<number> {
    return this.routeStream('touch_event', `touch_event:${gesture}`, {
      type: 'touch_event',
      device_model: 'test-glasses',
      gesture_name: gesture,
      timestamp: new Date().toISOString(),
    });
  }

  notify(n: { app: string; title: string; content: string; priority?: string }): Promise<number> {
    return this.routeStream('phone_notification', 'phone_notification', {
      type: 'phone_notification',
      notificationId: `n-${Date.now()}`,
      priority: 'normal',
      ...n,
    });
  }

  battery(level: number, charging = false): Promise<number> {
    return this.routeStream('glasses_battery_update', 'glasses_battery_update', { type: 'glasses_battery_update', level, charging });
  }

  location(lat: number, lng: number, accuracy?: number): Promise<number> {
    return this.routeStream('location_update', 'location_update', { type: 'location_update', lat, lng, accuracy });
  }

  /** Sends a `data_stream` with exactly this streamType and data, subscribed or not. */
  emit(streamType: string, data: unknown): Promise<number> {
    return this.sendMessage({ type: 'data_stream', sessionId: this.sessionId, streamType, data, timestamp: new Date().toISOString() }).then(() => 1);
  }

  /** Replaces the app settings (`settings_update`). */
  updateSettings(settings: SettingRecord[]): Promise<void> {
    return this.sendMessage({
      type: 'settings_update',
      packageName: this.packageName,
      sessionId: this.sessionId,
      settings,
      timestamp: new Date().toISOString(),
    });
  }

  /** Updates system settings (`augmentos_settings_update`). */
  updateSystemSettings(settings: Record<string, unknown>): Promise<void> {
    return this.sendMessage({ type: 'augmentos_settings_update', sessionId: this.sessionId, settings, timestamp: new Date().toISOString() });
  }

  /**
   * The assistant calling one of the app's tools for this user: `POST /tool` signed with the dialect's
   * API-key header (`apiKeyHash: null` sends none, a string sends that value instead).
   */
  callTool(toolId: string, toolParameters: Record<string, unknown> = {}, opts: { apiKeyHash?: string | null } = {}): Promise<WebhookAnswer> {
    const hash = opts.apiKeyHash === undefined ? this.apiKeyHash : opts.apiKeyHash;
    const headers: Record<string, string> = hash ? { [this.cloud.dialect.apiKeyHeader]: hash } : {};
    return this.cloud.postToApp(this, '/tool', { toolId, toolParameters, timestamp: new Date().toISOString(), userId: this.userId }, headers);
  }

  /** The user saving app settings, pushed as the cloud does: `settings_update` over the socket, then `POST /settings`. */
  async pushSettings(settings: SettingRecord[], opts: { viaWebSocket?: boolean } = {}): Promise<WebhookAnswer> {
    if (opts.viaWebSocket !== false && this.connected) await this.updateSettings(settings);
    return this.cloud.postToApp(this, '/settings', { userIdForSettings: this.userId, settings });
  }

  /** Sends any JSON message to the app. */
  sendMessage(msg: Record<string, unknown>): Promise<void> {
    return this.sendRaw(JSON.stringify(msg), msg);
  }

  /**
   * Sends a raw frame, for hostile-input tests and audio: a string as a text frame, a Buffer as a binary
   * frame unless `asText` (then its bytes go out as a text frame, valid UTF-8 or not).
   */
  sendRaw(frame: string | Buffer, recordAs?: unknown, opts: { asText?: boolean } = {}): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState !== 1) return Promise.reject(new Error(`User ${this.userId} has no open connection`));
    const binary = typeof frame !== 'string' && !opts.asText;
    this.record('cloud->app', recordAs ?? (typeof frame === 'string' ? parseOrRaw(frame, 200) : { binary: frame.length }));
    return new Promise((resolve, reject) => ws.send(frame, { binary }, (err) => (err ? reject(err) : resolve())));
  }

  // ------------------------------------------------------------------ 3.0.0-hono: audio streams and telemetry

  /** The audio output streams the app opened for this user, oldest first. */
  get audioStreams(): AudioStreamRecord[] {
    return [...(this.cloud.audio?.streams.values() ?? [])].filter((s) => s.sessionId === this.sessionId);
  }

  /** Asks the app for its recent log lines (`request_telemetry`); wait for the upload with `waitForTelemetry`. */
  async requestTelemetry(opts: { windowMs?: number } = {}): Promise<{ incidentId: string; uploadToken: string }> {
    if (!this.cloud.telemetry) throw new Error('This cloud does not take telemetry');
    const { incidentId, uploadToken, message } = this.cloud.telemetry.issue(this, opts.windowMs ?? 0);
    await this.sendMessage(message);
    return { incidentId, uploadToken };
  }

  /** Resolves with the app's telemetry upload for `incidentId`. */
  waitForTelemetry(incidentId: string, timeoutMs = DEFAULT_WAIT_MS): Promise<TelemetryUpload> {
    return this.waitFor(() => this.telemetryUploads.find((u) => u.incidentId === incidentId), timeoutMs, `the telemetry upload for ${incidentId}`);
  }

  // ------------------------------------------------------------------ answering the app's requests

  /**
   * Answers a `photo_request` the way this cloud's dialect delivers photos: an HTTP upload to the app's
   * `/photo-upload` (returns the app's answer), or a WebSocket `photo_response` with a URL.
   */
  async answerPhoto(requestId: string, answer: PhotoAnswer = {}): Promise<WebhookAnswer | undefined> {
    if (this.cloud.dialect.photoDelivery === 'websocket') {
      await this.sendMessage(photoResponseMessage(requestId, answer));
      return undefined;
    }
    return this.uploadPhoto(photoUploadFor(requestId, answer));
  }

  /** POSTs a multipart upload (or a raw body) to the app's `/photo-upload`, as glasses would. */
  async uploadPhoto(upload: PhotoUpload): Promise<WebhookAnswer> {
    if (!this.appUrl) throw new Error('This user was not started by a test cloud');
    this.record('webhook', { type: 'photo_upload', fields: upload.fields, bytes: upload.file?.data.length });
    return postPhotoUpload(this.appUrl, upload);
  }

  /**
   * Sends this user's later HTTP calls (webhooks, `/tool`, `/settings`, uploads) to another instance of the
   * app, as a load balancer in front of several instances may. The webhook path stays unless given.
   */
  routeTo(app: AppTarget, webhookPath?: string): this {
    const self = this as unknown as { webhookBase?: string };
    const path = webhookPath ?? (this.appUrl && self.webhookBase ? self.webhookBase.slice(this.appUrl.length) : '/webhook');
    this.appUrl = baseUrlOf(app);
    self.webhookBase = this.appUrl + path;
    return this;
  }

  // ------------------------------------------------------------------ connection control

  /** Cuts the connection abruptly (the app sees 1006 and should reconnect). */
  dropConnection(): void {
    this.ws?.terminate();
  }

  /**
   * Stops answering on the current connection without closing it, like a half-open TCP link: the cloud
   * reads nothing more (so it answers no ping). The app should notice through its pings and reconnect.
   */
  freeze(): void {
    this.socket?.pause();
  }

  /** Closes the connection with a code, as the cloud would. */
  closeConnection(code = 1000, reason = ''): void {
    this.ws?.close(code, reason);
  }

  /** Sends the `stop_request` webhook and waits for the app to close its socket. */
  async stop(reason = 'user_disabled', timeoutMs = 5000): Promise<WebhookAnswer> {
    const answer = await this.cloud.postWebhook(this, {
      type: 'stop_request',
      sessionId: this.sessionId,
      userId: this.userId,
      reason,
      timestamp: new Date().toISOString(),
    });
    await this.waitFor(() => !this.connected || undefined, timeoutMs, 'the app to close its connection');
    return answer;
  }

  // ------------------------------------------------------------------ waiting

  /** Resolves with the first display (current or future) matching text, a RegExp or a predicate. */
  waitForDisplay(match: DisplayMatcher, opts: { timeoutMs?: number; view?: string } = {}): Promise<DisplayRecord> {
    const test = (d: DisplayRecord | undefined) => !!d && (!opts.view || d.view === opts.view) && displayMatches(d, match);
    let seen = 0;
    return this.waitFor(
      () => {
        for (const d of Object.values(this.current)) if (test(d)) return d;
        for (; seen < this.displays.length; seen++) if (test(this.displays[seen])) return this.displays[seen];
        return undefined;
      },
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      `a display matching ${describeMatcher(match)}`,
    );
  }

  /** Resolves with the first app→cloud message (past or future) satisfying the predicate. */
  waitForMessage(pred: (msg: any) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<any> {
    return this.waitFor(() => this.wire.find((r) => r.dir === 'app->cloud' && pred(r.msg))?.msg, timeoutMs, 'an app message');
  }

  /** Resolves once the subscription list satisfies the predicate. */
  waitForSubscriptions(pred: (subs: SubscriptionRequest[]) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<SubscriptionRequest[]> {
    return this.waitFor(() => (pred(this.subscriptions) ? this.subscriptions : undefined), timeoutMs, 'a subscription update');
  }

  /** Resolves once the app has completed `count` handshakes in all. */
  waitForConnections(count: number, timeoutMs = 10_000): Promise<void> {
    return this.waitFor(() => (this.connections >= count && this.connected ? true : undefined), timeoutMs, `${count} handshakes`).then(() => {});
  }

  waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const first = check();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check,
        resolve: (v) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(v);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (user ${this.userId})`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  // ------------------------------------------------------------------ called by the cloud

  /** @internal */
  record(dir: WireDirection, msg: unknown): void {
    this.wire.push({ t_ms: Math.round((performance.now() - this.cloud.startedAt) * 10) / 10, dir, msg });
    if (dir === 'app->cloud' && msg && typeof msg === 'object') this.onAppMessage(msg as any);
    this.cloud.onRecord?.(this, dir, msg);
    this.wake();
  }

  /** @internal */
  wake(): void {
    for (const w of [...this.waiters]) {
      const v = w.check();
      if (v !== undefined) w.resolve(v);
    }
  }

  private onAppMessage(msg: any): void {
    if (msg.type === 'display_event' && msg.layout) {
      const d: DisplayRecord = { view: msg.view ?? 'main', layout: msg.layout, at: Date.now() };
      if (typeof msg.durationMs === 'number') d.durationMs = msg.durationMs;
      this.displays.push(d);
      this.current[d.view] = d;
    } else if (msg.type === 'subscription_update' && Array.isArray(msg.subscriptions)) {
      this.subscriptions = msg.subscriptions;
    }
  }

  /**
   * Sends a stream event the way this cloud's dialect does, once per matching subscription. Like the real
   * cloud it sends nothing for a stream the app has not subscribed to; it first waits up to
   * `routeWaitMs` for the subscription, since apps subscribe in onSession after the handshake.
   */
  async routeStream(base: string, key: string, data: Record<string, unknown>): Promise<number> {
    const targets = () => {
      const subs = this.subscriptions.map((s) => (typeof s === 'string' ? s : s.stream));
      if (this.cloud.dialect.streamTypeForm === 'base') return subs.some((s) => streamBase(s) === base) ? [base] : [];
      let matching = subs.filter((s) => s === key || canonicalStreamKey(s) === key);
      if (matching.length === 0 && base !== key) matching = subs.filter((s) => s === base);
      return matching;
    };
    let streams = targets();
    if (streams.length === 0 && this.cloud.routeWaitMs > 0) {
      streams = await this.waitFor(() => (targets().length > 0 ? targets() : undefined), this.cloud.routeWaitMs, `a subscription to ${key}`).catch(() => []);
    }
    for (const s of streams) await this.emit(s, data);
    return streams.length;
  }
}
