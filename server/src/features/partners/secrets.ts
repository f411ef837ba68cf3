import { hashToken, newToken } from '../auth/tokens.js';

/** A new secret with a recognisable prefix (`mkk_` API keys, `mkf_` feed tokens), its SHA-256 (what
 * the database stores) and a short display prefix (not enough to use it). */
export function newSecret(kind: 'mkk' | 'mkf'): { secret: string; hash: string; prefix: string } {
  const secret = `${kind}_${newToken()}`;
  return { secret, hash: hashToken(secret), prefix: secret.slice(0, 10) };
}

const secretPattern = { mkk: /^mkk_[A-Za-z0-9_-]{43}$/, mkf: /^mkf_[A-Za-z0-9_-]{43}$/ } as const;

/** The stored hash of a presented secret, or null when it cannot be one of ours (no database read). */
export function hashOfPresented(kind: 'mkk' | 'mkf', presented: string): string | null {
  return secretPattern[kind].test(presented) ? hashToken(presented) : null;
}
