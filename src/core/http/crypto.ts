/**
 * Hashes and comparisons for inbound verification. Every comparison of a secret-derived value goes
 * through `safeEqual`, which takes the same time whatever the input (never `===` on secrets).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function hmacSha256Hex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/**
 * Constant-time string comparison. Inputs of different lengths are compared against themselves (so the
 * time does not depend on where they differ) and the answer is false.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** 32 random bytes as hex. */
export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}
