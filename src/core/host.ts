/**
 * The HTTP side shared by both facades: an Express 4 app with the JSON body parser, the webhook route,
 * `/health`, static files, start/stop and cleanup handlers. Facades add their names on top.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import express from 'express';
import type { ErrorRequestHandler, Express } from 'express';
import serveStatic from 'serve-static';
import { SessionEngine, type EngineConfig, type EngineHooks } from './engine';
import { SdkError, toError } from './errors';
import { createConsoleLogger, redactingLogger, type LogLevel, type Logger } from './logger';
import type { ReconnectOptions } from './reconnect';
import { INVALID_JSON, byteLimit, readJsonBody, takesLane } from './webhook-body';

export interface HostConfig {
  packageName: string;
  apiKey: string;
  /** Port to listen on (default 7010; 0 picks a free port, see `port` after `start()`). */
  port?: number;
  /** Address to listen on (default: all interfaces, as the cloud must reach the app). */
  host?: string;
  webhookPath?: string;
  publicDir?: string | false;
  healthCheck?: boolean;
  logger?: Logger;
  logLevel?: LogLevel;
  trustedCloudHosts?: readonly string[];
  handshakeTimeoutMs?: number;
  reconnect?: ReconnectOptions;
  queueLimit?: number;
  /** Largest JSON body accepted (default '100kb', as Express). */
  bodyLimit?: string | number;
  /** Stop cleanly on SIGINT/SIGTERM (default false: the library installs no signal handlers). */
  handleSignals?: boolean;
}

export class AppHost {
  readonly app: Express;
  readonly engine: SessionEngine;
  readonly logger: Logger;
  readonly packageName: string;
  private server: Server | undefined;
  private stopping: Promise<void> | undefined;
  private readonly cleanupHandlers: Array<() => unknown> = [];
  private readonly signalHandler = () => void this.stop();

  constructor(private readonly config: HostConfig, hooks: EngineHooks) {
    this.packageName = config.packageName;
    this.logger = redactingLogger(config.logger ?? createConsoleLogger(config.logLevel ?? 'warn'), [config.apiKey]);
    const engineConfig: EngineConfig = {
      packageName: config.packageName,
      apiKey: config.apiKey,
      logger: this.logger,
      trustedCloudHosts: config.trustedCloudHosts,
      handshakeTimeoutMs: config.handshakeTimeoutMs,
      reconnect: config.reconnect,
      queueLimit: config.queueLimit,
    };
    this.engine = new SessionEngine(engineConfig, hooks);
    this.app = express();
    this.app.disable('x-powered-by');
    this.app.use(express.json({ limit: config.bodyLimit ?? '100kb' }));
    this.app.post(config.webhookPath ?? '/webhook', (req, res) => void this.answerWebhook(req.body, res));
    if (config.healthCheck !== false) {
      this.app.get('/health', (_req, res) => {
        res.json({ status: 'healthy', app: config.packageName, activeSessions: this.engine.registry.activeCount });
      });
    }
    this.app.use(jsonErrorHandler(this.logger));
    if (config.publicDir) this.app.use(serveStatic(path.resolve(config.publicDir)));
  }

  /** The port the server listens on (the configured one before `start()`). */
  get port(): number {
    const addr = this.server?.address();
    return addr && typeof addr === 'object' ? addr.port : (this.config.port ?? 7010);
  }

  get listening(): boolean {
    return !!this.server?.listening;
  }

  /** Resolves once listening; rejects with `SdkError('port_in_use')` when the port is taken. */
  start(): Promise<void> {
    if (this.server) return Promise.reject(new SdkError('invalid_argument', 'The server is already started'));
    const port = this.config.port ?? 7010;
    const webhookPath = this.config.webhookPath ?? '/webhook';
    const limit = byteLimit(this.config.bodyLimit);
    const server = createServer((req, res) => {
      if (takesLane(req, webhookPath, limit)) void this.onWebhookLane(req, res);
      else this.app(req, res);
    });
    this.server = server;
    return new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        this.server = undefined;
        if (err.code === 'EADDRINUSE') {
          reject(new SdkError('port_in_use', `Port ${port} is already in use: stop the other process or choose another port`, { cause: err }));
        } else reject(new SdkError('server_error', `Could not listen on port ${port}: ${err.message}`, { cause: err }));
      };
      server.once('error', onError);
      server.listen(port, this.config.host, () => {
        server.off('error', onError);
        server.on('error', (err) => this.logger.error(`HTTP server error: ${err.message}`));
        if (this.config.handleSignals) {
          process.once('SIGINT', this.signalHandler);
          process.once('SIGTERM', this.signalHandler);
        }
        this.logger.info(`App server listening on port ${this.port}`);
        resolve();
      });
    });
  }

  /** Ends every session (onStop with `server_shutdown`), runs cleanup handlers, closes the HTTP server. Never exits the process. */
  stop(): Promise<void> {
    if (!this.stopping) this.stopping = this.doStop();
    return this.stopping;
  }

  addCleanupHandler(fn: () => unknown): void {
    this.cleanupHandlers.push(fn);
  }

  private async doStop(): Promise<void> {
    process.off('SIGINT', this.signalHandler);
    process.off('SIGTERM', this.signalHandler);
    await this.engine.stopAll('server_shutdown');
    for (const fn of this.cleanupHandlers) {
      try {
        await fn();
      } catch (e) {
        this.logger.error(`A cleanup handler failed: ${toError(e).message}`);
      }
    }
    const server = this.server;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    }
  }

  /** The webhook's common case without Express (see webhook-body.ts); same answers as the Express route. */
  private async onWebhookLane(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req);
    if (body === undefined) return;
    if (body === INVALID_JSON) return sendJson(res, 400, { status: 'error', message: 'The request body is not valid JSON' });
    await this.answerWebhook(body, res);
  }

  private async answerWebhook(body: unknown, res: ServerResponse): Promise<void> {
    let result;
    try {
      result = await this.engine.handleWebhook(body);
    } catch (e) {
      this.logger.error(`Webhook handling failed: ${toError(e).message}`);
      result = { status: 500, body: { status: 'error' as const, message: 'Internal error while handling the webhook' } };
    }
    sendJson(res, result.status, result.body);
    result.after?.();
  }
}

/** A JSON answer written directly (no ETag or content negotiation: the cloud reads the status and body). */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Body-parser failures become JSON 4xx answers with a reason (never an HTML page). */
function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message =
      err?.type === 'entity.parse.failed' ? 'The request body is not valid JSON'
      : err?.type === 'entity.too.large' ? 'The request body is too large'
      : status < 500 ? `Bad request: ${String(err?.message ?? 'unreadable body').slice(0, 200)}`
      : 'Internal server error';
    if (status >= 500) logger.error(`Request failed: ${toError(err).message}`);
    res.status(status).json({ status: 'error', message });
  };
}
