/**
 * Who may talk to the dev servers, in the manner of the Letta App Server's control plane:
 * - a loopback listener needs no auth, but answers only requests addressed to it by a loopback name
 *   (`Host`), which defeats DNS rebinding;
 * - a listener on any other address requires a token, sent as `Authorization: Bearer <token>`;
 * - a request or WebSocket upgrade carrying an `Origin` other than the simulator page's own is refused,
 *   so no other web page can drive the local cloud.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../core/session/trust';

export interface AccessPolicy {
  /** Accepted `Host` headers; null accepts any (token-protected listeners). */
  readonly hosts: ReadonlySet<string> | null;
  /** The page's own origins. */
  readonly origins: ReadonlySet<string>;
  readonly token: string | undefined;
  readonly loopback: boolean;
}

export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function accessPolicy(listenHost: string, port: number, token?: string): AccessPolicy {
  const loopback = isLoopbackHost(listenHost);
  if (!loopback && !token) throw new Error(`Listening on ${listenHost} (not a loopback address) requires a token (--ws-auth)`);
  const local = ['127.0.0.1', 'localhost', '::1'].map((h) => hostPort(h, port));
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::';
  const own = loopback || wildcard ? local : [hostPort(listenHost, port)];
  if (!loopback && !wildcard) own.push(...local);
  return {
    hosts: loopback ? new Set(own) : null,
    origins: new Set(own.map((h) => `http://${h}`)),
    token: token || undefined,
    loopback,
  };
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Checks Host and Origin, and the bearer token when `needsToken` and the policy has one. */
export function checkAccess(req: IncomingMessage, policy: AccessPolicy, needsToken: boolean): AccessVerdict {
  const host = (req.headers.host ?? '').toLowerCase();
  if (policy.hosts && !policy.hosts.has(host)) {
    return { ok: false, status: 403, message: `Host "${host.slice(0, 100)}" is not this server; use ${[...policy.hosts][0]}` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !policy.origins.has(origin.toLowerCase())) {
    return { ok: false, status: 403, message: `Origin "${origin.slice(0, 100)}" is not the simulator page's own` };
  }
  if (needsToken && policy.token) {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!m || !sameSecret(m[1]!.trim(), policy.token)) {
      return { ok: false, status: 401, message: 'This listener requires "Authorization: Bearer <token>" with the --ws-auth token' };
    }
  }
  return { ok: true };
}
