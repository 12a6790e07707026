/**
 * Webview authentication for the Hono facade, as `@mentra/sdk` 3.0.0-hono publishes it: a Hono middleware
 * that sets `c.get('authUserId')` and `c.get('activeSession')`, the `/init` route `@mentra/react` calls, and
 * the frontend token. Tokens and cookies are verified by the engine's webview code
 * (`core/http/webview/`); this file only reads a Hono request and writes Hono cookies.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions as HonoCookieOptions } from 'hono/utils/cookie';
import { SdkError, toError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { checkCloudApiUrl, createWebviewAuthenticator, resolveUserTokenKey, type AuthVerdict } from '../core/http/webview/authenticate';
import { SESSION_COOKIE_NAME } from '../core/http/webview/cookie';
import { DEFAULT_CLOUD_API_URL, createFrontendToken, exchangeTempToken, verifySignedUserToken, type PublicKeyInput } from '../core/http/webview/tokens';
import type { AppSession } from '../app/session';

/** The variables the auth middleware sets on a Hono context: `c.get('authUserId')`, `c.get('activeSession')`. */
export interface AuthVariables {
  /** The signed-in user, when a token or the session cookie verified. */
  authUserId?: string;
  /** That user's live session, or null. */
  activeSession: AppSession | null;
}

/**
 * A webview request after authentication, as the Express era shaped it.
 * @deprecated Use `AuthVariables` with the Hono context instead: `c.get('authUserId')`.
 */
export interface AuthenticatedRequest {
  /** The signed-in user, when known. */
  authUserId?: string;
  /** That user's live session, or null. */
  activeSession: AppSession | null;
  /** The query parameters. */
  query: Record<string, string | undefined>;
  /** The request headers. */
  headers: Record<string, string | undefined>;
  /** The request cookies. */
  cookies?: Record<string, string>;
  /** The parsed body. */
  body?: unknown;
}

/** The Hono environment of the SDK's apps and middleware: the variables the auth middleware sets. */
export interface AuthEnv {
  /** Read with `c.get('authUserId')` and `c.get('activeSession')`. */
  Variables: AuthVariables;
}

/** The session cookie's attributes (Hono units: `maxAge` in seconds, `sameSite` capitalised). */
export interface WebviewCookieOptions {
  /** @defaultValue `true` */
  httpOnly?: boolean;
  /** @defaultValue `true` when `NODE_ENV` is `production` */
  secure?: boolean;
  /** Seconds. @defaultValue `2592000` (30 days) */
  maxAge?: number;
  /** @defaultValue `"None"` when `NODE_ENV` is `production`, else `"Lax"` */
  sameSite?: 'Lax' | 'Strict' | 'None';
  /** @defaultValue `"/"` */
  path?: string;
}

/** What both `createAuthMiddleware` and `createMentraAuthRoutes` take. */
export interface WebviewAuthConfig {
  /** The app's API key (exchanges temporary tokens, signs frontend tokens). */
  apiKey: string;
  /** The app's package name. */
  packageName: string;
  /** The HMAC secret of the session cookie: at least 8 characters. */
  cookieSecret: string;
  /** Replaces the default cookie attributes as a whole, as published. */
  cookieOptions?: WebviewCookieOptions;
  /** Where temporary tokens are exchanged. @defaultValue `"https://api.mentra.glass"` */
  cloudApiUrl?: string;
  /** The cloud's public key for signed user tokens. @defaultValue the `MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY` environment variable */
  userTokenPublicKey?: PublicKeyInput;
  /** Where refusals are logged at `debug`. @defaultValue silent */
  logger?: Logger;
}

/** Options of the Hono `createAuthMiddleware`. */
export interface HonoAuthMiddlewareOptions extends WebviewAuthConfig {
  /** @defaultValue `` `${packageName}-session` `` */
  cookieName?: string;
  /** The live session of a user, set as `activeSession`. */
  getAppSessionForUser?: (userId: string) => AppSession | null;
}

/** The 30 days of a session cookie, in seconds. */
const MAX_AGE_S = 30 * 24 * 60 * 60;

function defaultCookieOptions(): WebviewCookieOptions {
  const production = process.env.NODE_ENV === 'production';
  return { httpOnly: true, secure: production, maxAge: MAX_AGE_S, sameSite: production ? 'None' : 'Lax', path: '/' };
}

/** Checks the shared options (the published messages) and builds the engine's authenticator. */
function setUp(options: WebviewAuthConfig, what: string, cookieNames: string[]) {
  if (!options || typeof options.apiKey !== 'string' || options.apiKey === '') throw new SdkError('invalid_config', `API Key is required for ${what}.`);
  if (typeof options.packageName !== 'string' || options.packageName === '') throw new SdkError('invalid_config', `packageName is required for ${what}.`);
  const secret = options.cookieSecret;
  if (typeof secret !== 'string' || secret.length < 8) {
    throw new SdkError('invalid_config', 'A strong cookieSecret (at least 8 characters) is required for secure session management.');
  }
  const logger = options.logger ?? silentLogger;
  const cookie = options.cookieOptions ?? defaultCookieOptions();
  const cloudApiUrl = checkCloudApiUrl(options.cloudApiUrl ?? DEFAULT_CLOUD_API_URL);
  const userKey = resolveUserTokenKey(options.userTokenPublicKey, logger);
  const auth = createWebviewAuthenticator({
    apiKey: options.apiKey,
    packageName: options.packageName,
    secret,
    cookieNames,
    maxAgeMs: (cookie.maxAge ?? MAX_AGE_S) * 1000,
    cloudApiUrl,
    userKey,
    logger,
  });
  return { auth, cookie: cookie as HonoCookieOptions, logger, cloudApiUrl, userKey };
}

