/**
 * The Express webview middleware's own rules, through requests to a real server on 127.0.0.1: the options it
 * refuses, the per-process secret and its one warning, the cookie it writes and the one it clears, users
 * forwarded by another instance, the live-session lookups, and failures that never reach the app.
 */
import crypto from 'node:crypto';
import { createAuthMiddleware, isSdkError, type AuthMiddlewareOptions } from '../../src';
import { createSdkLogger } from '../../src/core/logger';
import { API_KEY, captureLogger } from '../helpers/apps';
import { cookiePair, fakeCloudApi, frontendToken, me, serveMiddleware } from '../helpers/webview';

const PKG = 'com.example.app';
const SECRET = 'cookie-secret-for-tests';
const DAY_MS = 24 * 60 * 60 * 1000;
const TEMP = 'temp-token-of-the-guards-test';
const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
const withToken = (userId: string) => q({ aos_frontend_token: frontendToken(userId, API_KEY) });
const mac = (secret: string, payload: string) => crypto.createHmac('sha256', secret).update(payload).digest('hex');
const cookieAt = (userId: string, ms: number, secret = SECRET) => `aos_session=${encodeURIComponent(`${userId}|${ms}|${mac(secret, `${userId}|${ms}`)}`)}`;
/** The three parts of the session cookie a Set-Cookie header carries. */
const cookieParts = (setCookie: string) => decodeURIComponent(cookiePair(setCookie).split('=')[1]).split('|');

function logged() {
  const capture = captureLogger();
  const texts = (level: string) => capture.lines.filter((l) => l.level === level).map((l) => l.text);
  return { capture, texts, logger: createSdkLogger(capture) };
}

async function withServer(options: Partial<AuthMiddlewareOptions>, run: (port: number) => Promise<void>): Promise<void> {
  const server = await serveMiddleware({ apiKey: API_KEY, packageName: PKG, ...options });
  try {
    await run(server.port);
  } finally {
    await server.close();
  }
}

