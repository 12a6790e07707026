import crypto from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createAuthMiddleware, type AuthenticatedRequest } from '../../src';
import { API_KEY, appConfig, captureLogger, started } from '../helpers/apps';
import { cookiePair, frontendToken, me, WebviewApp } from '../helpers/webview';

const SECRET = 'cookie-secret-for-tests';
const DAY_MS = 24 * 60 * 60 * 1000;
const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
const mac = (secret: string, payload: string) => crypto.createHmac('sha256', secret).update(payload).digest('hex');
const cookieValue = (userId: string, ms: number, secret = SECRET) => `aos_session=${encodeURIComponent(`${userId}|${ms}|${mac(secret, `${userId}|${ms}`)}`)}`;

describe('webview auth: the session cookie', () => {
  let app: WebviewApp;
  beforeAll(async () => {
    app = await started(new WebviewApp(appConfig({ cookieSecret: SECRET })));
  });
  afterAll(() => app.stop());

  test('round trip: a token sets the cookie, the cookie alone then authenticates without a new Set-Cookie', async () => {
    const first = await me(app.getPort(), q({ aos_frontend_token: frontendToken('round@example.com', API_KEY) }));
    expect(first.setCookie).toBeTruthy();
    const again = await me(app.getPort(), '', { cookie: `theme=dark; ${cookiePair(first.setCookie!)}; other=1` });
    expect(again).toMatchObject({ authUserId: 'round@example.com', setCookie: null });
  });

  test('a cookie made with the configured secret and a user id containing "|" verifies', async () => {
    expect((await me(app.getPort(), '', { cookie: cookieValue('odd|user', Date.now()) })).authUserId).toBe('odd|user');
  });

  test.each([
    ['a tampered user id', () => cookieValue('alice@example.com', Date.now()).replace('alice', 'mallo')],
    ['another secret', () => cookieValue('alice@example.com', Date.now(), 'another-secret')],
    ['an age over 30 days', () => cookieValue('alice@example.com', Date.now() - 31 * DAY_MS)],
    ['an issue time in the future', () => cookieValue('alice@example.com', Date.now() + DAY_MS)],
    ['no MAC', () => 'aos_session=alice%40example.com%7C123'],
    ['garbage', () => 'aos_session=%E0%A4%A'],
  ])('a cookie with %s is refused and cleared', async (_name, cookie) => {
    const res = await me(app.getPort(), '', { cookie: cookie() });
    expect(res.authUserId).toBeNull();
    expect(res.setCookie).toMatch(/^aos_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
  });

  test('the cookie MAC is compared with crypto.timingSafeEqual on equal-length buffers', async () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      await me(app.getPort(), '', { cookie: 'aos_session=a%7C1%7Cabc' });
      await me(app.getPort(), '', { cookie: cookieValue('a', Date.now(), 'x') });
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(2);
      for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
    } finally {
      spy.mockRestore();
    }
  });

  test('over https (behind a trusted proxy) the cookie is Secure', async () => {
    const proxied = new WebviewApp(appConfig({ cookieSecret: SECRET }));
    proxied.getExpressApp().set('trust proxy', 'loopback');
    await proxied.start();
    try {
      const res = await me(proxied.getPort(), q({ aos_frontend_token: frontendToken('tls@example.com', API_KEY) }), { 'x-forwarded-proto': 'https' });
      expect(res.setCookie).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
      const plain = await me(proxied.getPort(), q({ aos_frontend_token: frontendToken('tls@example.com', API_KEY) }));
      expect(plain.setCookie).not.toMatch(/Secure/);
    } finally {
      await proxied.stop();
    }
  });
});

describe('webview auth: no cookieSecret', () => {
  test('a random per-process secret signs the cookie (not one derived from the API key), with one warning', async () => {
    const logger = captureLogger();
    const a = await started(new WebviewApp(appConfig({ logger })));
    const b = await started(new WebviewApp(appConfig({ logger })));
    try {
      const res = await me(a.getPort(), q({ aos_frontend_token: frontendToken('r@example.com', API_KEY) }));
      await me(b.getPort(), q({ aos_frontend_token: frontendToken('r@example.com', API_KEY) }));
      const cookie = decodeURIComponent(cookiePair(res.setCookie!).split('=')[1]);
      const [userId, ms, sig] = cookie.split('|');
      expect(userId).toBe('r@example.com');
      expect(sig).not.toBe(mac(`AOS_com.example.app_${API_KEY.substring(0, 8)}`, `${userId}|${ms}`));
      expect(sig).not.toBe(mac(API_KEY, `${userId}|${ms}`));
      expect((await me(b.getPort(), '', { cookie: cookiePair(res.setCookie!) })).authUserId).toBe('r@example.com');
      const warnings = logger.lines.filter((l) => l.level === 'warn' && /cookieSecret/.test(l.text));
      expect(warnings).toHaveLength(1);
      expect(warnings[0].text).toMatch(/will not survive a restart/);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe('createAuthMiddleware on a plain Express app', () => {
  test('sets authUserId and activeSession from getSessionForUser, with a custom cookie name and options', async () => {
    const web = express();
    web.use(
      createAuthMiddleware({
        apiKey: API_KEY,
        packageName: 'com.example.app',
        cookieSecret: SECRET,
        cookieName: 'my_session',
        cookieOptions: { sameSite: 'strict', path: '/' },
        getSessionForUser: (userId) => (userId === 'live@example.com' ? { live: true } : undefined),
      }),
    );
    web.get('/whoami', (req, res) => {
      const r = req as AuthenticatedRequest;
      res.json({ user: r.authUserId ?? null, session: r.activeSession ?? null });
    });
    const server = createServer(web);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/whoami`;
    try {
      const res = await fetch(`${base}${q({ aos_frontend_token: frontendToken('live@example.com', API_KEY) })}`);
      expect(await res.json()).toEqual({ user: 'live@example.com', session: { live: true } });
      expect(res.headers.get('set-cookie')).toMatch(/^my_session=.*; HttpOnly; SameSite=Strict$/);
      const other = await fetch(`${base}${q({ aos_frontend_token: frontendToken('idle@example.com', API_KEY) })}`);
      expect(await other.json()).toEqual({ user: 'idle@example.com', session: null });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('GET /mentra-auth', () => {
  test('redirects 302 to the MentraOS account page with the encoded package name', async () => {
    const app = await started(new WebviewApp(appConfig({ packageName: 'com.example.app&x=1', cookieSecret: SECRET })));
    try {
      const res = await fetch(`http://127.0.0.1:${app.getPort()}/mentra-auth`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('https://account.mentra.glass/auth?packagename=com.example.app%26x%3D1');
    } finally {
      await app.stop();
    }
  });
});
