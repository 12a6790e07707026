import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isSdkError } from '../../src';
import { createTestCloud } from '../../src/testing';
import { API_KEY, appConfig, captureLogger, started } from '../helpers/apps';
import { fakeCloudApi, frontendToken, me, rsaKeys, sha256, signUserToken, WebviewApp, type FakeCloudApi, type SignOptions } from '../helpers/webview';

const keys = rsaKeys();
const otherKeys = rsaKeys();
const sign = (o: SignOptions = {}) => signUserToken(keys.privateKey, { apiKey: API_KEY, ...o });
const TEMP = 'a1'.repeat(32);
const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

describe('webview auth: each kind of token', () => {
  let app: WebviewApp;
  let api: FakeCloudApi;
  const logger = captureLogger();
  beforeAll(async () => {
    api = await fakeCloudApi(API_KEY, { [TEMP]: 'temp-user@example.com' });
    app = await started(
      new WebviewApp(
        appConfig({
          logger,
          cookieSecret: 'cookie-secret-for-tests',
          cloudApiUrl: api.url,
          userTokenPublicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        }),
      ),
    );
  });
  afterAll(async () => {
    await app.stop();
    await api.close();
  });
  beforeEach(() => void (api.requests.length = 0));

  test('no credentials: not authenticated, no cookie set', async () => {
    expect(await me(app.getPort())).toEqual({ status: 200, authUserId: null, activeSession: 'unset', setCookie: null });
  });

  test('a signed user token for this app authenticates its subject and sets the session cookie', async () => {
    const res = await me(app.getPort(), q({ aos_signed_user_token: sign({ sub: 'signed@example.com' }) }));
    expect(res).toMatchObject({ authUserId: 'signed@example.com', activeSession: null });
    expect(res.setCookie).toMatch(/^aos_session=signed%40example\.com%7C\d+%7C[0-9a-f]{64}; Max-Age=2592000; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/);
  });

  test('a signed user token inside the 120 s clock grace is still accepted', async () => {
    expect((await me(app.getPort(), q({ aos_signed_user_token: sign({ expiresInS: -60 }) }))).authUserId).toBe('wearer@example.com');
  });

  test.each([
    ['expired beyond the grace', () => sign({ expiresInS: -300 })],
    ['from another issuer', () => sign({ iss: 'https://evil.example.com' })],
    ['signed by another key', () => sign({ key: otherKeys.privateKey })],
    [
      'HS256 with the public key as the secret (algorithm confusion)',
      () =>
        jwt.sign(
          { sub: 'x', iss: 'https://prod.augmentos.cloud', frontendToken: frontendToken('x', API_KEY) },
          keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          { algorithm: 'HS256' },
        ),
    ],
    ['not a JWT at all', () => 'not.a.jwt'],
  ])('a signed user token %s is refused', async (_name, token) => {
    expect(await me(app.getPort(), q({ aos_signed_user_token: token() }))).toMatchObject({ authUserId: null, setCookie: null });
  });

  describe('pitfall 7.1.6: a webview token for another app is rejected', () => {
    test("a signed user token whose frontendToken was made with another app's API key", async () => {
      const token = sign({ sub: 'victim@example.com', frontendToken: frontendToken('victim@example.com', 'key-of-app-A') });
      expect(await me(app.getPort(), q({ aos_signed_user_token: token }))).toMatchObject({ authUserId: null, setCookie: null });
    });

    test('a signed user token without a frontendToken claim, or one naming another user', async () => {
      expect((await me(app.getPort(), q({ aos_signed_user_token: sign({ frontendToken: null }) }))).authUserId).toBeNull();
      const other = sign({ sub: 'victim@example.com', frontendToken: frontendToken('mallory@example.com', API_KEY) });
      expect((await me(app.getPort(), q({ aos_signed_user_token: other }))).authUserId).toBeNull();
    });

    test("a frontend token made with another app's API key", async () => {
      expect((await me(app.getPort(), q({ aos_frontend_token: frontendToken('victim@example.com', 'key-of-app-A') }))).authUserId).toBeNull();
    });

    test('cloudApiUrl and a valid cloudApiUrlChecksum in the query never redirect the exchange (nor the API key)', async () => {
      const attacker = await fakeCloudApi(API_KEY, { [TEMP]: 'victim@example.com' });
      try {
        const checksum = sha256(attacker.url + sha256(API_KEY));
        const res = await me(app.getPort(), q({ aos_temp_token: TEMP, cloudApiUrl: attacker.url, cloudApiUrlChecksum: checksum }));
        expect(attacker.requests).toHaveLength(0);
        expect(api.requests).toHaveLength(1);
        expect(res.authUserId).toBe('temp-user@example.com');
      } finally {
        await attacker.close();
      }
    });
  });

  test('a temporary token is exchanged at the configured cloud with the API key as Bearer', async () => {
    const res = await me(app.getPort(), q({ aos_temp_token: TEMP }));
    expect(res.authUserId).toBe('temp-user@example.com');
    expect(res.setCookie).toMatch(/^aos_session=temp-user%40example\.com%7C/);
    expect(api.requests).toEqual([
      { path: '/api/auth/exchange-user-token', authorization: `Bearer ${API_KEY}`, body: { aos_temp_token: TEMP, packageName: 'com.example.app' } },
    ]);
  });

  test('a temporary token the cloud refuses does not authenticate; a malformed one is not even sent', async () => {
    expect((await me(app.getPort(), q({ aos_temp_token: 'b2'.repeat(32) }))).authUserId).toBeNull();
    expect(api.requests).toHaveLength(1);
    expect((await me(app.getPort(), q({ aos_temp_token: 'has spaces and ;' }))).authUserId).toBeNull();
    expect(api.requests).toHaveLength(1);
  });

  test('a frontend token in the query or as a Bearer header authenticates', async () => {
    const token = frontendToken('front@example.com', API_KEY);
    expect((await me(app.getPort(), q({ aos_frontend_token: token }))).authUserId).toBe('front@example.com');
    expect((await me(app.getPort(), '', { authorization: `Bearer ${token}` })).authUserId).toBe('front@example.com');
    expect((await me(app.getPort(), '', { authorization: `Bearer ${token.slice(0, -1)}0` })).authUserId).toBeNull();
    expect((await me(app.getPort(), '', { authorization: 'Bearer some-other-api-token' })).authUserId).toBeNull();
  });

  test('the frontend token is compared with crypto.timingSafeEqual on equal-length buffers', async () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      await me(app.getPort(), q({ aos_frontend_token: 'someone:abc' }));
      await me(app.getPort(), q({ aos_frontend_token: frontendToken('someone', 'other') }));
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(2);
      for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
    } finally {
      spy.mockRestore();
    }
  });

  describe('precedence: signed user token, temporary token, frontend token, cookie', () => {
    const cookieFor = async (userId: string) => (await me(app.getPort(), q({ aos_frontend_token: frontendToken(userId, API_KEY) }))).setCookie!.split(';')[0];

    test('the signed user token wins over all others', async () => {
      const cookie = await cookieFor('cookie@example.com');
      const res = await me(
        app.getPort(),
        q({
          aos_signed_user_token: sign({ sub: 'signed@example.com' }),
          aos_temp_token: TEMP,
          aos_frontend_token: frontendToken('front@example.com', API_KEY),
        }),
        { cookie },
      );
      expect(res.authUserId).toBe('signed@example.com');
      expect(api.requests).toHaveLength(0);
    });

    test('then the temporary token, then the frontend token, then the cookie', async () => {
      const cookie = await cookieFor('cookie@example.com');
      const front = frontendToken('front@example.com', API_KEY);
      expect((await me(app.getPort(), q({ aos_temp_token: TEMP, aos_frontend_token: front }), { cookie })).authUserId).toBe('temp-user@example.com');
      expect((await me(app.getPort(), q({ aos_frontend_token: front }), { cookie })).authUserId).toBe('front@example.com');
      expect((await me(app.getPort(), '', { cookie })).authUserId).toBe('cookie@example.com');
    });

    test('a token that fails falls through to the next kind', async () => {
      const front = frontendToken('front@example.com', API_KEY);
      expect(
        (await me(app.getPort(), q({ aos_signed_user_token: sign({ expiresInS: -999 }), aos_temp_token: 'c3'.repeat(32), aos_frontend_token: front })))
          .authUserId,
      ).toBe('front@example.com');
    });
  });

  test('no token, cookie or expected MAC ever reaches the log', async () => {
    const secrets = [sign({ sub: 'log@example.com' }), TEMP, frontendToken('log@example.com', API_KEY)];
    for (const token of secrets) await me(app.getPort(), q({ aos_signed_user_token: token, aos_temp_token: token, aos_frontend_token: token }));
    await me(app.getPort(), '', { cookie: 'aos_session=log%40example.com%7C1%7Cdeadbeef' });
    const text = logger.lines.map((l) => l.text).join('\n');
    for (const s of [...secrets, 'deadbeef', API_KEY]) expect(text).not.toContain(s);
    expect(text).not.toContain(sha256(API_KEY));
  });
});

