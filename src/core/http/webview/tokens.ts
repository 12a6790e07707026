/**
 * The tokens a webview may carry, besides the session cookie:
 * - frontend token `<userId>:<sha256hex(userId + sha256hex(apiKey))>` (query `aos_frontend_token` or Bearer);
 * - signed user token (query `aos_signed_user_token`): an RS256 JWT from the cloud, `{sub, frontendToken}`,
 *   issuer `https://prod.augmentos.cloud`, 120 s clock grace. It is accepted only if its `frontendToken`
 *   claim verifies against THIS app's API key, so a token minted for another app is refused;
 * - temporary token (query `aos_temp_token`), exchanged with the cloud for a user id.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { safeEqual, sha256Hex } from '../crypto';
import { SdkError, toError } from '../../errors';

export const USER_TOKEN_ISSUER = 'https://prod.augmentos.cloud';
export const USER_TOKEN_CLOCK_GRACE_S = 120;
export const DEFAULT_CLOUD_API_URL = 'https://api.mentra.glass';
export const TOKEN_EXCHANGE_TIMEOUT_MS = 10_000;
const MAX_USER_ID_LENGTH = 512;

/** A public key as PEM text, a JWK, a JWKS (`{keys:[...]}`; the `kid` "v1" or the first RSA key) or a KeyObject. */
export type PublicKeyInput =
  | string
  | JsonWebKey
  | {
      /** The keys of a JWKS. */
      keys: JsonWebKey[];
    }
  | KeyObject;

/** The frontend token of a user for the app with this API key. */
export function createFrontendToken(userId: string, apiKey: string): string {
  return `${userId}:${sha256Hex(userId + sha256Hex(apiKey))}`;
}

/** The user id of a frontend token made with this API key, or null (constant-time comparison). */
export function verifyFrontendToken(token: string, apiKey: string): string | null {
  const at = token.lastIndexOf(':');
  if (at <= 0 || at > MAX_USER_ID_LENGTH) return null;
  const userId = token.slice(0, at);
  return safeEqual(token.slice(at + 1).toLowerCase(), sha256Hex(userId + sha256Hex(apiKey))) ? userId : null;
}

/** Turns PEM, JWK, JWKS or a KeyObject into a public KeyObject; throws `SdkError('invalid_config')` if it is none. */
export function toPublicKey(input: PublicKeyInput): KeyObject {
  try {
    if (typeof input === 'string') {
      const text = input.trim().replace(/\\n/g, '\n');
      if (text.startsWith('{')) return toPublicKey(JSON.parse(text) as JsonWebKey);
      return createPublicKey(text);
    }
    if (typeof input !== 'object' || input === null) throw new Error('it is neither text nor an object');
    if (isKeyObject(input)) return input.type === 'private' ? createPublicKey(input) : input;
    if ('keys' in input && Array.isArray(input.keys)) {
      const jwk = input.keys.find((k) => k.kid === 'v1') ?? input.keys.find((k) => k.kty === 'RSA');
      if (!jwk) throw new Error('the key set has no RSA key');
      return createPublicKey({ key: jwk, format: 'jwk' });
    }
    return createPublicKey({ key: input as JsonWebKey, format: 'jwk' });
  } catch (e) {
    throw new SdkError('invalid_config', `The user-token public key is not a PEM public key, JWK or JWKS: ${toError(e).message}`, { cause: e });
  }
}

export type UserTokenVerdict = { ok: true; userId: string } | { ok: false; reason: string };

/** Verifies a signed user token (RS256 only, issuer, expiry with grace) and that it was issued for this app. */
export function verifySignedUserToken(token: string, publicKey: KeyObject, apiKey: string): UserTokenVerdict {
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, publicKey, { algorithms: ['RS256'], issuer: USER_TOKEN_ISSUER, clockTolerance: USER_TOKEN_CLOCK_GRACE_S });
  } catch (e) {
    return { ok: false, reason: toError(e).message };
  }
  // Stryker disable next-line ConditionalExpression,StringLiteral,ObjectLiteral,BooleanLiteral: only narrows the type; jwt.verify with an issuer never returns a string payload (it has no iss), so this line never runs
  if (typeof claims === 'string') return { ok: false, reason: 'the token has no subject' };
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) return { ok: false, reason: 'the token has no subject' };
  const frontendToken: unknown = claims.frontendToken;
  if (typeof frontendToken !== 'string') return { ok: false, reason: 'the token has no frontendToken claim to bind it to this app' };
  if (verifyFrontendToken(frontendToken, apiKey) !== claims.sub) return { ok: false, reason: 'the token was issued for another app' };
  return { ok: true, userId: claims.sub };
}

/**
 * Exchanges a temporary webview token for the user id: `POST <cloudApiUrl>/api/auth/exchange-user-token`
 * with `Authorization: Bearer <apiKey>`, answered `{success: true, userId}`. Gives up after 10 s.
 * Resolves `{ userId }`, as published; rejects with `SdkError('token_exchange_failed')`.
 */
export async function exchangeToken(
  cloudApiUrl: string,
  tempToken: string,
  apiKey: string,
  packageName: string,
): Promise<{
  /** The user the token was issued for. */
  userId: string;
}> {
  return { userId: await exchangeTempToken(cloudApiUrl, tempToken, apiKey, packageName) };
}

/** `exchangeToken`, resolving the user id itself. */
export async function exchangeTempToken(cloudApiUrl: string, tempToken: string, apiKey: string, packageName: string): Promise<string> {
  const url = `${cloudApiUrl.replace(/\/+$/, '')}/api/auth/exchange-user-token`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ aos_temp_token: tempToken, packageName }),
      redirect: 'error',
      signal: AbortSignal.timeout(TOKEN_EXCHANGE_TIMEOUT_MS),
    });
  } catch (e) {
    const err = toError(e);
    const why = err.name === 'TimeoutError' ? `no answer within ${TOKEN_EXCHANGE_TIMEOUT_MS / 1000} s` : err.message;
    throw new SdkError('token_exchange_failed', `Could not reach the cloud to exchange the temporary token: ${why}`);
  }
  // Stryker disable next-line ArrowFunction: undefined instead of null is refused the same way
  const body = (await res.json().catch(() => null)) as { success?: unknown; userId?: unknown; error?: unknown } | null;
  if (!res.ok || !body || body.success !== true || typeof body.userId !== 'string' || body.userId.length === 0) {
    const reason = body && typeof body.error === 'string' ? `: ${body.error.slice(0, 200)}` : '';
    throw new SdkError('token_exchange_failed', `The cloud refused the temporary token (HTTP ${res.status})${reason}`, { details: { status: res.status } });
  }
  return body.userId;
}

function isKeyObject(v: object): v is KeyObject {
  return typeof (v as KeyObject).export === 'function' && typeof (v as KeyObject).type === 'string';
}
