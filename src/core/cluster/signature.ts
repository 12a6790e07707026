/**
 * Requests one instance forwards to another carry `X-MentraOS-Cluster: v1.<time>.<nonce>.<from>.<mac>`,
 * where `mac` is the HMAC-SHA256 (with the shared cluster secret) of the method, the URL, the time, the
 * nonce, the sending instance and the forwarded user (`X-MentraOS-Cluster-User`, set for webview requests
 * the sender authenticated). The receiver checks the MAC in constant time, refuses times more than a minute
 * away, and remembers nonces for that minute, so a captured request cannot be replayed. The secret itself
 * never leaves the process.
 */
import { randomBytes } from 'node:crypto';
import { hmacSha256Hex, safeEqual } from '../http/crypto';

export const CLUSTER_HEADER = 'x-mentraos-cluster';
export const CLUSTER_USER_HEADER = 'x-mentraos-cluster-user';

const WINDOW_MS = 60_000;
const MAX_NONCES = 100_000;
const HEADER = /^v1\.(\d{1,15})\.([0-9a-f]{32})\.([A-Za-z0-9_-]{1,64})\.([0-9a-f]{64})$/;

export interface ForwardedFrom {
  /** The instance that forwarded the request. */
  from: string;
  /** The webview user the sender authenticated, if any. */
  user?: string;
}

export type Verdict = ({ ok: true } & ForwardedFrom) | { ok: false; reason: string };

function payload(method: string, url: string, time: string, nonce: string, from: string, user: string | undefined): string {
  return ['v1', method.toUpperCase(), url, time, nonce, from, user ?? ''].join('\n');
}

/** The headers that authenticate one forwarded request. */
export function signForward(secret: string, from: string, method: string, url: string, user?: string): Record<string, string> {
  const time = String(Date.now());
  const nonce = randomBytes(16).toString('hex');
  const mac = hmacSha256Hex(secret, payload(method, url, time, nonce, from, user));
  const headers: Record<string, string> = { [CLUSTER_HEADER]: `v1.${time}.${nonce}.${from}.${mac}` };
  if (user !== undefined) headers[CLUSTER_USER_HEADER] = encodeURIComponent(user);
  return headers;
}

/** Checks forwarded requests against the shared secret, refusing replays. */
export class ForwardVerifier {
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly windowMs = WINDOW_MS,
  ) {}

  verify(header: string, userHeader: string | undefined, method: string, url: string, now = Date.now()): Verdict {
    const m = HEADER.exec(header.trim());
    if (!m) return { ok: false, reason: 'malformed cluster header' };
    const [, time, nonce, from, mac] = m;
    let user: string | undefined;
    if (userHeader !== undefined) {
      try {
        user = decodeURIComponent(userHeader);
      } catch {
        return { ok: false, reason: 'malformed cluster user header' };
      }
    }
    const expected = hmacSha256Hex(this.secret, payload(method, url, time, nonce, from, user));
    if (!safeEqual(mac, expected)) return { ok: false, reason: 'bad signature (is the cluster secret the same on every instance?)' };
    if (Math.abs(now - Number(time)) > this.windowMs) {
      return { ok: false, reason: `the request was signed ${Math.round((now - Number(time)) / 1000)} s away from this instance's clock` };
    }
    this.prune(now);
    if (this.nonces.has(nonce)) return { ok: false, reason: 'replayed request' };
    if (this.nonces.size >= MAX_NONCES) return { ok: false, reason: 'too many forwarded requests in the replay window' };
    this.nonces.set(nonce, Math.max(now, Number(time)) + this.windowMs);
    return user === undefined ? { ok: true, from } : { ok: true, from, user };
  }

  /**
   * Nonces are kept in insertion order with nearly increasing expiries: drop expired ones from the front. A
   * nonce is kept through its last accepted millisecond (the clock check accepts `now - time === windowMs`).
   */
  private prune(now: number): void {
    for (const [nonce, expires] of this.nonces) {
      if (expires >= now) break;
      this.nonces.delete(nonce);
    }
  }
}
