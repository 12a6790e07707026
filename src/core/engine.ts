/**
 * The session engine: turns the cloud's webhooks into sessions and ends them once.
 * Framework-neutral: `handleWebhook` takes a parsed body and returns a status and a JSON body; the HTTP
 * layer sends it and then calls `after()` (onSession runs only once the cloud has its answer).
 * It knows nothing of AppServer or TpaServer: a facade supplies `hooks`.
 */
import { randomBytes } from 'node:crypto';
import { webhookDialect, webhookWebsocketUrl } from '../protocol/dialects';
import type { SettingRecord, WebhookResponse } from '../protocol/messages';
import { LocalSessionDirectory, type DirectoryHost, type SessionClaim, type SessionDirectory } from './cluster/directory';
import { SdkError, isSdkError, toError } from './errors';
import { isId, MAX_ID_LENGTH } from './ids';
import type { Logger } from './logger';
import type { SessionOptions } from './session/session-options';
import { HandshakeGate } from './session/reconnect';
import { SessionRegistry, type SessionEntry } from './registry';
import { PendingRequests, endedBefore } from './session/requests';
import { CoreSession, type CoreSessionOptions, type StopReason } from './session/session';
import { checkCloudUrl } from './session/trust';
import type { Transport } from './session/transport';

export interface EngineConfig {
  packageName: string;
  apiKey: string;
  logger: Logger;
  trustedCloudHosts?: readonly string[];
  /** What every session is given, resolved (see `options.ts`). */
  session: SessionOptions;
  /** How long a replacing session's onSession waits for the replaced session's onStop (ms, default 5000). */
  replaceWaitMs?: number;
  /** Where session ownership is recorded when several instances serve the app (default: this process only). */
  directory?: SessionDirectory;
}

/** Where an error reported to `onError` happened. */
export interface ErrorContext {
  /** The session it happened in, when there is one. */
  sessionId?: string;
  /** The user it happened for, when known. */
  userId?: string;
  /** The phase: a hook (`onSession`, `onStop`, `onToolCall`, `onSettingsUpdate`), a handler, the transport or a webhook. */
  phase: 'onSession' | 'onStop' | 'onToolCall' | 'onSettingsUpdate' | 'handler' | 'transport' | 'webhook';
}

/** A verified tool call from the cloud, as the engine hands it to the facade. */
export interface ToolCallInput {
  toolId: string;
  toolParameters: Record<string, unknown>;
  timestamp: string | number;
  userId: string;
}

export interface EngineHooks {
  /** Builds the facade object handed to the app for a new session. */
  createSession(core: CoreSession): unknown;
  onSession(facade: unknown, sessionId: string, userId: string): unknown;
  onStop(sessionId: string, userId: string, reason: StopReason, facade: unknown): unknown;
  onError(err: Error, context: ErrorContext): void;
  /** A verified tool call; `facade` is the user's live session facade, or null. Resolves to the reply. */
  onToolCall?(call: ToolCallInput, facade: unknown): unknown;
  /** App settings pushed over HTTP for one user, after they reached that user's live sessions. */
  onSettingsUpdate?(userId: string, settings: SettingRecord[]): unknown;
}

export interface WebhookResult {
  status: number;
  body: WebhookResponse;
  /** Run after the response has been sent. */
  after?: () => void;
}

/** What a session an app builds itself under a server shares with the sessions its engine builds. */
export interface SessionBase {
  options: SessionOptions;
  logger: Logger;
  trustedCloudHosts: readonly string[] | undefined;
  sharedRequests: PendingRequests;
  handshakeGate: HandshakeGate;
}

/** The engine of each facade server object (so a session given `appServer` finds its engine). */
const owners = new WeakMap<object, SessionEngine>();

/** The facade server of each engine, by the engine's shared request table (every session holds it: no per-session record). */
const ownersByRequests = new WeakMap<PendingRequests, object>();

/** Records `engine` as the engine of the facade server `owner`. */
export function registerEngineOwner(owner: object, engine: SessionEngine): void {
  owners.set(owner, engine);
  ownersByRequests.set(engine.sharedRequests, owner);
}

/** The facade server whose engine built (or shares its requests with) `session`, or undefined. */
export function serverOfSession(session: CoreSession): object | undefined {
  return ownersByRequests.get(session.sharedRequests);
}

/** The engine of a facade server, or undefined for anything else. */
export function engineOwnedBy(owner: unknown): SessionEngine | undefined {
  // A WeakMap answers undefined for a key that is not an object.
  return owners.get(owner as object);
}

