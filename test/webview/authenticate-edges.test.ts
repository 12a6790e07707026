/**
 * The edges of webview authentication shared by the Express and Hono middlewares, through requests to a
 * real server on 127.0.0.1 (and a fake cloud API answering token exchanges): the `Bearer` header's shape,
 * the 8 KiB cap on tokens, which temporary tokens are sent to the cloud at all, the order of the four
 * sources, cleared cookies, the warning for a missing key, and the debug lines that say why a token failed.
 */
import jwt from 'jsonwebtoken';
import { createWebviewAuthenticator, str } from '../../src/core/http/webview/authenticate';
import { createSdkLogger } from '../../src/core/logger';
import { API_KEY, captureLogger } from '../helpers/apps';
import { cookiePair, fakeCloudApi, frontendToken, ISSUER, me, rsaKeys, serveMiddleware, signUserToken, type FakeCloudApi } from '../helpers/webview';

const PKG = 'com.example.app';
const SECRET = 'cookie-secret-for-tests';
const keys = rsaKeys();
const pem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
const FRONT = frontendToken('bearer@example.com', API_KEY);

/** Every character class end of the temporary token pattern, at its shortest (8) and longest (256). */
const SHORTEST = 'AZaz09_-';
const LONGEST = SHORTEST.repeat(32);
const accepted: Array<[string, string, string]> = [
  ['the shortest', SHORTEST, 'shortest@example.com'],
  ['the longest', LONGEST, 'longest@example.com'],
];
const refused = {
  'seven characters': SHORTEST.slice(0, 7),
  '257 characters': `${LONGEST}A`,
  'a leading character outside the pattern': `;${SHORTEST}`,
  'a trailing character outside the pattern': `${SHORTEST};`,
  'a dot inside': `AZaz.09_-`,
  'a space inside': `AZaz 09_-`,
};

/** A signed user token for this app padded to exactly `length` characters (an RS256 signature of a 2048-bit key is 342). */
function signedOfLength(sub: string, length: number): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url').length;
  const now = Math.floor(Date.now() / 1000);
  for (const kid of ['v1', 'v1x', 'v1xx']) {
    for (let pad = 0; pad < length; pad++) {
      const payload = { sub, iss: ISSUER, iat: now, exp: now + 600, frontendToken: frontendToken(sub, API_KEY), pad: 'p'.repeat(pad) };
      if (b64({ alg: 'RS256', typ: 'JWT', kid }) + b64(payload) + 2 + 342 !== length) continue;
      const token = jwt.sign(payload, keys.privateKey, { algorithm: 'RS256', keyid: kid });
      if (token.length === length) return token;
    }
  }
  throw new Error(`no token of length ${length}`);
}

