/**
 * Hashes and comparisons for inbound verification (text is always read as UTF-8, Node's default). Every
 * comparison of a secret-derived value goes through `safeEqual`, which takes the same time whatever the
 * input (never `===` on secrets).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The SHA-256 of `text` as lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The HMAC-SHA-256 of `text` under `secret` as lowercase hex. */
export function hmacSha256Hex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/**
 * Constant-time string comparison. Inputs of different lengths are compared against themselves (so the
 * time does not depend on where they differ) and the answer is false.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length) {
    // Stryker disable next-line CallExpression: only the time changes (the point of the call); the answer is false either way
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** 32 random bytes as hex. */
export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}
