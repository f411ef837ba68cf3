import { randomBytes } from 'node:crypto';
import type { OrganisationKind, OrganisationName, Role, SessionInfo } from '@moskino/shared';
import { organisationService, userService } from '../../src/features/auth/service.js';
import { api } from './test-server.js';

/**
 * Accounts for integration tests. `createOrganisation` and `createUser` call the services directly
 * (same process, same mongoose connection as the test server from `startTestServer()`); `signIn`
 * goes over HTTP like a browser would.
 */

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

export interface Session {
  /** `moskino_session=<id>`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
  user: SessionInfo['user'];
  organisation: SessionInfo['organisation'];
  /** A request with the session cookie; POST/PATCH/PUT/DELETE also send X-CSRF-Token.
   * `headers` override the defaults (e.g. `{ 'x-csrf-token': 'wrong' }`). */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
}

export const defaultTestPassword = 'correct horse battery staple';

export async function createOrganisation(kind: OrganisationKind, name?: OrganisationName): Promise<{ id: string }> {
  const org = await organisationService.create(kind, name ?? `Test ${kind} ${randomBytes(3).toString('hex')}`);
  return { id: org.id };
}

export async function createUser(opts: {
  role: Role;
  organisationId: string;
  email?: string;
  password?: string;
  name?: string;
}): Promise<{ id: string; email: string; password: string }> {
  const email = (opts.email ?? `${opts.role}-${randomBytes(4).toString('hex')}@test.example`).toLowerCase();
  const password = opts.password ?? defaultTestPassword;
  const user = await userService.create({
    email,
    password,
    role: opts.role,
    organisationId: opts.organisationId,
    name: opts.name ?? `Test ${opts.role}`,
  });
  return { id: user.id, email: user.email, password };
}

const stateChanging = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Signs in over HTTP; throws if the server does not answer 200. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const res = await api(baseUrl, 'POST', '/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`signIn(${email}) answered ${res.status}: ${JSON.stringify(res.body)}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('moskino_session='));
  if (!setCookie) throw new Error('signIn: no session cookie in the answer');
  const cookie = setCookie.split(';')[0]!;
  const info = res.body as SessionInfo;
  return {
    cookie,
    csrfToken: info.csrfToken,
    user: info.user,
    organisation: info.organisation,
    request(method, path, body, headers = {}) {
      const m = method.toUpperCase();
      return api(baseUrl, m, path, body, {
        cookie,
        ...(stateChanging.has(m) ? { 'x-csrf-token': info.csrfToken } : {}),
        ...headers,
      });
    },
  };
}

/** Shortcut: a new organisation of the role's kind, a user in it, signed in. */
export async function signInAs(baseUrl: string, role: Role, opts: { organisationId?: string } = {}): Promise<Session> {
  const kind: OrganisationKind = role === 'crew' ? 'production' : role === 'partner' ? 'partner' : 'cluster';
  const organisationId = opts.organisationId ?? (await createOrganisation(kind)).id;
  const user = await createUser({ role, organisationId });
  return signIn(baseUrl, user.email, user.password);
}
