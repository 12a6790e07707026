/**
 * Cluster settings at their edges: each refusal word for word, the bounds of the secret and the TTL, what the
 * instance URL may not carry, the Redis password kept out of logs, and the secrets every instance derives (pinned,
 * since instances of two releases must agree on them during a rolling deploy).
 */
import { createHmac } from 'node:crypto';
import { isSdkError } from '../../src';
import { type ClusterOptions, resolveCluster } from '../../src/core/cluster/config';
import { API_KEY } from '../helpers/apps';

const base = { apiKey: API_KEY, packageName: 'com.example.app' };
const NO_ENV = {} as NodeJS.ProcessEnv;
const opts = (extra: Partial<ClusterOptions> = {}): ClusterOptions => ({ redisUrl: 'redis://r', instanceUrl: 'http://i', ...extra });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (!isSdkError(e, 'invalid_config')) throw e;
    return e.message;
  }
  throw new Error('taken');
}

describe('cluster settings at their edges', () => {
  test('anything but an object or false is refused', () => {
    for (const option of [null, 'redis://r', 42, true]) {
      expect(refusal(() => resolveCluster(option as never, base, NO_ENV))).toBe('"cluster" must be an object { redisUrl, instanceUrl } or false');
    }
  });

  test('each refusal says what to fix, naming the option or the variable', () => {
    expect(refusal(() => resolveCluster(opts({ redisUrl: '' }), base, NO_ENV))).toBe(
      'cluster.redisUrl is not set: running several instances needs both cluster.redisUrl and cluster.instanceUrl (or neither, for one instance)',
    );
    expect(refusal(() => resolveCluster(undefined, base, { MENTRAOS_REDIS_URL: 'redis://r' } as NodeJS.ProcessEnv))).toBe(
      'MENTRAOS_INSTANCE_URL is not set: running several instances needs both MENTRAOS_REDIS_URL and MENTRAOS_INSTANCE_URL (or neither, for one instance)',
    );
    expect(refusal(() => resolveCluster(opts({ redisUrl: 'not a url' }), base, NO_ENV))).toBe('cluster.redisUrl is not a valid URL');
    expect(refusal(() => resolveCluster(opts({ redisUrl: 'http://r' }), base, NO_ENV))).toBe(
      'cluster.redisUrl must start with redis:// or rediss:// (got http://)',
    );
    const origin = "cluster.instanceUrl must be the instance's own http(s) origin (scheme, host and port) without credentials, path or query";
    for (const instanceUrl of ['http://u@i', 'http://:p@i', 'http://i/?q=1', 'http://i/#h', 'http://i/app']) {
      expect({ instanceUrl, message: refusal(() => resolveCluster(opts({ instanceUrl }), base, NO_ENV)) }).toEqual({ instanceUrl, message: origin });
    }
    expect(resolveCluster(opts({ redisUrl: 'rediss://r', instanceUrl: 'https://i:8443/' }), base, NO_ENV)!.instanceUrl).toBe('https://i:8443');
  });

  test('the secret needs 16 characters; the option, then the variable, then the one derived from the API key', () => {
    expect(refusal(() => resolveCluster(opts({ secret: 's'.repeat(15) }), base, NO_ENV))).toBe('The cluster secret must be at least 16 characters');
    expect(resolveCluster(opts({ secret: 's'.repeat(16) }), base, NO_ENV)!.secret).toBe('s'.repeat(16));
    const fromEnv = { MENTRAOS_CLUSTER_SECRET: 'e'.repeat(20) } as NodeJS.ProcessEnv;
    expect(resolveCluster(opts(), base, fromEnv)!.secret).toBe('e'.repeat(20));
    const derived = createHmac('sha256', API_KEY).update('mentraos-cluster-secret-v1').digest('hex');
    const c = resolveCluster(opts(), base, NO_ENV)!;
    expect(c.secret).toBe(derived);
    expect(c.cookieSecret).toBe(createHmac('sha256', derived).update('mentraos-webview-cookie-v1').digest('hex'));
  });

  test('the Redis password (decoded) is kept out of logs when it has 4 characters or more; the Redis host is named without it', () => {
    const secretsOf = (redisUrl: string) => resolveCluster(opts({ redisUrl, secret: 'x'.repeat(16) }), base, NO_ENV)!;
    expect(secretsOf('redis://:p%40ss@r:6380').secrets).toEqual(['x'.repeat(16), 'p@ss']);
    expect(secretsOf('redis://:abc@r').secrets).toEqual(['x'.repeat(16)]);
    expect(secretsOf('redis://r').secrets).toEqual(['x'.repeat(16)]);
    expect([secretsOf('redis://r').redisHost, secretsOf('redis://:pw@r:6380').redisHost, secretsOf('redis://').redisHost]).toEqual([
      'r:6379',
      'r:6380',
      '127.0.0.1:6379',
    ]);
  });

  test('the TTL: at least 300 ms, whole milliseconds, saying what it got', () => {
    expect(resolveCluster(opts({ ttlMs: 300 }), base, NO_ENV)!.ttlMs).toBe(300);
    expect(resolveCluster(opts({ ttlMs: 900.6 }), base, NO_ENV)!.ttlMs).toBe(901);
    const message = (got: string) => `The cluster TTL must be a number of milliseconds of at least 300 (got ${got})`;
    expect(refusal(() => resolveCluster(opts({ ttlMs: 299 }), base, NO_ENV))).toBe(message('299'));
    expect(refusal(() => resolveCluster(opts({ ttlMs: Number.POSITIVE_INFINITY }), base, NO_ENV))).toBe(message('null'));
    expect(refusal(() => resolveCluster(opts({ ttlMs: '500' as never }), base, NO_ENV))).toBe(message('"500"'));
    expect(refusal(() => resolveCluster(opts(), base, { MENTRAOS_CLUSTER_TTL_MS: 'soon' } as NodeJS.ProcessEnv))).toBe(message('"soon"'));
  });
});
