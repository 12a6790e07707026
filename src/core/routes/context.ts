/** What the SDK's own HTTP routes need from the host, and the one way they answer with an error. */
import type { Response } from 'express';
import type { SessionEngine } from '../engine';
import type { Logger } from '../logger';

export interface RouteContext {
  engine: SessionEngine;
  packageName: string;
  apiKey: string;
  logger: Logger;
}

/** Answers `{status:'error', message}` with a 4xx/5xx status (always JSON, never an HTML page). */
export function sendError(res: Response, status: number, message: string): void {
  res.status(status).json({ status: 'error', message });
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
