/**
 * The webhook's fast lane: the cloud's `session_request` is a POST of a few hundred bytes of
 * `application/json` with a Content-Length, and reading it without Express's router and body parser
 * makes starting a session noticeably cheaper. Only that common case takes the lane; everything else
 * (another path or method, a query string, chunked or encoded bodies, other content types, anything over
 * the limit) goes to Express, whose `express.json()` gives the same answers. No app middleware can run
 * before the webhook route either way (the SDK registers it first), so apps see no difference.
 */
import type { IncomingMessage } from 'node:http';

/** The lane reads at most this much; webhooks are far smaller. */
const LANE_MAX_BYTES = 16 * 1024;

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Bytes of a body limit as Express spells it (`100kb`, `1mb`, a number); undefined if unreadable. */
export function byteLimit(limit: string | number | undefined): number | undefined {
  if (limit === undefined) return 100 * 1024;
  if (typeof limit === 'number') return Number.isFinite(limit) && limit >= 0 ? limit : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  return m ? Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!) : undefined;
}

/** True if this request may take the lane (`limit` in bytes, undefined when it could not be read). */
export function takesLane(req: IncomingMessage, path: string, limit: number | undefined): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent, an undefined limit fails the comparison below as well (EQUIVALENT_MUTANTS.md)
  if (limit === undefined) return false;
  if (req.method !== 'POST' || req.url !== path) return false;
  const h = req.headers;
  const type = h['content-type'];
  if (type !== 'application/json' && type !== 'application/json; charset=utf-8') return false;
  const length = declaredLength(req);
  // Stryker disable next-line ConditionalExpression: equivalent, undefined fails the comparison below as well (EQUIVALENT_MUTANTS.md)
  if (length === undefined) return false;
  return length <= Math.min(limit, LANE_MAX_BYTES);
}

/**
 * The body length a request declares when its body can be read as it arrives: a `Content-Length`, and no
 * chunked or encoded body. Undefined otherwise.
 */
export function declaredLength(req: IncomingMessage): number | undefined {
  const h = req.headers;
  // A chunked body never has a Content-Length: the HTTP parser refuses a request with both.
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, the Content-Length below is missing then (EQUIVALENT_MUTANTS.md)
  if (h['transfer-encoding'] !== undefined) return undefined;
  if (h['content-encoding'] !== undefined && h['content-encoding'] !== 'identity') return undefined;
  // NaN when there is none; the HTTP parser has refused any other value that is not a run of digits
  const length = Number(h['content-length']);
  return Number.isInteger(length) ? length : undefined;
}

export const INVALID_JSON: unique symbol = Symbol('invalid JSON');

/**
 * Reads and parses the body as `express.json()` does (strict: an object or an array; empty means `{}`).
 * Resolves `INVALID_JSON` for a body that does not parse, undefined if the request was aborted.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    // a decoder keeps a character split across two chunks whole
    // Stryker disable next-line StringLiteral: equivalent, Node reads an empty encoding name as UTF-8 (EQUIVALENT_MUTANTS.md)
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(parseStrict(text)));
    // An aborted request emits 'error' (to listeners only, on Node) and then 'close'; either settles the read
    // alone, and after 'end' the promise has settled already.
    // Stryker disable next-line all: equivalent, the 'error' listener settles an aborted read as well (EQUIVALENT_MUTANTS.md)
    req.on('close', () => resolve(undefined));
    // Stryker disable next-line all: equivalent, the 'close' listener settles an aborted read as well (EQUIVALENT_MUTANTS.md)
    req.on('error', () => resolve(undefined));
  });
}

/** Parses a body as `express.json()` does (strict: an object or an array; empty means `{}`), else `INVALID_JSON`. */
export function parseStrict(raw: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.length === 0) return {};
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') return INVALID_JSON;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}
