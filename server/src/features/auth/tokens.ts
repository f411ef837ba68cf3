import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random 256-bit token, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** What the database stores instead of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token of a session: an HMAC keyed by the (secret) session id, so any server process can
 * recompute it without shared state, and it reveals nothing about the session id. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('moskino-csrf-v1').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
