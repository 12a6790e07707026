/**
 * Which WebSocket URLs may receive the API key: the verdicts and the reasons an app sees. The webhook-level
 * refusal (no socket opened, the key never sent) is tested over the wire in handshake.test.ts.
 */
import { DEFAULT_TRUSTED_DOMAINS, TRUSTED_HOSTS_ENV, checkCloudUrl, envTrustedHosts, isLoopbackHost } from '../../src/core/session/trust';

/** Runs `fn` with the trusted-hosts variable set to `value`, or unset (the test cloud may have added 127.0.0.1). */
function withEnvHosts<T>(value: string | undefined, fn: () => T): T {
  const prev = process.env[TRUSTED_HOSTS_ENV];
  if (value === undefined) delete process.env[TRUSTED_HOSTS_ENV];
  else process.env[TRUSTED_HOSTS_ENV] = value;
  try {
    return fn();
  } finally {
    if (prev === undefined) delete process.env[TRUSTED_HOSTS_ENV];
    else process.env[TRUSTED_HOSTS_ENV] = prev;
  }
}
const withoutEnvHosts = <T>(fn: () => T): T => withEnvHosts(undefined, fn);

const refused = (url: string, extra: string[] = []) => {
  const v = withoutEnvHosts(() => checkCloudUrl(url, extra));
  if (v.ok) throw new Error(`${url} was accepted`);
  return v.reason;
};

describe('cloud URL trust', () => {
  test('a URL carrying a user name alone, a password alone, or both is refused: no credentials in the URL', () => {
    expect(refused('wss://someone@api.mentra.glass/app-ws')).toBe('the WebSocket URL must not carry credentials');
    expect(refused('wss://:hunter2@api.mentra.glass/app-ws')).toBe('the WebSocket URL must not carry credentials');
    expect(refused('wss://someone:hunter2@api.mentra.glass/app-ws')).toBe('the WebSocket URL must not carry credentials');
    expect(refused('ws://someone@127.0.0.1:9000/app-ws', ['127.0.0.1'])).toBe('the WebSocket URL must not carry credentials');
  });

  test('the default cloud domains are exactly these four, each trusted at its apex and below over wss://', () => {
    expect([...DEFAULT_TRUSTED_DOMAINS]).toEqual(['mentra.glass', 'mentraos.com', 'augmentos.cloud', 'augmentos.org']);
    for (const domain of ['mentra.glass', 'mentraos.com', 'augmentos.cloud', 'augmentos.org']) {
      for (const url of [`wss://${domain}/app-ws`, `wss://prod.${domain}/app-ws`, `wss://${domain.toUpperCase()}:8443/tpa-ws`]) {
        const verdict = withoutEnvHosts(() => checkCloudUrl(url));
        expect(verdict).toEqual({ ok: true, url: new URL(url) });
      }
      expect(refused(`ws://${domain}/app-ws`)).toBe(`the cloud at ${domain} must be reached over wss://`);
      expect(refused(`wss://not${domain}/app-ws`)).toMatch(/is not a trusted cloud/);
      expect(refused(`wss://${domain}.example.com/app-ws`)).toMatch(/is not a trusted cloud/);
    }
  });

  test('an unknown host is refused with a reason that says how to trust it', () => {
    expect(refused('wss://cloud.example.com/app-ws')).toBe(
      `host "cloud.example.com" is not a trusted cloud; add it to trustedCloudHosts or ${TRUSTED_HOSTS_ENV} if you run that cloud`,
    );
  });

  test('only ws:// and wss:// URLs; anything else is refused, saying which scheme it got', () => {
    expect(refused('https://api.mentra.glass/app-ws')).toBe('the WebSocket URL must use wss:// (got https://)');
    expect(refused('http://127.0.0.1:9000/app-ws', ['127.0.0.1'])).toBe('the WebSocket URL must use wss:// (got http://)');
    expect(refused('::not a url::')).toBe('the WebSocket URL is not a valid URL');
  });

  test('plain ws:// to a listed host only when that host is a loopback address', () => {
    // A listed name that merely starts or ends like a loopback address is not one.
    expect(refused('ws://127.0.0.1.example.com:9000/app-ws', ['127.0.0.1.example.com'])).toBe(
      'ws:// is allowed only for loopback addresses; use wss:// for 127.0.0.1.example.com',
    );
    expect(refused('ws://cloud.internal/app-ws', ['Cloud.Internal'])).toMatch(/ws:\/\/ is allowed only for loopback addresses/);
    for (const [url, host] of [
      ['ws://127.0.0.1:9000/app-ws', '127.0.0.1'],
      ['ws://127.10.20.30/app-ws', ' 127.10.20.30 '],
      ['ws://localhost:9000/app-ws', 'LOCALHOST'],
      ['ws://[::1]:9000/app-ws', '[::1]'],
    ]) {
      expect(withoutEnvHosts(() => checkCloudUrl(url, [host])).ok).toBe(true);
    }
    // Listed hosts come from the environment too, read at call time.
    withEnvHosts('cloud.internal, 127.0.0.1', () => {
      expect(checkCloudUrl('wss://cloud.internal/app-ws').ok).toBe(true);
      expect(checkCloudUrl('ws://127.0.0.1:1234/app-ws').ok).toBe(true);
    });
  });

  test('with the variable unset or empty, no host is listed', () => {
    expect(envTrustedHosts({})).toEqual([]);
    expect(envTrustedHosts({ [TRUSTED_HOSTS_ENV]: '' })).toEqual([]);
    expect(envTrustedHosts({ [TRUSTED_HOSTS_ENV]: '[::1], Cloud.Example ' })).toEqual(['::1', 'cloud.example']);
  });

  test('what counts as a loopback host: localhost, ::1 and 127.x.y.z, whole names only', () => {
    for (const h of ['localhost', 'LocalHost', '::1', '[::1]', ' [::1] ', '127.0.0.1', '127.255.0.9', ' 127.0.0.1 ']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of [
      '127.0.0.1.example.com',
      'evil127.0.0.1',
      'x.127.0.0.1',
      '127.0.0',
      '127.0.0.1234',
      '128.0.0.1',
      '10.0.0.1',
      'localhost.example.com',
      '::2',
      '[::1x',
      'x::1]',
      '',
    ])
      expect(isLoopbackHost(h)).toBe(false);
  });
});
