/** App tokens for webviews: HS256 JWTs, algorithm pinned on verification. */
import jwt from 'jsonwebtoken';

/** The claims of an app token. */
export interface AppTokenPayload {
  /** The user the token is for. */
  userId: string;
  /** The app's package name. */
  packageName: string;
  /** The session the token was made for. */
  sessionId: string;
  /** Issued at (seconds since the epoch), set when signed. */
  iat?: number;
  /** Expires at (seconds since the epoch), set when signed. */
  exp?: number;
}

/** How to sign an app token. */
export interface TokenConfig {
  /** The HS256 secret. */
  secretKey: string;
  /**
   * Lifetime in seconds (default one day).
   *
   * @defaultValue one day
   */
  expiresIn?: number;
}

/** The outcome of `validateToken`. */
export interface TokenValidationResult {
  /** Whether the token verified. */
  valid: boolean;
  /** The token's claims, when valid. */
  payload?: AppTokenPayload;
  /** Why the token is not valid. */
  error?: string;
}

/** Signs an app token (HS256) for a webview. */
export function createToken(payload: Omit<AppTokenPayload, 'iat' | 'exp'>, config: TokenConfig): string {
  return jwt.sign(payload, config.secretKey, { algorithm: 'HS256', expiresIn: config.expiresIn ?? 86_400 });
}

/** Verifies an app token (HS256 only) and returns its claims; never throws. */
export function validateToken(token: string, secretKey: string): TokenValidationResult {
  try {
    const payload = jwt.verify(token, secretKey, { algorithms: ['HS256'] }) as AppTokenPayload;
    return { valid: true, payload };
  } catch (e) {
    return { valid: false, error: e instanceof Error ? e.message : 'Invalid token' };
  }
}

/** `baseUrl` with `token=<token>` added to its query (keeps an existing query and fragment). */
export function generateWebviewUrl(baseUrl: string, token: string): string {
  const hashAt = baseUrl.indexOf('#');
  const head = hashAt === -1 ? baseUrl : baseUrl.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : baseUrl.slice(hashAt);
  const sep = !head.includes('?') ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&';
  return `${head}${sep}token=${encodeURIComponent(token)}${hash}`;
}

/** The `token` query parameter of a URL (absolute or relative), or null. */
export function extractTokenFromUrl(url: string): string | null {
  return queryParam(url, 'token');
}

/** The `aos_temp_token` query parameter of a URL (absolute or relative), or null. */
export function extractTempToken(url: string): string | null {
  return queryParam(url, 'aos_temp_token');
}

function queryParam(url: string, name: string): string | null {
  try {
    return new URL(url, 'http://localhost').searchParams.get(name);
  } catch {
    return null;
  }
}
