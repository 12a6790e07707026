/** Cluster settings from options or the environment, and the signature on forwarded requests. */
import { AppServer, isSdkError } from '../../src';
import { hostOf } from '../../src/app/server';
import { resolveCluster } from '../../src/core/cluster/config';
import { ForwardVerifier, signForward, CLUSTER_HEADER, CLUSTER_USER_HEADER } from '../../src/core/cluster/signature';
import { API_KEY, appConfig } from '../helpers/apps';

const base = { apiKey: API_KEY, packageName: 'com.example.app' };
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

function invalid(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(isSdkError(e, 'invalid_config')).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected an invalid_config error');
}

describe('cluster settings', () => {
  test('none without the option or both variables: a single instance, with no directory and no router', () => {
    expect(resolveCluster(undefined, base, env({}))).toBeUndefined();
    const app = new AppServer(appConfig());
    expect(hostOf(app).cluster).toBeUndefined();
    expect(hostOf(app).engine.directory.shared).toBe(false);
  });

  test('the environment alone turns it on, with a secret derived from the API key and a prefix per app', () => {
    const c = resolveCluster(
      undefined,
      base,
      env({ MENTRAOS_REDIS_URL: 'redis://:s3cret-pass@10.0.0.2:6380/1', MENTRAOS_INSTANCE_URL: 'http://10.0.0.7:7010/' }),
    )!;
    expect(c).toMatchObject({ instanceUrl: 'http://10.0.0.7:7010', ttlMs: 30_000, keyPrefix: 'mentraos:com.example.app:', redisHost: '10.0.0.2:6380' });
    expect(c.instanceId).toMatch(/^[0-9a-f]{16}$/);
    expect(c.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(c.secret).not.toContain(API_KEY);
    expect(c.secrets).toEqual([c.secret, 's3cret-pass']);
    expect(c.cookieSecret).not.toBe(c.secret);
    // Every instance of the app derives the same secrets, and a different app derives others.
    const again = resolveCluster(undefined, base, env({ MENTRAOS_REDIS_URL: 'redis://10.0.0.2:6380', MENTRAOS_INSTANCE_URL: 'http://10.0.0.8:7010' }))!;
    expect([again.secret, again.cookieSecret]).toEqual([c.secret, c.cookieSecret]);
    expect(again.instanceId).not.toBe(c.instanceId);
    expect(
      resolveCluster(undefined, { ...base, apiKey: 'another-key' }, env({ MENTRAOS_REDIS_URL: 'redis://r', MENTRAOS_INSTANCE_URL: 'http://i' }))!.secret,
    ).not.toBe(c.secret);
  });

  test('MENTRAOS_CLUSTER_SECRET and MENTRAOS_CLUSTER_TTL_MS are read; the option wins over them', () => {
    const vars = {
      MENTRAOS_REDIS_URL: 'rediss://r:6379',
      MENTRAOS_INSTANCE_URL: 'https://i.internal',
      MENTRAOS_CLUSTER_SECRET: 'a-shared-secret-of-length',
      MENTRAOS_CLUSTER_TTL_MS: '5000',
    };
    expect(resolveCluster(undefined, base, env(vars))).toMatchObject({ secret: 'a-shared-secret-of-length', ttlMs: 5000 });
    const opt = resolveCluster(
      { redisUrl: 'redis://x', instanceUrl: 'http://y:1', secret: 'option-secret-0123456', ttlMs: 900, keyPrefix: 'p:' },
      base,
      env(vars),
    );
    expect(opt).toMatchObject({ secret: 'option-secret-0123456', ttlMs: 900, keyPrefix: 'p:', instanceUrl: 'http://y:1' });
    expect(resolveCluster(false, base, env(vars))).toBeUndefined();
  });

  test('half a configuration or a bad value fails at construction with a reason, never showing the Redis URL', () => {
    expect(invalid(() => resolveCluster(undefined, base, env({ MENTRAOS_REDIS_URL: 'redis://r' })))).toMatch(/MENTRAOS_INSTANCE_URL is not set/);
    expect(invalid(() => resolveCluster(undefined, base, env({ MENTRAOS_INSTANCE_URL: 'http://i' })))).toMatch(/MENTRAOS_REDIS_URL is not set/);
    expect(invalid(() => resolveCluster({ redisUrl: 'redis://r', instanceUrl: '' }, base, env({})))).toMatch(/cluster.instanceUrl is not set/);
    const leaked = invalid(() => resolveCluster({ redisUrl: 'http://:pw-secret@r', instanceUrl: 'http://i' }, base, env({})));
    expect(leaked).toMatch(/must start with redis:\/\/ or rediss:\/\//);
    expect(leaked).not.toContain('pw-secret');
    expect(invalid(() => resolveCluster({ redisUrl: 'redis://r', instanceUrl: 'ftp://i' }, base, env({})))).toMatch(/http:\/\/ or https:\/\//);
    expect(invalid(() => resolveCluster({ redisUrl: 'redis://r', instanceUrl: 'http://u:p@i' }, base, env({})))).toMatch(/without credentials/);
    expect(invalid(() => resolveCluster({ redisUrl: 'redis://r', instanceUrl: 'http://i/app' }, base, env({})))).toMatch(/without credentials, path or query/);
    expect(invalid(() => resolveCluster({ redisUrl: 'redis://r', instanceUrl: 'http://i', secret: 'short' }, base, env({})))).toMatch(/at least 16/);
    expect(invalid(() => resolveCluster({ redisUrl: 'redis://r', instanceUrl: 'http://i', ttlMs: 10 }, base, env({})))).toMatch(/TTL/);
    expect(
      invalid(() =>
        resolveCluster(undefined, base, env({ MENTRAOS_REDIS_URL: 'redis://r', MENTRAOS_INSTANCE_URL: 'http://i', MENTRAOS_CLUSTER_TTL_MS: 'soon' })),
      ),
    ).toMatch(/TTL/);
    expect(() => new AppServer(appConfig({ cluster: { redisUrl: 'redis://r', instanceUrl: 'nope' } }))).toThrow(/cluster.instanceUrl is not a valid URL/);
  });
});

describe('signed forwarded requests', () => {
  const secret = 'shared-secret-for-the-tests';
  const sign = (user?: string) => signForward(secret, 'inst-a', 'POST', '/tool?x=1', user);
  const check = (v: ForwardVerifier, h: Record<string, string>, method = 'POST', url = '/tool?x=1', now?: number) =>
    v.verify(h[CLUSTER_HEADER], h[CLUSTER_USER_HEADER], method, url, now);

  test('a signature verifies once, for its method, URL and user only', () => {
    const v = new ForwardVerifier(secret);
    const h = sign('web@example.com');
    expect(check(new ForwardVerifier(secret), h, 'GET')).toEqual({ ok: false, reason: expect.stringContaining('bad signature') });
    expect(check(new ForwardVerifier(secret), h, 'POST', '/tool?x=2')).toMatchObject({ ok: false });
    expect(new ForwardVerifier(secret).verify(h[CLUSTER_HEADER], encodeURIComponent('other@example.com'), 'POST', '/tool?x=1')).toMatchObject({ ok: false });
    expect(new ForwardVerifier(secret).verify(h[CLUSTER_HEADER], undefined, 'POST', '/tool?x=1')).toMatchObject({ ok: false });
    expect(check(new ForwardVerifier('another-secret-entirely'), h)).toMatchObject({ ok: false, reason: expect.stringContaining('bad signature') });
    expect(check(v, h)).toEqual({ ok: true, from: 'inst-a', user: 'web@example.com' });
    expect(check(v, h)).toEqual({ ok: false, reason: 'replayed request' });
    expect(check(v, sign())).toEqual({ ok: true, from: 'inst-a' });
  });

  test('a request signed more than a minute away is refused, and malformed headers are refused', () => {
    const h = sign();
    expect(check(new ForwardVerifier(secret), h, 'POST', '/tool?x=1', Date.now() + 61_000)).toEqual({
      ok: false,
      reason: expect.stringContaining('away from this instance'),
    });
    expect(check(new ForwardVerifier(secret), h, 'POST', '/tool?x=1', Date.now() + 50_000)).toMatchObject({ ok: true });
    expect(new ForwardVerifier(secret).verify('v1.garbage', undefined, 'POST', '/')).toEqual({ ok: false, reason: 'malformed cluster header' });
    expect(new ForwardVerifier(secret).verify(h[CLUSTER_HEADER], '%E0%A4%A', 'POST', '/tool?x=1')).toEqual({
      ok: false,
      reason: 'malformed cluster user header',
    });
  });
});
