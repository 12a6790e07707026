/**
 * The edges of the webview credentials: session cookie values and the Cookie header, frontend tokens, the
 * forms a user-token public key may take, signed user tokens without the claims that bind them to this
 * app, and what the cloud may answer to a temporary-token exchange (a real HTTP server on 127.0.0.1).
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSdkError } from '../../src';
import { parseCookies, signSessionCookie, verifySessionCookie, SESSION_MAX_AGE_MS } from '../../src/core/http/webview/cookie';
import { exchangeTempToken, toPublicKey, verifyFrontendToken, verifySignedUserToken } from '../../src/core/http/webview/tokens';
import { API_KEY } from '../helpers/apps';
import { frontendToken, rsaKeys, signUserToken } from '../helpers/webview';

const SECRET = 'cookie-secret-for-tests';
const keys = rsaKeys();

describe('session cookie values', () => {
  const now = 1_700_000_000_000;

  test('a cookie verifies until its maximum age and up to a minute ahead of this clock, not beyond', () => {
    const c = signSessionCookie('u@example.com', SECRET, now);
    expect(c).toMatch(/^u@example\.com\|1700000000000\|[0-9a-f]{64}$/);
    expect(verifySessionCookie(c, SECRET, 1000, now + 1000)).toBe('u@example.com');
    expect(verifySessionCookie(c, SECRET, 1000, now + 1001)).toBeNull();
    expect(verifySessionCookie(c, SECRET, 1000, now - 60_000)).toBe('u@example.com');
    expect(verifySessionCookie(c, SECRET, 1000, now - 60_001)).toBeNull();
    expect(verifySessionCookie(c, SECRET, undefined, now + SESSION_MAX_AGE_MS)).toBe('u@example.com');
    expect(verifySessionCookie(c, SECRET, undefined, now + SESSION_MAX_AGE_MS + 1)).toBeNull();
    expect(SESSION_MAX_AGE_MS).toBe(30 * 24 * 3600 * 1000);
  });

  test('a value out of shape, or signed with another secret, is refused', () => {
    const c = signSessionCookie('u', SECRET, now);
    const [user, issued, mac] = c.split('|');
    for (const bad of [
      '',
      'no-separators',
      `|${issued}|${mac}`, // no user
      `${user}|${mac}`, // no time
      `${user}|${issued}|`, // no MAC
      `|${mac}`,
      `${user}|x${issued}|${mac}`,
      `${user}|${issued}x|${mac}`,
      `${user}|${'1'.repeat(17)}|${mac}`,
      `${user}|${issued}|${mac.toUpperCase()}`,
      signSessionCookie('u', 'another-secret', now),
    ])
      expect(verifySessionCookie(bad, SECRET, undefined, now)).toBeNull();
    expect(verifySessionCookie(signSessionCookie('a|b', SECRET, now), SECRET, undefined, now)).toBe('a|b');
  });

  test('a correctly signed value whose time is not a plain number, or whose user id is empty, is still refused', () => {
    const signed = (payload: string) => `${payload}|${createHmac('sha256', SECRET).update(payload).digest('hex')}`;
    expect(verifySessionCookie(signed('u|1700000000000'), SECRET, undefined, now)).toBe('u');
    for (const payload of ['u|x1700000000000', 'u|1700000000000x', 'u|', 'u|1e12', '|1700000000000'])
      expect(verifySessionCookie(signed(payload), SECRET, undefined, now)).toBeNull();
  });

  test('the Cookie header: first occurrence wins, quotes and percent-encoding are removed, junk parts are skipped', () => {
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies('')).toEqual({});
    const c = parseCookies(' a=1; b="two words"; a=3; =nameless; novalue; c=%7Cx%7C; d=%E0%A4%A; e=""; f="; g=x=y; h= spaced ; i=x"; j="x');
    expect({ ...c }).toEqual({ a: '1', b: 'two words', c: '|x|', d: '%E0%A4%A', e: '', f: '"', g: 'x=y', h: 'spaced', i: 'x"', j: '"x' });
    expect(Object.getPrototypeOf(parseCookies('__proto__=x'))).toBeNull();
  });
});

describe('frontend tokens', () => {
  test('verify for this API key only, in either hex case; a user id must be there and not too long', () => {
    expect(verifyFrontendToken(frontendToken('u@example.com', API_KEY), API_KEY)).toBe('u@example.com');
    expect(verifyFrontendToken(frontendToken('u@example.com', API_KEY).toUpperCase(), API_KEY)).toBeNull(); // the user id is case-sensitive
    const [, hash] = frontendToken('u', API_KEY).split(':');
    expect(verifyFrontendToken(`u:${hash.toUpperCase()}`, API_KEY)).toBe('u');
    expect(verifyFrontendToken(frontendToken('u', 'another-key'), API_KEY)).toBeNull();
    expect(verifyFrontendToken(`:${hash}`, API_KEY)).toBeNull();
    expect(verifyFrontendToken(frontendToken('', API_KEY), API_KEY)).toBeNull();
    expect(verifyFrontendToken(hash, API_KEY)).toBeNull();
    expect(verifyFrontendToken(frontendToken('a:b', API_KEY), API_KEY)).toBe('a:b');
    const longest = 'x'.repeat(512);
    expect(verifyFrontendToken(frontendToken(longest, API_KEY), API_KEY)).toBe(longest);
    expect(verifyFrontendToken(frontendToken(`${longest}x`, API_KEY), API_KEY)).toBeNull();
  });
});

describe('user-token public keys', () => {
  const pem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const jwk = keys.publicKey.export({ format: 'jwk' });
  const same = (k: ReturnType<typeof toPublicKey>) => k.export({ format: 'jwk' }).n === jwk.n;

  test('PEM (also with escaped newlines, as environment variables carry it), JWK, JWK text, JWKS, KeyObject, private KeyObject', () => {
    expect(same(toPublicKey(pem))).toBe(true);
    expect(same(toPublicKey(`  ${pem.replace(/\n/g, '\\n')}  `))).toBe(true);
    expect(same(toPublicKey(jwk))).toBe(true);
    expect(same(toPublicKey(JSON.stringify(jwk)))).toBe(true);
    expect(same(toPublicKey(keys.publicKey))).toBe(true);
    const fromPrivate = toPublicKey(keys.privateKey);
    expect(fromPrivate.type).toBe('public');
    expect(same(fromPrivate)).toBe(true);
  });

  test('a JWKS: the key with kid "v1", else the first RSA key; none is an invalid_config error', () => {
    const other = rsaKeys().publicKey.export({ format: 'jwk' });
    const ec = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
    expect(same(toPublicKey({ keys: [other, { ...jwk, kid: 'v1' }] as never }))).toBe(true);
    expect(same(toPublicKey({ keys: [ec, jwk, other] as never }))).toBe(true);
    let err: unknown;
    try {
      toPublicKey({ keys: [ec] as never });
    } catch (e) {
      err = e;
    }
    expect(isSdkError(err, 'invalid_config')).toBe(true);
    expect((err as Error).message).toBe('The user-token public key is not a PEM public key, JWK or JWKS: the key set has no RSA key');
    expect(() => toPublicKey('not a key')).toThrow(/not a PEM public key, JWK or JWKS/);
    try {
      toPublicKey('not a key');
    } catch (e) {
      expect((e as Error).cause).toHaveProperty('message');
    }
  });
});

describe('signed user tokens', () => {
  const sign = (o: Parameters<typeof signUserToken>[1]) => signUserToken(keys.privateKey, o);

  test('refused without a subject, without a frontendToken claim, or bound to another user', () => {
    expect(verifySignedUserToken(sign({ apiKey: API_KEY, sub: '' }), keys.publicKey, API_KEY)).toEqual({ ok: false, reason: 'the token has no subject' });
    expect(verifySignedUserToken(sign({ apiKey: API_KEY, frontendToken: null }), keys.publicKey, API_KEY)).toEqual({
      ok: false,
      reason: 'the token has no frontendToken claim to bind it to this app',
    });
    expect(verifySignedUserToken(sign({ apiKey: API_KEY, frontendToken: frontendToken('someone-else', API_KEY) }), keys.publicKey, API_KEY)).toEqual({
      ok: false,
      reason: 'the token was issued for another app',
    });
    expect(verifySignedUserToken(sign({ apiKey: API_KEY, sub: 'me' }), keys.publicKey, API_KEY)).toEqual({ ok: true, userId: 'me' });
    expect(verifySignedUserToken('not.a.token', keys.publicKey, API_KEY)).toEqual({ ok: false, reason: expect.stringMatching(/\S/) });
  });
});

describe('temporary token exchange', () => {
  let answer: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  let url: string;
  const seen: Array<{ method?: string; path?: string; headers: IncomingMessage['headers']; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, path: req.url, headers: req.headers, body });
      answer(req, body, res);
    });
  });
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => void (seen.length = 0));

  const failure = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => undefined,
      (err: Error) => err,
    );
    expect(isSdkError(e, 'token_exchange_failed')).toBe(true);
    return e as Error & { details?: unknown };
  };

  test('POSTs the token and package name as JSON with the API key as Bearer, to the path under any number of trailing slashes', async () => {
    answer = (_req, _body, res) => json(res, 200, { success: true, userId: 'u@example.com' });
    await expect(exchangeTempToken(`${url}//`, 'temp-token-1', API_KEY, 'com.example.app')).resolves.toBe('u@example.com');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/auth/exchange-user-token' });
    expect(seen[0].headers).toMatchObject({ 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` });
    expect(JSON.parse(seen[0].body)).toEqual({ aos_temp_token: 'temp-token-1', packageName: 'com.example.app' });
  });

  test.each([
    ['an error status, even with a user id', 500, { success: true, userId: 'u' }, 'The cloud refused the temporary token (HTTP 500)'],
    ['success not true', 200, { success: 'yes', userId: 'u' }, 'The cloud refused the temporary token (HTTP 200)'],
    ['no user id', 200, { success: true }, 'The cloud refused the temporary token (HTTP 200)'],
    ['a user id that is not a string', 200, { success: true, userId: 42 }, 'The cloud refused the temporary token (HTTP 200)'],
    ['an empty user id', 200, { success: true, userId: '' }, 'The cloud refused the temporary token (HTTP 200)'],
    ['a body that is not JSON', 200, 'not json', 'The cloud refused the temporary token (HTTP 200)'],
    ['JSON null', 200, 'null', 'The cloud refused the temporary token (HTTP 200)'],
    ['an error that is not a string', 403, { success: false, error: { code: 1 } }, 'The cloud refused the temporary token (HTTP 403)'],
    [
      'a long error, cut at 200 characters',
      401,
      { success: false, error: 'e'.repeat(300) },
      `The cloud refused the temporary token (HTTP 401): ${'e'.repeat(200)}`,
    ],
  ])('refused: %s', async (_what, status, body, message) => {
    answer = (_req, _body, res) => json(res, status, body);
    const e = await failure(exchangeTempToken(url, 'temp-token-2', API_KEY, 'com.example.app'));
    expect(e.message).toBe(message);
    expect(e.details).toEqual({ status });
  });

  test('a redirect is not followed (the API key would go along)', async () => {
    answer = (_req, _body, res) => {
      res.writeHead(307, { location: `${url}/elsewhere` });
      res.end();
    };
    const e = await failure(exchangeTempToken(url, 'temp-token-3', API_KEY, 'com.example.app'));
    expect(e.message).toMatch(/^Could not reach the cloud to exchange the temporary token: /);
    expect(seen.map((s) => s.path)).toEqual(['/api/auth/exchange-user-token']);
  });
});
