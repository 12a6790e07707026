/**
 * The plumbing of the test cloud's HTTP side: trusting 127.0.0.1 for apps in this process while clouds
 * run, the `Origin` check, and posting JSON to an app. Kept apart from the cloud's session logic.
 */
import { type Agent, request } from 'node:http';
import { TRUSTED_HOSTS_ENV } from '../protocol/http-names';
import type { WebhookAnswer } from './user-types';
import { parseOrRaw } from './wire-parse';

let trustRefs = 0;
let envBefore: string | undefined;

/** Adds 127.0.0.1 to the trusted hosts (counted: the first cloud adds it, the last one out restores). */
export function addTrust(): void {
  if (trustRefs++ === 0) {
    envBefore = process.env[TRUSTED_HOSTS_ENV];
    const hosts = (envBefore ?? '').split(',').filter(Boolean);
    if (!hosts.includes('127.0.0.1')) hosts.push('127.0.0.1');
    process.env[TRUSTED_HOSTS_ENV] = hosts.join(',');
  }
}

export function removeTrust(): void {
  if (--trustRefs === 0) {
    if (envBefore === undefined) delete process.env[TRUSTED_HOSTS_ENV];
    else process.env[TRUSTED_HOSTS_ENV] = envBefore;
  }
}

/** True when the request has no `Origin` header or one of the allowed origins. */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  return origin === undefined || allowed.includes(origin);
}

/** POSTs JSON with node:http (lighter than fetch when thousands of sessions start and stop). */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}, agent?: Agent): Promise<WebhookAnswer> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parseOrRaw(Buffer.concat(chunks).toString('utf8'), 500) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