/**
 * Hono middleware that authenticates webview requests and never refuses one: from a signed user token, a
 * temporary token, a frontend token or the session cookie `${packageName}-session` (the 2.x `aos_session`
 * cookie is still read, and moved to the new name). Read the result with `c.get('authUserId')`.
 * Throws when `cookieSecret` is shorter than 8 characters.
 */
export function createAuthMiddleware(options: HonoAuthMiddlewareOptions): MiddlewareHandler<AuthEnv> {
  const cookieName = options?.cookieName ?? `${options?.packageName}-session`;
  const names = cookieName === SESSION_COOKIE_NAME ? [cookieName] : [cookieName, SESSION_COOKIE_NAME];
  const { auth, cookie, logger } = setUp(options, 'the auth middleware', names);
  const apply = (c: Context<AuthEnv>, verdict: AuthVerdict) => {
    if (verdict.userId === undefined) {
      c.set('activeSession', null);
      for (const name of verdict.badCookies) deleteCookie(c, name, { path: cookie.path });
      return;
    }
    c.set('authUserId', verdict.userId);
    c.set('activeSession', options.getAppSessionForUser?.(verdict.userId) ?? null);
    if (verdict.issueCookie || verdict.cookieName !== cookieName) {
      setCookie(c, cookieName, auth.cookieValue(verdict.userId), cookie);
      if (verdict.cookieName === SESSION_COOKIE_NAME && cookieName !== SESSION_COOKIE_NAME) deleteCookie(c, SESSION_COOKIE_NAME, { path: cookie.path });
    }
  };
  return async function mentraWebviewAuth(c, next) {
    try {
      const header = c.req.header('cookie');
      const verdict = await auth.authenticate({
        query: (name) => c.req.query(name),
        authorization: c.req.header('authorization'),
        cookies: header ? getCookie(c) : {},
        bare: !header,
      });
      apply(c, verdict);
    } catch (e) {
      logger.error(`Webview auth failed: ${toError(e).message}`);
      c.set('activeSession', null);
    }
    await next();
  };
}

/** The frontend token of a user: `userId:sha256hex(userId + sha256hex(apiKey))`, as `@mentra/react` expects it. */
export function generateFrontendToken(userId: string, apiKey: string): string {
  return createFrontendToken(userId, apiKey);
}

/**
 * A Hono sub-app with `GET /init`, the route `@mentra/react` calls to turn the webview's token into a session:
 * a signed user token (`aos_signed_user_token`) or a temporary token (`aos_temp_token`) answers
 * `{ success: true, userId, frontendToken }` and sets the `${packageName}-session` cookie; a refused token
 * answers 401 (`Invalid signed user token`, `Token exchange failed`), no token 400 (`No token provided`).
 * Throws when `cookieSecret` is shorter than 8 characters.
 *
 * @example
 * ```ts
 * import { createMentraAuthRoutes } from '@mentraos/sdk/hono';
 * app.route('/api/mentra/auth', createMentraAuthRoutes({ apiKey, packageName, cookieSecret }));
 * // the frontend then calls GET /api/mentra/auth/init?aos_temp_token=...
 * ```
 */
export function createMentraAuthRoutes(options: WebviewAuthConfig): Hono {
  const cookieName = `${options?.packageName}-session`;
  const { auth, cookie, logger, cloudApiUrl, userKey } = setUp(options, 'Mentra auth routes', [cookieName]);
  const { apiKey, packageName } = options;
  const router = new Hono();
  const signedIn = (c: Context, userId: string) => {
    setCookie(c, cookieName, auth.cookieValue(userId), cookie);
    return c.json({ success: true, userId, frontendToken: createFrontendToken(userId, apiKey) });
  };
  router.get('/init', async (c) => {
    const signed = c.req.query('aos_signed_user_token');
    if (signed) {
      const verdict = userKey ? verifySignedUserToken(signed, userKey, apiKey) : { ok: false as const, reason: 'no public key is configured' };
      if (verdict.ok) return signedIn(c, verdict.userId);
      logger.debug(`Webview auth init: signed user token refused (${verdict.reason})`);
      return c.json({ success: false, error: 'Invalid signed user token' }, 401);
    }
    const temp = c.req.query('aos_temp_token');
    if (temp) {
      try {
        return signedIn(c, await exchangeTempToken(cloudApiUrl, temp, apiKey, packageName));
      } catch (e) {
        logger.debug(`Webview auth init: temporary token refused (${toError(e).message})`);
        return c.json({ success: false, error: 'Token exchange failed' }, 401);
      }
    }
    return c.json({ success: false, error: 'No token provided' }, 400);
  });
  return router;
}
