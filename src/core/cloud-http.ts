/**
 * HTTP calls from a session to its own cloud. The base URL is derived from the session's WebSocket URL,
 * which passed the trust check when the webhook arrived, so credentials only ever go to that host:
 * `ws://h/app-ws` -> `http://h`, `wss://h/tpa-ws` -> `https://h` (the app path is removed, any other path kept).
 */
import { SdkError, toError } from './errors';
import type { CoreSession } from './session';

const DEFAULT_TIMEOUT_MS = 10_000;

/** The cloud's HTTP base for a WebSocket URL, without a trailing slash. */
export function cloudHttpBase(websocketUrl: string): string {
  const u = new URL(websocketUrl);
  u.protocol = u.protocol === 'ws:' ? 'http:' : 'https:';
  u.pathname = u.pathname.replace(/\/(app|tpa)-ws\/?$/, '') || '/';
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/$/, '');
}

export interface CloudRequest {
  method: 'GET' | 'POST';
  /** Path below the cloud base, starting with `/`. */
  path: string;
  /** `api-key`: `Bearer <apiKey>`; otherwise the exact header value. */
  authorization: 'api-key' | string;
  body?: unknown;
  timeoutMs?: number;
  /** What the call is for, in error messages (e.g. "user discovery"). */
  what: string;
}

/** Sends one JSON request to the session's cloud and returns the parsed JSON answer. */
export async function cloudRequest<T>(core: CoreSession, req: CloudRequest): Promise<T> {
  const base = cloudHttpBase(core.url);
  const url = new URL(base + req.path);
  if (url.origin !== new URL(base).origin) throw new SdkError('invalid_argument', `Refused ${req.what}: the path leaves the session's cloud`);
  const headers: Record<string, string> = { accept: 'application/json' };
  headers.authorization = req.authorization === 'api-key' ? core.cloudAuthorization() : req.authorization;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (e) {
    const err = toError(e);
    const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError';
    throw new SdkError(timedOut ? 'request_timeout' : 'cloud_request_failed', `${req.what} at ${url.host} ${timedOut ? 'timed out' : `failed: ${err.message}`}`, { cause: e });
  }
  const text = await res.text();
  if (!res.ok) {
    throw new SdkError('cloud_request_failed', `${req.what} at ${url.host} failed: HTTP ${res.status} ${text.slice(0, 200)}`.trim(), { details: { status: res.status } });
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new SdkError('cloud_request_failed', `${req.what} at ${url.host} answered something that is not JSON`, { details: { status: res.status } });
  }
}
