/**
 * `TpaServer`: the AppServer under its AugmentOS name, with the legacy config shims. It is an AppServer at
 * run time; its `stop()` accepts overrides that return void (1.1.x) and returns a Promise (2.x).
 */
import { AppServer, type AppServerConfig } from '../src/app/server';
import { validateServerConfig } from '../src/core/options';
import type { CoreSession } from '../src/core/session/session';
import type { ToolCall } from '../src/app/tools';
import { deprecate } from '../src/core/deprecations';
import { TpaSession } from './session';

/** @deprecated Use `AppServerConfig`. */
export interface TpaServerConfig extends AppServerConfig {
  /** @deprecated The cloud always calls `/webhook`; still honoured. */
  webhookPath?: string;
  /** @deprecated Ignored: the WebSocket URL comes from each webhook. */
  augmentOSWebsocketUrl?: string;
  /** @deprecated Use `appInstructions`. */
  tpaInstructions?: string;
}

/**
 * What the legacy class declares of AppServer: its public members. `stop()` is typed loosely, as on
 * AppServer: 1.1.x apps override it as `stop(): void`, 2.x apps call `.then()` on it.
 */
type LegacyServerBase = Omit<AppServer, 'stop'> & {
  /** Ends every session, runs cleanup handlers and closes the HTTP server (a Promise). Never exits the process. */
  stop(): any;
};

/** AppServer's own overridable members, for delegating to their modern defaults. */
interface Overridable {
  onSession(session: unknown, sessionId: string, userId: string): Promise<void>;
  onStop(sessionId: string, userId: string, reason: string): Promise<void>;
  onToolCall(toolCall: ToolCall): Promise<string | undefined>;
  generateToken(userId: string, sessionId: string, secretKey: string): string;
  addCleanupHandler(handler: () => unknown): void;
}

const Base = AppServer as unknown as new (config: AppServerConfig) => LegacyServerBase;
const modern = AppServer.prototype as unknown as Overridable;

/** Validates, warns about and translates the legacy config fields. */
function modernConfig(config: TpaServerConfig): AppServerConfig {
  validateServerConfig(config, 'TpaServer');
  const { augmentOSWebsocketUrl, tpaInstructions, ...rest } = config;
  if (rest.webhookPath !== undefined) deprecate('config.webhookPath');
  if (augmentOSWebsocketUrl !== undefined) deprecate('config.augmentOSWebsocketUrl');
  if (tpaInstructions !== undefined) deprecate('config.tpaInstructions');
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: nothing reads appInstructions after validation (the published SDK stored it and never served it), so which value it holds cannot be seen
  return tpaInstructions !== undefined && rest.appInstructions === undefined ? { ...rest, appInstructions: tpaInstructions } : rest;
}

/**
 * The AugmentOS 1.x app server: the same server as `AppServer`, under its legacy name, with the legacy
 * config fields accepted.
 *
 * @example
 * ```ts
 * import { TpaServer, type TpaSession } from '@augmentos/sdk';
 *
 * class LegacyApp extends TpaServer {
 *   protected async onSession(session: TpaSession, sessionId: string, userId: string) {
 *     session.layouts.showTextWall('Hello from a 1.x app');
 *   }
 * }
 * new LegacyApp({ packageName: 'com.example.legacy', apiKey: process.env.AUGMENTOS_API_KEY!, port: 7010 }).start();
 * ```
 *
 * @deprecated Use `AppServer`: `npx mentraos-migrate` rewrites the app.
 */
export class TpaServer extends Base {
  constructor(config: TpaServerConfig) {
    deprecate('TpaServer');
    super(modernConfig(config));
  }

  /** Called when a user starts the app, after the cloud has been answered. Override it. */
  protected async onSession(session: TpaSession, sessionId: string, userId: string): Promise<void> {
    return modern.onSession.call(this, session, sessionId, userId);
  }

  /** Called once when a session ends, with the reason. Override it. */
  // Stryker disable next-line BlockStatement: AppServer's default does nothing, as an empty body does
  protected async onStop(sessionId: string, userId: string, reason: string): Promise<void> {
    return modern.onStop.call(this, sessionId, userId, reason);
  }

  /** Called when the assistant invokes one of the app's tools. Override it. */
  // Stryker disable next-line BlockStatement: AppServer's default returns undefined, as an empty body does
  protected async onToolCall(toolCall: ToolCall): Promise<string | undefined> {
    return modern.onToolCall.call(this, toolCall);
  }

  /** A signed HS256 token for webviews: `{userId, packageName, sessionId}`, valid one day. */
  protected generateToken(userId: string, sessionId: string, secretKey: string): string {
    return modern.generateToken.call(this, userId, sessionId, secretKey);
  }

  /** Runs `handler` during `stop()`. */
  protected addCleanupHandler(handler: () => void): void {
    modern.addCleanupHandler.call(this, handler);
  }

  /** The session handed to `onSession`: a TpaSession. */
  protected createSessionFacade(core: CoreSession): TpaSession {
    return new TpaSession(core);
  }
}
