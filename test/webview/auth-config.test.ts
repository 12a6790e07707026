/**
 * The configuration webview authentication checks once, when a middleware is made: where temporary tokens
 * are exchanged (`checkCloudApiUrl`) and which public key verifies signed user tokens (`resolveUserTokenKey`:
 * the option, else each environment variable in order).
 */
import { isSdkError } from '../../src';
import { checkCloudApiUrl, resolveUserTokenKey } from '../../src/core/http/webview/authenticate';
import { createSdkLogger } from '../../src/core/logger';
import { captureLogger } from '../helpers/apps';
import { rsaKeys } from '../helpers/webview';

const CREDENTIALS_MESSAGE = 'cloudApiUrl must be an https:// URL without credentials (http:// only for a loopback address)';

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    expect(isSdkError(e, 'invalid_config')).toBe(true);
    return e as Error;
  }
  throw new Error('expected an invalid_config error');
}

describe('checkCloudApiUrl', () => {
  test.each([
    ['https://api.mentra.glass', 'https://api.mentra.glass'],
    ['https://api.example.com/', 'https://api.example.com'],
    ['https://api.example.com/v1//', 'https://api.example.com/v1'],
    ['HTTPS://API.Example.com:8443/x/', 'https://api.example.com:8443/x'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('%s is used as %s', (raw, expected) => {
    expect(checkCloudApiUrl(raw)).toBe(expected);
  });

  test.each([
    'http://api.example.com',
    'http://10.0.0.1',
    'ftp://127.0.0.1',
    'ftp://api.example.com',
    'ws://localhost:3000',
    'https://user@api.example.com',
    'https://:hunter2@api.example.com',
    'https://user:hunter2@api.example.com',
    'http://user:hunter2@127.0.0.1:8080',
  ])('%s is refused, and the message never repeats a password', (raw) => {
    const e = refusal(() => checkCloudApiUrl(raw));
    expect(e.message).toBe(CREDENTIALS_MESSAGE);
  });

  test('a value that is not a URL is refused with a message that quotes (at most 200 characters of) it', () => {
    expect(refusal(() => checkCloudApiUrl('not a url')).message).toBe('cloudApiUrl is not a valid URL: "not a url"');
    const long = `x${'y'.repeat(300)}`;
    expect(refusal(() => checkCloudApiUrl(long)).message).toBe(`cloudApiUrl is not a valid URL: "x${'y'.repeat(199)}"`);
  });
});

describe('resolveUserTokenKey', () => {
  const NAMES = ['MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY', 'AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY'] as const;
  const mentra = rsaKeys().publicKey;
  const augment = rsaKeys().publicKey;
  const pem = (k: typeof mentra) => k.export({ type: 'spki', format: 'pem' }).toString();
  const modulus = (k: { export(o: { format: 'jwk' }): { n?: string } } | undefined) => k?.export({ format: 'jwk' }).n;
  const saved: Record<string, string | undefined> = {};
  let capture: ReturnType<typeof captureLogger>;
  let logger: ReturnType<typeof createSdkLogger>;
  const warnings = () => capture.lines.filter((l) => l.level === 'warn').map((l) => l.text);
  const setEnv = (values: Partial<Record<(typeof NAMES)[number], string>>) => {
    for (const name of NAMES) {
      if (values[name] === undefined) delete process.env[name];
      else process.env[name] = values[name];
    }
  };
  beforeAll(() => {
    for (const name of NAMES) saved[name] = process.env[name];
  });
  beforeEach(() => {
    capture = captureLogger();
    logger = createSdkLogger(capture);
  });
  afterEach(() => {
    for (const name of NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  test('the option wins over the environment', () => {
    setEnv({ MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY: pem(augment) });
    expect(modulus(resolveUserTokenKey(pem(mentra), logger))).toBe(modulus(mentra));
  });

  test('an unusable option is an invalid_config error, not a warning', () => {
    expect(refusal(() => resolveUserTokenKey('not a key', logger)).message).toMatch(/^The user-token public key is not a PEM public key, JWK or JWKS: /);
    expect(warnings()).toEqual([]);
  });

  test('MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY first, then AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY', () => {
    setEnv({ MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY: pem(mentra), AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY: pem(augment) });
    expect(modulus(resolveUserTokenKey(undefined, logger))).toBe(modulus(mentra));
    setEnv({ AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY: pem(augment) });
    expect(modulus(resolveUserTokenKey(undefined, logger))).toBe(modulus(augment));
    setEnv({ MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY: '', AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY: pem(augment) });
    expect(modulus(resolveUserTokenKey(undefined, logger))).toBe(modulus(augment));
    expect(warnings()).toEqual([]);
  });

  test('none set: no key and no warning', () => {
    setEnv({});
    expect(resolveUserTokenKey(undefined, logger)).toBeUndefined();
    expect(warnings()).toEqual([]);
  });

  test('the first one set but unusable: no key at all (the next is not tried), and a warning names it', () => {
    setEnv({ MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY: 'not a key', AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY: pem(augment) });
    expect(resolveUserTokenKey(undefined, logger)).toBeUndefined();
    expect(warnings()).toEqual([
      expect.stringMatching(
        /^MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY is set but unusable, so signed user tokens are refused: The user-token public key is not a PEM public key, JWK or JWKS: /,
      ),
    ]);
  });
});
