/**
 * One user's session with the cloud: a state machine over one WebSocket at a time.
 *
 *   connecting --ack--> ready --abnormal close / zombie--> reconnecting --ack--> ready
 *        \                 \--terminal close / connection error / dispose--> closed
 *         \--error/timeout--> closed                 reconnecting --budget spent / refused--> closed
 *
 * Close codes map to resume, reconnect or terminal (the table is in `reconnect.ts`). While the socket is up a ping goes out
 * every `pingIntervalMs`; a socket that stops answering is terminated and resumed. Everything that must survive a reconnect
 * (handlers, subscriptions, settings, pending requests, the outbound queue) lives here; modules hold the session, not a socket.
 */
import type { Dialect } from '../../protocol/dialects';
import type { SubscriptionRequest } from '../../protocol/messages';
import type { AppToCloudMessage } from '../../protocol/outbound';
import { isoNow } from './clock';
import { type CloudRequestInit, credentialedFetch } from './cloud-http';
import { Connection, type ConnectionHost, type DisconnectInfo, type LostReason } from './connection';
import { Emitter, type Listener } from '../emitter';
import { type ModuleState, newModuleState, recordModuleState } from '../modules/module-state';
import { SdkError, toError } from '../errors';
import { type CloudFrame, toArrayBuffer } from './frames';
import { sessionLogger, type Logger } from '../logger';
import { OutboundQueue } from './outbound-queue';
import type { SessionOptions } from './session-options';
import type { HandshakeGate } from './reconnect';
import { PendingRequests, endedBefore } from './requests';
import { SettingsStore } from './settings-store';
import { StreamTable, checkStreamName, type StreamHandler } from './streams';
import type { Transport } from './transport';
import type { SessionState, StopReason } from './session-types';

export type { DisconnectInfo, SessionState, StopReason };

/** The events `dispatch` may also deliver (the others of `on` are the session's own: `state`, `closed`). */
const SYSTEM_EVENTS: ReadonlySet<string> = new Set(['connected', 'disconnected', 'reconnected', 'error']);

/** `SessionOptions` come resolved from the server's one options object (`options.ts`). */
export interface CoreSessionOptions extends SessionOptions {
  sessionId: string;
  userId: string;
  packageName: string;
  apiKey: string;
  url: string;
  /** The cloud generation, when the webhook told it (frames of every generation are understood). */
  dialect?: Readonly<Dialect>;
  logger: Logger;
  /** Requests answered outside this session's socket (photo uploads), kept by the engine across replacements. */
  sharedRequests?: PendingRequests;
  /** The server's extra trusted hosts (a telemetry upload checks the session's cloud again). */
  trustedCloudHosts?: readonly string[];
  /** Shared cap on simultaneous reconnect handshakes (the engine passes one gate to all its sessions). */
  handshakeGate?: HandshakeGate;
  /** Where sockets come from (default: the `ws` library); tests pass an in-memory transport. */
  transport?: Transport;
  /** Called once, when the session reaches `closed`. */
  onEnd?: (reason: StopReason, session: CoreSession) => void;
  /** Where errors go when the session has no `error` listener. */
  reportError: (err: Error, session: CoreSession) => void;
}

export class CoreSession implements ConnectionHost {
  readonly sessionId: string;
  readonly userId: string;
  readonly packageName: string;
  readonly url: string;
  readonly settings: SettingsStore;
  private _requests: PendingRequests | undefined;
  /** The engine's registry for answers that arrive over HTTP; entries are owned by `sessionId`. */
  readonly sharedRequests: PendingRequests;
  capabilities: Record<string, unknown> | null = null;
  private _moduleState: ModuleState | undefined;
  /** Facade objects may attach here (the engine keeps one per session). */
  facade: unknown;
  private _state: SessionState = 'connecting';
  private connectCalled = false;
  private readonly connection: Connection;
  private readonly streams: StreamTable;
  /** System events (`connected`, `closed`, ...); created with the first listener, as the next two. */
  private events: Emitter | undefined;
  /** Inbound message types, after the engine's own handling. */
  private messageListeners: Emitter | undefined;
  /** The one isolation rule for every listener of the session: a throw or a rejection goes to reportError. */
  private isolation: ((e: unknown) => void) | undefined;
  private readonly queue: OutboundQueue;
  private flushScheduled = false;
  private lastSentSubscriptions = '[]';
  private cloudStopReason: string | undefined;
  private abortController: AbortController | undefined;
  private childLogger: Logger | undefined;
  private closedPromise: Promise<void> | undefined;
  private finalizers: Array<() => unknown> | undefined;
  droppedFrames = 0;

  constructor(private readonly opts: CoreSessionOptions) {
    this.sessionId = opts.sessionId;
    this.userId = opts.userId;
    this.packageName = opts.packageName;
    this.url = opts.url;
    this.sharedRequests = opts.sharedRequests ?? new PendingRequests();
    this.queue = new OutboundQueue(opts.queueLimit);
    this.streams = new StreamTable(this);
    this.settings = new SettingsStore(this);
    // The session's options carry everything the connection needs (no copy per session).
    this.connection = new Connection(opts, this);
  }

