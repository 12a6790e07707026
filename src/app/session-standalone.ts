/**
 * Sessions an app builds itself (`new TpaSession(config)` / `new AppSession(config)`, then
 * `connect(sessionId)`), as AugmentOS 1.x apps with their own webhook did: the published config of every
 * release becomes a core session like those the engine builds (reconnect with jitter, the outbound queue,
 * trusted hosts, redaction, dialects), and `connect` follows the published contract on it.
 */
import { engineOwnedBy } from '../core/engine';
import { SdkError, isSdkError } from '../core/errors';
import { type LoggerLike, createSdkLogger } from '../core/logger';
import { resolveHostConfig, sessionOptions } from '../core/options';
import { CoreSession, type CoreSessionOptions } from '../core/session/session';
import { checkCloudUrl } from '../core/session/trust';
import { webhookDialect } from '../protocol/dialects';

/**
 * The config of a session an app builds itself: the union of every release's (1.0 to 2.1). Sessions the
 * server builds need none of it.
 */
export interface AppSessionConfig {
  /** The app's package name, as in the developer console. */
  packageName: string;
  /** The app's API key; sent only to a trusted cloud host, in the handshake. */
  apiKey: string;
  /** The user (the webhook's `userId`); optional, as in 1.0. */
  userId?: string;
  /** The cloud's WebSocket URL (2.x name), from the webhook body. */
  mentraOSWebsocketUrl?: string;
  /** The cloud's WebSocket URL (1.1.x name), from the webhook body. */
  augmentOSWebsocketUrl?: string;
  /** The cloud's WebSocket URL (1.0 name). */
  serverUrl?: string;
  /**
   * Reconnect after an abnormal drop, with jittered backoff inside the cloud's grace window.
   * @defaultValue true
   */
  autoReconnect?: boolean;
  /**
   * Accepted for compatibility: reconnecting is bounded by time (the cloud's 60 s grace window), not by a
   * count, so a session never gives up while the cloud would still take it back.
   * @defaultValue 3
   */
  maxReconnectAttempts?: number;
  /**
   * The first backoff ceiling in ms (each attempt waits a random time below a doubling ceiling).
   * @defaultValue 1000
   */
  reconnectDelay?: number;
  /** The server this session belongs to (2.x); its logger, trusted hosts and photo registry are used. */
  appServer?: unknown;
  /** The server this session belongs to (1.1.x name of `appServer`). */
  tpaServer?: unknown;
  /** A pino logger, console, or any object with debug/info/warn/error (default: the server's, else pino at `warn`). */
  logger?: LoggerLike;
}

/** The published default of `reconnectDelay`. */
const DEFAULT_RECONNECT_DELAY_MS = 1000;

interface Standalone {
  /** The URL as configured (checked against the trusted hosts at `connect`). */
  readonly url: string | undefined;
  readonly trustedCloudHosts: readonly string[] | undefined;
  /** The first `connect` while it runs, then undefined. */
  pending?: { sessionId: string; promise: Promise<void> };
  /** The server object the app passed (`appServer` / `tpaServer`). */
  readonly owner: unknown;
}

const standalone = new WeakMap<CoreSession, Standalone>();

/**
 * True when `arg` is what an app passes to `new AppSession(...)`: anything but the engine's session. A value
 * that is not an object is then refused by `standaloneCore` with `invalid_config`, not half-built.
 */
export function isSessionConfig(arg: unknown): arg is AppSessionConfig {
  return !(arg instanceof CoreSession);
}

