/**
 * Webview authentication: an Express middleware that never rejects a request. It sets `req.authUserId`
 * (and `req.activeSession`, the user's live session or null) from the first of these that verifies:
 *
 *   1. `?aos_signed_user_token=` RS256 JWT from the cloud, bound to this app (see tokens.ts);
 *   2. `?aos_temp_token=`, exchanged with the cloud at `cloudApiUrl` (configuration only, never a query value);
 *   3. `?aos_frontend_token=` or `Authorization: Bearer <frontend token>`;
 *   4. the `aos_session` cookie (HMAC-signed, at most 30 days old).
 *
 * A token that verifies also sets a fresh session cookie (`httpOnly`, `sameSite`, `secure` on https).
 * Tokens, cookies and expected MACs are never logged.
 */
import type { CookieOptions, NextFunction, Request, RequestHandler, Response } from 'express';
import { randomSecret } from '../crypto';
import { SdkError, toError } from '../../errors';
import { silentLogger, type Logger } from '../../logger';
import { type AuthVerdict, checkCloudApiUrl, createWebviewAuthenticator, resolveUserTokenKey, str } from './authenticate';
import { SESSION_COOKIE_NAME, SESSION_MAX_AGE_MS, parseCookies } from './cookie';
import { DEFAULT_CLOUD_API_URL, type PublicKeyInput } from './tokens';

/** The options of `createAuthMiddleware`. */
export interface AuthMiddlewareOptions {
  /** The app's API key (for exchanging temporary tokens). */
  apiKey: string;
  /** The app's package name. */
  packageName: string;
  /**
   * Secret for the session cookie's HMAC. Without it a random per-process secret is used (never one
   * derived from the API key), so webview sessions do not survive a restart; a warning says so once.
   *
   * @defaultValue a random per-process secret
   */
  cookieSecret?: string;
  /**
   * Default `aos_session`.
   *
   * @defaultValue `aos_session`
   */
  cookieName?: string;
  /**
   * The query parameter that carries the temporary token (1.x option; default `aos_temp_token`).
   *
   * @defaultValue `aos_temp_token`
   */
  tokenQueryParam?: string;
  /**
   * Merged over `{httpOnly: true, sameSite: 'lax', secure: <request is https>, maxAge: 30 days, path: '/'}`.
   *
   * @defaultValue `{httpOnly: true, sameSite: 'lax', secure: <request is https>, maxAge: 30 days, path: '/'}`
   */
  cookieOptions?: CookieOptions;
  /**
   * The live session of a user, set as `req.activeSession`.
   *
   * @defaultValue none: `req.activeSession` stays unset
   */
  getSessionForUser?: (userId: string) => unknown;
  /**
   * The published name of `getSessionForUser`.
   *
   * @defaultValue none
   */
  getAppSessionForUser?: (userId: string) => unknown;
  /**
   * The user another instance of the app already authenticated, for a request it forwarded here (verified
   * by the cluster signature). It is taken as is, before any token or cookie, and sets no cookie.
   *
   * @defaultValue none
   */
  forwardedUser?: (req: Request) => string | undefined;
  /**
   * Where temporary tokens are exchanged (default `https://api.mentra.glass`; `http://` only for loopback).
   *
   * @defaultValue `https://api.mentra.glass`
   */
  cloudApiUrl?: string;
  /**
   * The cloud's public key for signed user tokens (PEM, JWK, JWKS or KeyObject). Default: the environment
   * variable `MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY` (or the AugmentOS-era `AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY`).
   * Without a key, signed user tokens are not accepted.
   *
   * @defaultValue `MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY`, else `AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY`, else none
   */
  userTokenPublicKey?: PublicKeyInput;
  /**
   * Where the middleware logs.
   *
   * @defaultValue a silent logger
   */
  logger?: Logger;
}

/** What the middleware adds to a request. */
export interface WebviewAuthFields {
  authUserId?: string;
  activeSession?: unknown;
}

let processSecret: string | undefined;
let warnedProcessSecret = false;

/**
 * Express middleware that signs webview users in (temporary token, signed user token or session cookie) and sets `req.authUserId` and `req.activeSession`. `AppServer` mounts it for you.
 */
export function createAuthMiddleware(options: AuthMiddlewareOptions): RequestHandler {
  const { apiKey, packageName } = options;
  if (typeof apiKey !== 'string' || apiKey === '' || typeof packageName !== 'string' || packageName === '') {
    throw new SdkError('invalid_config', 'createAuthMiddleware needs apiKey and packageName');
  }
  const logger = options.logger ?? silentLogger;
  const cookieName = options.cookieName ?? SESSION_COOKIE_NAME;
  const ownSecret = typeof options.cookieSecret === 'string' && options.cookieSecret.length > 0 ? options.cookieSecret : undefined;
  const maxAgeMs = Math.min(options.cookieOptions?.maxAge ?? SESSION_MAX_AGE_MS, SESSION_MAX_AGE_MS);
  const auth = createWebviewAuthenticator({
    apiKey,
    packageName,
    secret: ownSecret ?? (processSecret ??= randomSecret()),
    cookieNames: [cookieName],
    maxAgeMs,
    cloudApiUrl: checkCloudApiUrl(options.cloudApiUrl ?? DEFAULT_CLOUD_API_URL),
    userKey: resolveUserTokenKey(options.userTokenPublicKey, logger),
    tempTokenParam: options.tokenQueryParam,
    logger,
  });

  const accept = (req: Request, res: Response, userId: string, issueCookie: boolean) => {
    const r = req as Request & WebviewAuthFields;
    r.authUserId = userId;
    r.activeSession = (options.getSessionForUser ?? options.getAppSessionForUser)?.(userId) ?? null;
    if (!issueCookie) return;
    if (!ownSecret && !warnedProcessSecret) {
      warnedProcessSecret = true;
      logger.warn(
        'No cookieSecret configured: webview sessions are signed with a random per-process secret and will not survive a restart. Set cookieSecret to keep them.',
      );
    }
    const opts: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', ...options.cookieOptions, maxAge: maxAgeMs };
    if (opts.sameSite === 'none') opts.secure = true;
    res.cookie(cookieName, auth.cookieValue(userId), opts);
  };

  const apply = (req: Request, res: Response, verdict: AuthVerdict) => {
    if (verdict.userId !== undefined) accept(req, res, verdict.userId, verdict.issueCookie);
    else if (verdict.badCookies.length > 0) res.clearCookie(cookieName, { path: options.cookieOptions?.path ?? '/' });
  };

  return function mentraWebviewAuth(req: Request, res: Response, next: NextFunction): void {
    const forwarded = options.forwardedUser?.(req);
    if (forwarded !== undefined) {
      accept(req, res, forwarded, false);
      return next();
    }
    const q = (req.query ?? {}) as Record<string, unknown>;
    const cookieHeader = req.headers.cookie;
    try {
      const verdict = auth.authenticate({
        query: (name) => str(q[name]),
        authorization: req.headers.authorization,
        cookies: parseCookies(cookieHeader),
        bare: !cookieHeader,
      });
      if (verdict instanceof Promise) {
        verdict
          .then((v) => apply(req, res, v))
          .catch((e) => logger.error(`Webview auth failed: ${toError(e).message}`))
          .then(() => next());
        return;
      }
      apply(req, res, verdict);
    } catch (e) {
      logger.error(`Webview auth failed: ${toError(e).message}`);
    }
    next();
  };
}
