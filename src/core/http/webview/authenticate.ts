/**
 * Webview authentication without a web framework: who the request's user is, from the first of these that
 * verifies (the order of every published SDK):
 *
 *   1. `?aos_signed_user_token=` RS256 JWT from the cloud, bound to this app (see tokens.ts);
 *   2. `?aos_temp_token=`, exchanged with the cloud at `cloudApiUrl` (configuration only, never a query value);
 *   3. `?aos_frontend_token=` or `Authorization: Bearer <frontend token>`;
 *   4. a session cookie (HMAC-signed, not older than its maximum age), under any of `cookieNames`.
 *
 * The Express middleware (auth.ts) and the Hono middleware (`src/hono/`) translate a request into an
 * `AuthInput` and the `AuthVerdict` into their own request fields and `Set-Cookie` headers.
 * Tokens, cookies and expected MACs are never logged.
 */
import type { KeyObject } from 'node:crypto';
import { USER_TOKEN_KEY_ENVS } from '../../../protocol/dialects';
import { SdkError, toError } from '../../errors';
import { silentLogger, type Logger } from '../../logger';
import { isLoopbackHost } from '../../session/trust';
import { signSessionCookie, verifySessionCookie } from './cookie';
import { exchangeTempToken, toPublicKey, verifyFrontendToken, verifySignedUserToken, type PublicKeyInput } from './tokens';

/** What the authenticator reads from a request. */
export interface AuthInput {
  /** A query parameter's value. */
  query(name: string): string | undefined;
  /** The `Authorization` header. */
  authorization: string | undefined;
  /** The request's cookies by name (already parsed). */
  cookies: Readonly<Record<string, string>>;
  /** True when the request carries no token and no cookie at all (lets the caller skip the work). */
  bare?: boolean;
}

/**
 * The result: the user (and whether a fresh cookie should be issued: only when a token verified), or none;
 * `badCookies` lists the cookie names that carried an invalid or expired value (to be cleared).
 */
export type AuthVerdict =
  | { userId: string; issueCookie: boolean; cookieName?: string; badCookies: string[] }
  | { userId: undefined; issueCookie: false; badCookies: string[] };

export interface WebviewAuthOptions {
  apiKey: string;
  packageName: string;
  /** The HMAC secret of session cookies. */
  secret: string;
  /** Cookie names read, in order (the first is the one the caller writes). */
  cookieNames: readonly string[];
  /** Oldest accepted cookie, in ms. */
  maxAgeMs: number;
  /** Where temporary tokens are exchanged (already checked by `checkCloudApiUrl`). */
  cloudApiUrl: string;
  /** The cloud's public key for signed user tokens; without it they are refused. */
  userKey: KeyObject | undefined;
  /** The query parameter of the temporary token (default `aos_temp_token`). */
  tempTokenParam?: string;
  logger?: Logger;
}

/** Verifies a request's tokens and cookie; see the module comment. */
export interface WebviewAuthenticator {
  authenticate(input: AuthInput): AuthVerdict | Promise<AuthVerdict>;
  /** The signed session cookie value for a user. */
  cookieValue(userId: string): string;
}

const TEMP_TOKEN = /^[A-Za-z0-9_-]{8,256}$/;
// Stryker disable next-line BooleanLiteral: with no user, no facade reads issueCookie
const NOBODY: AuthVerdict = { userId: undefined, issueCookie: false, badCookies: [] };

export function createWebviewAuthenticator(options: WebviewAuthOptions): WebviewAuthenticator {
  const { apiKey, packageName, secret, cookieNames, maxAgeMs, cloudApiUrl, userKey } = options;
  const logger = options.logger ?? silentLogger;
  const tempTokenParam = options.tempTokenParam || 'aos_temp_token';
  let warnedNoKey = false;

  const fromFrontendOrCookie = (input: AuthInput, frontend: string | undefined): AuthVerdict => {
    if (frontend) {
      const userId = verifyFrontendToken(frontend, apiKey);
      // Stryker disable next-line ArrayDeclaration: with a user, no facade reads badCookies
      if (userId) return { userId, issueCookie: true, badCookies: [] };
    }
    const badCookies: string[] = [];
    for (const name of cookieNames) {
      const value = input.cookies[name];
      if (value === undefined) continue;
      const userId = verifySessionCookie(value, secret, maxAgeMs);
      if (userId) return { userId, issueCookie: false, cookieName: name, badCookies };
      badCookies.push(name);
    }
    if (badCookies.length > 0) logger.debug('Webview auth: an invalid or expired session cookie is cleared');
    // Stryker disable next-line BooleanLiteral: with no user, no facade reads issueCookie
    return { userId: undefined, issueCookie: false, badCookies };
  };

  return {
    cookieValue: (userId) => signSessionCookie(userId, secret),
    authenticate(input) {
      const signed = str(input.query('aos_signed_user_token'));
      const temp = str(input.query(tempTokenParam));
      const frontend = str(input.query('aos_frontend_token')) ?? bearer(input.authorization);
      // Stryker disable next-line ConditionalExpression: a shortcut; without it a bare request finds no cookie and gets the same empty verdict
      if (input.bare && !signed && !temp && !frontend) return NOBODY;
      if (signed) {
        if (!userKey) {
          if (!warnedNoKey) logger.warn(`A signed user token arrived but no public key is configured: set ${USER_TOKEN_KEY_ENVS[0]} or userTokenPublicKey`);
          warnedNoKey = true;
        } else {
          const verdict = verifySignedUserToken(signed, userKey, apiKey);
          // Stryker disable next-line ArrayDeclaration: with a user, no facade reads badCookies
          if (verdict.ok) return { userId: verdict.userId, issueCookie: true, badCookies: [] };
          logger.debug(`Webview auth: signed user token refused (${verdict.reason})`);
        }
      }
      if (temp && TEMP_TOKEN.test(temp)) {
        return exchangeTempToken(cloudApiUrl, temp, apiKey, packageName).then(
          // Stryker disable next-line ArrayDeclaration: with a user, no facade reads badCookies
          (userId): AuthVerdict => ({ userId, issueCookie: true, badCookies: [] }),
          (e) => {
            logger.debug(`Webview auth: temporary token refused (${toError(e).message})`);
            return fromFrontendOrCookie(input, frontend);
          },
        );
      }
      return fromFrontendOrCookie(input, frontend);
    },
  };
}

/** A token as a query value or header gives it: non-empty, at most 8 KiB. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 8192 ? v : undefined;
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return m ? str(m[1]) : undefined;
}

/** The exchange URL checked: `https://` without credentials (`http://` only for a loopback address), no trailing slash. */
export function checkCloudApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SdkError('invalid_config', `cloudApiUrl is not a valid URL: ${JSON.stringify(String(raw).slice(0, 200))}`);
  }
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!ok || url.username || url.password) {
    throw new SdkError('invalid_config', 'cloudApiUrl must be an https:// URL without credentials (http:// only for a loopback address)');
  }
  return url.href.replace(/\/+$/, '');
}

/** The configured public key for signed user tokens, else the environment's; undefined (logged) when unusable. */
export function resolveUserTokenKey(option: PublicKeyInput | undefined, logger: Logger): KeyObject | undefined {
  if (option !== undefined) return toPublicKey(option);
  for (const name of USER_TOKEN_KEY_ENVS) {
    const value = process.env[name];
    if (!value) continue;
    try {
      return toPublicKey(value);
    } catch (e) {
      logger.warn(`${name} is set but unusable, so signed user tokens are refused: ${toError(e).message}`);
      return undefined;
    }
  }
  return undefined;
}