/** The options of a core session that are its own; the rest are the engine's (`SessionEngine.sessionDefaults`). */
type SessionOwn = 'sessionId' | 'userId' | 'url' | 'dialect';

/** A shared request's ownership record outlives its timeout by this much (ms). */
const REQUEST_RECORD_MARGIN_MS = 5000;
/** How long the ownership record of a request without a timeout lasts (ms). */
const UNTIMED_REQUEST_RECORD_MS = 10 * 60_000;

export class SessionEngine implements DirectoryHost {
  readonly registry = new SessionRegistry();
  readonly directory: SessionDirectory;
  /**
   * Requests answered over HTTP (photo uploads), by request id and owned by a session id. They outlive a
   * reconnect and a replacement of the session (same id); they are rejected when the session really ends.
   */
  readonly sharedRequests: PendingRequests;
  /** Caps simultaneous reconnect handshakes across all sessions (a reconnect storm is spread out). */
  readonly handshakeGate: HandshakeGate;
  private readonly ending = new Set<Promise<void>>();
  private shuttingDown = false;
  private transport: Transport | undefined;
  /**
   * What every session this engine starts shares, as the prototype of each session's options, which then
   * hold only the session's own four fields (a copy of all of them was about 230 bytes per live session).
   * Built with the first session; built again after the transport changes.
   */
  private sessionDefaults: Omit<CoreSessionOptions, SessionOwn> | undefined;

  constructor(
    private readonly config: EngineConfig,
    private readonly hooks: EngineHooks,
  ) {
    const directory = (this.directory = config.directory ?? new LocalSessionDirectory());
    // With several instances, a pending request answered over HTTP is recorded as this instance's before it
    // is sent, so an upload that lands on another instance is forwarded here.
    this.sharedRequests = new PendingRequests(
      directory.shared
        ? {
            added: (id, _kind, timeoutMs) => directory.claimRequest(id, timeoutMs > 0 ? timeoutMs + REQUEST_RECORD_MARGIN_MS : UNTIMED_REQUEST_RECORD_MS),
            removed: (id) => void directory.releaseRequest(id),
          }
        : undefined,
    );
    this.handshakeGate = new HandshakeGate(config.session.reconnect.maxConcurrentHandshakes);
  }

  /** What a session an app builds itself with this engine's server shares with the engine's sessions. */
  sessionBase(): SessionBase {
    const { session, logger, trustedCloudHosts } = this.config;
    return { options: session, logger, trustedCloudHosts, sharedRequests: this.sharedRequests, handshakeGate: this.handshakeGate };
  }

  /** One function for every session (not a closure per session). */
  private readonly reportSessionError = (err: Error, s: CoreSession): void => {
    this.hooks.onError(err, { sessionId: s.sessionId, userId: s.userId, phase: 'handler' });
  };

  /**
   * One function for every session, called once by its dispose. A session's entry stays in the registry until
   * this runs: a replacement is added only after the session it replaces was disposed (`startSession`).
   */
  private readonly sessionEnded = (reason: StopReason, s: CoreSession): void => {
    const entry = this.registry.get(s.sessionId);
    // Stryker disable next-line OptionalChaining: a session reports its end within its dispose, while its entry is still registered
    if (entry?.session === s) this.onEnd(entry, reason);
  };

  async handleWebhook(body: unknown): Promise<WebhookResult> {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: every route parses the body strictly (an object or an array: parseStrict, express.json), so only the array test can decide here
    if (!body || typeof body !== 'object' || Array.isArray(body)) return bad(400, 'The webhook body must be a JSON object');
    const b = body as Record<string, unknown>;
    if (typeof b.type !== 'string') return bad(400, 'The webhook body needs a string "type"');
    if (b.type !== 'session_request' && b.type !== 'stop_request') return bad(400, `Unknown webhook request type "${b.type.slice(0, 60)}"`);
    if (this.shuttingDown && b.type === 'session_request') return bad(503, 'The app server is shutting down', 'SHUTTING_DOWN');
    if (!isId(b.sessionId)) return badId('sessionId');
    if (!isId(b.userId)) return badId('userId');
    return b.type === 'session_request' ? this.startSession(b) : this.stopSession(b);
  }

  /**
   * @internal Where the sockets of the sessions started from now on come from (default: the `ws` library).
   * In-process benchmarks and tests pass an in-memory transport (`session/memory-transport.ts`).
   */
  useTransport(transport: Transport | undefined): void {
    this.transport = transport;
    this.sessionDefaults = undefined;
  }

