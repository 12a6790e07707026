/**
 * The server's options as `new AppServer(config)` reads them: every refusal with its exact message (each
 * names the option and what to pass instead), the values at each bound that are taken, and the defaults the
 * resolved config holds.
 */
import { AppServer, isSdkError } from '../../src';
import { SERVER_OPTIONS, resolveHostConfig } from '../../src/core/options';
import { RECONNECT_DEFAULTS } from '../../src/core/session/reconnect';
import { appConfig } from '../helpers/apps';

/** The message of the invalid_config error `new AppServer(config)` throws, or undefined when it does not. */
function refusal(config: unknown): string | undefined {
  try {
    new AppServer(config as never);
    return undefined;
  } catch (e) {
    if (!isSdkError(e, 'invalid_config')) throw e;
    return e.message.replace(/^AppServer config: /, '');
  }
}

const base = { packageName: 'com.example.app', apiKey: 'test-api-key', logger: appConfig().logger };

describe('AppServer config', () => {
  test.each<[string, unknown, string]>([
    ['no object', null, 'expected an object with packageName and apiKey'],
    ['a string', 'com.example.app', 'expected an object with packageName and apiKey'],
    ['no packageName', { apiKey: 'k' }, '"packageName" is required (e.g. "com.example.myapp")'],
    ['a blank packageName', { ...base, packageName: '  ' }, '"packageName" is required (e.g. "com.example.myapp")'],
    ['no apiKey', { packageName: 'p' }, '"apiKey" is required: copy it from the developer console, e.g. process.env.MENTRAOS_API_KEY'],
    ['an empty apiKey', { ...base, apiKey: '' }, '"apiKey" is required: copy it from the developer console, e.g. process.env.MENTRAOS_API_KEY'],
    ['a port as text', { ...base, port: '7010' }, '"port" must be an integer from 0 to 65535 (got "7010")'],
    ['a fractional port', { ...base, port: 80.5 }, '"port" must be an integer from 0 to 65535 (got 80.5)'],
    ['a negative port', { ...base, port: -1 }, '"port" must be an integer from 0 to 65535 (got -1)'],
    ['port 65536', { ...base, port: 65_536 }, '"port" must be an integer from 0 to 65535 (got 65536)'],
    ['a relative webhookPath', { ...base, webhookPath: 'webhook' }, '"webhookPath" must be a path starting with "/"'],
    ['a webhookPath that is not text', { ...base, webhookPath: 5 }, '"webhookPath" must be a path starting with "/"'],
    ['publicDir true', { ...base, publicDir: true }, '"publicDir" must be a directory path or false'],
    ['healthCheck as text', { ...base, healthCheck: 'yes' }, '"healthCheck" must be a boolean'],
    ['a cookieSecret that is not text', { ...base, cookieSecret: 42 }, '"cookieSecret" must be a string (got number)'],
    ['appInstructions that are not text', { ...base, appInstructions: ['x'] }, '"appInstructions" must be a string (got object)'],
    ['an augmentOSWebsocketUrl that is not text', { ...base, augmentOSWebsocketUrl: true }, '"augmentOSWebsocketUrl" must be a string (got boolean)'],
    ['tpaInstructions that are not text', { ...base, tpaInstructions: 1 }, '"tpaInstructions" must be a string (got number)'],
    ['trustedCloudHosts as text', { ...base, trustedCloudHosts: 'cloud.example.com' }, '"trustedCloudHosts" must be an array of host names'],
    ['a trustedCloudHosts entry that is not text', { ...base, trustedCloudHosts: ['a.example.com', 7] }, '"trustedCloudHosts" must be an array of host names'],
    [
      'a webhookSecret of 15 characters',
      { ...base, webhookSecret: 's'.repeat(15) },
      '"webhookSecret" must be a string of at least 16 characters (a long random value shared with the cloud)',
    ],
    [
      'a webhookSecret that is not text',
      { ...base, webhookSecret: 1234567890123456 },
      '"webhookSecret" must be a string of at least 16 characters (a long random value shared with the cloud)',
    ],
    ['a negative pingIntervalMs', { ...base, pingIntervalMs: -1 }, '"pingIntervalMs" must be a non-negative number of milliseconds'],
    ['a queueLimit as text', { ...base, queueLimit: '10' }, '"queueLimit" must be a non-negative number of messages'],
    [
      'an infinite handshakeTimeoutMs',
      { ...base, handshakeTimeoutMs: Number.POSITIVE_INFINITY },
      '"handshakeTimeoutMs" must be a non-negative number of milliseconds',
    ],
    ['a NaN telemetryBufferSize', { ...base, telemetryBufferSize: Number.NaN }, '"telemetryBufferSize" must be a non-negative number of log lines'],
    ['appPing as text', { ...base, appPing: 'on' }, '"appPing" must be a boolean'],
    ['a bodyLimit it cannot read', { ...base, bodyLimit: 'abc' }, '"bodyLimit" must be bytes or a size like "100kb" (got "abc")'],
    ['a negative bodyLimit', { ...base, bodyLimit: -1 }, '"bodyLimit" must be bytes or a size like "100kb" (got -1)'],
    ['a maxPhotoBytes of 0', { ...base, maxPhotoBytes: 0 }, '"maxPhotoBytes" must be a positive whole number of bytes (got 0)'],
    ['a negative maxPhotoBytes', { ...base, maxPhotoBytes: -5 }, '"maxPhotoBytes" must be a positive whole number of bytes (got -5)'],
    ['a maxPhotoBytes as text', { ...base, maxPhotoBytes: '1024' }, '"maxPhotoBytes" must be a positive whole number of bytes (got "1024")'],
    ['a fractional maxPhotoBytes', { ...base, maxPhotoBytes: 0.5 }, '"maxPhotoBytes" must be a positive whole number of bytes (got 0.5)'],
    ['a NaN maxPhotoBytes', { ...base, maxPhotoBytes: Number.NaN }, '"maxPhotoBytes" must be a positive whole number of bytes (got null)'],
    ['an infinite maxPhotoBytes', { ...base, maxPhotoBytes: Number.POSITIVE_INFINITY }, '"maxPhotoBytes" must be a positive whole number of bytes (got null)'],
    ['reconnect as true', { ...base, reconnect: true }, '"reconnect" must be an object'],
    ['reconnect as null', { ...base, reconnect: null }, '"reconnect" must be an object'],
    ['a reconnect field as text', { ...base, reconnect: { baseDelayMs: '10' } }, '"reconnect.baseDelayMs" must be a non-negative number'],
    ['a negative reconnect field', { ...base, reconnect: { maxDelayMs: -5 } }, '"reconnect.maxDelayMs" must be a non-negative number'],
    ['an infinite reconnect field', { ...base, reconnect: { budgetMs: Number.POSITIVE_INFINITY } }, '"reconnect.budgetMs" must be a non-negative number'],
  ])('%s is refused, saying what to pass', (_name, config, message) => {
    expect(refusal(config)).toBe(message);
  });

  test('the values at each bound are taken', () => {
    for (const extra of [
      { port: 0 },
      { port: 65_535 },
      { webhookPath: '/' },
      { publicDir: false },
      { healthCheck: false },
      { webhookSecret: 's'.repeat(16) },
      { pingIntervalMs: 0, queueLimit: 0, handshakeTimeoutMs: 0, telemetryBufferSize: 0 },
      { appPing: true },
      { bodyLimit: 0 },
      { bodyLimit: ' 2 MB ' },
      { maxPhotoBytes: 1 },
      { maxPhotoBytes: undefined },
      { reconnect: {} },
      { reconnect: { baseDelayMs: 0 } },
      { reconnect: { maxDelayMs: undefined } },
      { trustedCloudHosts: [] },
      { trustedCloudHosts: ['cloud.example.com', '*.example.org'] },
      { publicDir: './public' },
      { pingIntervalMs: undefined, queueLimit: undefined },
      { cookieSecret: 'c', appInstructions: 'a', augmentOSWebsocketUrl: 'wss://x', tpaInstructions: 't' },
    ]) {
      expect({ extra, refused: refusal({ ...base, ...extra }) }).toEqual({ extra, refused: undefined });
    }
  });

  test('the resolved config holds every default, what the app passed, and reconnect merged field by field', () => {
    const resolved = resolveHostConfig({ ...base, port: 0, logLevel: undefined, reconnect: { baseDelayMs: 5, maxDelayMs: undefined } }, 'AppServer');
    for (const [key, value] of Object.entries(SERVER_OPTIONS)) {
      if (value === undefined || key === 'port' || key === 'reconnect') continue;
      expect({ key, value: (resolved as Record<string, unknown>)[key] }).toEqual({ key, value });
    }
    expect(resolved.port).toBe(0);
    expect(resolved.packageName).toBe('com.example.app');
    expect(resolved.reconnect).toEqual({ ...RECONNECT_DEFAULTS, baseDelayMs: 5 });
    expect(resolveHostConfig(base, 'AppServer').reconnect).toEqual(RECONNECT_DEFAULTS);
    expect(Object.keys(resolveHostConfig(base, 'AppServer'))).not.toContain('host');
    expect(SERVER_OPTIONS).toMatchObject({ port: 7010, webhookPath: '/webhook', healthCheck: true, logLevel: 'warn', bodyLimit: '100kb' });
  });

  test('a trustedCloudHosts entry that is not a host name is refused, saying why', () => {
    expect(refusal({ ...base, trustedCloudHosts: ['cloud.example.com', 'https://cloud.example.com'] })).toMatch(/^"trustedCloudHosts": \S/);
    expect(refusal({ ...base, trustedCloudHosts: ['cloud.example.com:443'] })).toMatch(/^"trustedCloudHosts": \S/);
  });

  test('a subclass is named in its refusals', () => {
    class NamedApp extends AppServer {}
    expect(() => new NamedApp({ ...base, port: -1 })).toThrow(/^NamedApp config: "port"/);
  });
});
