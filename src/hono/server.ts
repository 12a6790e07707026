/**
 * `AppServer` of the 3.0.0-hono generation: the server is itself a Hono app. The SDK's routes and the webview
 * auth middleware are registered in the constructor, before the app's own; `start()` does not listen (the app
 * serves `app.fetch`, e.g. with `Bun.serve`); `stop()` ends every session and never exits. Sessions, their
 * modules and every behaviour shared with 2.x come from the same engine as the Express `AppServer`.
 */
import { Hono } from 'hono';
import { INSTANCE_URL_ENV, REDIS_URL_ENV } from '../core/cluster/config';
import { type ErrorContext, registerEngineOwner } from '../core/engine';
import { deprecate } from '../core/deprecations';
import { SdkError, toError } from '../core/errors';
import { createServerEngine, type ServerEngine, stopServerEngine } from '../core/http/engine-setup';
import { resolveWebhookSecret, unservedAnswer } from '../core/http/inbound';
import { byteLimit } from '../core/http/webhook-body';
import type { Logger } from '../core/logger';
import { resolveHostConfig, type HostConfig } from '../core/options';
import type { CoreSession } from '../core/session/session';
import * as photos from '../app/photo-registry';
import type { PendingPhotoRequest } from '../app/photo-registry';
import { serverHooks } from '../app/server-hooks';
import { AppSession } from '../app/session';
import { createToken } from '../app/token';
import type { ToolCall } from '../app/tools';
import { registerSdkRoutes } from './routes';
import { handleShutdownSignals } from './signals';
import { publicDirMiddleware } from './static';
import { createAuthMiddleware, type AuthEnv } from './webview';

/** True when the config or the environment asks for several instances (what the Express `AppServer` would set up). */
function asksForCluster(option: HostConfig['cluster']): boolean {
  if (option === false) return false;
  return option !== undefined || (!!process.env[REDIS_URL_ENV] && !!process.env[INSTANCE_URL_ENV]);
}

/** Options of the Hono `AppServer`: the 3.0.0-hono fields plus the engine's (trusted hosts, logging, limits). */
export interface AppServerConfig extends Omit<HostConfig, 'handleSignals'> {
  /** Instructions shown to the assistant about this app. */
  appInstructions?: string;
  /** The session cookie's HMAC secret (at least 8 characters). @defaultValue the API key, as in 3.0.0-hono */
  cookieSecret?: string;
  /** The webhook's path; an empty string means the default. @defaultValue `"/webhook"` */
  webhookPath?: string;
  /**
   * End every session on SIGINT and SIGTERM once `start()` ran, then exit unless the app handles the signal itself.
   * @defaultValue `true`
   */
  handleSignals?: boolean;
  /** Send the 15 s app-level `{"type":"ping"}` of 3.0.0-hono.8 after the ack. @defaultValue `true` */
  appPing?: boolean;
  /** Where errors from `onSession`, `onStop` and handlers go. @defaultValue the logger, at `error` */
  onError?: (error: Error, context: ErrorContext) => void;
}

interface Internals extends ServerEngine {
  packageName: string;
  handleSignals: boolean;
  started: boolean;
  stopping?: Promise<void>;
  cleanupHandlers: Array<() => unknown>;
  removeSignalHandlers?: () => void;
}

const internals = new WeakMap<object, Internals>();

function inner(server: object): Internals {
  const i = internals.get(server);
  if (!i) throw new TypeError('Not a Hono AppServer');
  return i;
}

/**
 * The 3.0.0-hono `AppServer`: subclass it, override `onSession` (and optionally `onStop`, `onToolCall`),
 * add your own routes with Hono's API, `await start()`, then serve `fetch` yourself.
 *
 * @example
 * ```ts
 * import { AppServer, type AppSession } from '@mentraos/sdk/hono';
 *
 * class MyApp extends AppServer {
 *   protected async onSession(session: AppSession, sessionId: string, userId: string) {
 *     session.layouts.showTextWall('Hello from Hono');
 *   }
 * }
 * const app = new MyApp({ packageName: 'com.example.app', apiKey: process.env.MENTRAOS_API_KEY! });
 * app.get('/hello', (c) => c.text('hi'));
 * await app.start(); // does not listen
 * Bun.serve({ port: 3000, fetch: app.fetch });
 * ```
 */
export class AppServer extends Hono<AuthEnv> {
  /** The configuration the server was built with. */
  protected config: AppServerConfig;
  /** The server's logger (the injected one, or a console logger silent below `warn`). */
  readonly logger: Logger;

