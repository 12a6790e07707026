/**
 * Tool calls as the modern facade presents them. Two override forms of `AppServer.onToolCall` exist in
 * the wild and both work:
 *
 *   onToolCall(toolCall: ToolCall)                      // @mentra/sdk and @augmentos/sdk
 *   onToolCall(toolName: string, args: any, userId)     // the form shown in the MentraOS docs
 *
 * The form is told apart by the override's declared arity (`this.onToolCall.length >= 2` means the
 * three-argument form). Write the parameters out plainly: a default value or a rest parameter lowers
 * `length`, so `onToolCall(name, args = {}, userId?)` counts as one parameter and gets the ToolCall.
 */
import type { ToolCallInput } from '../core/engine';
import type { ToolCall as WireToolCall } from '../protocol/messages';
import type { AppSession } from './session';

/** A tool invocation from the assistant, with the user's live session (null when the user has none). */
export interface ToolCall extends Omit<WireToolCall, 'activeSession'> {
  /** The user's live session, or null when the user has none. */
  activeSession?: AppSession | null;
}

/**
 * The arguments of `AppServer.onToolCall` in its two forms: `(toolCall)`, as `@mentra/sdk` and
 * `@augmentos/sdk` declare it, or `(toolName, args, userId)`, as the MentraOS docs show it. A union of
 * parameter lists types calls exactly as two overloads would, and still lets a subclass override the
 * method in either form (declared overloads would make each one-form override an error).
 */
export type ToolCallArgs = [toolCall: ToolCall] | [toolName: string, args: any, userId: string];

type AnyToolHandler = (...args: any[]) => unknown;

/** Calls `handler` in the form it was declared with. */
export function invokeToolHandler(handler: AnyToolHandler, self: object, call: ToolCallInput, session: AppSession | null): unknown {
  if (handler.length >= 2) return handler.call(self, call.toolId, call.toolParameters, call.userId);
  const toolCall: ToolCall = {
    toolId: call.toolId,
    toolParameters: call.toolParameters as ToolCall['toolParameters'],
    timestamp: call.timestamp as string,
    userId: call.userId,
    activeSession: session,
  };
  return handler.call(self, toolCall);
}
