import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../src/routes.js';
import type { RouteDef } from '../src/http/routes.js';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { createOrganisation, createUser, signIn, type Session } from './helpers/auth.js';
import { day, facilityIds, H, iso } from './helpers/bookings.js';

/**
 * Privacy sweep: organisation A books with a distinctive title, notes and organisation name; then
 * every GET route of the route table (plus the 409 conflict details of a write) is called as a crew
 * member of another organisation, a partner user, a partner API key, a partner feed token, another
 * crew's feed token and with no session, and the RAW response text is searched for anything of A's:
 * title, notes, organisation id and name, user id and email, booking ids.
 */

let srv: TestServer;
let ids: Map<string, string>;
let crewA: Session;
let crewB: Session;
let partner: Session;
let staff: Session;
let admin: Session;
let apiKey: string;
let partnerToken: string;
let crewBToken: string;
const secrets: Record<string, string> = {};
const bookingIds: string[] = [];
const f = (slug: string) => ids.get(slug)!;
const days = (from: number, n: number, type = 'shoot') => ({ type, start: iso(from), end: iso(from + n * 24 * H) });

beforeAll(async () => {
  srv = await startTestServer();
  ids = await facilityIds();
  const orgA = await createOrganisation('production', 'ZEPHYRORGNAME Films');
  const userA = await createUser({
    role: 'crew',
    organisationId: orgA.id,
    email: 'zephyr.person@a.example',
    name: 'ZEPHYRPERSON',
  });
  crewA = await signIn(srv.baseUrl, userA.email, userA.password);
  const orgB = await createOrganisation('production', 'Other Films');
  const userB = await createUser({ role: 'crew', organisationId: orgB.id });
  crewB = await signIn(srv.baseUrl, userB.email, userB.password);
  const orgP = await createOrganisation('partner', 'Commission');
  const userP = await createUser({ role: 'partner', organisationId: orgP.id });
  partner = await signIn(srv.baseUrl, userP.email, userP.password);
  const cluster = await createOrganisation('cluster', 'Cluster');
  const userS = await createUser({ role: 'staff', organisationId: cluster.id });
  staff = await signIn(srv.baseUrl, userS.email, userS.password);
  const userAd = await createUser({ role: 'admin', organisationId: cluster.id });
  admin = await signIn(srv.baseUrl, userAd.email, userAd.password);

  Object.assign(secrets, {
    title: 'ZEPHYRTITLE',
    notes: 'ZEPHYRNOTES',
    orgName: 'ZEPHYRORGNAME',
    person: 'ZEPHYRPERSON',
    email: userA.email,
    orgId: orgA.id,
    userId: userA.id,
  });

  const d0 = day(30);
  const mk = async (body: Record<string, unknown>) => {
    const res = await crewA.request('POST', '/api/bookings', {
      title: 'ZEPHYRTITLE one',
      notes: 'ZEPHYRNOTES here',
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    bookingIds.push(res.body.id);
    return res.body;
  };
  await mk({ facilityId: f('kp-1940s-metro'), kind: 'hold', phases: [days(d0, 2)] });
  const firm = await mk({
    facilityId: f('kz-stage-1'),
    kind: 'firm',
    phases: [{ type: 'shoot', start: iso(d0 + 8 * H), end: iso(d0 + 32 * H) }],
  });
  const confirmed = await mk({
    facilityId: f('kz-stage-1'),
    kind: 'firm',
    phases: [{ type: 'shoot', start: iso(d0 + 5 * 24 * H + 8 * H), end: iso(d0 + 5 * 24 * H + 32 * H) }],
  });
  expect(
    (
      await staff.request('POST', '/api/staff/approvals/decide', {
        decisions: [{ bookingId: confirmed.id, decision: 'confirm' }],
      })
    ).status,
  ).toBeLessThan(300);
  expect(firm.status).toBe('pending');

  const key = await admin.request('POST', '/api/api-keys', { organisationId: orgP.id, name: 'k' });
  expect(key.status, JSON.stringify(key.body)).toBe(201);
  apiKey = key.body.key;
  const pt = await admin.request('POST', '/api/feed-tokens', { organisationId: orgP.id, name: 'p' });
  expect(pt.status).toBe(201);
  partnerToken = pt.body.token;
  const ct = await crewB.request('POST', '/api/feed-tokens', { name: 'b' });
  expect(ct.status).toBe(201);
  crewBToken = ct.body.token;
});
afterAll(async () => {
  await srv?.close();
});

function leaks(text: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(secrets)) if (text.includes(value)) found.push(name);
  for (const id of bookingIds) if (text.includes(id)) found.push(`bookingId ${id}`);
  return found;
}

const textOf = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body ?? ''));

