/**
 * The HTTP side shared by both facades: an Express 4 app with the JSON body parser, the webview auth
 * middleware (on every route, custom ones included), the webhook (behind the optional webhook secret),
 * `/tool`, `/settings`, `/mentra-auth`, `/health`, static files, start/stop and cleanup handlers.
 * Facades add their names on top.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import express from 'express';
import type { Express, Request, RequestHandler, Response } from 'express';
import serveStatic from 'serve-static';
import { resolveCluster } from '../cluster/config';
import { ClusterRouter } from '../cluster/forward';
import type { EngineHooks, SessionEngine } from '../engine';
import { createServerEngine, healthBody, stopServerEngine, webhookResult } from './engine-setup';
import { SdkError } from '../errors';
import { answerClientError, cloudSecretGuard, jsonFallthrough, postOnly, requireJson, resolveWebhookSecret } from './inbound';
import type { Logger } from '../logger';
import type { HostConfig, ResolvedHostConfig } from '../options';
import { closeServer, trackConnections } from './server-close';
import { routedByOwner, type RouteContext } from './routes/context';
import { mentraAuthRoutes } from './routes/mentra-auth';
import { settingsRoutes } from './routes/settings';
import { toolRoutes } from './routes/tool';
import { createAuthMiddleware } from './webview/auth';
import { registerPhotoUpload } from './routes/photo-upload';
import { INVALID_JSON, byteLimit, readJsonBody, takesLane } from './webhook-body';

export type { HostConfig };

export class AppHost {
  readonly app: Express;
  readonly engine: SessionEngine;
  readonly logger: Logger;
  readonly packageName: string;
  /** Routes requests to the instance holding a session (only when several instances share a directory). */
  readonly cluster: ClusterRouter | undefined;
  /** Middleware that admits only calls carrying the webhook secret (a no-op when none is configured). */
  readonly verifyCloud: RequestHandler;
  private readonly webhookSecret: string | undefined;
  private server: Server | undefined;
  private starting = false;
  private stopping: Promise<void> | undefined;
  private readonly cleanupHandlers: Array<() => unknown> = [];
  private readonly signalHandler = () => void this.stop();

  /** `config` comes resolved (`resolveHostConfig`): validated once, every default applied. */
  constructor(
    private readonly config: ResolvedHostConfig,
    hooks: EngineHooks,
  ) {
    this.packageName = config.packageName;
    const cluster = resolveCluster(config.cluster, config);
    ({ engine: this.engine, logger: this.logger } = createServerEngine(config, hooks, cluster));
    const webhookPath = config.webhookPath;
    this.cluster =
      cluster &&
      new ClusterRouter({
        directory: this.engine.directory,
        secret: cluster.secret,
        logger: this.logger,
        ownPaths: [webhookPath, '/tool', '/settings', '/photo-upload', '/health', '/mentra-auth'],
        // Stryker disable next-line ArrowFunction: a shortcut; without it the directory names this instance as the owner and the request is handled here all the same
        holdsUser: (userId) => !!this.engine.sessionForUser(userId),
      });
    this.app = express();
    this.app.disable('x-powered-by');
    // A request another instance forwarded is verified first: it was checked where it landed.
    if (this.cluster) this.app.use(this.cluster.inbound());
    this.webhookSecret = resolveWebhookSecret(config.webhookSecret);
    const guard = cloudSecretGuard(this.webhookSecret);
    const router = this.cluster;
    this.verifyCloud = router ? (req, res, next) => (router.forwardedFrom(req) ? next() : guard(req, res, next)) : guard;
    // Headers are checked before the body is read.
    this.app.post(webhookPath, this.verifyCloud, requireJson);
    this.app.post('/settings', this.verifyCloud);
    // the limit in bytes, as the webhook lane reads it (the config check has refused one it cannot read)
    this.app.use(express.json({ limit: byteLimit(config.bodyLimit) }));
    this.app.use(
      createAuthMiddleware({
        apiKey: config.apiKey,
        packageName: config.packageName,
        cookieSecret: config.cookieSecret ?? cluster?.cookieSecret,
        cloudApiUrl: config.cloudApiUrl,
        userTokenPublicKey: config.userTokenPublicKey,
        logger: this.logger,
        getSessionForUser: (userId) => this.engine.sessionForUser(userId)?.facade ?? null,
        forwardedUser: router && ((req) => router.forwardedFrom(req)?.user),
      }),
    );
    if (this.cluster) this.app.use(this.cluster.webviews());
    const routes: RouteContext = { engine: this.engine, packageName: config.packageName, apiKey: config.apiKey, logger: this.logger, cluster: this.cluster };
    // A stop webhook may land on any instance: it goes to the one holding the session.
    const stopRequestOwner = routedByOwner(routes, {
      kind: 'session',
      // Stryker disable next-line OptionalChaining: express.json() always leaves a body ({} when there was none)
      key: (req) => (req.body?.type === 'stop_request' && typeof req.body.sessionId === 'string' ? req.body.sessionId : undefined),
      // Stryker disable next-line ArrowFunction: a shortcut; without it the directory names this instance as the owner and the webhook is handled here all the same
      holdsLocally: (sessionId) => !!this.engine.registry.get(sessionId),
    });
    this.app.post(webhookPath, ...stopRequestOwner, (req, res) => void this.answerWebhook(req.body, res));
    this.app.all(webhookPath, postOnly);
    this.app.use(toolRoutes(routes));
    this.app.use(settingsRoutes(routes));
    this.app.use(mentraAuthRoutes(routes));
    if (config.healthCheck) {
      this.app.get('/health', (_req, res) => {
        res.json(healthBody(this.engine, config.packageName));
      });
    }
    registerPhotoUpload(this.app, this.engine.sharedRequests, this.logger, { maxBytes: config.maxPhotoBytes, cluster: this.cluster });
    if (config.publicDir) this.app.use(serveStatic(path.resolve(config.publicDir)));
  }

  /** The port the server listens on (the configured one before `start()`). */
  get port(): number {
    const addr = this.server?.address();
    return addr && typeof addr === 'object' ? addr.port : this.config.port;
  }

  get listening(): boolean {
    return !!this.server?.listening;
  }

  /**
   * Resolves once listening; rejects with `SdkError('port_in_use')` when the port is taken. With a cluster
   * configured it first joins the session directory (rejecting with `invalid_config` when `ioredis` is not
   * installed; an unreachable Redis is logged and the instance starts on its own).
   */
  async start(): Promise<void> {
    if (this.starting) throw new SdkError('invalid_argument', 'The server is already started');
    this.starting = true;
    try {
      await this.engine.directory.start(this.engine);
    } catch (e) {
      this.starting = false;
      throw e;
    }
    try {
      await this.listen();
    } catch (e) {
      await this.engine.directory.stop();
      this.starting = false;
      throw e;
    }
  }

  private listen(): Promise<void> {
    const port = this.config.port;
    const webhookPath = this.config.webhookPath;
    const limit = byteLimit(this.config.bodyLimit);
    // The fast lane skips Express, so it is taken only when no webhook secret has to be checked and no
    // stop webhook may have to go to another instance.
    // Stryker disable next-line ConditionalExpression: the lane is a shortcut; the Express route gives every webhook the same answer (test/core/webhook-lane.test.ts)
    const lane = this.webhookSecret === undefined && !this.cluster;
    // Express calls `done` when no route answered: a JSON 404/405 instead of its HTML page.
    const fallthrough = jsonFallthrough(this.logger);
    const handle = this.app as unknown as (req: IncomingMessage, res: ServerResponse, done: (err?: unknown) => void) => void;
    const server = trackConnections(
      createServer((req, res) => {
        // Stryker disable next-line ConditionalExpression: as above, the lane is a shortcut to the same answers
        if (lane && takesLane(req, webhookPath, limit)) void this.onWebhookLane(req, res);
        else handle(req, res, fallthrough(req as unknown as Request, res as unknown as Response));
      }),
    );
    server.on('clientError', answerClientError);
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
    await stopServerEngine(this.engine, this.cleanupHandlers, this.logger);
    const server = this.server;
    if (server) await closeServer(server);
    this.cluster?.close();
  }

  /** The webhook's common case without Express (see webhook-body.ts); same answers as the Express route. */
  private async onWebhookLane(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req);
    // Stryker disable next-line ConditionalExpression: an aborted request's body; without this return it gets a 400 that sendJson does not write
    if (body === undefined) return;
    if (body === INVALID_JSON) return sendJson(res, 400, { status: 'error', message: 'The request body is not valid JSON' });
    await this.answerWebhook(body, res);
  }

  private async answerWebhook(body: unknown, res: ServerResponse): Promise<void> {
    const result = await webhookResult(this.engine, this.logger, body);
    sendJson(res, result.status, result.body);
    result.after?.();
  }
}

/** A JSON answer written directly (no ETag or content negotiation: the cloud reads the status and body). */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a response whose client left takes the write silently (Node and Bun), and nothing answers a webhook twice
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
