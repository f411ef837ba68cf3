import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import {
  availabilityQuerySchema,
  bookingListQuerySchema,
  facilityQuerySchema,
  freeSearchQuerySchema,
  auditQuerySchema,
  createBookingSchema,
} from '@moskino/shared';
import { routeTable } from '../src/routes.js';
import type { RouteDef } from '../src/http/routes.js';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { createOrganisation, createUser, signIn, type Session } from './helpers/auth.js';
import { day, facilityIds, H, iso } from './helpers/bookings.js';

/**
 * Abuse cases against the running server: IDOR on `:id` routes, mass assignment, CSRF over the whole
 * route table, query-operator injection over the whole route table, oversized and deeply nested
 * input, the error shape, security headers and cookie attributes, and the zod patterns on
 * pathological input (ReDoS).
 */

let srv: TestServer;
let ids: Map<string, string>;
let crewA: Session;
let crewB: Session;
let partner: Session;
let staff: Session;
let admin: Session;
let orgB: string;
let bookingA: { id: string; version: number };
const f = (slug: string) => ids.get(slug)!;
const days = (from: number, n: number, type = 'shoot') => ({ type, start: iso(from), end: iso(from + n * 24 * H) });
const label = (def: RouteDef) => `${def.method.toUpperCase()} ${def.path}`;
const concrete = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, () => new mongoose.Types.ObjectId().toHexString());

function expectErrorShape(res: { status: number; body: any }, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: never a server error for bad input`).toBeLessThan(500);
  expect(res.body?.error, `${what}: error shape`).toBeTypeOf('object');
  expect(res.body.error.code, what).toBeTypeOf('string');
  expect(res.body.error.message, what).toBeTypeOf('string');
  expect(JSON.stringify(res.body), `${what}: no internals`).not.toMatch(
    /\n\s+at |node_modules|\.ts:\d+|Cast to|mongoose|MongoServerError|E11000/i,
  );
}

beforeAll(async () => {
  srv = await startTestServer();
  ids = await facilityIds();
  const session = async (role: 'crew' | 'staff' | 'partner' | 'admin', orgId?: string) => {
    const kind = role === 'crew' ? 'production' : role === 'partner' ? 'partner' : 'cluster';
    const org = orgId ?? (await createOrganisation(kind)).id;
    const user = await createUser({ role, organisationId: org });
    return signIn(srv.baseUrl, user.email, user.password);
  };
  crewA = await session('crew');
  crewB = await session('crew');
  orgB = crewB.organisation.id;
  partner = await session('partner');
  staff = await session('staff');
  admin = await session('admin', staff.organisation.id);
  const res = await crewA.request(
    'POST',
    '/api/bookings',
    { facilityId: f('kp-1940s-metro'), title: 'A secret', notes: 'A notes', kind: 'hold', phases: [days(day(30), 2)] },
    { 'idempotency-key': 'shared-key-1' },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  bookingA = res.body;
});
afterAll(async () => {
  await srv?.close();
});

describe('IDOR: another organisation’s booking id', () => {
  it('crew B gets 404 on every :id route it may call, and nothing changes', async () => {
    const id = bookingA.id;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/bookings/${id}`],
      ['PATCH', `/api/bookings/${id}`, { version: 1, title: 'hijacked' }],
      ['PATCH', `/api/bookings/${id}`, { version: 1, phases: [days(day(60), 1)] }],
      ['POST', `/api/bookings/${id}/cancel`, {}],
      ['POST', `/api/bookings/${id}/firm`, {}],
    ];
    for (const [method, path, body] of calls) {
      const res = await crewB.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expectErrorShape(res, `${method} ${path}`);
      expect(JSON.stringify(res.body)).not.toContain('A secret');
    }
    // Staff-only routes: 403 for crew, not a 404/200 that would tell whether the id exists.
    for (const [method, path] of [
      ['POST', `/api/bookings/${id}/confirm`],
      ['POST', `/api/bookings/${id}/reject`],
      ['GET', `/api/bookings/${id}/history`],
      ['PATCH', `/api/staff/bookings/${id}`],
      ['POST', `/api/staff/bookings/${id}/cancel`],
    ] as const) {
      expect(
        (await crewB.request(method, path, method === 'GET' ? undefined : { version: 1, title: 'x', reason: 'x' }))
          .status,
        `${method} ${path}`,
      ).toBe(403);
      expect((await partner.request(method, path, method === 'GET' ? undefined : {})).status, `${method} ${path}`).toBe(
        403,
      );
    }
    const after = await crewA.request('GET', `/api/bookings/${id}`);
    expect(after.body).toMatchObject({ title: 'A secret', status: 'held', version: 1 });
  });

  it('a known booking id and a random one answer the same for crew B (existence is not revealed)', async () => {
    const known = await crewB.request('GET', `/api/bookings/${bookingA.id}`);
    const random = await crewB.request('GET', `/api/bookings/${new mongoose.Types.ObjectId().toHexString()}`);
    expect(known.status).toBe(random.status);
    expect(known.body.error.code).toBe(random.body.error.code);
    expect(known.body.error.message).toBe(random.body.error.message);
  });

  it('the same Idempotency-Key from another organisation never replays A’s booking', async () => {
    const res = await crewB.request(
      'POST',
      '/api/bookings',
      {
        facilityId: f('kp-1940s-metro'),
        title: 'A secret',
        notes: 'A notes',
        kind: 'hold',
        phases: [days(day(30), 2)],
      },
      { 'idempotency-key': 'shared-key-1' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.id).not.toBe(bookingA.id);
    expect(res.body.organisationId).toBe(orgB);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    await crewB.request('POST', `/api/bookings/${res.body.id}/cancel`, {});
  });
});

