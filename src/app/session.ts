/**
 * `AppSession`: what an app's `onSession` receives for one user. A thin view over the core session:
 * every behaviour (transport, subscriptions, dispatch, reconnect) lives in the core.
 */
import type { Logger } from '../core/logger';
import type { CoreSession, SessionState } from '../core/session';
import type { SubscriptionRequest } from '../protocol/messages';
import type { StreamType } from '../protocol/enums';
import { EventManager, type Handler, type Unsubscribe } from './events';
import { LayoutManager } from './layouts';
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
  readonly userId: string;

  constructor(core: CoreSession) {
    cores.set(this, core);
    this.userId = core.userId;
    this.events = new EventManager(core);
    this.layouts = new LayoutManager(core);
    this.settings = this.createSettings(core);
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

  get capabilities(): Record<string, unknown> | null {
    return coreOf(this).capabilities;
  }

  /** Subscribes to a stream even without a handler (handlers subscribe on their own). */
  subscribe(stream: StreamType | string): void {
    coreOf(this).subscribe(stream);
  }

  unsubscribe(stream: StreamType | string): void {
    coreOf(this).unsubscribe(stream);
  }

  on<T = any>(stream: StreamType | string, handler: Handler<T>): Unsubscribe {
    return this.events.on(stream, handler);
  }

  /** The cloud's WebSocket URL for this session. */
  getServerUrl(): string {
    return coreOf(this).url;
  }

  /** The cloud's HTTP base URL: the WebSocket URL with its scheme mapped (ws→http, wss→https) and the app path removed. */
  getHttpsServerUrl(): string {
    const u = new URL(coreOf(this).url);
    u.protocol = u.protocol === 'ws:' ? 'http:' : 'https:';
    u.pathname = u.pathname.replace(/\/(app|tpa)-ws\/?$/, '') || '/';
    return u.href.replace(/\/$/, '');
  }

  /** Closes this session from the app side (onStop runs with reason `app_disconnect`). */
  disconnect(): Promise<void> {
    return coreOf(this).dispose('app_disconnect');
  }
}