describe('webview authentication edges', () => {
  let api: FakeCloudApi;
  let server: { port: number; close(): Promise<void> };
  const capture = captureLogger();
  const lines = (level: string, part: string) => capture.lines.filter((l) => l.level === level && l.text.includes(part)).map((l) => l.text);
  beforeAll(async () => {
    api = await fakeCloudApi(API_KEY, {
      ...Object.fromEntries(accepted.map(([, t, u]) => [t, u])),
      ...Object.fromEntries(Object.values(refused).map((t) => [t, 'never@example.com'])),
    });
    server = await serveMiddleware({
      apiKey: API_KEY,
      packageName: PKG,
      cookieSecret: SECRET,
      cloudApiUrl: api.url,
      userTokenPublicKey: pem,
      logger: createSdkLogger(capture),
    });
  });
  afterAll(async () => {
    await server.close();
    await api.close();
  });
  beforeEach(() => {
    api.requests.length = 0;
    capture.lines.length = 0;
  });

  describe('Authorization: Bearer', () => {
    test.each([
      ['Bearer <token>', `Bearer ${FRONT}`],
      ['any case of "Bearer"', `bEARER ${FRONT}`],
      ['several spaces', `Bearer    ${FRONT}`],
      ['a tab', `Bearer\t${FRONT}`],
    ])('%s authenticates', async (_what, authorization) => {
      expect(await me(server.port, '', { authorization })).toMatchObject({
        authUserId: 'bearer@example.com',
        setCookie: expect.stringMatching(/^aos_session=/),
      });
    });

    test.each([
      ['no space after Bearer', `Bearer${FRONT}`],
      ['something after the token', `Bearer ${FRONT} extra`],
      ['something before Bearer', `XBearer ${FRONT}`],
      ['another scheme', `Token ${FRONT}`],
      ['the token alone', FRONT],
    ])('%s does not', async (_what, authorization) => {
      expect(await me(server.port, '', { authorization })).toMatchObject({ authUserId: null, setCookie: null });
    });

    test('the authenticator trims the header a framework hands over', () => {
      const auth = createWebviewAuthenticator({
        apiKey: API_KEY,
        packageName: PKG,
        secret: SECRET,
        cookieNames: ['aos_session'],
        maxAgeMs: 60_000,
        cloudApiUrl: api.url,
        userKey: undefined,
      });
      expect(auth.authenticate({ query: () => undefined, authorization: `  Bearer ${FRONT}\t `, cookies: {} })).toMatchObject({
        userId: 'bearer@example.com',
        issueCookie: true,
      });
    });
  });

  describe('the 8 KiB cap on a token', () => {
    test('str: a non-empty string of at most 8192 characters, else undefined', () => {
      expect(str('x')).toBe('x');
      expect(str('x'.repeat(8192))).toBe('x'.repeat(8192));
      expect(str('x'.repeat(8193))).toBeUndefined();
      expect(str('')).toBeUndefined();
      expect(str(['a', 'b'])).toBeUndefined();
      expect(str(42)).toBeUndefined();
      expect(str(undefined)).toBeUndefined();
    });

    test('a valid signed user token of 8192 characters authenticates; one of 8193 is not even checked', async () => {
      expect((await me(server.port, q({ aos_signed_user_token: signedOfLength('cap@example.com', 8192) }))).authUserId).toBe('cap@example.com');
      const tooLong = await me(server.port, q({ aos_signed_user_token: signedOfLength('cap@example.com', 8193) }));
      expect(tooLong).toMatchObject({ authUserId: null, setCookie: null });
      expect(lines('debug', 'signed user token refused')).toEqual([]);
    });
  });

  describe('temporary tokens', () => {
    test.each(accepted)('%s (8 to 256 of A-Z, a-z, 0-9, "_", "-") is exchanged', async (_what, token, userId) => {
      expect((await me(server.port, q({ aos_temp_token: token }))).authUserId).toBe(userId);
      expect(api.requests.map((r) => r.body)).toEqual([{ aos_temp_token: token, packageName: PKG }]);
    });

    test.each(Object.entries(refused))('one with %s is never sent to the cloud', async (_what, token) => {
      expect((await me(server.port, q({ aos_temp_token: token }))).authUserId).toBeNull();
      expect(api.requests).toHaveLength(0);
    });

    test('a request that carries none asks the cloud nothing, whatever else it carries', async () => {
      const cookie = cookiePair((await me(server.port, q({ aos_frontend_token: FRONT }))).setCookie!);
      expect((await me(server.port, '', { cookie })).authUserId).toBe('bearer@example.com');
      expect((await me(server.port, '', { authorization: `Bearer ${FRONT}` })).authUserId).toBe('bearer@example.com');
      expect((await me(server.port)).authUserId).toBeNull();
      expect(api.requests).toHaveLength(0);
    });
  });

  describe('the order of the four sources', () => {
    test('each refused source falls through to the next: signed, temporary, frontend, cookie', async () => {
      const cookie = cookiePair((await me(server.port, q({ aos_frontend_token: frontendToken('cookie@example.com', API_KEY) }))).setCookie!);
      const expired = signUserToken(keys.privateKey, { apiKey: API_KEY, sub: 'signed@example.com', expiresInS: -600 });
      const badFront = `${FRONT.slice(0, -1)}${FRONT.endsWith('0') ? '1' : '0'}`;
      expect((await me(server.port, q({ aos_signed_user_token: expired, aos_temp_token: SHORTEST }), { cookie })).authUserId).toBe('shortest@example.com');
      const viaCookie = await me(server.port, q({ aos_signed_user_token: expired, aos_temp_token: 'unknownToken', aos_frontend_token: badFront }), { cookie });
      expect(viaCookie).toMatchObject({ authUserId: 'cookie@example.com', setCookie: null });
      expect((await me(server.port, '', { authorization: `Bearer ${badFront}`, cookie })).authUserId).toBe('cookie@example.com');
    });

    test('a refused frontend token alone sets nothing', async () => {
      expect(await me(server.port, q({ aos_frontend_token: `${FRONT}0` }))).toMatchObject({ authUserId: null, setCookie: null });
    });
  });

  describe('what the log says (never a token)', () => {
    test('why a signed user token or a temporary token was refused, at debug level', async () => {
      await me(server.port, q({ aos_signed_user_token: signUserToken(keys.privateKey, { apiKey: API_KEY, expiresInS: -600 }) }));
      expect(lines('debug', 'Webview auth:')).toEqual(['Webview auth: signed user token refused (jwt expired)']);
      capture.lines.length = 0;
      await me(server.port, q({ aos_temp_token: 'unknownToken' }));
      expect(lines('debug', 'Webview auth:')).toEqual([
        'Webview auth: temporary token refused (The cloud refused the temporary token (HTTP 401): Invalid or expired token)',
      ]);
    });

    test('an invalid session cookie is cleared and said so at debug level; no cookie, or a good one, says nothing', async () => {
      const bad = await me(server.port, '', { cookie: 'aos_session=someone%7C1%7Cbad' });
      expect(bad.setCookie).toMatch(/^aos_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
      expect(lines('debug', 'Webview auth:')).toEqual(['Webview auth: an invalid or expired session cookie is cleared']);
      capture.lines.length = 0;
      const good = cookiePair((await me(server.port, q({ aos_frontend_token: FRONT }))).setCookie!);
      await me(server.port, '', { cookie: good });
      await me(server.port, '', { cookie: 'theme=dark' });
      await me(server.port, q({ aos_frontend_token: `${FRONT}0` }));
      expect(lines('debug', 'Webview auth:')).toEqual([]);
      expect(capture.lines.filter((l) => l.level !== 'debug')).toEqual([]);
    });
  });
});

describe('without a public key for signed user tokens', () => {
  test('a request without one warns about nothing; the first that carries one warns once, naming the variable', async () => {
    const capture = captureLogger();
    const server = await serveMiddleware({ apiKey: API_KEY, packageName: PKG, cookieSecret: SECRET, logger: createSdkLogger(capture) });
    try {
      expect((await me(server.port, q({ aos_frontend_token: FRONT }))).authUserId).toBe('bearer@example.com');
      expect((await me(server.port)).authUserId).toBeNull();
      expect(capture.lines.filter((l) => l.level === 'warn')).toEqual([]);
      const token = signUserToken(keys.privateKey, { apiKey: API_KEY });
      const warned = () => capture.lines.filter((l) => l.level === 'warn').map((l) => l.text);
      expect((await me(server.port, q({ aos_signed_user_token: token }))).authUserId).toBeNull();
      expect(warned()).toHaveLength(1);
      expect((await me(server.port, q({ aos_signed_user_token: token }))).authUserId).toBeNull();
      expect(warned()).toEqual(['A signed user token arrived but no public key is configured: set MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY or userTokenPublicKey']);
    } finally {
      await server.close();
    }
  });
});