  get state(): SessionState {
    return this._state;
  }

  /** Requests this session is waiting on an answer for over its socket (created with the first one). */
  get requests(): PendingRequests {
    return (this._requests ??= new PendingRequests());
  }

  /** What facade modules show from incoming messages, for modules created on first use (the record is created with its first message or reader). */
  get moduleState(): ModuleState {
    return (this._moduleState ??= newModuleState());
  }

  get logger(): Logger {
    // Created on first use: a session that never logs holds no child logger (and no telemetry ring).
    return (this.childLogger ??= sessionLogger(this.opts.logger, this.sessionId, this.userId, this.opts.telemetryBufferSize ?? 0));
  }

  /** The server's extra trusted hosts. */
  get trustedCloudHosts(): readonly string[] | undefined {
    return this.opts.trustedCloudHosts;
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

  // ------------------------------------------------------------------ lifecycle

  /** Opens the socket, sends `tpa_connection_init` and resolves on the ack; `sessionId` names a session an app built itself. */
  async connect(sessionId?: string): Promise<void> {
    if (this._state !== 'connecting' || this.connectCalled) throw new SdkError('invalid_argument', 'connect() may be called once per session');
    if (sessionId !== undefined) (this as { sessionId: string }).sessionId = this.opts.sessionId = sessionId;
    this.connectCalled = true;
    try {
      await this.connection.open();
    } catch (e) {
      this.dispose('handshake_failed');
      throw e;
    }
    if ((this._state as SessionState) === 'closed') throw new SdkError('session_closed', `Session ${this.sessionId} was stopped during the handshake`);
  }

  /** A new socket for a ready session (new init, same session; the `state` event tells when it is ready again). */
  restart(): void {
    if (this._state === 'ready') this.connection.restart();
  }

  /** Ends the session once: closes the socket with 1000, rejects pending requests, aborts the signal. */
  dispose(reason: StopReason): Promise<void> {
    if (this._state === 'closed') return this.closedPromise ?? Promise.resolve();
    this.setState('closed');
    const socketClosed = this.connection.close(reason);
    this.closedPromise = Promise.all([socketClosed, ...(this.finalizers ?? []).map((fn) => this.runFinalizer(fn))]).then(() => {});
    this._requests?.rejectAll(endedBefore(reason));
    this.abortController?.abort(new SdkError('session_closed', `Session ended: ${reason}`));
    const dropped = this.queue.clear();
    if (dropped > 0) this.logger.warn(`Session ended with ${dropped} unsent message(s)`);
    try {
      this.opts.onEnd?.(reason, this);
    } finally {
      this.events?.emit('closed', reason);
      this.events = undefined;
      this.messageListeners = undefined;
      this.streams.clear();
      this.settings.clearListeners();
    }
    return this.closedPromise;
  }

  /** Runs `fn` when the session ends (e.g. a last storage flush); `dispose()` waits for it. */
  addFinalizer(fn: () => unknown): void {
    if (this._state !== 'closed') (this.finalizers ??= []).push(fn);
  }

  /** An HTTP request to this session's cloud, authenticated as the app; nothing is sent to an untrusted host. */
  cloudRequest(path: string, init?: CloudRequestInit): Promise<Response> {
    return credentialedFetch(this, path, `Bearer ${this.packageName}:${this.opts.apiKey}`, init);
  }

  private async runFinalizer(fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.logger.warn(`Cleanup at session end failed: ${toError(e).message}`);
    }
  }

  /**
   * Sends one JSON message; adds `timestamp` when missing. While reconnecting the message is queued and
   * sent after the next ack. Never throws: a message that cannot be sent or queued is reported.
   */
  send(message: AppToCloudMessage): boolean {
    const msg = message.timestamp === undefined ? { ...message, timestamp: isoNow() } : message;
    if (this._state === 'closed') {
      this.logger.debug(`Dropped ${msg.type}: the session has ended`);
      return false;
    }
    if (this._state === 'ready' && this.connection.send(JSON.stringify(msg))) {
      this.queue.noteSent(msg);
      return true;
    }
    if (!this.queue.push(msg)) {
      const requestId = typeof msg.requestId === 'string' ? msg.requestId : undefined;
      this.reportError(
        new SdkError(
          'queue_full',
          `The outbound queue is full (${this.queue.size} messages) while the cloud is unreachable; ${msg.type}${requestId ? ` ${requestId}` : ''} was not sent`,
          { details: { type: msg.type, requestId } },
        ),
      );
      return false;
    }
    return true;
  }

  /** Sends one binary frame on the acknowledged socket (never queued); false when there is none or the session ended. */
  sendBinary(data: Uint8Array): boolean {
    return this._state === 'ready' && this.connection.sendBinary(data);
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
    this.streams.setGroup(
      name,
      streams.filter((s) => checkStreamName(s, this)),
    );
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
    return (this.events ??= new Emitter(this.isolate())).on(event, fn);
  }

