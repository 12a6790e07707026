/**
 * Webview auth, Hono style: `createMentraAuthRoutes` (`GET /init` with the published bodies and status codes),
 * the Hono `createAuthMiddleware` (`${packageName}-session` cookie, `aos_session` migration, seconds, SameSite
 * capitalised), `AuthVariables` through `c.get`, and `generateFrontendToken`.
 */
import { Hono } from 'hono';
import { createAuthMiddleware, createMentraAuthRoutes, generateFrontendToken, type AuthVariables } from '../../src/hono';
import { signSessionCookie } from '../../src/core/http/webview/cookie';
import { fakeCloudApi, frontendToken, rsaKeys, signUserToken, type FakeCloudApi } from '../helpers/webview';
import { API_KEY, HonoEcho, honoConfig, request } from './helpers';

const PKG = 'com.example.hono';
const SECRET = 'a-cookie-secret-of-some-length';
const keys = rsaKeys();
const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('createMentraAuthRoutes: GET /init', () => {
  let cloudApi: FakeCloudApi;
  let app: Hono;
  beforeEach(async () => {
    cloudApi = await fakeCloudApi(API_KEY, { 'temp-token-for-ada': 'ada@example.com' });
    app = new Hono();
    app.route(
      '/api/mentra/auth',
      createMentraAuthRoutes({ apiKey: API_KEY, packageName: PKG, cookieSecret: SECRET, cloudApiUrl: cloudApi.url, userTokenPublicKey: publicKey }),
    );
  });
  afterEach(async () => {
    await cloudApi.close();
  });

  test('no token: 400 {success:false, error:"No token provided"}', async () => {
    const res = await request(app, '/api/mentra/auth/init');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ success: false, error: 'No token provided' });
  });

  test('a temporary token is exchanged: userId, frontendToken and the <pkg>-session cookie', async () => {
    const res = await request(app, '/api/mentra/auth/init?aos_temp_token=temp-token-for-ada');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, userId: 'ada@example.com', frontendToken: frontendToken('ada@example.com', API_KEY) });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${PKG.replace(/\./g, '\\.')}-session=`));
    expect(cookie).toContain('Max-Age=2592000');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('HttpOnly');
    expect(cloudApi.requests[0]).toMatchObject({ authorization: `Bearer ${API_KEY}`, body: { aos_temp_token: 'temp-token-for-ada', packageName: PKG } });
  });

  test('a refused temporary token: 401 {success:false, error:"Token exchange failed"}', async () => {
    const res = await request(app, '/api/mentra/auth/init?aos_temp_token=unknown-temp-token');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ success: false, error: 'Token exchange failed' });
  });

  test('a signed user token: 200 with the user; a forged one: 401 "Invalid signed user token"', async () => {
    const good = signUserToken(keys.privateKey, { apiKey: API_KEY, sub: 'grace@example.com' });
    const ok = await request(app, `/api/mentra/auth/init?aos_signed_user_token=${good}`);
    expect(await ok.json()).toEqual({ success: true, userId: 'grace@example.com', frontendToken: generateFrontendToken('grace@example.com', API_KEY) });
    const other = rsaKeys();
    const forged = signUserToken(other.privateKey, { apiKey: API_KEY, sub: 'grace@example.com' });
    const bad = await request(app, `/api/mentra/auth/init?aos_signed_user_token=${forged}`);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ success: false, error: 'Invalid signed user token' });
  });

  test('a cookieSecret shorter than 8 characters is refused', () => {
    expect(() => createMentraAuthRoutes({ apiKey: API_KEY, packageName: PKG, cookieSecret: 'short' })).toThrow(/at least 8 characters/);
  });
});

describe('createAuthMiddleware (Hono)', () => {
  function appWith(options: Partial<Parameters<typeof createAuthMiddleware>[0]> = {}) {
    const app = new Hono<{ Variables: AuthVariables }>();
    app.use('*', createAuthMiddleware({ apiKey: API_KEY, packageName: PKG, cookieSecret: SECRET, ...options }));
    app.get('/me', (c) => c.json({ authUserId: c.get('authUserId') ?? null, activeSession: c.get('activeSession') ?? null }));
    return app;
  }

  test('a frontend token signs the user in and sets the <pkg>-session cookie (seconds, SameSite capitalised)', async () => {
    const res = await request(appWith({ cookieOptions: { maxAge: 3600, sameSite: 'Strict', httpOnly: true, path: '/' } }), '/me', {
      headers: { authorization: `Bearer ${generateFrontendToken('ada@example.com', API_KEY)}` },
    });
    expect(await res.json()).toEqual({ authUserId: 'ada@example.com', activeSession: null });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^com\.example\.hono-session=/);
    expect(cookie).toContain('Max-Age=3600');
    expect(cookie).toContain('SameSite=Strict');
  });

  test('the session cookie signs the user in without a new cookie; no credentials leaves authUserId unset', async () => {
    const value = encodeURIComponent(signSessionCookie('ada@example.com', SECRET));
    const res = await request(appWith(), '/me', { headers: { cookie: `${PKG}-session=${value}` } });
    expect(await res.json()).toEqual({ authUserId: 'ada@example.com', activeSession: null });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await (await request(appWith(), '/me')).json()).toEqual({ authUserId: null, activeSession: null });
  });

  test('a 2.x aos_session cookie is read and moved to <pkg>-session', async () => {
    const value = encodeURIComponent(signSessionCookie('ada@example.com', SECRET));
    const res = await request(appWith(), '/me', { headers: { cookie: `aos_session=${value}` } });
    expect(await res.json()).toEqual({ authUserId: 'ada@example.com', activeSession: null });
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith(`${PKG}-session=`) && !c.includes('Max-Age=0'))).toBe(true);
    expect(cookies.some((c) => c.startsWith('aos_session=') && c.includes('Max-Age=0'))).toBe(true);
  });

  test('a forged cookie is cleared and the request goes on unauthenticated', async () => {
    const forged = encodeURIComponent(signSessionCookie('ada@example.com', 'another-secret-entirely'));
    const res = await request(appWith(), '/me', { headers: { cookie: `${PKG}-session=${forged}` } });
    expect(await res.json()).toEqual({ authUserId: null, activeSession: null });
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  test('a cookieSecret shorter than 8 characters is refused', () => {
    expect(() => createAuthMiddleware({ apiKey: API_KEY, packageName: PKG, cookieSecret: '1234567' })).toThrow(/at least 8 characters/);
  });

  test("on the AppServer: c.get('authUserId') and activeSession is the user's live session", async () => {
    const { createTestCloud } = await import('../../src/testing');
    const cloud = await createTestCloud();
    const app = new HonoEcho(honoConfig());
    app.get('/me', (c) => c.json({ authUserId: c.get('authUserId') ?? null, session: c.get('activeSession')?.getSessionId() ?? null }));
    await app.start();
    try {
      const user = await cloud.startSession({ app, userId: 'ada@example.com' });
      const res = await request(app, '/me', { headers: { authorization: `Bearer ${generateFrontendToken('ada@example.com', API_KEY)}` } });
      expect(await res.json()).toEqual({ authUserId: 'ada@example.com', session: user.sessionId });
    } finally {
      await app.stop();
      await cloud.close();
    }
  });
});