describe('webview auth: the live session and the key configuration', () => {
  test("req.activeSession is the user's live AppSession", async () => {
    const cloud = await createTestCloud();
    const app = await started(new WebviewApp(appConfig({ cookieSecret: 's3cret-s3cret' })));
    try {
      const user = await cloud.startSession({ app });
      const res = await me(app.getPort(), q({ aos_frontend_token: frontendToken(user.userId, API_KEY) }));
      expect(res).toMatchObject({ authUserId: user.userId, activeSession: user.sessionId });
    } finally {
      await app.stop();
      await cloud.close();
    }
  });

  test.each(['MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY', 'AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY'])(
    'the public key can come from %s (PEM, \\n-escaped)',
    async (name) => {
      const before = process.env[name];
      process.env[name] = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString().replace(/\n/g, '\\n');
      const app = await started(new WebviewApp(appConfig({ cookieSecret: 's3cret-s3cret' })));
      try {
        expect((await me(app.getPort(), q({ aos_signed_user_token: sign() }))).authUserId).toBe('wearer@example.com');
      } finally {
        if (before === undefined) delete process.env[name];
        else process.env[name] = before;
        await app.stop();
      }
    },
  );

  test('a JWK works as userTokenPublicKey', async () => {
    const app = await started(
      new WebviewApp(appConfig({ cookieSecret: 's3cret-s3cret', userTokenPublicKey: { keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: 'v1' }] } })),
    );
    try {
      expect((await me(app.getPort(), q({ aos_signed_user_token: sign() }))).authUserId).toBe('wearer@example.com');
    } finally {
      await app.stop();
    }
  });

  test('without a configured key a signed user token is ignored and a warning names the variable, once', async () => {
    const logger = captureLogger();
    const app = await started(new WebviewApp(appConfig({ logger, cookieSecret: 's3cret-s3cret' })));
    try {
      expect((await me(app.getPort(), q({ aos_signed_user_token: sign() }))).authUserId).toBeNull();
      await me(app.getPort(), q({ aos_signed_user_token: sign() }));
      const warnings = logger.lines.filter((l) => l.level === 'warn' && l.text.includes('MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY'));
      expect(warnings).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });

  test.each([
    ['cloudApiUrl over plain http to a remote host', { cloudApiUrl: 'http://api.example.com' }],
    ['cloudApiUrl that is not a URL', { cloudApiUrl: 'not a url' }],
    ['a userTokenPublicKey that is not a key', { userTokenPublicKey: 'not a key' }],
  ])('%s is refused at construction with SdkError invalid_config', (_name, extra) => {
    let error: unknown;
    try {
      new WebviewApp(appConfig(extra));
    } catch (e) {
      error = e;
    }
    expect(isSdkError(error, 'invalid_config')).toBe(true);
  });
});

describe('createAuthMiddleware on an app’s own Express server', () => {
  test('the 1.x option tokenQueryParam names the query parameter of the temporary token', async () => {
    const api = await fakeCloudApi(API_KEY, { [TEMP]: 'own-server@example.com' });
    const express = (await import('express')).default;
    const { createAuthMiddleware } = await import('../../src');
    const server = express();
    server.use(createAuthMiddleware({ apiKey: API_KEY, packageName: 'com.example.app', cookieSecret: 's', cloudApiUrl: api.url, tokenQueryParam: 'token' }));
    server.get('/me', (req, res) => void res.json({ authUserId: (req as { authUserId?: string }).authUserId ?? null }));
    const http = server.listen(0, '127.0.0.1');
    await new Promise((r) => http.once('listening', r));
    try {
      const port = (http.address() as { port: number }).port;
      expect((await me(port, q({ token: TEMP }))).authUserId).toBe('own-server@example.com');
      expect((await me(port, q({ aos_temp_token: TEMP }))).authUserId).toBeNull();
    } finally {
      await new Promise((r) => http.close(r));
      await api.close();
    }
  });
});
