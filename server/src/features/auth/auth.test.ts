import { describe, expect, it } from 'vitest';
import type { Request } from 'express';
import { hashPassword, verifyPassword, dummyVerify } from './passwords.js';
import { csrfTokenFor, hashToken, newToken, safeEqual, tokenPattern } from './tokens.js';
import { sessionCookieOf } from './middleware.js';
import { loggablePath } from '../../logger.js';

describe('passwords', () => {
  it('hashes with scrypt and a per-hash salt, verifies, refuses wrong passwords and junk hashes', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await dummyVerify('anything')).toBe(false);
  });
});

describe('tokens', () => {
  it('are 256-bit base64url, stored as SHA-256, with a CSRF token derived per session', () => {
    const t = newToken();
    expect(t).toMatch(tokenPattern);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toContain(t);
    expect(csrfTokenFor(t)).toBe(csrfTokenFor(t));
    expect(csrfTokenFor(t)).not.toBe(csrfTokenFor(newToken()));
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('reads the session cookie among others', () => {
    const req = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } }) as Request;
    expect(sessionCookieOf(req())).toBeUndefined();
    expect(sessionCookieOf(req('a=1; moskino_session=xyz; b=2'))).toBe('xyz');
    expect(sessionCookieOf(req('moskino_session='))).toBeUndefined();
    expect(sessionCookieOf(req('other_moskino_session=1'))).toBeUndefined();
  });

  it('masks token-like path segments in logs, keeps ids', () => {
    const t = newToken();
    expect(loggablePath(`/api/invitations/${t}/accept?x=1`)).toBe('/api/invitations/[token]/accept');
    expect(loggablePath('/api/users/0123456789abcdef01234567/activate')).toBe(
      '/api/users/0123456789abcdef01234567/activate',
    );
  });
});
