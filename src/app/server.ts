/**
 * `AppServer`: the modern facade. Subclass it, override `onSession` (and optionally `onStop`,
 * `onToolCall`, and the optional hook `onSettingsUpdate(userId, settings)`), construct it with
 * `packageName` and `apiKey`, then `start()`.
 */
import type { Express } from 'express';
import { type ErrorContext, registerEngineOwner } from '../core/engine';
import { AppHost, type HostConfig } from '../core/http/host';
import { SERVER_OPTIONS, resolveHostConfig, validateServerConfig } from '../core/options';
import type { Logger } from '../core/logger';
import type { CoreSession, StopReason } from '../core/session/session';
import type { AppSetting } from '../protocol/messages';
import * as photos from './photo-registry';
import type { PendingPhotoRequest } from './photo-registry';
import { AppSession } from './session';
import { createToken } from './token';
import { serverHooks } from './server-hooks';
import type { ToolCallArgs } from './tools';

/** The options of an `AppServer` (and of `TpaServer`). */
export interface AppServerConfig extends HostConfig {
  /**
   * Instructions shown to the assistant about this app.
   *
   * @defaultValue none
   */
  appInstructions?: string;
  /**
   * Where errors from `onSession`, `onStop` and handlers go (default: the logger, at `error`).
   *
   * @defaultValue the logger, at `error`
   */
  onError?: (error: Error, context: ErrorContext) => void;
}

/** Every `AppServerConfig` option with its default: the server's options plus the facade's own two. */
export const APP_SERVER_OPTIONS = {
  ...SERVER_OPTIONS,
  appInstructions: undefined,
  onError: undefined,
} as const satisfies Record<keyof AppServerConfig, unknown>;

export type { PendingPhotoRequest };

const hosts = new WeakMap<AppServer, AppHost>();

/** The HTTP host behind a server (for the SDK's own facades and tools). */
export function hostOf(server: AppServer): AppHost {
  const host = hosts.get(server);
  if (!host) throw new TypeError('Not an AppServer');
  return host;
}

export { validateServerConfig };

/**
 * The modern app server: subclass it and override `onSession`. It answers the cloud's webhooks, opens a session for each user and serves the app's HTTP routes (Express 4).
 *
 * @example
 * ```ts
 * import { AppServer, type AppSession } from '@mentraos/sdk';
 *
 * class HelloApp extends AppServer {
 *   protected override async onSession(session: AppSession, sessionId: string, userId: string) {
 *     session.layouts.showTextWall(`Hello, ${userId}`);
 *     session.events.onTranscription((data) => {
 *       if (data.isFinal) session.layouts.showTextWall(data.text);
 *     });
 *   }
 * }
 *
 * const app = new HelloApp({ packageName: 'com.example.hello', apiKey: process.env.MENTRAOS_API_KEY!, port: 3000 });
 * await app.start();
 * ```
 */
export class AppServer {
  /** The server's logger (the injected one, or a console logger silent below `warn`). */
  readonly logger: Logger;

  constructor(config: AppServerConfig) {
    const resolved = resolveHostConfig(config, new.target?.name || 'AppServer');
    const host: AppHost = new AppHost(
      resolved,
      serverHooks(this, config.onError, (): Logger => host.logger),
    );
    hosts.set(this, host);
    registerEngineOwner(this, host.engine);
    this.logger = host.logger;
  }

  /** Called when a user starts the app, after the cloud has been answered. Override it. */
  protected async onSession(session: AppSession, sessionId: string, userId: string): Promise<void> {
    if (this.logger.isLevelEnabled('debug')) session.logger.debug(`Session ${sessionId} started for ${userId}`);
  }

  /** Called once when a session ends, with the reason. Override it. */
  protected async onStop(_sessionId: string, _userId: string, _reason: StopReason): Promise<void> {}

  /**
   * Called when the assistant invokes one of the app's tools (only for calls signed by the cloud).
   * Override it in either form: `onToolCall(toolCall)`, where `toolCall.activeSession` is the user's
   * live session or null, or `onToolCall(toolName, args, userId)`. The return value is the reply
   * (`GIVE_APP_CONTROL_OF_TOOL_RESPONSE` keeps the assistant silent); a throw answers 500 and reaches onError.
   */
  protected async onToolCall(..._call: ToolCallArgs): Promise<any> {
    return undefined;
  }

  /**
   * Optional hook: called once per settings push from the cloud (`POST /settings`), with the user's whole new
   * settings list, on the instance holding the user's session; it runs even when the user has no live
   * session. Sessions see the change through `session.events.onSettingsUpdate` and `session.settings`.
   * A throw answers the push with an error and reaches `onError`.
   */
  protected onSettingsUpdate?(userId: string, settings: AppSetting[]): unknown;

  /** Builds the session object handed to `onSession` (the legacy facade returns its own). */
  protected createSessionFacade(core: CoreSession): AppSession {
    return new AppSession(core);
  }

  /** Starts listening; resolves when ready, rejects with `SdkError('port_in_use')` if the port is taken. */
  start(): Promise<void> {
    return hostOf(this).start();
  }

  /**
   * Ends every session, runs cleanup handlers and closes the HTTP server. Never exits the process.
   * Returns a Promise that resolves when done.
   *
   * Typed loosely on purpose: 2.0-era apps override it as `stop(): void { ...; super.stop(); }`, while 2.1
   * apps call `server.stop().then(...)` on the published `Promise<void>`; no narrower type lets both compile.
   * @returns {Promise<void>}
   */
  stop(): any {
    return hostOf(this).stop();
  }

  /** The Express app, to add routes (Express 4 syntax). */
  getExpressApp(): Express {
    return hostOf(this).app;
  }

  /** The port the server listens on (useful with `port: 0`). */
  getPort(): number {
    return hostOf(this).port;
  }

  // ---------------------------------------------------------------- the photo-request registry (published)

  /**
   * Registers a photo request the app sent itself: its answer (an upload to `/photo-upload` or a
   * `photo_response`) calls `request.resolve`; no answer within 30 s, the end of the session, or an id
   * already pending calls `request.reject` with an `SdkError`. `session.camera.requestPhoto()` does all of
   * this for you.
   */
  registerPhotoRequest(requestId: string, request: Omit<PendingPhotoRequest, 'timeoutId'>): void {
    photos.registerPhotoRequest(hostOf(this).engine, requestId, request);
  }

  /** The pending photo request `requestId` (the camera's and the app's own), or undefined. */
  getPhotoRequest(requestId: string): PendingPhotoRequest | undefined {
    return photos.getPhotoRequest(hostOf(this).engine, requestId);
  }

  /** Removes `requestId` without settling it and returns it (settle it with its `resolve`/`reject`), or undefined. */
  completePhotoRequest(requestId: string): PendingPhotoRequest | undefined {
    return photos.completePhotoRequest(hostOf(this).engine, requestId);
  }

  /** Rejects every pending photo request of `sessionId` with `SdkError('session_closed')` (the SDK does it when a session ends). */
  cleanupPhotoRequestsForSession(sessionId: string): void {
    photos.cleanupPhotoRequestsForSession(hostOf(this).engine, sessionId);
  }

  /** Runs `handler` during `stop()`. */
  protected addCleanupHandler(handler: () => unknown): void {
    hostOf(this).addCleanupHandler(handler);
  }

  /** A signed HS256 token for webviews: `{userId, packageName, sessionId}`, valid one day. */
  protected generateToken(userId: string, sessionId: string, secretKey: string): string {
    return createToken({ userId, packageName: hostOf(this).packageName, sessionId }, { secretKey });
  }
}
