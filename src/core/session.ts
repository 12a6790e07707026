/**
 * One user's session with the cloud: a state machine over one WebSocket at a time.
 *
 *   connecting --ack--> ready --abnormal close / zombie--> reconnecting --ack--> ready
 *        \                 \--terminal close / connection error / dispose--> closed
 *         \--error/timeout--> closed                 reconnecting --budget spent / refused--> closed
 *
 * Close codes map to resume, reconnect or terminal (the table is in `reconnect.ts`). While the socket is up
 * a ping goes out every `pingIntervalMs`; a socket that stops answering is terminated and resumed.
 *
 * Everything that must survive a reconnect (handlers, subscriptions, settings, pending requests, the
 * outbound queue) lives here, never in the socket; modules hold the session, not a socket.
 */
import WebSocket from 'ws';
import { ackSystemSettings, canonicalMessageType } from '../protocol/dialects';
import { cloudFetch, cloudHttpBase, type CloudRequestInit } from './cloud-http';
import type { AppSetting, SubscriptionRequest } from '../protocol/messages';
import { Emitter, invokeIsolated, type Listener } from './emitter';
import { SdkError, isSdkError, toError } from './errors';
import type { Logger } from './logger';
import { watchLiveness } from './liveness';
import { OutboundQueue } from './outbound-queue';
import { RECONNECT_DEFAULTS, ReconnectPlan, closeAction, type HandshakeGate, type ReconnectOptions } from './reconnect';
import { PendingRequests } from './requests';
import { SettingsStore } from './settings-store';
import { StreamTable, checkStreamName, type StreamHandler } from './streams';
import { validStreamData } from './validate';

export type SessionState = 'connecting' | 'ready' | 'reconnecting' | 'closed';

/**
 * Why a session ended. `user_disabled`, `system_stop` and `error` come from the cloud's stop webhook;
 * the others are the SDK's own.
 */
export type StopReason =
  | 'user_disabled'
  | 'system_stop'
  | 'error'
  | 'replaced'
  | 'transport_lost'
  | 'cloud_closed'
  | 'connection_error'
  | 'server_shutdown'
  | 'handshake_failed'
  | (string & {});

export interface DisconnectInfo {
  message: string;
  code: number;
  reason: string;
  wasClean: boolean;
  /** True when the SDK is trying to reconnect (the session is not over). */
  willReconnect: boolean;
  /** True when the session is over. */
  permanent: boolean;
}

export interface CoreSessionOptions {
  sessionId: string;
  userId: string;
  packageName: string;
  apiKey: string;
  url: string;
  logger: Logger;
  handshakeTimeoutMs?: number;
  reconnect?: ReconnectOptions;
  queueLimit?: number;
  /** Requests answered outside this session's socket (photo uploads), kept by the engine across replacements. */
  sharedRequests?: PendingRequests;
  /** Ping interval in ms while connected (default 15 000; 0 disables the pings and zombie detection). */
  pingIntervalMs?: number;
  /** Shared cap on simultaneous reconnect handshakes (the engine passes one gate to all its sessions). */
  handshakeGate?: HandshakeGate;
  /** Called once, when the session reaches `closed`. */
  onEnd?: (reason: StopReason, session: CoreSession) => void;
  /** Where errors go when the session has no `error` listener. */
  reportError: (err: Error, session: CoreSession) => void;
}

interface Handshake {
  ws: WebSocket;
  resolve: () => void;
  reject: (e: Error) => void;
}

const CLOSE_WAIT_MS = 2000;
export const DEFAULT_PING_INTERVAL_MS = 15_000;

export class CoreSession {
  readonly sessionId: string;
  readonly userId: string;
  readonly packageName: string;
  readonly url: string;
  readonly settings: SettingsStore;
  readonly requests = new PendingRequests();
  /** The engine's registry for answers that arrive over HTTP; entries are owned by `sessionId`. */
  readonly sharedRequests: PendingRequests;
  capabilities: Record<string, unknown> | null = null;
  /** Facade objects may attach here (the engine keeps one per session). */
  facade: unknown;