// First in this file: the per-process warning is once per process, so no earlier test may have given it.
describe('a configured cookieSecret', () => {
  test('signs the cookie with it, and nothing warns about a per-process secret', async () => {
    const { capture, logger } = logged();
    await withServer({ cookieSecret: SECRET, logger }, async (port) => {
      const res = await me(port, withToken('own@example.com'));
      const [userId, ms, sig] = cookieParts(res.setCookie!);
      expect(userId).toBe('own@example.com');
      expect(sig).toBe(mac(SECRET, `${userId}|${ms}`));
    });
    expect(capture.lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });
});

describe('createAuthMiddleware refuses an unusable configuration', () => {
  test.each([
    ['an empty apiKey', { apiKey: '' }],
    ['no apiKey', { apiKey: undefined }],
    ['an apiKey that is not a string', { apiKey: 42 }],
    ['an empty packageName', { packageName: '' }],
    ['no packageName', { packageName: undefined }],
    ['a packageName that is not a string', { packageName: 42 }],
  ])('%s: SdkError invalid_config', (_what, bad) => {
    let error: unknown;
    try {
      createAuthMiddleware({ apiKey: API_KEY, packageName: PKG, cookieSecret: SECRET, ...(bad as object) } as AuthMiddlewareOptions);
    } catch (e) {
      error = e;
    }
    expect(isSdkError(error, 'invalid_config')).toBe(true);
    expect((error as Error).message).toBe('createAuthMiddleware needs apiKey and packageName');
  });
});

describe('cookieSecret: "" is no secret', () => {
  test('the random per-process secret signs the cookie instead, and the warning says so once', async () => {
    const { texts, logger } = logged();
    await withServer({ cookieSecret: '', logger }, async (port) => {
      const first = await me(port, withToken('empty@example.com'));
      const [userId, ms, sig] = cookieParts(first.setCookie!);
      expect(userId).toBe('empty@example.com');
      expect(sig).not.toBe(mac('', `${userId}|${ms}`));
      expect((await me(port, '', { cookie: cookiePair(first.setCookie!) })).authUserId).toBe('empty@example.com');
      await me(port, withToken('again@example.com'));
    });
    expect(texts('warn')).toEqual([
      'No cookieSecret configured: webview sessions are signed with a random per-process secret and will not survive a restart. Set cookieSecret to keep them.',
    ]);
  });
});

describe('the cookie the middleware writes', () => {
  test('a maxAge above 30 days is cut to 30 days', async () => {
    await withServer({ cookieSecret: SECRET, cookieOptions: { maxAge: 60 * DAY_MS } }, async (port) => {
      expect((await me(port, withToken('long@example.com'))).setCookie).toMatch(/; Max-Age=2592000; /);
      expect((await me(port, '', { cookie: cookieAt('old@example.com', Date.now() - 31 * DAY_MS) })).authUserId).toBeNull();
    });
  });

  test('a shorter maxAge is written, and an older cookie is refused and cleared', async () => {
    await withServer({ cookieSecret: SECRET, cookieOptions: { maxAge: 60 * 60 * 1000 } }, async (port) => {
      expect((await me(port, withToken('short@example.com'))).setCookie).toMatch(/; Max-Age=3600; /);
      expect((await me(port, '', { cookie: cookieAt('recent@example.com', Date.now() - 30 * 60 * 1000) })).authUserId).toBe('recent@example.com');
      const stale = await me(port, '', { cookie: cookieAt('stale@example.com', Date.now() - 2 * 60 * 60 * 1000) });
      expect(stale).toMatchObject({ authUserId: null, setCookie: expect.stringMatching(/^aos_session=; Path=\/; Expires=Thu, 01 Jan 1970/) });
    });
  });

  test('sameSite "none" makes the cookie Secure even over plain http, whatever `secure` says', async () => {
    await withServer({ cookieSecret: SECRET, cookieOptions: { sameSite: 'none' } }, async (port) => {
      expect((await me(port, withToken('cross@example.com'))).setCookie).toMatch(/; HttpOnly; Secure; SameSite=None$/);
    });
    await withServer({ cookieSecret: SECRET, cookieOptions: { sameSite: 'none', secure: false } }, async (port) => {
      expect((await me(port, withToken('cross@example.com'))).setCookie).toMatch(/; HttpOnly; Secure; SameSite=None$/);
    });
  });

  test('a configured path is written, and an invalid cookie is cleared on that same path', async () => {
    await withServer({ cookieSecret: SECRET, cookieOptions: { path: '/webview' } }, async (port) => {
      expect((await me(port, withToken('path@example.com'))).setCookie).toMatch(/; Path=\/webview; /);
      const bad = await me(port, '', { cookie: cookieAt('path@example.com', Date.now(), 'another-secret') });
      expect(bad).toMatchObject({ authUserId: null, setCookie: expect.stringMatching(/^aos_session=; Path=\/webview; Expires=Thu, 01 Jan 1970/) });
    });
  });

  test('a request with no session cookie, or only other cookies, gets no Set-Cookie and logs no error', async () => {
    const { capture, logger } = logged();
    await withServer({ cookieSecret: SECRET, logger }, async (port) => {
      expect(await me(port)).toMatchObject({ authUserId: null, setCookie: null });
      expect(await me(port, '', { cookie: 'theme=dark; lang=en' })).toMatchObject({ authUserId: null, setCookie: null });
      expect(await me(port, '', { authorization: 'Basic dXNlcjpwYXNz' })).toMatchObject({ authUserId: null, setCookie: null });
    });
    expect(capture.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('a user forwarded by another instance', () => {
  const forwardedUser = (req: { headers: Record<string, unknown> }) => req.headers['x-test-forwarded-user'] as string | undefined;

  test('is taken as is, before any token or cookie, and sets no cookie (not even to clear a bad one)', async () => {
    const sessions: string[] = [];
    await withServer(
      {
        cookieSecret: SECRET,
        forwardedUser,
        getSessionForUser: (userId) => {
          sessions.push(userId);
          return `session of ${userId}`;
        },
      },
      async (port) => {
        const res = await me(port, withToken('token@example.com'), { 'x-test-forwarded-user': 'fwd@example.com', cookie: 'aos_session=junk' });
        expect(res).toEqual({ status: 200, authUserId: 'fwd@example.com', activeSession: 'session of fwd@example.com', setCookie: null });
        const own = await me(port, withToken('token@example.com'));
        expect(own).toMatchObject({ authUserId: 'token@example.com', setCookie: expect.stringMatching(/^aos_session=token%40example\.com%7C/) });
      },
    );
    expect(sessions).toEqual(['fwd@example.com', 'token@example.com']);
  });
});

describe('the live session of the user', () => {
  test('getAppSessionForUser (the published name) works alone; getSessionForUser wins when both are given', async () => {
    await withServer({ cookieSecret: SECRET, getAppSessionForUser: (userId) => `app session of ${userId}` }, async (port) => {
      expect((await me(port, withToken('a@example.com'))).activeSession).toBe('app session of a@example.com');
    });
    await withServer({ cookieSecret: SECRET, getSessionForUser: () => 'first', getAppSessionForUser: () => 'second' }, async (port) => {
      expect((await me(port, withToken('b@example.com'))).activeSession).toBe('first');
    });
  });

  test('without a lookup, an authenticated request gets activeSession null (and still its cookie)', async () => {
    await withServer({ cookieSecret: SECRET }, async (port) => {
      const res = await me(port, withToken('c@example.com'));
      expect(res).toMatchObject({ authUserId: 'c@example.com', activeSession: null, setCookie: expect.stringMatching(/^aos_session=/) });
    });
  });
});

describe('a failure inside the middleware never reaches the app', () => {
  const getSessionForUser = () => {
    throw new Error('the session lookup broke');
  };

  test('a throwing session lookup is logged and the request goes on, for a token checked at once', async () => {
    const { texts, logger } = logged();
    await withServer({ cookieSecret: SECRET, logger, getSessionForUser }, async (port) => {
      expect((await me(port, withToken('sync@example.com'))).status).toBe(200);
    });
    expect(texts('error')).toEqual(['Webview auth failed: the session lookup broke']);
  });

  test('and for a temporary token exchanged with the cloud', async () => {
    const api = await fakeCloudApi(API_KEY, { [TEMP]: 'async@example.com' });
    const { texts, logger } = logged();
    try {
      await withServer({ cookieSecret: SECRET, logger, getSessionForUser, cloudApiUrl: api.url }, async (port) => {
        expect((await me(port, q({ aos_temp_token: TEMP }))).status).toBe(200);
      });
      expect(api.requests).toHaveLength(1);
      expect(texts('error')).toEqual(['Webview auth failed: the session lookup broke']);
    } finally {
      await api.close();
    }
  });
});