/** A core session for an app-built session, from its config; throws `invalid_config` on a bad config. */
export function standaloneCore(config: AppSessionConfig, kind: string): CoreSession {
  if (typeof config !== 'object' || config === null)
    throw new SdkError('invalid_config', `${kind} config must be an object with "packageName" and "apiKey" (got ${config === null ? 'null' : typeof config})`);
  for (const field of ['packageName', 'apiKey'] as const) {
    if (typeof config[field] !== 'string' || config[field] === '')
      throw new SdkError('invalid_config', `${kind} config: "${field}" is required (a non-empty string)`);
  }
  const owner = config.appServer ?? config.tpaServer;
  const engine = engineOwnedBy(owner);
  const url = [config.mentraOSWebsocketUrl, config.augmentOSWebsocketUrl, config.serverUrl].find((u) => typeof u === 'string' && u !== '');
  const base = engine?.sessionBase();
  const own = sessionOptions(resolveHostConfig({ packageName: config.packageName, apiKey: config.apiKey }, kind));
  const reconnect = { ...(base?.options ?? own).reconnect };
  if (config.autoReconnect === false) reconnect.budgetMs = 0;
  if (typeof config.reconnectDelay === 'number' && config.reconnectDelay > 0) reconnect.baseDelayMs = config.reconnectDelay;
  else if (!base) reconnect.baseDelayMs = DEFAULT_RECONNECT_DELAY_MS;
  const options: CoreSessionOptions = {
    ...(base?.options ?? own),
    reconnect,
    sessionId: '',
    userId: typeof config.userId === 'string' ? config.userId : '',
    packageName: config.packageName,
    apiKey: config.apiKey,
    url: url ?? '',
    dialect: webhookDialect(config as unknown as Record<string, unknown>),
    logger: base?.logger ?? createSdkLogger(config.logger, 'warn', [config.apiKey]),
    reportError: (err, s) => s.logger.error(`Error in session ${s.sessionId}: ${err.message}`),
    // The server's extra trusted hosts, which every call that carries the API key checks the URL against.
    trustedCloudHosts: base?.trustedCloudHosts,
  };
  if (base) Object.assign(options, { sharedRequests: base.sharedRequests, handshakeGate: base.handshakeGate });
  const core = new CoreSession(options);
  standalone.set(core, { url, trustedCloudHosts: base?.trustedCloudHosts, owner });
  return core;
}

/** The server an app-built session was given (`appServer` / `tpaServer`), else undefined. */
export function ownerOf(core: CoreSession): unknown {
  return standalone.get(core)?.owner;
}

/**
 * `connect(sessionId)` as published: the init, then resolved at the ack once its settings are in place
 * (the subscription update follows at once); `handshake_timeout` ("Connection timeout") after the
 * handshake timeout (5 s); a refused or failed connection rejects at once.
 *
 * Called again: while the first call runs, with the same id, the same promise; once connected, with the
 * same id, the published SDKs replaced the socket (close, new socket, new init), and so does this (the
 * promise resolves at the new ack); a different id, or a session that was disconnected or failed to
 * connect, rejects (`invalid_argument`, `session_closed`): build a new session for it.
 */
export function connectSession(core: CoreSession, sessionId: string): Promise<void> {
  if (typeof sessionId !== 'string' || sessionId === '')
    return Promise.reject(new SdkError('invalid_argument', 'connect(sessionId) needs the sessionId of the session_request webhook'));
  const own = standalone.get(core);
  if (core.state === 'closed') {
    return Promise.reject(
      new SdkError('session_closed', `Session ${core.sessionId || sessionId} was disconnected or failed to connect; build a new session to connect again`),
    );
  }
  const current = own?.pending?.sessionId ?? core.sessionId;
  if (current !== '' && current !== sessionId) {
    return Promise.reject(new SdkError('invalid_argument', `This session is already connected as ${current}; build a new session for ${sessionId}`));
  }
  if (own?.pending) return own.pending.promise;
  if (core.state !== 'connecting' || !own) return untilReady(core);
  const promise = firstConnect(core, own, sessionId);
  own.pending = { sessionId, promise };
  const done = () => void (own.pending = undefined);
  promise.then(done, done);
  return promise;
}

async function firstConnect(core: CoreSession, own: Standalone, sessionId: string): Promise<void> {
  if (own.url === undefined) {
    await core.dispose('handshake_failed');
    throw new SdkError(
      'invalid_config',
      'WebSocket URL is required: pass the augmentOSWebsocketUrl or mentraOSWebsocketUrl of the session_request webhook in the session config',
    );
  }
  const verdict = checkCloudUrl(own.url, own.trustedCloudHosts);
  if (!verdict.ok) {
    await core.dispose('handshake_failed');
    throw new SdkError('invalid_config', `Refused to connect: ${verdict.reason}`);
  }
  try {
    await core.connect(sessionId);
  } catch (e) {
    if (isSdkError(e, 'handshake_timeout')) throw new SdkError('handshake_timeout', 'Connection timeout', { cause: e, details: { sessionId } });
    throw e;
  }
}

/** A new socket for a connected session; resolves at its ack, rejects if the session ends first. */
function untilReady(core: CoreSession): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const off = core.on('state', (state) => {
      if (state === 'ready') resolve();
      else if (state === 'closed') reject(new SdkError('session_closed', `Session ${core.sessionId} ended before it reconnected`));
      else return;
      off();
    });
    core.restart();
  });
}
