import type { Role } from '@moskino/shared';

/** The signed-in user as `/api/auth/me` and `/api/auth/login` describe it (issue 3). */
export interface CurrentUser {
  id: string;
  email: string;
  name?: string;
  role: Role;
  organisationId?: string;
  organisation?: { id: string; name: string | { ru: string; en: string } } | null;
}

export interface Session {
  /** null: nobody signed in. */
  user: CurrentUser | null;
  /** false when the server has no auth routes at all (404): sign-in is hidden. */
  available: boolean;
}

/** Accepts `{user, csrfToken}` or a user object carrying `csrfToken`. */
export function parseAuthBody(body: unknown): { user: CurrentUser | null; csrfToken: string | null } {
  if (!body || typeof body !== 'object') return { user: null, csrfToken: null };
  const b = body as Record<string, unknown>;
  const user = (b.user && typeof b.user === 'object' ? b.user : 'role' in b ? b : null) as CurrentUser | null;
  const token = typeof b.csrfToken === 'string' ? b.csrfToken : null;
  const org =
    b.organisation && typeof b.organisation === 'object'
      ? (b.organisation as NonNullable<CurrentUser['organisation']>)
      : null;
  return { user: user && org && !user.organisation ? { ...user, organisation: org } : user, csrfToken: token };
}
