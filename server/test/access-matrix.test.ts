import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { roles, type Role } from '@moskino/shared';
import { routeTable } from '../src/routes.js';
import type { Access, RouteDef } from '../src/http/routes.js';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { createOrganisation, createUser, signIn, type Session } from './helpers/auth.js';

/**
 * Walks the WHOLE route table (routes added later are covered without touching this file) and calls
 * every row with no session and as each role:
 *  - public: never 401/403;
 *  - otherwise: no session → 401; a role outside `access` → 403; a role inside → neither 401 nor 403.
 * `:params` are filled with a fresh valid-looking ObjectId and bodies are `{}`, so most calls end in
 * 400/404 — what matters here is only the access decision. No answer may be a 5xx or carry a stack.
 */

function isRecognisedAccess(access: unknown): access is Access {
  if (access === 'public' || access === 'signed-in') return true;
  return Array.isArray(access) && access.length > 0 && access.every((r) => (roles as readonly string[]).includes(r));
}

function allowed(access: Access, role: Role): boolean {
  return access === 'public' || access === 'signed-in' || access.includes(role);
}

function concretePath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, () => new mongoose.Types.ObjectId().toHexString());
}

const label = (def: RouteDef) => `${def.method.toUpperCase()} ${def.path}`;

let srv: TestServer;
const accounts = new Map<Role, { email: string; password: string }>();
const sessions = new Map<Role, Session>();

/** A live session of the role (re-signs in when the previous call ended it, e.g. logout). */
async function sessionOf(role: Role): Promise<Session> {
  const cached = sessions.get(role);
  if (cached && (await cached.request('GET', '/api/auth/me')).status === 200) return cached;
  const { email, password } = accounts.get(role)!;
  const fresh = await signIn(srv.baseUrl, email, password);
  sessions.set(role, fresh);
  return fresh;
}

async function call(def: RouteDef, role: Role | null) {
  const method = def.method.toUpperCase();
  const body = method === 'GET' || method === 'DELETE' ? undefined : {};
  const path = concretePath(def.path);
  return role ? (await sessionOf(role)).request(method, path, body) : api(srv.baseUrl, method, path, body);
}

function expectClean(res: { status: number; body: unknown }, what: string) {
  expect(res.status, `${what}: no server error`).toBeLessThan(500);
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
  expect(text, `${what}: no stack trace`).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

beforeAll(async () => {
  srv = await startTestServer();
  const kinds = { crew: 'production', partner: 'partner', staff: 'cluster', admin: 'cluster' } as const;
  for (const role of roles) {
    const org = await createOrganisation(kinds[role], `Matrix ${role}`);
    accounts.set(role, await createUser({ role, organisationId: org.id }));
  }
});
afterAll(async () => {
  await srv.close();
});

describe('access matrix over the whole route table', () => {
  it('has routes, and every row has a recognised access rule', () => {
    expect(routeTable.length).toBeGreaterThan(5);
    const bad = routeTable.filter((def) => !isRecognisedAccess(def.access)).map(label);
    expect(bad, 'rows without a recognised access rule').toEqual([]);
    const keys = routeTable.map(label);
    expect(new Set(keys).size, 'no duplicate rows').toBe(keys.length);
  });

  it.each(routeTable.map((def) => [label(def), def] as const))('%s', async (name, def) => {
    expect(isRecognisedAccess(def.access), `${name}: access rule`).toBe(true);
    const anonymous = await call(def, null);
    expectClean(anonymous, `${name} without session`);
    if (def.access === 'public') expect([401, 403], `${name} without session`).not.toContain(anonymous.status);
    else expect(anonymous.status, `${name} without session`).toBe(401);

    for (const role of roles) {
      const res = await call(def, role);
      expectClean(res, `${name} as ${role}`);
      if (allowed(def.access, role))
        expect([401, 403], `${name} as ${role} (allowed) got ${res.status} ${JSON.stringify(res.body)}`).not.toContain(
          res.status,
        );
      else expect(res.status, `${name} as ${role} (not allowed)`).toBe(403);
    }
  });
});
