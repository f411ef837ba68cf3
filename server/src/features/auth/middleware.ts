import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '@moskino/shared';
import { authService, SESSION_TTL_MS } from './service.js';
import { csrfTokenFor, safeEqual } from './tokens.js';

export const SESSION_COOKIE = 'moskino_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Requests that may carry the cookie without the CSRF header (signing in creates a new session). */
const csrfExempt = new Set(['POST /api/auth/login']);

/** The raw value of the session cookie, if the request has one. */
export function sessionCookieOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value || undefined;
    }
  }
  return undefined;
}

function cookieAttributes(): string {
  return `Path=/; HttpOnly; SameSite=Lax${process.env.NODE_ENV === 'production' ? '; Secure' : ''}`;
}

export function setSessionCookie(res: Response, token: string): void {
  res.append(
    'Set-Cookie',
    `${SESSION_COOKIE}=${token}; Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}; ${cookieAttributes()}`,
  );
}

export function clearSessionCookie(res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes()}`);
}

/** Reads the session cookie and sets `res.locals.caller` (and `res.locals.sessionToken`) for a live session. */
export const sessionMiddleware: RequestHandler = async (req, res, next) => {
  try {
    const token = sessionCookieOf(req);
    if (token) {
      const resolved = await authService.resolve(token);
      if (resolved) {
        res.locals.caller = resolved.caller;
        res.locals.sessionToken = resolved.token;
      }
    }
    next();
  } catch (err) {
    next(err);
  }
};

/** Every state-changing request made with a live session must send the session's CSRF token back. */
export const csrfMiddleware: RequestHandler = (req, res, next) => {
  const token = res.locals.sessionToken as string | undefined;
  if (!token || !['POST', 'PATCH', 'PUT', 'DELETE'].includes(req.method) || csrfExempt.has(`${req.method} ${req.path}`))
    return next();
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(token))) {
    return next(new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header'));
  }
  next();
};

/** Both, in order: mount once before the route table. */
export const authMiddleware: RequestHandler[] = [sessionMiddleware, csrfMiddleware];
