/**
 * The connection of one session to the cloud: the socket of the moment, the handshake
 * (`tpa_connection_init` -> ack within `handshakeTimeoutMs`), liveness pings, the close-code table and
 * reconnecting with backoff inside the budget. It knows nothing of handlers, subscriptions or the queue:
 * it tells its host (the session) when the link is up, when it dropped and when it is lost for good, and
 * hands it every frame it parsed.
 *
 * The socket comes from a `Transport` (`ws` by default), so the session can be tested over an in-memory one.
 */
import type { Dialect } from '../../protocol/dialects';
import { isoNow } from './clock';
import { readCloudFrame } from './frames';
import { SdkError, isSdkError, toError } from '../errors';
import { type Slot, type Watched, unwatchLiveness, watchLiveness } from './liveness';
import type { ConnectionHost, LostReason } from './session-types';
import { type CloseAction, type HandshakeGate, ReconnectPlan, type ReconnectOptions, closeAction } from './reconnect';
import { type SocketEvents, type Transport, type TransportSocket, wsTransport } from './transport';

export type { ConnectionHost, DisconnectInfo, LostReason } from './session-types';

export interface ConnectionOptions {
  url: string;
  sessionId: string;
  packageName: string;
  apiKey: string;
  handshakeTimeoutMs: number;
  reconnect: Required<ReconnectOptions>;
  /** 0 disables the pings and zombie detection. */
  pingIntervalMs: number;
  /** Also send the app-level `{"type":"ping"}` text frame with each liveness ping (3.0.0-hono). */
  appPing?: boolean;
  handshakeGate?: HandshakeGate;
  /** Where sockets come from (default: the `ws` library). */
  transport?: Transport;
  /** The cloud generation, when known: its spelling is tried first (every generation's is understood). */
  dialect?: Readonly<Dialect>;
}

interface Handshake {
  link: Link;
  resolve: () => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One socket's events, handed to the connection with the link they came from, so events of a socket that
 * was replaced are told apart. One small object per socket (prototype methods, no closures); once the
 * handshake is over it holds nothing but the connection and the socket.
 */
class Link implements SocketEvents {
  socket!: TransportSocket;

  constructor(private readonly conn: Connection) {}

  open(): void {
    this.conn.sendInit(this.socket);
  }

  text(data: string): void {
    this.conn.onText(this, data);
  }

  binary(data: Uint8Array): void {
    this.conn.onBinary(this, data);
  }

  alive(): void {
    if (this.socket === this.conn.currentSocket) this.conn.alive = true;
  }

  close(code: number, reason: string): void {
    this.conn.onSocketClose(this, code, reason);
  }

  error(err: Error): void {
    this.conn.onSocketError(this, err);
  }
}

function handshakeTimedOut(conn: Connection, link: Link, ms: number): void {
  conn.settle(link, new SdkError('handshake_timeout', `The cloud did not acknowledge the connection within ${ms} ms`));
}

/** Also the liveness target of its socket (`Watched`): no extra object per session. */
export class Connection implements Watched {
  /** Set on every frame, ping or pong from the peer; cleared by each liveness sweep. */
  // Stryker disable next-line BooleanLiteral: watchLiveness sets it before the first sweep reads it
  alive = true;
  /** The liveness slot that holds this connection while its acknowledged socket is watched. */
  slot: Slot | undefined = undefined;
  private socket: TransportSocket | null = null;
  private handshake: Handshake | null = null;
  /** Whether the current socket was acknowledged: meaningful only while `socket` is set (reset with each new socket). */
  // Stryker disable next-line BooleanLiteral: openSocket resets it before the first socket exists
  private acked = false;
  private ended = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private leaveGate: (() => void) | undefined;
  private readonly plan: ReconnectPlan;

  constructor(
    private readonly opts: ConnectionOptions,
    private readonly host: ConnectionHost,
  ) {
    this.plan = new ReconnectPlan(opts.reconnect);
  }

  /** True while an acknowledged socket is open. */
  get ready(): boolean {
    return this.acked && !!this.socket?.isOpen;
  }

  /** Liveness checks only acknowledged, open sockets. */
  get isOpen(): boolean {
    return this.ready;
  }

  /** The first connection; rejects with the handshake's error (there is no reconnect before a first ack). */
  async open(): Promise<void> {
    await this.openSocket();
    this.onUp(0);
  }

