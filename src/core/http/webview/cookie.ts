/**
 * The webview session cookie: `<userId>|<issued ms>|<hex HMAC-SHA256(secret, "userId|ms")>`, checked in
 * constant time and refused when older than its maximum age. Plus a tiny `Cookie` header parser.
 */
import { hmacSha256Hex, safeEqual } from '../crypto';

export const SESSION_COOKIE_NAME = 'aos_session';
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** How far in the future an issue time may lie (clock skew between processes). */
const FUTURE_SKEW_MS = 60_000;

/** Name → value of a `Cookie` request header; the first occurrence of a name wins. Values are URL-decoded. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    // Stryker disable next-line EqualityOperator: at 0 the name is empty, which the next line skips
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    out[name] = safeDecode(value);
  }
  return out;
}

export function signSessionCookie(userId: string, secret: string, now = Date.now()): string {
  const payload = `${userId}|${now}`;
  return `${payload}|${hmacSha256Hex(secret, payload)}`;
}

/** The user id of a valid, unexpired session cookie value, or null. */
export function verifySessionCookie(value: string, secret: string, maxAgeMs = SESSION_MAX_AGE_MS, now = Date.now()): string | null {
  const macAt = value.lastIndexOf('|');
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with no "|" after position 0 the time separator check below refuses the value too
  if (macAt <= 0) return null;
  const timeAt = value.lastIndexOf('|', macAt - 1);
  if (timeAt <= 0) return null;
  const userId = value.slice(0, timeAt);
  const issued = value.slice(timeAt + 1, macAt);
  if (!/^\d{1,16}$/.test(issued)) return null;
  const expected = hmacSha256Hex(secret, value.slice(0, macAt));
  if (!safeEqual(value.slice(macAt + 1), expected)) return null;
  const age = now - Number(issued);
  if (age > maxAgeMs || age < -FUTURE_SKEW_MS) return null;
  return userId;
}

function safeDecode(v: string): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; decodeURIComponent leaves a value without "%" as it is
  if (!v.includes('%')) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