  private _state: SessionState = 'connecting';
  private ws: WebSocket | null = null;
  private handshake: Handshake | null = null;
  private readonly streams: StreamTable;
  private readonly events: Emitter;
  /** Created on the first `onMessage`: most sessions have no module listening. */
  private messageListeners: Map<string, Set<Listener>> | undefined;
  private readonly queue: OutboundQueue;
  private readonly reconnectOpts: Required<ReconnectOptions>;
  private readonly handshakeTimeoutMs: number;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly plan: ReconnectPlan;
  private stopLiveness: (() => void) | undefined;
  private leaveGate: (() => void) | undefined;
  private flushScheduled = false;
  private lastSentSubscriptions = '[]';
  private cloudStopReason: string | undefined;
  private abortController: AbortController | undefined;
  private childLogger: Logger | undefined;
  private closedPromise: Promise<void> | undefined;
  private endReason: StopReason | undefined;
  private readonly finalizers: Array<() => unknown> = [];
  droppedFrames = 0;
  reconnects = 0;

  constructor(private readonly opts: CoreSessionOptions) {
    this.sessionId = opts.sessionId;
    this.userId = opts.userId;
    this.packageName = opts.packageName;
    this.url = opts.url;
    this.sharedRequests = opts.sharedRequests ?? new PendingRequests();
    this.handshakeTimeoutMs = opts.handshakeTimeoutMs ?? 5000;
    this.reconnectOpts = opts.reconnect ? { ...RECONNECT_DEFAULTS, ...opts.reconnect } : RECONNECT_DEFAULTS;
    this.plan = new ReconnectPlan(this.reconnectOpts);
    this.queue = new OutboundQueue(opts.queueLimit ?? 1000);
    this.streams = new StreamTable(() => this.scheduleSubscriptionFlush());
    const report = (e: unknown) => this.reportError(toError(e));
    this.events = new Emitter(report);
    this.settings = new SettingsStore(report);
  }

  get state(): SessionState {
    return this._state;
  }

  get stopReason(): StopReason | undefined {
    return this.endReason;
  }

  get logger(): Logger {
    // Created on first use: a session that never logs holds no child logger.
    return (this.childLogger ??= this.opts.logger.child({ sessionId: this.sessionId, userId: this.userId }));
  }

  /** Aborted when the session ends: tie timers and streams to it. */
  get signal(): AbortSignal {
    if (!this.abortController) {
      this.abortController = new AbortController();
      if (this._state === 'closed') this.abortController.abort();
    }
    return this.abortController.signal;
  }

  /** The current subscription list (what the cloud was or will be told). */
  get subscriptions(): readonly SubscriptionRequest[] {
    return this.streams.list();
  }

  get queuedMessages(): number {
    return this.queue.size;
  }

  // ------------------------------------------------------------------ lifecycle

  /** Opens the socket, sends `tpa_connection_init` and resolves on `tpa_connection_ack`. */
  async connect(): Promise<void> {
    if (this._state !== 'connecting' || this.ws) throw new SdkError('invalid_argument', 'connect() may be called once per session');
    try {
      await this.openSocket();
    } catch (e) {
      this.dispose('handshake_failed');
      throw e;
    }
    if ((this._state as SessionState) === 'closed') throw new SdkError('session_closed', `Session ${this.sessionId} was stopped during the handshake`);
    this.setState('ready');
    this.afterAck(true);
  }

  /** Ends the session once: closes the socket with 1000, rejects pending requests, aborts the signal. */
  dispose(reason: StopReason): Promise<void> {
    if (this._state === 'closed') return this.closedPromise ?? Promise.resolve();
    this.endReason = reason;
    this.setState('closed');
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.leaveGate?.();
    this.leaveGate = undefined;
    this.stopLiveness?.();
    this.stopLiveness = undefined;
    this.handshake?.reject(new SdkError('session_closed', `Session ${this.sessionId} ended (${reason}) during the handshake`));
    const ws = this.ws;
    this.ws = null;
    this.closedPromise = Promise.all([ws ? closeSocket(ws) : undefined, ...this.finalizers.map((fn) => this.runFinalizer(fn))]).then(() => {});
    this.requests.rejectAll((kind, id) => new SdkError('session_closed', `The session ended (${reason}) before the ${kind} request ${id} was answered`, { details: { requestId: id, reason } }));
    this.abortController?.abort(new SdkError('session_closed', `Session ended: ${reason}`));
    const dropped = this.queue.clear();
    if (dropped > 0) this.logger.warn(`Session ended with ${dropped} unsent message(s)`);
    try {
      this.opts.onEnd?.(reason, this);
    } finally {
      this.events.emit('closed', reason);
      this.events.clear();
      this.messageListeners = undefined;
      this.streams.clear();
      this.settings.clearListeners();
    }
    return this.closedPromise;
  }

  /** Runs `fn` when the session ends (e.g. a last storage flush); `dispose()` waits for it. */
  addFinalizer(fn: () => unknown): void {
    if (this._state !== 'closed') this.finalizers.push(fn);
  }