  /** Writes one text frame to the acknowledged socket; false when there is none. */
  send(text: string): boolean {
    const socket = this.socket;
    if (!this.acked || !socket || !socket.isOpen) return false;
    socket.send(text);
    return true;
  }

  /** Writes one binary frame to the acknowledged socket; false when there is none. */
  sendBinary(data: Uint8Array): boolean {
    const socket = this.socket;
    if (!this.acked || !socket || !socket.isOpen) return false;
    socket.sendBinary(data);
    return true;
  }

  /** Ends the connection for good: no more reconnects; the socket is closed with 1000. */
  close(why: string): Promise<void> {
    this.ended = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.leaveGate?.();
    this.leaveGate = undefined;
    this.stopWatching();
    if (this.handshake) this.settle(this.handshake.link, new SdkError('session_closed', `Session ${this.opts.sessionId} ended (${why}) during the handshake`));
    const socket = this.socket;
    this.socket = null;
    return socket ? socket.close(1000, 'App session ended') : Promise.resolve();
  }

  // ------------------------------------------------------------------ one socket

  /** @internal The socket of the moment (links compare against it). */
  get currentSocket(): TransportSocket | null {
    return this.socket;
  }

  private openSocket(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const link = new Link(this);
      const socket = (this.opts.transport ?? wsTransport)(this.opts.url, link);
      link.socket = socket;
      this.socket = socket;
      this.acked = false;
      const ms = this.opts.handshakeTimeoutMs;
      this.handshake = { link, resolve, reject, timer: setTimeout(handshakeTimedOut, ms, this, link, ms) };
    });
  }

  /** @internal Ends the handshake of `link` (if it is the current one): resolved with no error, else rejected. */
  settle(link: Link, err: Error | null): void {
    const handshake = this.handshake;
    if (handshake?.link !== link) return;
    this.handshake = null;
    clearTimeout(handshake.timer);
    if (!err) return handshake.resolve();
    this.socket = null;
    link.socket.terminate();
    handshake.reject(err);
  }

  /** @internal */
  onBinary(link: Link, data: Uint8Array): void {
    if (link.socket !== this.socket) return;
    this.alive = true;
    this.host.onCloudBinary(data);
  }

  /** @internal */
  onSocketClose(link: Link, code: number, reason: string): void {
    if (this.handshake?.link === link) {
      const text = reason.length ? ` ${reason}` : '';
      this.settle(
        link,
        new SdkError('connect_failed', `The cloud closed the connection (${code}${text}) before acknowledging it`, { details: { closeCode: code } }),
      );
    } else this.onClose(link.socket, code, reason);
  }

  /** @internal */
  onSocketError(link: Link, err: Error): void {
    if (this.handshake?.link === link) {
      this.settle(link, new SdkError('connect_failed', `Could not connect to the cloud at ${safeHost(this.opts.url)}: ${err.message}`, { cause: err }));
    } else this.host.logger.debug(`WebSocket error: ${err.message}`);
  }

  /** @internal */
  sendInit(socket: TransportSocket): void {
    socket.send(
      JSON.stringify({
        type: 'tpa_connection_init',
        sessionId: this.opts.sessionId,
        packageName: this.opts.packageName,
        apiKey: this.opts.apiKey,
        timestamp: isoNow(),
      }),
    );
  }

  /** @internal */
  onText(link: Link, data: string): void {
    if (link.socket !== this.socket) return;
    this.alive = true;
    const frame = readCloudFrame(data, this.opts.dialect);
    if (typeof frame === 'string') return this.host.onFrameDropped(frame);
    if (frame.kind === 'refused') return this.refused(frame.code, frame.text);
    try {
      this.host.onCloudFrame(frame);
    } catch (e) {
      this.host.onFrameDropped(`handling ${frame.message.type.slice(0, 40)} failed: ${toError(e).message}`);
    }
    if (frame.kind === 'ack') this.settle(link, null);
  }

  private refused(code: string, message: string | undefined): void {
    const text = message !== undefined ? `: ${message.slice(0, 300)}` : '';
    const err = new SdkError('connection_error', `The cloud refused the app (${code})${text}`, { details: { cloudCode: code } });
    if (this.handshake) return this.settle(this.handshake.link, err);
    this.host.reportError(err);
    this.giveUp('connection_error');
  }

  private onUp(attempt: number): void {
    this.acked = true;
    this.plan.connected();
    watchLiveness(this, this.opts.pingIntervalMs);
    this.host.onLinkUp(attempt);
  }

  private stopWatching(): void {
    unwatchLiveness(this);
  }

  private onClose(socket: TransportSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.stopWatching();
    const action: CloseAction = closeAction(code);
    const permanent = action === 'terminal' || this.opts.reconnect.budgetMs <= 0;
    this.host.onLinkDown({
      message: `Connection closed (code: ${code})${reason ? `: ${reason}` : ''}`,
      code,
      reason,
      wasClean: code === 1000 || code === 1001,
      willReconnect: !permanent,
      permanent,
    });
    if (this.ended) return;
    if (action === 'terminal') return this.giveUp(code === 1008 ? 'connection_error' : 'cloud_closed', code);
    if (permanent) return this.giveUp('transport_lost', code);
    this.plan.dropped(action);
    this.scheduleReconnect();
  }

  /**
   * Replaces the acknowledged socket with a new one at once (an app calling `connect()` again, as the
   * published SDKs allowed): the old socket is dropped, the host hears of the drop, and a new socket sends a
   * new init; the session, its handlers and its queue stay. Does nothing when no acknowledged socket is up.
   */
  restart(): void {
    const socket = this.socket;
    if (!socket || !this.acked) return;
    this.socket = null;
    this.stopWatching();
    socket.terminate();
    const info = { code: 1006, reason: 'reconnect requested by the app', wasClean: false, willReconnect: true, permanent: false };
    this.host.onLinkDown({ message: `Connection closed (code: ${info.code}): ${info.reason}`, ...info });
    this.enterGate();
  }

  /**
   * Pings the current socket (liveness calls it, on its shared sweep); with `appPing`, the 3.0.0-hono
   * app-level `{"type":"ping"}` goes out too (no timer of its own: it starts after the ack, stops with the
   * socket and restarts after a reconnect, as the sweep does).
   */
  ping(): void {
    const socket = this.socket;
    if (!socket) return;
    socket.ping();
    if (this.opts.appPing) socket.send(APP_PING);
  }

  /** The current socket missed a ping (liveness calls it). */
  onZombie(): void {
    const socket = this.socket;
    if (!socket) return;
    this.host.logger.warn(`The cloud did not answer a ping within ${this.opts.pingIntervalMs} ms; reconnecting`);
    // terminate() reports no close: act on the drop here, as a 1006 (abnormal closure).
    socket.terminate();
    this.onClose(socket, 1006, 'no answer to pings');
  }

  private giveUp(reason: LostReason, closeCode?: number): void {
    if (this.ended) return;
    void this.close(reason);
    this.host.onLinkLost(reason, closeCode);
  }

  // ------------------------------------------------------------------ reconnect

  private scheduleReconnect(): void {
    const delay = this.plan.nextDelay();
    if (delay === undefined) {
      this.host.logger.warn(`Could not reconnect within ${this.opts.reconnect.budgetMs} ms; ending the session`);
      this.giveUp('transport_lost');
      return;
    }
    this.reconnectTimer = setTimeout(() => this.enterGate(), delay);
  }

  /** Waits for a handshake slot (shared by the engine's sessions), then tries once. */
  private enterGate(): void {
    this.reconnectTimer = undefined;
    if (this.ended) return;
    const gate = this.opts.handshakeGate;
    if (!gate) return void this.tryReconnect(() => {});
    this.leaveGate = gate.enter((release) => {
      this.leaveGate = undefined;
      void this.tryReconnect(release);
    });
  }

  /** Runs only from `enterGate`, after its check of `ended` (`close()` takes an attempt still waiting out of the gate). */
  private async tryReconnect(release: () => void): Promise<void> {
    const attempt = this.plan.attempt();
    try {
      await this.openSocket();
    } catch (e) {
      release();
      if (this.ended) return;
      if (isSdkError(e, 'connection_error')) {
        this.host.reportError(e);
        this.giveUp('connection_error');
        return;
      }
      this.host.logger.debug(`Reconnect attempt ${attempt} failed: ${toError(e).message}`);
      this.scheduleReconnect();
      return;
    }
    release();
    if (this.ended) return;
    this.onUp(attempt);
  }
}

/** The 3.0.0-hono app-level ping (no timestamp, as published). */
const APP_PING = '{"type":"ping"}';

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
