/**
 * The engine hooks of a server facade: the engine calls them, they call the app's overrides (`onSession`,
 * `onStop`, `onToolCall` in either form, the duck-typed `onSettingsUpdate`) and its `onError` option.
 * The Express `AppServer` and the Hono `AppServer` both use them, so an app's hooks run the same way in both.
 */
import type { EngineHooks, ErrorContext } from '../core/engine';
import { toError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { CoreSession, StopReason } from '../core/session/session';
import type { AppSetting } from '../protocol/messages';
import type { AppSession } from './session';
import { asAppSettings } from './settings';
import { invokeToolHandler } from './tools';

/** The overridable members a server facade has (protected there, so reached through this shape). */
export interface HookedServer {
  onSession(session: AppSession, sessionId: string, userId: string): unknown;
  onStop(sessionId: string, userId: string, reason: StopReason): unknown;
  onToolCall(...args: any[]): unknown;
  createSessionFacade(core: CoreSession): AppSession;
  onSettingsUpdate?: unknown;
}

/** The hooks for `server`; errors go to `onError` when given (a throwing onError is logged), else to the logger. */
export function serverHooks(server: object, onError: ((error: Error, context: ErrorContext) => void) | undefined, logger: () => Logger): EngineHooks {
  const s = server as HookedServer;
  return {
    createSession: (core: CoreSession) => s.createSessionFacade(core),
    onSession: (session, sessionId, userId) => s.onSession(session as AppSession, sessionId, userId),
    onStop: (sessionId, userId, reason) => s.onStop(sessionId, userId, reason),
    onError: (error, context) => {
      if (onError) {
        try {
          onError(error, context);
          return;
        } catch (e) {
          logger().error(`The onError handler threw: ${toError(e).message}`);
        }
      }
      logger().error(`Error in ${context.phase}${context.sessionId ? ` of session ${context.sessionId}` : ''}: ${error.message}`);
    },
    onToolCall: (call, session) => invokeToolHandler(s.onToolCall, s, call, (session as AppSession | null) ?? null),
    onSettingsUpdate: (userId, settings) => {
      const hook = s.onSettingsUpdate;
      return typeof hook === 'function' ? (hook as (u: string, st: AppSetting[]) => unknown).call(s, userId, asAppSettings(settings)) : undefined;
    },
  };
}
