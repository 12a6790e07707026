/**
 * The per-session telemetry ring (3.0.0-hono): the last lines `session.logger` wrote at `info` and above,
 * kept so that a `request_telemetry` from the cloud can be answered with them (see `session/telemetry-upload.ts`).
 *
 * Cost: a session that never logs has no session logger and so no ring; the ring's array is created with
 * its first line. Lines are recorded in the logger's `logMethod` hook after redaction, so no secret enters
 * the ring. A session logger records `info` even when its output level is `warn`: the ring sees the line,
 * stdout (or the injected logger) does not.
 */
import { format } from 'node:util';
import type { TelemetryLogEntry } from '../protocol/stream-telemetry';
import { isError } from './errors';

/** Where a logger that feeds a ring keeps it (inherited by its children, as pino children are prototype-linked). */
export const TELEMETRY_RING: unique symbol = Symbol('mentraos.telemetryRing');

/** The default number of lines a session keeps (as published). */
export const TELEMETRY_BUFFER_SIZE = 500;

const INFO = 30;
// (lines below info are never recorded)
const LEVEL_NAMES: Record<number, TelemetryLogEntry['level']> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'error' };

/** One session's ring of recent log lines. */
export class TelemetryRing {
  private entries: TelemetryLogEntry[] | undefined;

  /**
   * @param size how many lines are kept (the oldest are dropped)
   * @param outputLevel the level value below which a line is recorded but not written out
   */
  constructor(
    readonly size: number,
    readonly outputLevel: number,
  ) {}

  /** How many lines are kept now. */
  get length(): number {
    return this.entries?.length ?? 0;
  }

  /** Records one call (arguments already redacted and in pino's order); lines below `info` and without text are skipped. */
  record(levelValue: number, args: readonly unknown[], bindings: () => Record<string, unknown>): void {
    if (levelValue < INFO) return;
    const [first, ...rest] = args;
    let message: string;
    let obj: unknown;
    if (typeof first === 'string') message = format(first, ...rest);
    else {
      obj = first;
      const [msg, ...fmt] = rest;
      message = typeof msg === 'string' ? format(msg, ...fmt) : isError(first) ? first.message : '';
    }
    if (!message) return;
    const b = bindings();
    const fields = { ...b, ...plainFields(obj) };
    const source = typeof b.service === 'string' ? b.service : typeof b.module === 'string' ? b.module : undefined;
    const entry: TelemetryLogEntry = { timestamp: Date.now(), level: LEVEL_NAMES[levelValue] ?? 'info', message };
    if (source !== undefined) entry.source = source;
    if (Object.keys(fields).length > 0) entry.data = fields;
    const list = (this.entries ??= []);
    list.push(entry);
    // one line in, at most one out
    if (list.length > this.size) list.shift();
  }

  /** The lines of the last `windowMs` milliseconds (all of them when `windowMs` is 0 or missing), oldest first. */
  since(windowMs: number | undefined, now = Date.now()): TelemetryLogEntry[] {
    const list = this.entries ?? [];
    if (!(typeof windowMs === 'number' && windowMs > 0)) return [...list];
    const cutoff = now - windowMs;
    return list.filter((e) => e.timestamp >= cutoff);
  }
}

/** The logged object as JSON-safe fields (an error as its name and message; anything else that cannot be serialised as text). */
function plainFields(obj: unknown): Record<string, unknown> {
  if (!obj || typeof obj !== 'object') return obj === undefined ? {} : { value: obj };
  if (isError(obj)) return { err: { type: obj.name, message: obj.message } };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (isError(v)) out[k] = { type: v.name, message: v.message };
    else if (typeof v !== 'object') out[k] = typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' ? String(v) : v;
    else out[k] = jsonCopy(v);
  }
  return out;
}

function jsonCopy(v: unknown): unknown {
  try {
    const text = JSON.stringify(v);
    return text === undefined ? undefined : text.length > 4000 ? `${text.slice(0, 4000)}…` : JSON.parse(text);
  } catch {
    return String(v);
  }
}

/** The ring of a logger (a session logger or one of its children), if it feeds one. */
export function ringOf(logger: object): TelemetryRing | undefined {
  return (logger as { [TELEMETRY_RING]?: TelemetryRing })[TELEMETRY_RING];
}