/** Concrete paths for a route: every `:param` filled with what could reveal A's data. */
function pathsOf(def: RouteDef, token: string): string[] {
  const d0 = day(29);
  const window = `from=${encodeURIComponent(iso(d0))}&to=${encodeURIComponent(iso(d0 + 20 * 24 * H))}`;
  let variants = [def.path];
  const fill = (name: string, values: string[]) => {
    variants = variants.flatMap((p) => (p.includes(`:${name}`) ? values.map((v) => p.replace(`:${name}`, v)) : [p]));
  };
  fill('id', bookingIds);
  fill('token', [token]);
  fill('facilityId', [f('kp-1940s-metro'), f('kz-stage-1')]);
  fill('zoneId', [f('kp-moscow-1940s')]);
  fill('site', ['kinopark', 'kinozavod']);
  const query: Record<string, string> = {
    '/api/availability': window,
    '/api/bookings': window,
    '/api/search/free': `${window}&minFreeShare=0`,
    '/api/staff/audit': '',
  };
  const q = query[def.path];
  return variants.map((p) => (q ? `${p}?${q}` : p));
}

type Caller = { name: string; token: string; get(path: string): Promise<{ status: number; body: unknown }> };

describe('privacy sweep over every GET route', () => {
  const callers: Caller[] = [
    { name: 'crew of another organisation', token: '', get: (p) => crewB.request('GET', p) },
    { name: 'partner user', token: '', get: (p) => partner.request('GET', p) },
    {
      name: 'partner API key',
      token: '',
      get: (p) => api(srv.baseUrl, 'GET', p, undefined, { authorization: `Bearer ${apiKey}` }),
    },
    { name: 'no session', token: '', get: (p) => api(srv.baseUrl, 'GET', p) },
  ];

  it.each(['crew of another organisation', 'partner user', 'partner API key', 'no session'])(
    'as %s: no detail of organisation A anywhere',
    async (name) => {
      const caller = callers.find((c) => c.name === name)!;
      const problems: string[] = [];
      let checked = 0;
      for (const def of routeTable.filter((d) => d.method === 'get')) {
        for (const token of name === 'crew of another organisation' ? [crewBToken, partnerToken] : [partnerToken]) {
          for (const path of pathsOf(def, token)) {
            const res = await caller.get(path);
            checked++;
            expect(res.status, `${path}: no server error`).toBeLessThan(500);
            // An error that echoes the id the caller sent confirms nothing: only ids not in the request count.
            const found = leaks(textOf(res.body)).filter(
              (l) => !(res.status >= 400 && l.startsWith('bookingId ') && path.includes(l.slice(10))),
            );
            if (found.length) problems.push(`${path} (${res.status}): ${found.join(', ')}`);
          }
        }
      }
      expect(checked).toBeGreaterThan(20);
      expect(problems).toEqual([]);
    },
  );

  it('the sweep would see the details where they are allowed (staff, and A itself)', async () => {
    const d0 = day(29);
    const q = `from=${encodeURIComponent(iso(d0))}&to=${encodeURIComponent(iso(d0 + 20 * 24 * H))}`;
    expect(textOf((await staff.request('GET', `/api/bookings?${q}`)).body)).toContain(secrets.title);
    expect(
      textOf((await crewA.request('GET', `/api/availability?${q}&facilityIds=${f('kz-stage-1')}`)).body),
    ).toContain(secrets.title);
    // ... and that others really get the busy time, only without the details.
    const other = await crewB.request('GET', `/api/availability?${q}&facilityIds=${f('kz-stage-1')}`);
    expect(other.body.facilities[0].busy.length).toBeGreaterThan(0);
    const viaKey = await api(
      srv.baseUrl,
      'GET',
      `/api/availability?${q}&facilityIds=${f('kp-1940s-metro')}`,
      undefined,
      { authorization: `Bearer ${apiKey}` },
    );
    expect(viaKey.body.facilities[0].busy[0]).toMatchObject({ status: 'held', holdRank: 1 });
  });

  it('a cached detailed read (A, staff) is never served to another viewer of the same window', async () => {
    const d0 = day(29);
    const q = `from=${encodeURIComponent(iso(d0))}&to=${encodeURIComponent(iso(d0 + 20 * 24 * H))}&facilityIds=${f('kz-stage-1')},${f('kp-1940s-metro')}`;
    for (let i = 0; i < 2; i++) {
      expect(textOf((await crewA.request('GET', `/api/availability?${q}`)).body)).toContain(secrets.title);
      expect(textOf((await staff.request('GET', `/api/availability?${q}`)).body)).toContain(secrets.title);
      for (const other of [crewB, partner])
        expect(leaks(textOf((await other.request('GET', `/api/availability?${q}`)).body))).toEqual([]);
      const viaKey = await api(srv.baseUrl, 'GET', `/api/availability?${q}`, undefined, {
        authorization: `Bearer ${apiKey}`,
      });
      expect(leaks(textOf(viaKey.body))).toEqual([]);
    }
  });

  it('409 conflict details and suggestions name no booking of A for crew B; staff see the ids', async () => {
    const d0 = day(30);
    const body = {
      facilityId: f('kz-stage-1'),
      title: 'B wants it',
      kind: 'firm',
      phases: [{ type: 'shoot', start: iso(d0 + 8 * H), end: iso(d0 + 20 * H) }],
    };
    const res = await crewB.request('POST', '/api/bookings', body);
    expect(res.status).toBe(409);
    expect(res.body.error.details.conflicts.length).toBeGreaterThan(0);
    expect(leaks(textOf(res.body))).toEqual([]);
    const hold = await crewB.request('POST', '/api/bookings', {
      ...body,
      facilityId: f('kp-1940s-metro'),
      kind: 'firm',
      phases: [days(d0, 1)],
    });
    expect(hold.status).toBe(409);
    expect(leaks(textOf(hold.body))).toEqual([]);
    const asStaff = await staff.request('POST', '/api/bookings', body);
    expect(asStaff.status).toBe(409);
    expect(textOf(asStaff.body)).toContain(bookingIds[1]!);
  });

  it('a crew feed token of a deactivated crew member stops working (full details of the organisation)', async () => {
    const orgC = await createOrganisation('production', 'C Films');
    const userC = await createUser({ role: 'crew', organisationId: orgC.id });
    const crewC = await signIn(srv.baseUrl, userC.email, userC.password);
    const t = await crewC.request('POST', '/api/feed-tokens', { name: 'phone' });
    expect(t.status).toBe(201);
    expect((await api(srv.baseUrl, 'GET', `/api/feeds/${t.body.token}/own.ics`)).status).toBe(200);
    expect((await admin.request('POST', `/api/users/${userC.id}/deactivate`, {})).status).toBe(200);
    for (const path of [
      `/api/feeds/${t.body.token}/own.ics`,
      `/api/feeds/${t.body.token}/facilities/${f('kz-stage-1')}.ics`,
      `/api/embed/${t.body.token}/facilities/${f('kz-stage-1')}`,
    ]) {
      expect((await api(srv.baseUrl, 'GET', path)).status, path).toBe(404);
    }
  });
});
