/**
 * The session engine: turns the cloud's webhooks into sessions and ends them once.
 * Framework-neutral: `handleWebhook` takes a parsed body and returns a status and a JSON body; the HTTP
 * layer sends it and then calls `after()` (onSession runs only once the cloud has its answer).
 * It knows nothing of AppServer or TpaServer: a facade supplies `hooks`.
 */
import { webhookWebsocketUrl } from '../protocol/dialects';
import type { WebhookResponse } from '../protocol/messages';
import { SdkError, isSdkError, toError } from './errors';
import type { Logger } from './logger';
import type { ReconnectOptions } from './reconnect';
import { SessionRegistry, type SessionEntry } from './registry';
import { CoreSession, type StopReason } from './session';
import { checkCloudUrl } from './trust';

export interface EngineConfig {
  packageName: string;
  apiKey: string;
  logger: Logger;
  trustedCloudHosts?: readonly string[];
  handshakeTimeoutMs?: number;
  reconnect?: ReconnectOptions;
  queueLimit?: number;
  /** How long a replacing session's onSession waits for the replaced session's onStop (ms, default 5000). */
  replaceWaitMs?: number;
}

export interface ErrorContext {
  sessionId?: string;
  userId?: string;
  phase: 'onSession' | 'onStop' | 'handler' | 'transport' | 'webhook';
}

export interface EngineHooks {
  /** Builds the facade object handed to the app for a new session. */
  createSession(core: CoreSession): unknown;
  onSession(facade: unknown, sessionId: string, userId: string): unknown;
  onStop(sessionId: string, userId: string, reason: StopReason, facade: unknown): unknown;
  onError(err: Error, context: ErrorContext): void;
}

export interface WebhookResult {
  status: number;
  body: WebhookResponse;
  /** Run after the response has been sent. */
  after?: () => void;
}

const MAX_ID_LENGTH = 512;

export class SessionEngine {
  readonly registry = new SessionRegistry();
  private readonly ending = new Set<Promise<void>>();

  constructor(private readonly config: EngineConfig, private readonly hooks: EngineHooks) {}

  /** One function for every session (not a closure per session). */
  private readonly reportSessionError = (err: Error, s: CoreSession): void => {
    this.hooks.onError(err, { sessionId: s.sessionId, userId: s.userId, phase: 'handler' });
  };

  async handleWebhook(body: unknown): Promise<WebhookResult> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return bad(400, 'The webhook body must be a JSON object');
    const b = body as Record<string, unknown>;
    if (typeof b.type !== 'string') return bad(400, 'The webhook body needs a string "type"');
    if (b.type !== 'session_request' && b.type !== 'stop_request') return bad(400, `Unknown webhook request type "${b.type.slice(0, 60)}"`);
    for (const field of ['sessionId', 'userId'] as const) {
      const v = b[field];
      if (typeof v !== 'string' || v.length === 0 || v.length > MAX_ID_LENGTH) {
        return bad(400, `The webhook needs "${field}" as a non-empty string of at most ${MAX_ID_LENGTH} characters`);
      }
    }
    return b.type === 'session_request' ? this.startSession(b) : this.stopSession(b);
  }

  /** Ends every session (reason `server_shutdown`) and waits for their onStop and sockets. */
  async stopAll(reason: StopReason = 'server_shutdown'): Promise<void> {
    const closing = this.registry.entries().map((e) => e.session.dispose(reason));
    await Promise.all([...closing, ...this.ending]);
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

    let entry!: SessionEntry;
    const core = new CoreSession({
      sessionId,
      userId,
      packageName: this.config.packageName,
      apiKey: this.config.apiKey,
      url: verdict.url.href,
      logger: this.config.logger,
      handshakeTimeoutMs: this.config.handshakeTimeoutMs,
      reconnect: this.config.reconnect,
      queueLimit: this.config.queueLimit,
      onEnd: (reason) => this.onEnd(entry, reason),
      reportError: this.reportSessionError,
    });
    entry = this.registry.add(core);
    core.facade = this.hooks.createSession(core);

    try {
      await core.connect();
    } catch (e) {
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
    void done.finally(() => this.ending.delete(done));
  }
}

function bad(status: number, message: string, code?: string): WebhookResult {
  return { status, body: code ? { status: 'error', message, code } : { status: 'error', message } };
}

function handshakeFailure(err: SdkError): WebhookResult {
  switch (err.code) {
    case 'connection_error': {
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
  await Promise.race([p.catch(() => {}), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
