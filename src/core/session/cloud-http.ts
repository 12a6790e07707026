/**
 * HTTP calls from a session to its cloud. The base URL is derived from the session's WebSocket URL, checked
 * against the trusted hosts before any credential is sent: the engine checks a webhook's URL, but a session an
 * app built itself may make a call before `connect()` (which checks it) ever ran.
 */
import { isError, SdkError, toError } from '../errors';
import { checkCloudUrl } from './trust';

/** A session's cloud as the trust check sees it: its WebSocket URL and the server's extra trusted hosts. */
export interface CloudUrlSource {
  readonly url: string;
  readonly trustedCloudHosts?: readonly string[];
}

/** What `cloudRequest` needs of a session: the URL it connected to, the extra trusted hosts and its authorization. */
export interface CloudTarget extends CloudUrlSource {
  cloudAuthorization(): string;
}

/**
 * The cloud's HTTP base for a session that may send credentials there, or why it may not (the WebSocket URL
 * is missing or not a trusted cloud).
 */
export function credentialedBase(target: CloudUrlSource): { base: string; refused?: undefined } | { refused: string } {
  const verdict = checkCloudUrl(target.url, target.trustedCloudHosts);
  return verdict.ok ? { base: cloudHttpBase(target.url) } : { refused: `Refused to send the app's credentials: ${verdict.reason}` };
}

/** The cloud's HTTP base for a WebSocket URL: ws→http, wss→https, the app socket path (`/app-ws`, `/tpa-ws`) removed. */
export function cloudHttpBase(wsUrl: string): string {
  const u = new URL(wsUrl);
  u.protocol = u.protocol === 'ws:' ? 'http:' : u.protocol === 'wss:' ? 'https:' : u.protocol;
  u.pathname = u.pathname.replace(/\/(app|tpa)-ws\/?$/, '') || '/';
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/$/, '');
}

export interface CloudRequestInit {
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** A JSON body. */
  json?: unknown;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

/** Sends an authenticated request to `base + path`; network failures and timeouts become `SdkError('cloud_unreachable')`. */
export async function cloudFetch(base: string, path: string, authorization: string, init: CloudRequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization, accept: 'application/json' };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const url = base + path;
  try {
    return await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch (e) {
    const err = toError(e);
    const why = err.name === 'TimeoutError' ? 'timed out' : isError(err.cause) ? err.cause.message : err.message;
    throw new SdkError('cloud_unreachable', `${init.method ?? 'GET'} ${new URL(url).origin}${path.split('?')[0]} failed: ${why}`, { cause: e });
  }
}

/**
 * `cloudFetch` to the cloud of `target`'s WebSocket URL with the app's credentials; rejects with
 * `cloud_unreachable`, having sent nothing, when that URL is not a trusted cloud.
 */
export async function credentialedFetch(target: CloudUrlSource, path: string, authorization: string, init: CloudRequestInit = {}): Promise<Response> {
  const t = credentialedBase(target);
  if (t.refused !== undefined) throw new SdkError('cloud_unreachable', `${init.method ?? 'GET'} ${path.split('?')[0]}: ${t.refused}`);
  return cloudFetch(t.base, path, authorization, init);
}

/** Reads a JSON body, or undefined when it is not JSON. */
export async function readJson(res: Response): Promise<any> {
  try {
    return await res.json();
  } catch {
    return undefined;
  }
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
export async function cloudRequest<T>(core: CloudTarget, req: CloudRequest): Promise<T> {
  const target = credentialedBase(core);
  if (target.refused !== undefined) throw new SdkError('cloud_request_failed', `${req.what}: ${target.refused}`);
  const { base } = target;
  const url = new URL(base + req.path);
  if (url.origin !== new URL(base).origin) throw new SdkError('invalid_argument', `Refused ${req.what}: the path leaves the session's cloud`);
  const authorization = req.authorization === 'api-key' ? core.cloudAuthorization() : req.authorization;
  let res: Response;
  try {
    res = await cloudFetch(base, req.path, authorization, { method: req.method, json: req.body, timeoutMs: req.timeoutMs });
  } catch (e) {
    const timedOut = toError((e as { cause?: unknown }).cause ?? e).name === 'TimeoutError';
    throw new SdkError(
      timedOut ? 'request_timeout' : 'cloud_request_failed',
      `${req.what} at ${url.host} ${timedOut ? 'timed out' : `failed: ${toError(e).message}`}`,
      { cause: e },
    );
  }
  const text = await res.text();
  if (!res.ok) {
    throw new SdkError('cloud_request_failed', `${req.what} at ${url.host} failed: HTTP ${res.status} ${text.slice(0, 200)}`.trim(), {
      details: { status: res.status },
    });
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new SdkError('cloud_request_failed', `${req.what} at ${url.host} answered something that is not JSON`, { details: { status: res.status } });
  }
}