  constructor(config: AppServerConfig) {
    super();
    const given = (config ?? {}) as AppServerConfig;
    // 3.0.0-hono.8 sends its app-level ping every 15 s after the ack: on unless the app turns it off.
    const resolved = resolveHostConfig(
      { ...given, webhookPath: given.webhookPath || '/webhook', handleSignals: false, appPing: given.appPing ?? true },
      new.target?.name || 'AppServer',
    );
    this.config = given;
    // the config check has refused a limit byteLimit cannot read
    const maxJsonBytes = byteLimit(resolved.bodyLimit) as number;
    const setup = createServerEngine(
      resolved,
      serverHooks(this, given.onError, (): Logger => setup.logger),
    );
    const own: Internals = { ...setup, packageName: resolved.packageName, handleSignals: given.handleSignals !== false, started: false, cleanupHandlers: [] };
    internals.set(this, own);
    registerEngineOwner(this, setup.engine);
    this.logger = setup.logger;
    if (asksForCluster(given.cluster)) {
      setup.logger.warn(
        'The Hono AppServer runs as a single instance: "cluster" (or MENTRAOS_REDIS_URL with MENTRAOS_INSTANCE_URL) is ignored. Run several instances with the Express AppServer (docs/scaling.md).',
      );
    }
    const engine = setup.engine;
    registerSdkRoutes(this, {
      engine,
      logger: setup.logger,
      packageName: resolved.packageName,
      apiKey: resolved.apiKey,
      webhookPath: resolved.webhookPath,
      healthCheck: resolved.healthCheck,
      maxJsonBytes,
      maxPhotoBytes: resolved.maxPhotoBytes,
      webhookSecret: resolveWebhookSecret(resolved.webhookSecret),
    });
    // The cloud's own calls above never carry webview credentials, so they skip the auth middleware; every other
    // route, the app's included, runs after it.
    this.use(
      '*',
      createAuthMiddleware({
        apiKey: resolved.apiKey,
        packageName: resolved.packageName,
        cookieSecret: resolved.cookieSecret || resolved.apiKey,
        cloudApiUrl: resolved.cloudApiUrl,
        userTokenPublicKey: resolved.userTokenPublicKey,
        logger: setup.logger,
        getAppSessionForUser: (userId) => (engine.sessionForUser(userId)?.facade as AppSession | undefined) ?? null,
      }),
    );
    if (resolved.publicDir) this.use('/*', publicDirMiddleware(resolved.publicDir));
    // What no route takes gets a JSON 404 (405 for a wrong method on the SDK's own paths) instead of Hono's plain
    // text; an app that calls `notFound` itself replaces it.
    this.notFound((c) => {
      const answer = unservedAnswer(c.req.method, c.req.path);
      if (answer.allow) c.header('Allow', answer.allow);
      return c.json({ status: 'error', message: answer.message }, answer.status);
    });
  }

  /** Called when a user starts the app, after the cloud has been answered. Override it. */
  protected async onSession(session: AppSession, sessionId: string, userId: string): Promise<void> {
    if (this.logger.isLevelEnabled('debug')) session.logger.debug(`Session ${sessionId} started for ${userId}`);
  }

  /** Called once when a session ends, with the reason (also when an override does not call `super`). Override it. */
  protected async onStop(_sessionId: string, _userId: string, _reason: string): Promise<void> {}

  /**
   * Called when the assistant invokes one of the app's tools (only for calls signed by the cloud).
   * The return value is the reply; a throw answers 500 and reaches `onError`.
   */
  protected async onToolCall(_toolCall: ToolCall): Promise<string | undefined> {
    return undefined;
  }

  /** Builds the session object handed to `onSession`. */
  protected createSessionFacade(core: CoreSession): AppSession {
    return new AppSession(core);
  }

  /**
   * Makes the server ready for webhooks; it does **not** listen: serve `fetch` yourself afterwards
   * (`Bun.serve({ port, fetch: app.fetch })`, or `serve` from `@hono/node-server` on Node).
   * Installs the SIGINT/SIGTERM handling unless `handleSignals` is false. No network call is made.
   */
  async start(): Promise<void> {
    const own = inner(this);
    if (own.started) throw new SdkError('invalid_argument', 'The server is already started');
    own.started = true;
    await own.engine.directory.start(own.engine);
    if (own.handleSignals)
      own.removeSignalHandlers = handleShutdownSignals(
        () => this.stop(),
        (e) => this.logger.error(`Stopping on a signal failed: ${toError(e).message}`),
      );
    this.logger.info('App server ready: serve app.fetch to receive webhooks');
  }

  /** Ends every session (onStop with `server_shutdown`), then runs the cleanup handlers. Never exits the process. */
  stop(): Promise<void> {
    const own = inner(this);
    own.stopping ??= (async () => {
      own.removeSignalHandlers?.();
      await stopServerEngine(own.engine, own.cleanupHandlers, this.logger);
    })();
    return own.stopping;
  }

  /** This server, the Hono app. */
  getHonoApp(): Hono<AuthEnv> {
    return this;
  }

  /**
   * This server, the Hono app (warns once).
   * @deprecated Use `getHonoApp()`: the 3.x `AppServer` is itself the Hono app, not an Express app.
   */
  getExpressApp(): Hono<AuthEnv> {
    deprecate('hono.getExpressApp');
    return this;
  }

  /**
   * Registers a photo request the app sent itself (as on the Express `AppServer`): an upload to `/photo-upload`
   * or a `photo_response` settles it. `session.camera.requestPhoto()` does all of this for you.
   */
  registerPhotoRequest(requestId: string, request: Omit<PendingPhotoRequest, 'timeoutId'>): void {
    photos.registerPhotoRequest(inner(this).engine, requestId, request);
  }

  /** The pending photo request `requestId`, or undefined. */
  getPhotoRequest(requestId: string): PendingPhotoRequest | undefined {
    return photos.getPhotoRequest(inner(this).engine, requestId);
  }

  /** Removes `requestId` without settling it and returns it, or undefined. */
  completePhotoRequest(requestId: string): PendingPhotoRequest | undefined {
    return photos.completePhotoRequest(inner(this).engine, requestId);
  }

  /** Rejects every pending photo request of `sessionId` (the SDK does it when a session ends). */
  cleanupPhotoRequestsForSession(sessionId: string): void {
    photos.cleanupPhotoRequestsForSession(inner(this).engine, sessionId);
  }

  /** Runs `handler` during `stop()`. */
  protected addCleanupHandler(handler: () => void): void {
    inner(this).cleanupHandlers.push(handler);
  }

  /** A signed HS256 token for webviews: `{userId, packageName, sessionId}`, valid one day. */
  protected generateToken(userId: string, sessionId: string, secretKey: string): string {
    return createToken({ userId, packageName: inner(this).packageName, sessionId }, { secretKey });
  }
}