  /** An HTTP request to this session's cloud (the host it connected to), authenticated as the app. */
  cloudRequest(path: string, init?: CloudRequestInit): Promise<Response> {
    return cloudFetch(cloudHttpBase(this.url), path, `Bearer ${this.packageName}:${this.opts.apiKey}`, init);
  }

  private async runFinalizer(fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.logger.warn(`Cleanup at session end failed: ${toError(e).message}`);
    }
  }

  // ------------------------------------------------------------------ sending

  /**
   * Sends one JSON message; adds `timestamp` when missing. While reconnecting the message is queued and
   * sent after the next ack. Never throws: a message that cannot be sent or queued is reported.
   */
  send(message: { type: string; [k: string]: unknown }): boolean {
    const msg = message.timestamp === undefined ? { ...message, timestamp: new Date().toISOString() } : message;
    if (this._state === 'closed') {
      this.logger.debug(`Dropped ${msg.type}: the session has ended`);
      return false;
    }
    const ws = this.ws;
    if (this._state === 'ready' && ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(msg));
      this.queue.noteSent(msg);
      return true;
    }
    if (!this.queue.push(msg)) {
      const requestId = typeof msg.requestId === 'string' ? msg.requestId : undefined;
      this.reportError(new SdkError(
        'queue_full',
        `The outbound queue is full (${this.queue.size} messages) while the cloud is unreachable; ${msg.type}${requestId ? ` ${requestId}` : ''} was not sent`,
        { details: { type: msg.type, requestId } },
      ));
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------ streams and events

  /** Registers a stream handler; the subscription follows. Returns an unsubscribe function. */
  addHandler(stream: string, handler: StreamHandler): () => void {
    if (this._state === 'closed' || !checkStreamName(stream, this)) return () => {};
    return this.streams.add(stream, handler);
  }

  subscribe(stream: string, rate?: string): void {
    if (this._state !== 'closed' && checkStreamName(stream, this)) this.streams.subscribe(stream, rate);
  }

  /** Replaces one named group of subscriptions as a whole (handler-driven ones stay). */
  setSubscriptionGroup(name: string, streams: readonly string[]): void {
    if (this._state === 'closed') return;
    this.streams.setGroup(name, streams.filter((s) => checkStreamName(s, this)));
  }

  /** The Authorization header for calls to this session's own cloud. Internal: never log it. */
  cloudAuthorization(): string {
    return `Bearer ${this.opts.apiKey}`;
  }

  unsubscribe(stream: string): void {
    if (this._state !== 'closed') this.streams.unsubscribe(stream);
  }

  /** System events: `connected`, `disconnected`, `reconnected`, `state`, `closed`, `error`. */
  on(event: string, fn: Listener): () => void {
    if (this._state === 'closed') return () => {};
    return this.events.on(event, fn);
  }

  /** Listens for one inbound message type (canonical name), after the engine's own handling. */
  onMessage(type: string, fn: Listener): () => void {
    const listeners = (this.messageListeners ??= new Map());
    let set = listeners.get(type);
    if (!set) listeners.set(type, (set = new Set()));
    set.add(fn);
    return () => void this.messageListeners?.get(type)?.delete(fn);
  }

  /** Delivers a value to a stream's handlers as if it came from the cloud (used by modules and tests). */
  dispatch(streamType: string, data: unknown): void {
    for (const set of this.streams.targets(streamType, data)) {
      for (const fn of [...set]) invokeIsolated(fn, [data], (e) => this.reportError(toError(e)));
    }
  }

  /** An error from app code or the transport: to the session's `error` listeners, else to the server. */
  reportError(err: Error): void {
    if (this.events.has('error')) this.events.emit('error', err);
    else this.opts.reportError(err, this);
  }

  // ------------------------------------------------------------------ socket

  private openSocket(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // The handshake timer covers the whole opening (TCP, upgrade, ack), so ws needs no timeout of its own.
      // Text frames that are not valid UTF-8 are dropped as bad JSON instead of failing the connection.
      const ws = new WebSocket(this.url, { perMessageDeflate: false, skipUTF8Validation: true });
      this.ws = ws;
      const settle = (err: Error | null) => {
        if (this.handshake?.ws !== ws) return;
        this.handshake = null;
        clearTimeout(timer);
        if (!err) return resolve();
        if (this.ws === ws) this.ws = null;
        ws.removeAllListeners();
        ws.on('error', () => {});
        ws.terminate();
        reject(err);
      };
      const timer = setTimeout(
        () => settle(new SdkError('handshake_timeout', `The cloud did not acknowledge the connection within ${this.handshakeTimeoutMs} ms`)),
        this.handshakeTimeoutMs,
      );
      this.handshake = { ws, resolve: () => settle(null), reject: settle };
      this.listen(ws);
    });
  }

  /**
   * The socket's listeners. They hold only the session and the socket, so nothing of the handshake (its
   * promise, timer and callbacks) stays alive with every open session.
   */
  private listen(ws: WebSocket): void {
    ws.on('open', () => {
      ws.send(JSON.stringify({
        type: 'tpa_connection_init',
        sessionId: this.sessionId,
        packageName: this.packageName,
        apiKey: this.opts.apiKey,
        timestamp: new Date().toISOString(),
      }));
    });
    ws.on('message', (data, isBinary) => this.onFrame(ws, data, isBinary));
    ws.on('close', (code, reason) => {
      if (this.handshake?.ws === ws) this.handshake.reject(new SdkError('connect_failed', `The cloud closed the connection (${code}${reason.length ? ` ${reason.toString()}` : ''}) before acknowledging it`, { details: { closeCode: code } }));
      else this.onSocketClose(ws, code, reason.toString());
    });
    ws.on('error', (err) => {
      if (this.handshake?.ws === ws) this.handshake.reject(new SdkError('connect_failed', `Could not connect to the cloud at ${safeHost(this.url)}: ${err.message}`, { cause: err }));
      else this.logger.debug(`WebSocket error: ${err.message}`);
    });
  }

  private onFrame(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (ws !== this.ws) return;
    if (isBinary) {
      if (!this.streams.hasHandlers('audio_chunk')) return;
      this.dispatch('audio_chunk', { type: 'audio_chunk', arrayBuffer: toArrayBuffer(data), timestamp: new Date() });
      return;
    }
    let msg: any;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return this.dropFrame('it is not valid JSON');
    }
    if (!msg || typeof msg !== 'object' || Array.isArray(msg) || typeof msg.type !== 'string') {
      return this.dropFrame('it is not an object with a string "type"');
    }
    try {
      this.handleMessage(msg);
    } catch (e) {
      this.dropFrame(`handling ${String(msg.type).slice(0, 40)} failed: ${toError(e).message}`);
    }
  }

  private handleMessage(msg: any): void {
    const type = canonicalMessageType(msg.type);
    let known = true;
    switch (type) {
      case 'tpa_connection_ack':
        this.applyAck(msg);
        this.handshake?.resolve();
        break;
      case 'tpa_connection_error':
      case 'connection_error': {
        const code = typeof msg.code === 'string' ? msg.code : 'UNKNOWN';
        const text = typeof msg.message === 'string' ? `: ${msg.message.slice(0, 300)}` : '';
        const err = new SdkError('connection_error', `The cloud refused the app (${code})${text}`, { details: { cloudCode: code } });
        if (this.handshake) this.handshake.reject(err);
        else {
          this.reportError(err);
          this.dispose('connection_error');
        }
        return;
      }
      case 'data_stream':
        if (typeof msg.streamType !== 'string' || !validStreamData(msg.streamType, msg.data)) return this.dropFrame('data_stream has a missing or malformed streamType or data');
        this.dispatch(msg.streamType, msg.data);
        break;
      case 'audio_chunk':
        this.dispatch('audio_chunk', msg);
        break;
      case 'settings_update':
        if (!Array.isArray(msg.settings)) return this.dropFrame('settings_update without a settings array');
        this.settings.setApp(msg.settings);
        break;
      case 'augmentos_settings_update':
        this.settings.mergeSystem(msg.settings);
        break;
      case 'capabilities_update':
        this.capabilities = msg.capabilities && typeof msg.capabilities === 'object' ? msg.capabilities : null;
        break;
      case 'app_stopped':
        this.cloudStopReason = typeof msg.reason === 'string' ? msg.reason : 'cloud_closed';
        break;
      default:
        known = false;
    }
    const listeners = this.messageListeners?.get(type);
    if (listeners && listeners.size > 0) {
      for (const fn of [...listeners]) invokeIsolated(fn, [msg], (e) => this.reportError(toError(e)));
    } else if (!known) {
      this.logger.debug(`Ignored a message of unknown type "${String(msg.type).slice(0, 60)}"`);
    }
  }

  private applyAck(ack: any): void {
    if (Array.isArray(ack.settings)) this.settings.setApp(ack.settings);
    this.settings.mergeSystem(ackSystemSettings(ack));
    if (ack.capabilities && typeof ack.capabilities === 'object') this.capabilities = ack.capabilities;
  }

  private dropFrame(why: string): void {
    this.droppedFrames++;
    if (this.droppedFrames === 1 || this.droppedFrames % 1000 === 0) {
      this.logger.warn(`Dropped a frame from the cloud because ${why} (${this.droppedFrames} dropped so far)`);
    }
  }

  private onSocketClose(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = null;
    this.stopLiveness?.();
    this.stopLiveness = undefined;
    if (this._state === 'closed') return;
    const action = closeAction(code);
    const terminal = action === 'terminal' || this.reconnectOpts.budgetMs <= 0;
    this.events.emit('disconnected', {
      message: `Connection closed (code: ${code})${reason ? `: ${reason}` : ''}`,
      code,
      reason,
      wasClean: code === 1000 || code === 1001,
      willReconnect: !terminal,
      permanent: terminal,
    } satisfies DisconnectInfo);
    if (terminal) {
      this.dispose(code === 1008 ? 'connection_error' : (this.cloudStopReason ?? (action === 'terminal' ? 'cloud_closed' : 'transport_lost')));
      return;
    }
    this.setState('reconnecting');
    this.plan.dropped(action);
    this.scheduleReconnect();
  }

  private onZombie(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.logger.warn(`The cloud did not answer a ping within ${this.opts.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS} ms; reconnecting`);
    ws.terminate();
  }

  private scheduleReconnect(): void {
    const delay = this.plan.nextDelay();
    if (delay === undefined) {
      this.logger.warn(`Could not reconnect within ${this.reconnectOpts.budgetMs} ms; ending the session`);
      this.dispose('transport_lost');
      return;
    }
    this.reconnectTimer = setTimeout(() => this.enterGate(), delay);
  }

  /** Waits for a handshake slot (shared by the engine's sessions), then tries once. */
  private enterGate(): void {
    this.reconnectTimer = undefined;
    if (this._state !== 'reconnecting') return;
    const gate = this.opts.handshakeGate;
    if (!gate) return void this.tryReconnect(() => {});
    this.leaveGate = gate.enter((release) => {
      this.leaveGate = undefined;
      void this.tryReconnect(release);
    });
  }

  private async tryReconnect(release: () => void): Promise<void> {
    if (this._state !== 'reconnecting') return release();
    const attempt = this.plan.attempt();
    try {
      await this.openSocket();
    } catch (e) {
      release();
      if (this._state !== 'reconnecting') return;
      if (isSdkError(e, 'connection_error')) {
        this.reportError(e);
        this.dispose('connection_error');
        return;
      }
      this.logger.debug(`Reconnect attempt ${attempt} failed: ${toError(e).message}`);
      this.scheduleReconnect();
      return;
    }
    release();
    if (this._state !== 'reconnecting') return;
    this.reconnects++;
    this.setState('ready');
    this.afterAck(false);
    this.events.emit('reconnected', attempt);
  }

  /**
   * After every ack: start the pings, then the full subscription list first, then (after a reconnect) the
   * latest layout of each view the old socket may have swallowed, then whatever was queued.
   */
  private afterAck(first: boolean): void {
    this.plan.connected();
    const ws = this.ws;
    if (ws) this.stopLiveness = watchLiveness(ws, this.opts.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS, () => this.onZombie(ws));
    this.events.emit('connected', this.settings.getAppSettings());
    const list = this.streams.list();
    if (!first || list.length > 0) this.sendSubscriptions(list);
    const replays = first ? [] : this.queue.replays();
    for (const msg of [...replays, ...this.queue.drain()]) this.send(msg);
  }

  private scheduleSubscriptionFlush(): void {
    if (this.flushScheduled || this._state !== 'ready') return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this._state !== 'ready') return;
      const list = this.streams.list();
      if (JSON.stringify(list) !== this.lastSentSubscriptions) this.sendSubscriptions(list);
    });
  }

  private sendSubscriptions(list: readonly SubscriptionRequest[]): void {
    this.lastSentSubscriptions = JSON.stringify(list);
    this.send({ type: 'subscription_update', packageName: this.packageName, subscriptions: [...list], sessionId: this.sessionId });
  }

  private setState(state: SessionState): void {
    if (this._state === state) return;
    this._state = state;
    this.events.emit('state', state);
  }
}

function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, CLOSE_WAIT_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.on('error', () => {});
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'App session ended');
    else ws.terminate();
  });
}

function toArrayBuffer(data: WebSocket.RawData): ArrayBuffer {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