  /** Listens for one inbound message type (canonical name), after the engine's own handling. */
  onMessage(type: string, fn: Listener): () => void {
    return (this.messageListeners ??= new Emitter(this.isolate())).on(type, fn);
  }

  /** Delivers a value to a stream's handlers (or a system event's listeners) as if it came from the cloud. */
  dispatch(streamType: string, data: unknown): void {
    if (SYSTEM_EVENTS.has(streamType)) return void (streamType === 'error' ? this.reportError(toError(data)) : this.events?.emit(streamType, data));
    this.streams.deliver(streamType, data, this.isolate());
  }

  /** An error from app code or the transport: to the session's `error` listeners, else to the server. */
  reportError(err: Error): void {
    if (this.events?.has('error')) this.events.emit('error', err);
    else this.opts.reportError(err, this);
  }

  private isolate(): (e: unknown) => void {
    return (this.isolation ??= (e) => this.reportError(toError(e)));
  }

  /** @internal The stream table changed (a handler or a subscription came or went). */
  subscriptionsChanged(): void {
    this.scheduleSubscriptionFlush();
  }

  // ---------------------------------------- what the connection reports (the session is its host, no closures: only it calls these)

  /** @internal A binary frame (audio) from the connection. */
  onCloudBinary(data: Uint8Array): void {
    if (!this.streams.hasHandlers('audio_chunk')) return;
    this.dispatch('audio_chunk', { type: 'audio_chunk', arrayBuffer: toArrayBuffer(data), timestamp: new Date() });
  }

  /** @internal The socket dropped. */
  onLinkDown(info: DisconnectInfo): void {
    if (this._state === 'closed') return;
    this.events?.emit('disconnected', info);
    if (!info.permanent) this.setState('reconnecting');
  }

  /** @internal The connection gave up; a cloud's `app_stopped` reason names a close the cloud made. */
  onLinkLost(reason: LostReason, closeCode?: number): void {
    const fromCloud = closeCode !== undefined && reason !== 'connection_error';
    this.dispose(fromCloud ? (this.cloudStopReason ?? reason) : reason);
  }

  /** @internal A parsed frame from the connection, in canonical form (the dialect normalised in `frames.ts`). */
  onCloudFrame(frame: CloudFrame): void {
    switch (frame.kind) {
      case 'ack':
        if (frame.capabilities) this.capabilities = frame.capabilities;
        this.settings.applyFrame(frame);
        break;
      case 'settings_update':
      case 'system_settings_update':
        this.settings.applyFrame(frame);
        break;
      case 'data_stream':
        this.dispatch(frame.streamType, frame.data);
        break;
      case 'audio_chunk':
        this.dispatch('audio_chunk', frame.message);
        break;
      case 'capabilities_update':
        this.capabilities = frame.capabilities;
        break;
      case 'app_stopped':
        this.cloudStopReason = frame.reason;
        break;
    }
    // Messages the module record keeps are known even while no module listens.
    const kept = recordModuleState(this, frame.type, frame.message);
    if (!this.messageListeners?.emit(frame.type, frame.message) && frame.kind === 'other' && !kept) {
      this.logger.debug(`Ignored a message of unknown type "${frame.message.type.slice(0, 60)}"`);
    }
  }

  /** @internal */
  onFrameDropped(why: string): void {
    this.droppedFrames++;
    if (this.droppedFrames === 1 || this.droppedFrames % 1000 === 0)
      this.logger.warn(`Dropped a frame from the cloud because ${why} (${this.droppedFrames} dropped so far)`);
  }

  /**
   * @internal The cloud acknowledged a socket. After every ack: the full subscription list first, then (after a
   * reconnect) the latest layout of each view the old socket may have swallowed, then whatever was queued.
   */
  onLinkUp(attempt: number): void {
    if (this._state === 'closed') return;
    const first = attempt === 0;
    this.setState('ready');
    this.events?.emit('connected', this.settings.getAppSettings());
    if (this._state !== 'ready') return;
    const list = this.streams.list();
    if (!first || list.length > 0) this.sendSubscriptions(list);
    const replays = first ? [] : this.queue.replays();
    // Queued messages were `AppToCloudMessage`s when they were sent.
    for (const msg of [...replays, ...this.queue.drain()]) this.send(msg as AppToCloudMessage);
    if (!first) this.events?.emit('reconnected', attempt);
  }

  private scheduleSubscriptionFlush(): void {
    if (this.flushScheduled || this._state !== 'ready') return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this._state !== 'ready') return;
      const list = this.streams.list();
      const text = JSON.stringify(list);
      if (text !== this.lastSentSubscriptions) this.sendSubscriptions(list, text);
    });
  }

  private sendSubscriptions(list: readonly SubscriptionRequest[], text = JSON.stringify(list)): void {
    this.lastSentSubscriptions = text;
    this.send({ type: 'subscription_update', packageName: this.packageName, subscriptions: [...list], sessionId: this.sessionId });
  }

  private setState(state: SessionState): void {
    if (this._state === state) return;
    this._state = state;
    this.events?.emit('state', state);
  }
}