  /**
   * The user's live session: the newest one whose handshake succeeded. The registry lists a user's sessions
   * in the order they were added (a replacement is added after the session it replaced was removed), and a
   * session leaves it as it ends, within its `dispose`: the last started entry is the one.
   */
  sessionForUser(userId: string): CoreSession | undefined {
    let newest: CoreSession | undefined;
    for (const e of this.registry.forUser(userId)) if (e.started) newest = e.session;
    return newest;
  }

  /** Runs the app's tool handler with the user's live session (or null); its error goes to onError and is rethrown. */
  async callTool(call: ToolCallInput): Promise<unknown> {
    const facade = this.sessionForUser(call.userId)?.facade ?? null;
    try {
      // Stryker disable next-line OptionalChaining: every facade's hooks (serverHooks) define it
      return await this.hooks.onToolCall?.(call, facade);
    } catch (e) {
      const err = toError(e);
      this.hooks.onError(err, { userId: call.userId, phase: 'onToolCall' });
      throw err;
    }
  }

  /**
   * Applies app settings pushed over HTTP to every live session of exactly this user, then calls
   * onSettingsUpdate once. The settings go through the same diffing store as the WebSocket
   * `settings_update`, so a change that arrives both ways reaches session listeners once.
   * Returns the number of sessions updated; a throwing onSettingsUpdate goes to onError and is rethrown.
   */
  async pushSettings(userId: string, settings: SettingRecord[]): Promise<number> {
    let updated = 0;
    for (const e of this.registry.forUser(userId)) {
      if (!e.started) continue;
      e.session.settings.setApp(settings);
      updated++;
    }
    try {
      // Stryker disable next-line OptionalChaining: every facade's hooks (serverHooks) define it
      await this.hooks.onSettingsUpdate?.(userId, settings);
    } catch (e) {
      const err = toError(e);
      this.hooks.onError(err, { userId, phase: 'onSettingsUpdate' });
      throw err;
    }
    return updated;
  }

  /** Ends every session (reason `server_shutdown`) and waits for their onStop and sockets; refuses new sessions from then on. */
  async stopAll(reason: StopReason = 'server_shutdown'): Promise<void> {
    this.shuttingDown = true;
    const closing = this.registry.entries().map((e) => e.session.dispose(reason));
    await Promise.all([...closing, ...this.ending]);
  }

  /** The claims of the live local sessions (for the directory to refresh). */
  *claims(): Iterable<SessionClaim> {
    for (const e of this.registry.entries()) if (e.claim) yield e.claim;
  }

  /** Another instance took this session over: ends the local copy held under `token` (reason `replaced`). */
  async releaseClaim(sessionId: string, token: string): Promise<void> {
    const entry = this.registry.get(sessionId);
    // Stryker disable next-line OptionalChaining: with a shared directory every entry has its claim from the moment it is added
    if (!entry || entry.claim?.token !== token) return;
    void entry.session.dispose('replaced');
    await entry.stopped;
  }

  private defaultsOfSessions(): Omit<CoreSessionOptions, SessionOwn> {
    return (this.sessionDefaults ??= {
      packageName: this.config.packageName,
      apiKey: this.config.apiKey,
      logger: this.config.logger,
      trustedCloudHosts: this.config.trustedCloudHosts,
      ...this.config.session,
      sharedRequests: this.sharedRequests,
      handshakeGate: this.handshakeGate,
      transport: this.transport,
      onEnd: this.sessionEnded,
      reportError: this.reportSessionError,
    });
  }

  private async startSession(b: Record<string, unknown>): Promise<WebhookResult> {
    const sessionId = b.sessionId as string;
    const userId = b.userId as string;
    const url = webhookWebsocketUrl(b);
    if (!url) return bad(400, 'session_request needs a WebSocket URL (websocketUrl, mentraOSWebsocketUrl or augmentOSWebsocketUrl)');
    const verdict = checkCloudUrl(url, this.config.trustedCloudHosts);
    if (!verdict.ok) {
      this.config.logger.warn(`Refused a session_request for ${sessionId}: ${verdict.reason}`);
      return bad(403, `Refused: ${verdict.reason}`);
    }

    const old = this.registry.get(sessionId);
    let oldStopped: Promise<void> | undefined;
    if (old) {
      old.session.dispose('replaced');
      oldStopped = old.stopped;
    }

    const own: Pick<CoreSessionOptions, SessionOwn> = Object.create(this.defaultsOfSessions());
    own.sessionId = sessionId;
    own.userId = userId;
    own.url = verdict.url.href;
    own.dialect = webhookDialect(b);
    const core = new CoreSession(own as CoreSessionOptions);
    const entry = this.registry.add(core);
    core.facade = this.hooks.createSession(core);

    if (this.directory.shared) {
      // Before connecting: an owner on another instance ends its copy, as a local one was just ended above.
      entry.claim = { sessionId, userId, token: randomBytes(12).toString('hex'), claimedAt: Date.now() };
      const { released } = await this.directory.claim(entry.claim);
      oldStopped = oldStopped ? Promise.all([oldStopped, released]).then(() => {}) : released;
      if (core.state === 'closed') return handshakeFailure(new SdkError('session_closed', `Session ${sessionId} was replaced before it connected`));
    }

    try {
      await core.connect();
    } catch (e) {
      // Stryker disable next-line StringLiteral,ObjectLiteral: the wrapped error's code and cause are never shown; any code but the three named gets this answer
      const err = isSdkError(e) ? e : new SdkError('connect_failed', toError(e).message, { cause: e });
      this.config.logger.warn(`Session ${sessionId} could not start: ${err.message}`);
      return handshakeFailure(err);
    }
    entry.started = true;
    return { status: 200, body: { status: 'success' }, after: () => void this.runOnSession(entry, oldStopped) };
  }

