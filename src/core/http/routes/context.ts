/** What the SDK's own HTTP routes need from the host, and the one way they answer with an error. */
import type { RequestHandler, Response } from 'express';
import type { ClusterRouter, OwnedRoute } from '../../cluster/forward';
import type { SessionEngine } from '../../engine';
import { isId } from '../../ids';
import { sendError } from '../inbound';
import type { Logger } from '../../logger';

export interface RouteContext {
  engine: SessionEngine;
  packageName: string;
  apiKey: string;
  logger: Logger;
  /** Set when several instances share a session directory. */
  cluster?: ClusterRouter;
}

/** Answers `{status:'error', message}` with a 4xx/5xx status (always JSON, never an HTML page). */
export { sendError };

/** A route's answer without a web framework: a status and the JSON text of the body. */
export interface JsonAnswer {
  status: number;
  json: string;
}

/** Sends a `JsonAnswer` with Express. */
export function sendAnswer(res: Response, answer: JsonAnswer): void {
  // Stryker disable next-line ConditionalExpression: equivalent, nothing answers the SDK's routes before them; the guard keeps a second answer from throwing (EQUIVALENT_MUTANTS.md)
  if (res.headersSent) return;
  res.status(answer.status).type('application/json').send(answer.json);
}

/** `{status, json}` of a body. */
export function jsonAnswer(status: number, body: unknown): JsonAnswer {
  return { status, json: JSON.stringify(body) };
}

/** The SDK's refusal, `{status:'error', message}`, as a `JsonAnswer`. */
export function errorAnswer(status: number, message: string): JsonAnswer {
  return jsonAnswer(status, { status: 'error', message });
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The middleware that sends a request to the instance owning its key (spread it into a route's handlers).
 * Empty on a single instance, so the route costs nothing more there.
 */
export function routedByOwner(ctx: RouteContext, spec: OwnedRoute): RequestHandler[] {
  return ctx.cluster ? [ctx.cluster.route(spec)] : [];
}

/** Routing by the user a request names (tool calls, settings pushes): to the instance holding that user's session. */
export function routedByUser(ctx: RouteContext, userIdOf: (body: Record<string, unknown>) => unknown): RequestHandler[] {
  return routedByOwner(ctx, {
    kind: 'user',
    key: (req) => {
      const userId = isPlainObject(req.body) ? userIdOf(req.body) : undefined;
      return isId(userId) ? userId : undefined;
    },
    // Stryker disable next-line ArrowFunction: equivalent, the directory then names this instance as the owner and the request stays here (EQUIVALENT_MUTANTS.md)
    holdsLocally: (userId) => !!ctx.engine.sessionForUser(userId),
  });
}