describe('mass assignment', () => {
  const base = () => ({
    facilityId: f('kz-stage-1'),
    title: 'Mass',
    kind: 'hold',
    phases: [{ type: 'shoot', start: iso(day(70) + 8 * H), end: iso(day(70) + 20 * H) }],
  });

  it('crew may not book for another organisation, create blackouts, or set server-owned fields', async () => {
    expect((await crewA.request('POST', '/api/bookings', { ...base(), organisationId: orgB })).status).toBe(403);
    expect((await crewA.request('POST', '/api/bookings', { ...base(), kind: 'blackout' })).status).toBe(403);
    for (const extra of [
      { status: 'confirmed' },
      { holdRank: 1 },
      { version: 7 },
      { role: 'staff' },
      { id: bookingA.id },
      { createdAt: iso(day(1)) },
      { placedSeq: 0 },
      { actor: { role: 'staff' } },
    ]) {
      const res = await crewA.request('POST', '/api/bookings', { ...base(), ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expectErrorShape(res, JSON.stringify(extra));
    }
    for (const extra of [
      { status: 'confirmed' },
      { organisationId: orgB },
      { facilityId: f('kz-stage-2') },
      { kind: 'firm' },
      { holdRank: 1 },
    ]) {
      const res = await crewA.request('PATCH', `/api/bookings/${bookingA.id}`, { version: 1, title: 'x', ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    // Crew blackouts through the staff route and staff-only fields of other bodies.
    expect(
      (
        await crewA.request('POST', '/api/staff/blackouts', {
          facilityId: f('kz-stage-1'),
          start: iso(day(70)),
          end: iso(day(71)),
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    expect((await crewA.request('POST', '/api/feed-tokens', { name: 'x', organisationId: orgB })).status).toBe(403);
    expect((await crewA.request('POST', '/api/feed-tokens', { name: 'x', kind: 'partner' })).status).toBe(400);
    expect(
      (
        await staff.request('POST', '/api/invitations', {
          email: 'x@x.example',
          role: 'admin',
          organisationId: staff.organisation.id,
        })
      ).status,
    ).toBe(403);
    // Nothing was written by any of it.
    const list = await crewA.request(
      'GET',
      `/api/bookings?from=${encodeURIComponent(iso(day(60)))}&to=${encodeURIComponent(iso(day(80)))}`,
    );
    expect(list.body).toEqual([]);
    const mine = await crewA.request('GET', `/api/bookings/${bookingA.id}`);
    expect(mine.body).toMatchObject({ version: 1, status: 'held', organisationId: crewA.organisation.id });
  });

  it('a blackout staff placed in a crew organisation’s name cannot be moved, retitled or lifted by that crew', async () => {
    const d = day(90);
    const blackout = await staff.request('POST', '/api/bookings', {
      facilityId: f('kz-stage-3'),
      title: 'Maintenance',
      kind: 'blackout',
      organisationId: crewA.organisation.id,
      phases: [{ type: 'shoot', start: iso(d + 8 * H), end: iso(d + 20 * H) }],
    });
    expect(blackout.status, JSON.stringify(blackout.body)).toBe(201);
    const moved = await crewA.request('PATCH', `/api/bookings/${blackout.body.id}`, {
      version: 1,
      phases: [{ type: 'shoot', start: iso(d + 24 * H + 8 * H), end: iso(d + 24 * H + 20 * H) }],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(403);
    expect(
      (await crewA.request('PATCH', `/api/bookings/${blackout.body.id}`, { version: 1, title: 'ours now' })).status,
    ).toBe(403);
    expect((await crewA.request('POST', `/api/bookings/${blackout.body.id}/cancel`, {})).status).toBe(403);
    const after = await staff.request('GET', `/api/bookings/${blackout.body.id}`);
    expect(after.body).toMatchObject({ version: 1, status: 'blackout', title: 'Maintenance' });
    expect((await staff.request('POST', `/api/bookings/${blackout.body.id}/cancel`, {})).status).toBe(200);
  });

  it('crew may name their own organisation (documented), and staff may book for another', async () => {
    const own = await crewA.request('POST', '/api/bookings', { ...base(), organisationId: crewA.organisation.id });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect((await crewA.request('POST', `/api/bookings/${own.body.id}/cancel`, {})).status).toBe(200);
    const forB = await staff.request('POST', '/api/bookings', { ...base(), organisationId: orgB });
    expect(forB.status, JSON.stringify(forB.body)).toBe(201);
    expect(forB.body.organisationId).toBe(orgB);
    expect((await staff.request('POST', `/api/bookings/${forB.body.id}/cancel`, {})).status).toBe(200);
  });
});

describe('CSRF over the route table', () => {
  const stateChanging = routeTable.filter(
    (d) => d.method !== 'get' && !(d.method === 'post' && d.path === '/api/auth/login'),
  );

  it.each(stateChanging.map((d) => [label(d), d] as const))(
    '%s: cookie without (or with a wrong) X-CSRF-Token → 403 csrf_failed',
    async (_name, def) => {
      for (const who of [crewA, admin]) {
        const path =
          def.path === '/api/bookings/:id' || def.path.startsWith('/api/bookings/:id/')
            ? def.path.replace(':id', bookingA.id)
            : concrete(def.path);
        for (const headers of [
          { 'x-csrf-token': '' },
          { 'x-csrf-token': 'wrong' },
          { 'x-csrf-token': who === crewA ? admin.csrfToken : crewA.csrfToken },
        ]) {
          const res = await api(
            srv.baseUrl,
            def.method.toUpperCase(),
            path,
            { version: 1, title: 'csrf' },
            { cookie: who.cookie, ...headers },
          );
          expect(res.status, `${label(def)} ${JSON.stringify(headers)}`).toBe(403);
          expect(res.body.error.code).toBe('csrf_failed');
        }
      }
      // The session still works, and the booking was not touched.
      expect((await crewA.request('GET', `/api/bookings/${bookingA.id}`)).body).toMatchObject({
        version: 1,
        status: 'held',
      });
    },
  );
});

async function throwawayAdmin(): Promise<[string, string]> {
  const u = await createUser({ role: 'admin', organisationId: staff.organisation.id });
  return [u.email, u.password];
}

describe('query-operator injection over the route table', () => {
  const bodies: unknown[] = [
    { $where: '1' },
    { email: { $gt: '' }, password: { $gt: '' } },
    { facilityId: { $ne: null }, title: 'x', kind: 'hold', phases: [] },
    { a: { b: { c: { $in: [1] } } } },
    { 'title.x': 'y' },
    JSON.parse('{"__proto__": {"role": "admin"}}'),
    { phases: [{ type: 'shoot', start: { $gt: '' }, end: '' }] },
  ];
  const queries = ['from[$gt]=', '%24where=1', 'facilityId[$ne]=x', 'from=a&from=b', 'q[$regex]=.*', 'user.x=1'];

  it.each(routeTable.map((d) => [label(d), d] as const))(
    '%s: operators in body or query → 400, never a match',
    async (_name, def) => {
      const method = def.method.toUpperCase();
      const path = concrete(def.path);
      // Signing out would end the shared admin session: use a throwaway one there.
      const who = def.path === '/api/auth/logout' ? await signIn(srv.baseUrl, ...(await throwawayAdmin())) : admin;
      if (method !== 'GET') {
        for (const body of bodies) {
          const res = await who.request(method, path, body);
          expect(res.status, `${label(def)} ${JSON.stringify(body)}`).toBe(400);
          expectErrorShape(res, label(def));
        }
      }
      // A route that reads its query refuses unknown keys; one that ignores its query cannot match on it.
      const readsQuery = (await who.request(method, `${path}?zzz=1`, method === 'GET' ? undefined : {})).status === 400;
      for (const q of queries) {
        const res = await who.request(method, `${path}?${q}`, method === 'GET' ? undefined : {});
        expect(res.status, `${label(def)} ?${q}: ${String(JSON.stringify(res.body)).slice(0, 300)}`).toBeLessThan(500);
        if (readsQuery || q.startsWith('%24')) {
          expect([400, 404], `${label(def)} ?${q}: ${String(JSON.stringify(res.body)).slice(0, 300)}`).toContain(
            res.status,
          );
          if (res.headers.get('content-type')?.includes('json')) expectErrorShape(res, `${label(def)} ?${q}`);
        }
      }
    },
  );

  it('login with operators is refused, not a sign-in as the first user', async () => {
    const res = await api(srv.baseUrl, 'POST', '/api/auth/login', { email: { $gt: '' }, password: { $gt: '' } });
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie()).toEqual([]);
    const res2 = await api(srv.baseUrl, 'POST', '/api/auth/login', { email: '.*', password: 'x' });
    expect(res2.status).toBe(401);
  });

  it('injection as crew, partner and API-key-less anonymous callers is refused the same way', async () => {
    expect((await crewA.request('GET', '/api/bookings?facilityId[$ne]=x')).status).toBe(400);
    expect((await crewA.request('GET', '/api/bookings?%24where=1')).status).toBe(400);
    for (const who of [crewA, partner]) {
      expect((await who.request('GET', '/api/availability?from[$gt]=&to=x')).status).toBe(400);
    }
    expect((await api(srv.baseUrl, 'GET', '/api/facilities?q[$regex]=.*')).status).toBe(400);
  });
});

describe('huge, deep and malformed input', () => {
  it('oversized bodies → 413; deeply nested or malformed JSON → 400; long fields → 400; never a 500', async () => {
    const big = await crewA.request('POST', '/api/bookings', { title: 'x'.repeat(300_000) });
    expect(big.status).toBe(413);
    expectErrorShape(big, 'big');
    for (const depth of [40, 5000, 50_000]) {
      const deep = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      const res = await crewA.request('POST', '/api/bookings', deep);
      expect(res.status, `depth ${depth}`).toBe(deep.length > 256 * 1024 ? 413 : 400);
      expectErrorShape(res, `depth ${depth}`);
      const arr = await crewA.request('POST', '/api/bookings', '['.repeat(depth) + ']'.repeat(depth));
      expect(arr.status, `array depth ${depth}`).toBeLessThan(500);
      expectErrorShape(arr, `array depth ${depth}`);
    }
    const malformed = await crewA.request('POST', '/api/bookings', '{"title": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    const long = await crewA.request('POST', '/api/bookings', {
      facilityId: f('kz-stage-1'),
      title: 'x'.repeat(201),
      kind: 'hold',
      phases: [days(day(70), 1)],
    });
    expect(long.status).toBe(400);
    const many = await crewA.request('POST', '/api/bookings', {
      facilityId: f('kz-stage-1'),
      title: 'x',
      kind: 'hold',
      phases: Array.from({ length: 500 }, () => days(day(70), 1)),
    });
    expect(many.status).toBe(400);
    expectErrorShape(many, 'many phases');
    const ids200 = Array.from({ length: 201 }, () => new mongoose.Types.ObjectId().toHexString()).join(',');
    const av = await crewA.request(
      'GET',
      `/api/availability?from=${encodeURIComponent(iso(day(1)))}&to=${encodeURIComponent(iso(day(2)))}&facilityIds=${ids200}`,
    );
    expect(av.status).toBe(400);
    const huge = await crewA.request('GET', `/api/facilities?feature=${'a'.repeat(40_000)}`);
    expect([400, 414, 431]).toContain(huge.status);
    const wrongType = await api(srv.baseUrl, 'POST', '/api/auth/login', 'email=x&password=y', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(wrongType.status).toBe(400);
    expectErrorShape(wrongType, 'form body');
    const badId = await crewA.request('GET', '/api/bookings/not-an-id');
    expect(badId.status).toBe(400);
    expectErrorShape(badId, 'bad id');
    const badEncoding = await crewA.request('GET', '/api/facilities/%E0%A4%A');
    expect(badEncoding.status).toBeLessThan(500);
  });

  it('zod patterns answer quickly on pathological input (no catastrophic backtracking)', () => {
    const evil = [
      'a'.repeat(50_000) + '!',
      'a,'.repeat(25_000) + '!',
      '1'.repeat(50_000) + '.',
      '0.' + '0'.repeat(50_000) + 'x',
      '2026-05-01T08:00' + ':00'.repeat(10_000),
    ];
    const schemas = [
      (s: string) => facilityQuerySchema.safeParse({ feature: s, minArea: s, q: s }),
      (s: string) => freeSearchQuerySchema.safeParse({ from: s, to: s, feature: s, minFreeShare: s, minArea: s }),
      (s: string) => availabilityQuerySchema.safeParse({ from: s, to: s, facilityIds: s }),
      (s: string) => bookingListQuerySchema.safeParse({ from: s, status: s }),
      (s: string) => auditQuerySchema.safeParse({ action: s, limit: s }),
      (s: string) =>
        createBookingSchema.safeParse({
          facilityId: s,
          title: s,
          kind: 'hold',
          phases: [{ type: 'shoot', start: s, end: s }],
        }),
    ];
    for (const s of evil) {
      for (const parse of schemas) {
        const t0 = performance.now();
        expect(parse(s).success).toBe(false);
        expect(performance.now() - t0).toBeLessThan(200);
      }
    }
  });
});

describe('errors, headers and cookies', () => {
  it('unknown endpoints and methods answer the JSON error shape', async () => {
    for (const [m, p] of [
      ['GET', '/api/nope'],
      ['DELETE', '/api/bookings'],
      ['PUT', '/api/facilities'],
      ['GET', '/api/bookings/../../etc/passwd'],
    ] as const) {
      const res = await crewA.request(m, p, m === 'GET' ? undefined : {});
      expect(res.status, `${m} ${p}`).toBe(404);
      expectErrorShape(res, `${m} ${p}`);
    }
  });

  it('security headers on JSON, on the docs page and on the embed page', async () => {
    const json = await crewA.request('GET', '/api/auth/me');
    const docs = await fetch(`${srv.baseUrl}/api/docs`);
    for (const h of [json.headers, docs.headers]) {
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(h.get('strict-transport-security')).toBeTruthy();
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('x-powered-by')).toBeNull();
    }
    expect(json.headers.get('cache-control')).toBe('no-store');
    const t = await admin.request('POST', '/api/feed-tokens', {
      organisationId: partner.organisation.id,
      name: 'embed',
    });
    const embed = await fetch(`${srv.baseUrl}/api/embed/${t.body.token}/facilities/${f('kz-stage-1')}`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(embed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(embed.headers.get('cache-control')).toBe('no-store');
  });

  it('the session cookie is HttpOnly and SameSite, and Secure in production', async () => {
    const user = await createUser({ role: 'crew', organisationId: crewA.organisation.id });
    const login = async () =>
      (await api(srv.baseUrl, 'POST', '/api/auth/login', { email: user.email, password: user.password })).headers
        .getSetCookie()
        .join('\n');
    const dev = await login();
    expect(dev).toMatch(/moskino_session=[^;]+;.*HttpOnly/);
    expect(dev).toMatch(/SameSite=(Lax|Strict)/);
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(await login()).toMatch(/; Secure/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
