/**
 * Which WebSocket URLs a webhook may send the app to. The first frame on that socket carries the API key,
 * so the URL must name a cloud the app trusts: by default the MentraOS and AugmentOS cloud domains over
 * `wss://`; more hosts come from `trustedCloudHosts` and `MENTRAOS_TRUSTED_HOSTS` (comma-separated exact
 * host names or addresses). Plain `ws://` is allowed only for loopback addresses listed there.
 * Checked before any connection or DNS lookup.
 */

import { isIPv6 } from 'node:net';
import { TRUSTED_HOSTS_ENV } from '../../protocol/http-names';

/** The cloud domains trusted by default (and their subdomains, over `wss://`). */
export const DEFAULT_TRUSTED_DOMAINS: readonly string[] = ['mentra.glass', 'mentraos.com', 'augmentos.cloud', 'augmentos.org'];
export { TRUSTED_HOSTS_ENV };

export type TrustVerdict = { ok: true; url: URL } | { ok: false; reason: string };

function normaliseHost(h: string): string {
  const host = h.trim().toLowerCase();
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export function isLoopbackHost(host: string): boolean {
  const h = normaliseHost(host);
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Hosts listed in the environment variable, read at call time so a test cloud or `mentraos dev` can add itself. */
export function envTrustedHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[TRUSTED_HOSTS_ENV] ?? '').split(',').map(normaliseHost).filter(Boolean);
}

/** True when `host` (normalised) is in `extraHosts` or in the environment variable (no list built per call). */
function isListed(host: string, extraHosts: readonly string[]): boolean {
  for (const h of extraHosts) if (normaliseHost(h) === host) return true;
  const env = process.env[TRUSTED_HOSTS_ENV];
  if (env) for (const h of env.split(',')) if (h.length > 0 && normaliseHost(h) === host) return true;
  return false;
}

/** Why a `trustedCloudHosts` entry can never match a host (a URL, a port or a path), or undefined if fine. */
export function invalidHostEntry(entry: string): string | undefined {
  const h = normaliseHost(entry);
  if (h === '') return 'an empty host name';
  if (/[/\\@?#\s]/.test(h)) return `"${entry}" is not a host name (write the host alone, e.g. "cloud.example.com")`;
  if (h.includes(':') && !isIPv6(h)) return `"${entry}" has a port; list the host alone (any port of a trusted host is trusted)`;
  return undefined;
}

// Stryker disable next-line ArrayDeclaration: a listed "Stryker was here" can never equal a URL's host name (no spaces in host names)
export function checkCloudUrl(raw: string, extraHosts: readonly string[] = []): TrustVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'the WebSocket URL is not a valid URL' };
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    return { ok: false, reason: `the WebSocket URL must use wss:// (got ${url.protocol}//)` };
  }
  if (url.username || url.password) return { ok: false, reason: 'the WebSocket URL must not carry credentials' };
  const host = normaliseHost(url.hostname);
  if (isListed(host, extraHosts)) {
    if (url.protocol === 'ws:' && !isLoopbackHost(host)) {
      return { ok: false, reason: `ws:// is allowed only for loopback addresses; use wss:// for ${host}` };
    }
    return { ok: true, url };
  }
  const byDefault = DEFAULT_TRUSTED_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
  if (!byDefault) {
    return {
      ok: false,
      reason: `host "${host}" is not a trusted cloud; add it to trustedCloudHosts or ${TRUSTED_HOSTS_ENV} if you run that cloud`,
    };
  }
  if (url.protocol !== 'wss:') return { ok: false, reason: `the cloud at ${host} must be reached over wss://` };
  return { ok: true, url };
}