  private async runOnSession(entry: SessionEntry, oldStopped: Promise<void> | undefined): Promise<void> {
    const { session } = entry;
    if (oldStopped) await withTimeout(oldStopped, this.config.replaceWaitMs ?? 5000);
    if (session.state === 'closed') return;
    try {
      await this.hooks.onSession(session.facade, session.sessionId, session.userId);
    } catch (e) {
      this.hooks.onError(toError(e), { sessionId: session.sessionId, userId: session.userId, phase: 'onSession' });
    }
  }

  private async stopSession(b: Record<string, unknown>): Promise<WebhookResult> {
    const entry = this.registry.get(b.sessionId as string);
    if (!entry) return { status: 200, body: { status: 'success', message: 'No active session with that id' } };
    if (entry.session.userId !== b.userId) return bad(400, 'The stop_request userId does not match the session');
    const reason = typeof b.reason === 'string' && b.reason.length <= 64 ? b.reason : 'user_disabled';
    await entry.session.dispose(reason);
    await entry.stopped;
    return { status: 200, body: { status: 'success' } };
  }

  /** Called once per session by CoreSession.dispose. */
  private onEnd(entry: SessionEntry, reason: StopReason): void {
    this.registry.remove(entry);
    if (entry.claim) void this.directory.release(entry.claim);
    if (reason !== 'replaced') {
      this.sharedRequests.rejectMatching({ owner: entry.session.sessionId }, endedBefore(reason));
    }
    if (!entry.started) {
      entry.stopped = Promise.resolve();
      return;
    }
    const { session } = entry;
    const done = (async () => {
      try {
        await this.hooks.onStop(session.sessionId, session.userId, reason, session.facade);
      } catch (e) {
        this.hooks.onError(toError(e), { sessionId: session.sessionId, userId: session.userId, phase: 'onStop' });
      }
    })();
    entry.stopped = done;
    this.ending.add(done);
    // Stryker disable next-line ArrowFunction: forgetting a settled onStop only frees its promise (stopAll awaits settled ones at once)
    void done.finally(() => this.ending.delete(done));
  }
}

function bad(status: number, message: string, code?: string): WebhookResult {
  return { status, body: code ? { status: 'error', message, code } : { status: 'error', message } };
}

function badId(field: string): WebhookResult {
  return bad(400, `The webhook needs "${field}" as a non-empty string of at most ${MAX_ID_LENGTH} characters`);
}

function handshakeFailure(err: SdkError): WebhookResult {
  switch (err.code) {
    case 'connection_error': {
      // Stryker disable next-line OptionalChaining: a refusal always carries its details (connection.ts)
      const cloudCode = String(err.details?.cloudCode ?? 'UNKNOWN');
      return bad(502, `The cloud refused the connection: ${cloudCode}. ${err.message}`, cloudCode);
    }
    case 'handshake_timeout':
      return bad(504, err.message, 'HANDSHAKE_TIMEOUT');
    case 'session_closed':
      return bad(409, err.message, 'SESSION_CLOSED');
    default:
      return bad(502, `Could not connect to the cloud: ${err.message}`, 'CONNECT_FAILED');
  }
}

async function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Stryker disable next-line ArrowFunction: the catch only keeps a rejection from surfacing; any function that returns serves
  await Promise.race([p.catch(() => {}), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  // Stryker disable next-line CallExpression: the timer only settles a race that is over; clearing it frees it early
  clearTimeout(timer);
}
