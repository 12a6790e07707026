/** App tokens for webviews: HS256 JWTs, algorithm pinned on verification. */
import jwt from 'jsonwebtoken';

export interface AppTokenPayload {
  userId: string;
  packageName: string;
  sessionId: string;
  iat?: number;
  exp?: number;
}

export interface TokenConfig {
  secretKey: string;
  /** Lifetime in seconds (default one day). */
  expiresIn?: number;
}

export interface TokenValidationResult {
  valid: boolean;
  payload?: AppTokenPayload;
  error?: string;
}

export function createToken(payload: Omit<AppTokenPayload, 'iat' | 'exp'>, config: TokenConfig): string {
  return jwt.sign(payload, config.secretKey, { algorithm: 'HS256', expiresIn: config.expiresIn ?? 86_400 });
}

export function validateToken(token: string, secretKey: string): TokenValidationResult {
  try {
    const payload = jwt.verify(token, secretKey, { algorithms: ['HS256'] }) as AppTokenPayload;
    return { valid: true, payload };
  } catch (e) {
    return { valid: false, error: e instanceof Error ? e.message : 'Invalid token' };
  }
}

/** `baseUrl` with `?token=<token>` (or `&token=`) appended. */
export function generateWebviewUrl(baseUrl: string, token: string): string {
  return `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/** The `token` query parameter of a URL, or null. */
export function extractTokenFromUrl(url: string): string | null {
  try {
    return new URL(url, 'http://localhost').searchParams.get('token');
  } catch {
    return null;
  }
}
