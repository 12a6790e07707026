/**
 * `POST /tool`: the assistant invoking one of the app's tools. The cloud signs the call with the sha256 hex
 * of the app's API key in `X-App-API-Key` (`X-TPA-API-Key` in the AugmentOS generation); it is compared
 * in constant time and anything else is answered 401 before the app sees the call.
 * `GET /tool` is the unauthenticated liveness answer of the earlier SDKs (it never calls the app).
 * With several instances, a verified call for a user whose session another instance holds is answered there.
 */
import { Router, type RequestHandler } from 'express';
import { API_KEY_HEADER_NAMES, apiKeyHeaderValue } from '../../../protocol/dialects';
import { safeEqual, sha256Hex } from '../crypto';
import type { ToolCallInput } from '../../engine';
import { toError } from '../../errors';
import { redactText } from '../../logger';
import { isId, MAX_ID_LENGTH } from '../../ids';
import { errorAnswer, isPlainObject, jsonAnswer, routedByUser, sendAnswer, sendError, type JsonAnswer, type RouteContext } from './context';

const HEADER_NAMES = API_KEY_HEADER_NAMES.join(' or ');

/** The answer of `GET /tool`. */
export const TOOL_GREETING = { status: 'success', reply: 'Hello, world!' } as const;

/** Checks the cloud's signature header of a tool call (`headers` lower-cased): undefined when it verifies, else the 401 message. */
export function toolSignatureError(apiKey: string, headers: Record<string, string | string[] | undefined>): string | undefined {
  const given = apiKeyHeaderValue(headers);
  if (given === undefined) return `Missing ${HEADER_NAMES} header: tool calls must come from the cloud`;
  // (HTTP parsers strip the whitespace around a header value)
  if (!safeEqual(given.toLowerCase(), sha256Hex(apiKey))) return `Invalid ${HEADER_NAMES} header: it must be the sha256 hex of the app's API key`;
  return undefined;
}

/** Runs a verified tool call body through the engine: the reply, or a 400/500 with a reason. */
export async function answerToolCall(ctx: RouteContext, rawBody: unknown): Promise<JsonAnswer> {
  const call = parseToolCall(rawBody);
  if (typeof call === 'string') return errorAnswer(400, call);
  let reply: unknown;
  try {
    reply = await ctx.engine.callTool(call);
  } catch (e) {
    const message = toError(e).message || 'Unknown error occurred calling tool';
    return errorAnswer(500, redactText(message, [ctx.apiKey]));
  }
  try {
    return jsonAnswer(200, { status: 'success', reply: reply === undefined ? null : reply });
  } catch (e) {
    ctx.logger.error(`The reply of tool ${call.toolId} is not JSON: ${toError(e).message}`);
    return errorAnswer(500, 'The tool reply could not be serialised as JSON');
  }
}

export function toolRoutes(ctx: RouteContext): Router {
  const router = Router();
  router.get('/tool', (_req, res) => {
    res.json(TOOL_GREETING);
  });

  // The cloud's signature is checked where the call lands; an instance forwarding it signs it with the cluster secret.
  const fromCloud: RequestHandler = (req, res, next) => {
    if (ctx.cluster?.forwardedFrom(req)) return next();
    const refused = toolSignatureError(ctx.apiKey, req.headers);
    if (refused) return sendError(res, 401, refused);
    next();
  };

  router.post('/tool', fromCloud, ...routedByUser(ctx, (body) => body.userId), async (req, res) => {
    sendAnswer(res, await answerToolCall(ctx, req.body));
  });

  return router;
}

/** The tool call in a request body, or the reason it is not one. */
function parseToolCall(body: unknown): ToolCallInput | string {
  if (!isPlainObject(body)) return 'The tool call body must be a JSON object';
  const { toolId, userId, toolParameters, timestamp } = body;
  if (!isId(toolId)) return `The tool call needs "toolId" as a non-empty string of at most ${MAX_ID_LENGTH} characters`;
  if (!isId(userId)) return `The tool call needs "userId" as a non-empty string of at most ${MAX_ID_LENGTH} characters`;
  if (toolParameters !== undefined && toolParameters !== null && !isPlainObject(toolParameters)) {
    return 'The tool call "toolParameters" must be an object';
  }
  return {
    toolId,
    userId,
    toolParameters: (toolParameters as Record<string, unknown> | undefined) ?? {},
    timestamp: typeof timestamp === 'string' || typeof timestamp === 'number' ? timestamp : new Date().toISOString(),
  };
}
