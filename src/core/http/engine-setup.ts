/**
 * The engine behind a server facade, built from a resolved server config: the SDK logger (secrets redacted)
 * and the session engine with its options. Both HTTP facades (Express and Hono) start from here, so a
 * session behaves the same whichever framework serves the webhooks.
 */
import type { ResolvedCluster } from '../cluster/config';
import { RedisSessionDirectory } from '../cluster/redis-directory';
import { SessionEngine, type EngineHooks, type WebhookResult } from '../engine';
import { toError } from '../errors';
import { createSdkLogger, envLogLevel, type Logger } from '../logger';
import { type ResolvedHostConfig, sessionOptions } from '../options';

/** The engine and the logger of one server. */
export interface ServerEngine {
  engine: SessionEngine;
  logger: Logger;
}

/** Builds the logger and the engine. */
export function createServerEngine(config: ResolvedHostConfig, hooks: EngineHooks, cluster?: ResolvedCluster): ServerEngine {
  const logger = createSdkLogger(config.logger, envLogLevel() ?? config.logLevel, [config.apiKey, ...(cluster?.secrets ?? [])]);
  const engine = new SessionEngine(
    {
      packageName: config.packageName,
      apiKey: config.apiKey,
      logger,
      trustedCloudHosts: config.trustedCloudHosts,
      session: sessionOptions(config),
      directory: cluster && new RedisSessionDirectory({ ...cluster, logger }),
    },
    hooks,
  );
  return { engine, logger };
}

/** The engine's answer to a webhook body; an unexpected failure is logged and answered 500. Call `after()` once it is sent. */
export async function webhookResult(engine: SessionEngine, logger: Logger, body: unknown): Promise<WebhookResult> {
  try {
    return await engine.handleWebhook(body);
  } catch (e) {
    logger.error(`Webhook handling failed: ${toError(e).message}`);
    return { status: 500, body: { status: 'error', message: 'Internal error while handling the webhook' } };
  }
}

/** The body of `GET /health`. */
export function healthBody(engine: SessionEngine, packageName: string): { status: 'healthy'; app: string; activeSessions: number } {
  return { status: 'healthy', app: packageName, activeSessions: engine.registry.activeCount };
}

/**
 * The engine's part of a server's `stop()`, the same for every facade: ends every session
 * (`server_shutdown`), runs the app's cleanup handlers one after the other (a failing one is logged and the
 * rest still run), then stops the session directory. Closing the HTTP listener, where there is one, is left to
 * the caller.
 */
export async function stopServerEngine(engine: SessionEngine, cleanupHandlers: ReadonlyArray<() => unknown>, logger: Logger): Promise<void> {
  await engine.stopAll('server_shutdown');
  for (const fn of cleanupHandlers) {
    try {
      await fn();
    } catch (e) {
      logger.error(`A cleanup handler failed: ${toError(e).message}`);
    }
  }
  await engine.directory.stop();
}
