/**
 * Cluster configuration: from the `cluster` option or, for an app whose code does not mention it, from the
 * environment (`MENTRAOS_REDIS_URL` and `MENTRAOS_INSTANCE_URL`, optionally `MENTRAOS_CLUSTER_SECRET` and
 * `MENTRAOS_CLUSTER_TTL_MS`). Checked when the server is constructed, so a half-configured deployment fails
 * at once instead of running silently unshared.
 */
import { randomBytes } from 'node:crypto';
import { hmacSha256Hex } from '../http/crypto';
import { SdkError } from '../errors';

export const REDIS_URL_ENV = 'MENTRAOS_REDIS_URL';
export const INSTANCE_URL_ENV = 'MENTRAOS_INSTANCE_URL';
export const CLUSTER_SECRET_ENV = 'MENTRAOS_CLUSTER_SECRET';
export const CLUSTER_TTL_ENV = 'MENTRAOS_CLUSTER_TTL_MS';

export const DEFAULT_CLUSTER_TTL_MS = 30_000;
const MIN_TTL_MS = 300;

/** Run one app on several instances behind a load balancer, sharing a session directory in Redis. */
export interface ClusterOptions {
  /** `redis://` or `rediss://` URL of the shared Redis (or `MENTRAOS_REDIS_URL`). Needs the `ioredis` package. */
  redisUrl: string;
  /** Where the other instances reach this one, e.g. `http://10.0.0.7:7010` (or `MENTRAOS_INSTANCE_URL`). */
  instanceUrl: string;
  /**
   * Signs the requests instances forward to each other (or `MENTRAOS_CLUSTER_SECRET`). Default: derived
   * from the API key, which every instance of the app already has. It never travels on the wire.
   *
   * @defaultValue `MENTRAOS_CLUSTER_SECRET`, else derived from the API key
   */
  secret?: string;
  /**
   * How long an ownership record outlives an instance that died (ms, default 30 000, or `MENTRAOS_CLUSTER_TTL_MS`); refreshed every third of it.
   *
   * @defaultValue 30 000 ms, or `MENTRAOS_CLUSTER_TTL_MS`
   */
  ttlMs?: number;
  /**
   * Prefix of every Redis key and channel (default `mentraos:<packageName>:`), so apps can share one Redis.
   *
   * @defaultValue `mentraos:<packageName>:`
   */
  keyPrefix?: string;
}

export interface ResolvedCluster {
  redisUrl: string;
  /** Normalised, without a trailing slash. */
  instanceUrl: string;
  instanceId: string;
  secret: string;
  /** The webview cookie secret used when the app sets none, so every instance accepts every instance's cookie. */
  cookieSecret: string;
  ttlMs: number;
  keyPrefix: string;
  /** Values to keep out of every log line (the secret, the Redis password). */
  secrets: string[];
  /** `host:port` of Redis, for log lines (never the URL, which may carry a password). */
  redisHost: string;
}

/** The cluster settings, or undefined for a single instance. Throws `SdkError('invalid_config')` when they are incomplete or wrong. */
export function resolveCluster(
  option: ClusterOptions | false | undefined,
  base: { apiKey: string; packageName: string },
  env: NodeJS.ProcessEnv = process.env,
): ResolvedCluster | undefined {
  if (option === false) return undefined;
  if (option !== undefined && (option === null || typeof option !== 'object')) {
    throw new SdkError('invalid_config', '"cluster" must be an object { redisUrl, instanceUrl } or false');
  }
  const fromEnv = option === undefined;
  const redisUrl = fromEnv ? env[REDIS_URL_ENV] : option.redisUrl;
  const instanceUrl = fromEnv ? env[INSTANCE_URL_ENV] : option.instanceUrl;
  if (fromEnv && !redisUrl && !instanceUrl) return undefined;
  const name = (field: 'redisUrl' | 'instanceUrl') => (fromEnv ? (field === 'redisUrl' ? REDIS_URL_ENV : INSTANCE_URL_ENV) : `cluster.${field}`);
  if (!redisUrl || !instanceUrl) {
    const missing = !redisUrl ? name('redisUrl') : name('instanceUrl');
    throw new SdkError(
      'invalid_config',
      `${missing} is not set: running several instances needs both ${name('redisUrl')} and ${name('instanceUrl')} (or neither, for one instance)`,
    );
  }
  const redis = parseUrl(redisUrl, name('redisUrl'), ['redis:', 'rediss:']);
  const instance = parseUrl(instanceUrl, name('instanceUrl'), ['http:', 'https:']);
  if (instance.username || instance.password || instance.search || instance.hash || instance.pathname !== '/') {
    throw new SdkError(
      'invalid_config',
      `${name('instanceUrl')} must be the instance's own http(s) origin (scheme, host and port) without credentials, path or query`,
    );
  }
  const secret = (fromEnv ? env[CLUSTER_SECRET_ENV] : (option.secret ?? env[CLUSTER_SECRET_ENV])) || hmacSha256Hex(base.apiKey, 'mentraos-cluster-secret-v1');
  if (secret.length < 16) throw new SdkError('invalid_config', 'The cluster secret must be at least 16 characters');
  const ttlMs = resolveTtl(fromEnv ? undefined : option.ttlMs, env);
  const keyPrefix = (fromEnv ? undefined : option.keyPrefix) ?? `mentraos:${base.packageName}:`;
  const password = redis.password ? decodeURIComponent(redis.password) : '';
  return {
    redisUrl,
    instanceUrl: instance.origin,
    instanceId: randomBytes(8).toString('hex'),
    secret,
    cookieSecret: hmacSha256Hex(secret, 'mentraos-webview-cookie-v1'),
    ttlMs,
    keyPrefix,
    secrets: [secret, password].filter((s) => s.length >= 4),
    redisHost: `${redis.hostname || '127.0.0.1'}:${redis.port || '6379'}`,
  };
}

function resolveTtl(option: number | undefined, env: NodeJS.ProcessEnv): number {
  const raw = option ?? (env[CLUSTER_TTL_ENV] ? Number(env[CLUSTER_TTL_ENV]) : DEFAULT_CLUSTER_TTL_MS);
  if (!Number.isFinite(raw) || raw < MIN_TTL_MS) {
    throw new SdkError(
      'invalid_config',
      `The cluster TTL must be a number of milliseconds of at least ${MIN_TTL_MS} (got ${JSON.stringify(option ?? env[CLUSTER_TTL_ENV])})`,
    );
  }
  return Math.round(raw);
}

function parseUrl(raw: string, name: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SdkError('invalid_config', `${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new SdkError('invalid_config', `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got ${url.protocol}//)`);
  }
  return url;
}
