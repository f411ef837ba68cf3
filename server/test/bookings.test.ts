import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingSchema, availabilitySchema } from '@moskino/shared';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { createOrganisation, createUser, signIn, type Session } from './helpers/auth.js';
import { checkInvariant, countVersions, day, facilityIds, H, iso, newId } from './helpers/bookings.js';

let srv: TestServer;
let crewA: Session;
let crewB: Session;
let staff: Session;
let partner: Session;
let ids: Map<string, string>;
const f = (slug: string) => ids.get(slug)!;

beforeAll(async () => {
  srv = await startTestServer();
  const session = async (role: 'crew' | 'staff' | 'partner', kind: 'production' | 'cluster' | 'partner') => {
    const org = await createOrganisation(kind as never);
    const user = await createUser({ role, organisationId: org.id });
    return signIn(srv.baseUrl, user.email, user.password);
  };
  crewA = await session('crew', 'production');
  crewB = await session('crew', 'production');
  staff = await session('staff', 'cluster');
  partner = await session('partner', 'partner');
  ids = await facilityIds();
});
afterAll(async () => {
  await srv?.close();
});

const days = (slug: string, from: number, n: number, type = 'shoot') => ({
  type,
  start: iso(from),
  end: iso(from + n * 24 * H),
});
const shifts = (from: number, n: number, type = 'shoot') => ({
  type,
  start: iso(from + 8 * H),
  end: iso(from + 8 * H + n * 12 * H),
});

describe('booking API', () => {
  it('places a hold and answers the booking shape; a firm request over it is a conflict with suggestions', async () => {
    const d0 = day(20);
    const hold = await crewA.request('POST', '/api/bookings', {
      facilityId: f('kp-1940s-metro'),
      title: 'Code name Lark',
      kind: 'hold',
      phases: [days('', d0, 2, 'build'), days('', d0 + 2 * 24 * H, 3)],
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const b = bookingSchema.parse(hold.body);
    expect(b).toMatchObject({ kind: 'hold', status: 'held', holdRank: 1, version: 1, title: 'Code name Lark' });

    const firm = await crewB.request('POST', '/api/bookings', {
      facilityId: f('kp-moscow-1940s'),
      title: 'Other',
      kind: 'firm',
      phases: [days('', d0 + 24 * H, 1)],
    });
    expect(firm.status).toBe(409);
    expect(firm.body.error.code).toBe('booking_conflict');
    const { conflicts, suggestions } = firm.body.error.details;
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts) {
      expect(c.facilityId).toBe(f('kp-1940s-metro'));
      expect(c.status).toBe('held');
      expect(c.bookingId).toBeUndefined(); // another organisation's id is not shown
    }
    expect(suggestions.length).toBeGreaterThan(0);
    for (const s of suggestions) expect(Date.parse(s.end) - Date.parse(s.start)).toBe(24 * H);
    // A suggested window is really free.
    const again = await crewB.request('POST', '/api/bookings', {
      facilityId: f('kp-moscow-1940s'),
      title: 'Other',
      kind: 'firm',
      phases: [{ type: 'shoot', ...suggestions[0] }],
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });

  it('ranks stacked holds, makes the first hold firm (releasing the rest), and staff confirm it', async () => {
    const d0 = day(40);
    const body = { facilityId: f('kz-stage-1'), title: 'Stack', kind: 'hold', phases: [shifts(d0, 2)] };
    const h1 = await crewA.request('POST', '/api/bookings', body);
    const h2 = await crewB.request('POST', '/api/bookings', body);
    expect([h1.body.holdRank, h2.body.holdRank]).toEqual([1, 2]);
    const notFirst = await crewB.request('POST', `/api/bookings/${h2.body.id}/firm`);
    expect(notFirst.status).toBe(409);
    const firm = await crewA.request('POST', `/api/bookings/${h1.body.id}/firm`);
    expect(firm.status, JSON.stringify(firm.body)).toBe(200);
    expect(firm.body).toMatchObject({ kind: 'firm', status: 'pending', holdRank: null, version: 2 });
    const released = await crewB.request('GET', `/api/bookings/${h2.body.id}`);
    expect(released.body.status).toBe('released');
    expect((await crewA.request('POST', `/api/bookings/${h1.body.id}/confirm`)).status).toBe(403);
    const confirmed = await staff.request('POST', `/api/bookings/${h1.body.id}/confirm`);
    expect(confirmed.body.status).toBe('confirmed');
    const history = await staff.request('GET', `/api/bookings/${h1.body.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual(['create', 'firm', 'confirm']);
    expect(history.body[1].before.status).toBe('held');
    expect(history.body[1].after.status).toBe('pending');
    expect(history.body[2].by.role).toBe('staff');
    const h2History = await staff.request('GET', `/api/bookings/${h2.body.id}/history`);
    expect(h2History.body.at(-1).after.status).toBe('released');
    expect((await crewA.request('GET', `/api/bookings/${h1.body.id}/history`)).status).toBe(403);
    await checkInvariant();
  });

  it('PATCH needs the current version (stale_version) and re-checks new time; cancel frees the time', async () => {
    const d0 = day(60);
    const a = await crewA.request('POST', '/api/bookings', {
      facilityId: f('kz-stage-2'),
      title: 'A',
      kind: 'firm',
      phases: [shifts(d0, 1)],
    });
    const b = await crewB.request('POST', '/api/bookings', {
      facilityId: f('kz-stage-2'),
      title: 'B',
      kind: 'firm',
      phases: [shifts(d0 + 24 * H, 1)],
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    const renamed = await crewA.request('PATCH', `/api/bookings/${a.body.id}`, { version: 1, title: 'A2' });
    expect(renamed.body).toMatchObject({ title: 'A2', version: 2 });
    const stale = await crewA.request('PATCH', `/api/bookings/${a.body.id}`, { version: 1, notes: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    const clash = await crewA.request('PATCH', `/api/bookings/${a.body.id}`, {
      version: 2,
      phases: [shifts(d0 + 24 * H, 1)],
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('booking_conflict');
    expect((await crewA.request('GET', `/api/bookings/${b.body.id}`)).status).toBe(404); // others' bookings are not shown
    const cancelled = await crewB.request('POST', `/api/bookings/${b.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    const moved = await crewA.request('PATCH', `/api/bookings/${a.body.id}`, {
      version: 2,
      phases: [shifts(d0 + 24 * H, 1)],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.version).toBe(3);
  });

  it('Idempotency-Key: a retried request returns the first result, never a duplicate', async () => {
    const body = { facilityId: f('kz-stage-3'), title: 'Idem', kind: 'hold', phases: [shifts(day(70), 1)] };
    const key = `k-${newId()}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => crewA.request('POST', '/api/bookings', body, { 'idempotency-key': key })),
    );
    const idSet = new Set(results.map((r) => r.body.id));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(idSet.size).toBe(1);
    const list = await crewA.request('GET', `/api/bookings?facilityId=${f('kz-stage-3')}`);
    expect(list.body.filter((b: { title: string }) => b.title === 'Idem')).toHaveLength(1);
    const reused = await crewA.request(
      'POST',
      '/api/bookings',
      { ...body, title: 'Different' },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(409);
  });

  it('availability: busy through ancestors and descendants, with the privacy of each role', async () => {
    const d0 = day(90);
    const set = await crewA.request('POST', '/api/bookings', {
      facilityId: f('kp-old-rus-court'),
      title: 'Secret title',
      notes: 'n',
      kind: 'hold',
      phases: [days('', d0, 2)],
    });
    expect(set.status).toBe(201);
    const q = `/api/availability?from=${encodeURIComponent(iso(d0 - 24 * H))}&to=${encodeURIComponent(iso(d0 + 5 * 24 * H))}&facilityIds=${f('kp-old-rus-city')},${f('kp-old-rus-court')},${f('kp-old-rus-market')}`;
    const asPartner = await partner.request('GET', q);
    expect(asPartner.status).toBe(200);
    const av = availabilitySchema.parse(asPartner.body);
    const [zone, court, market] = av.facilities;
    expect(court!.busy[0]).toMatchObject({ status: 'held', holdRank: 1, via: 'self' });
    expect(zone!.busy[0]).toMatchObject({ status: 'held', via: 'descendant' });
    expect(market!.busy).toEqual([]);
    expect(JSON.stringify(asPartner.body)).not.toMatch(/Secret title|bookingId|organisationId/);
    const asOther = await crewB.request('GET', q);
    expect(JSON.stringify(asOther.body)).not.toMatch(/Secret title|bookingId/);
    const asOwner = await crewA.request('GET', q);
    expect(asOwner.body.facilities[1].busy[0]).toMatchObject({ title: 'Secret title', bookingId: set.body.id });
    const asStaff = await staff.request('GET', q);
    expect(asStaff.body.facilities[1].busy[0].title).toBe('Secret title');
    expect((await partner.request('POST', '/api/bookings', {})).status).toBe(403);
    expect((await partner.request('GET', '/api/bookings')).status).toBe(403);
  });

  it('blackouts: staff only, exclusive, and may book for another organisation', async () => {
    const d0 = day(100);
    const crewTry = await crewA.request('POST', '/api/bookings', {
      facilityId: f('kz-led-volume'),
      title: 'x',
      kind: 'blackout',
      phases: [shifts(d0, 1)],
    });
    expect(crewTry.status).toBe(403);
    const bo = await staff.request('POST', '/api/bookings', {
      facilityId: f('kz-led-volume'),
      title: 'Maintenance',
      kind: 'blackout',
      phases: [shifts(d0, 4)],
    });
    expect(bo.status, JSON.stringify(bo.body)).toBe(201);
    expect(bo.body.status).toBe('blackout');
    const hold = await crewA.request('POST', '/api/bookings', {
      facilityId: f('kz-led-volume'),
      title: 'x',
      kind: 'hold',
      phases: [shifts(d0 + 24 * H, 1)],
    });
    expect(hold.status).toBe(409);
    const forA = await staff.request('POST', '/api/bookings', {
      facilityId: f('kz-xr-stage'),
      title: 'For A',
      kind: 'firm',
      organisationId: crewA.organisation.id,
      phases: [shifts(d0, 1)],
    });
    expect(forA.status, JSON.stringify(forA.body)).toBe(201);
    expect(forA.body.organisationId).toBe(crewA.organisation.id);
    expect((await crewA.request('GET', `/api/bookings/${forA.body.id}`)).status).toBe(200);
    const crewForOther = await crewA.request('POST', '/api/bookings', {
      facilityId: f('kz-xr-stage'),
      title: 'x',
      kind: 'hold',
      organisationId: crewB.organisation.id,
      phases: [shifts(d0 + 48 * H, 1)],
    });
    expect(crewForOther.status).toBe(403);
  });

  it('every bad input answers 400 with a clear error and writes nothing', async () => {
    const d0 = day(120);
    const ok = { facilityId: f('kz-stage-1'), title: 'Bad', kind: 'hold', phases: [shifts(d0, 1)] };
    const cases: Array<[string, unknown]> = [
      ['missing fields', { title: 'x' }],
      ['missing phases', { ...ok, phases: undefined }],
      ['empty phases', { ...ok, phases: [] }],
      ['end before start', { ...ok, phases: [{ type: 'shoot', start: iso(d0 + 20 * H), end: iso(d0 + 8 * H) }] }],
      ['phases overlapping each other', { ...ok, phases: [shifts(d0, 2, 'build'), shifts(d0 + 12 * H, 2)] }],
      ['unknown facility', { ...ok, facilityId: newId() }],
      ['unbookable facility', { ...ok, facilityId: f('kz-water-stage') }],
      ['off-grid times', { ...ok, phases: [{ type: 'shoot', start: iso(d0 + 9 * H), end: iso(d0 + 21 * H) }] }],
      ['too long', { ...ok, phases: [shifts(d0, 121)] }],
      ['too far ahead', { ...ok, phases: [shifts(day(800), 1)] }],
      ['too soon', { ...ok, phases: [shifts(day(0) - 24 * H, 1)] }],
      ['malformed facility id', { ...ok, facilityId: 'not-an-id' }],
      ['malformed time', { ...ok, phases: [{ type: 'shoot', start: 'tomorrow', end: 'later' }] }],
      [
        'time without offset',
        { ...ok, phases: [{ type: 'shoot', start: '2030-01-01T08:00:00', end: '2030-01-01T20:00:00' }] },
      ],
      ['unknown phase type', { ...ok, phases: [{ ...shifts(d0, 1), type: 'party' }] }],
      ['unknown kind', { ...ok, kind: 'maybe' }],
      ['unknown field', { ...ok, extra: 1 }],
      ['operator injection', { ...ok, facilityId: { $gt: '' } }],
      ['empty title', { ...ok, title: '   ' }],
      ['malformed organisation id', { ...ok, organisationId: 'x' }],
    ];
    const before = await countVersions();
    for (const [what, body] of cases) {
      const res = await crewA.request('POST', '/api/bookings', body);
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.code, what).toMatch(/validation_failed|bad_request|invalid_id/);
      expect(res.body.error.message.length, what).toBeGreaterThan(5);
    }
    const bad = await crewA.request('POST', '/api/bookings', 'not json{', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    const from = encodeURIComponent(iso(d0));
    const queries = [
      `/api/availability?from=${from}&to=${encodeURIComponent(iso(d0 + 401 * 24 * H))}`, // window too large
      `/api/availability?from=${from}&to=${from}`,
      `/api/availability?from=${from}`,
      `/api/availability?from=x&to=y`,
      `/api/availability?from=${from}&to=${encodeURIComponent(iso(d0 + 24 * H))}&facilityIds=zzz`,
      `/api/availability?from=${from}&to=${encodeURIComponent(iso(d0 + 24 * H))}&facilityIds=${newId()}`,
      `/api/bookings?status=maybe`,
      `/api/bookings?from=${from}&to=${encodeURIComponent(iso(d0 + 500 * 24 * H))}`,
    ];
    for (const q of queries) {
      const res = await crewA.request('GET', q);
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(400);
    }
    for (const path of ['/api/bookings/xyz', '/api/bookings/xyz/cancel', '/api/bookings/123/firm']) {
      const res = await crewA.request(path.endsWith('xyz') ? 'GET' : 'POST', path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('invalid_id');
    }
    const patchBad = await crewA.request('PATCH', `/api/bookings/${newId()}`, { title: 'no version' });
    expect(patchBad.status).toBe(400);
    expect((await crewA.request('POST', '/api/bookings', ok, { 'idempotency-key': ' bad key ' })).status).toBe(400);
    expect(await countVersions()).toBe(before);
  });
});

describe('concurrency over HTTP', () => {
  it('60 simultaneous overlapping firm requests for one facility: exactly one succeeds', async () => {
    const d0 = day(150);
    const sessions = [crewA, crewB];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        sessions[i % 2]!.request('POST', '/api/bookings', {
          facilityId: f('kp-stage-2026'),
          title: `Race ${i}`,
          kind: 'firm',
          phases: [shifts(d0 + (i % 3) * 12 * H, 2)],
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(59);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('booking_conflict');
    await checkInvariant();
  });

  it('zone against its sets, and two sets of one zone (both may win)', async () => {
    const d0 = day(160);
    const phases = [days('', d0, 3)];
    const reqs = [
      crewA.request('POST', '/api/bookings', {
        facilityId: f('kp-modern-moscow'),
        title: 'Zone',
        kind: 'firm',
        phases,
      }),
      ...['kp-modern-embassy', 'kp-modern-police', 'kp-modern-school', 'kp-modern-mfc'].flatMap((slug) =>
        Array.from({ length: 6 }, () =>
          crewB.request('POST', '/api/bookings', { facilityId: f(slug), title: slug, kind: 'firm', phases }),
        ),
      ),
    ];
    const results = await Promise.all(reqs);
    const won = results.filter((r) => r.status === 201).map((r) => r.body.facilityId as string);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    if (won.includes(f('kp-modern-moscow'))) {
      expect(won).toEqual([f('kp-modern-moscow')]);
    } else {
      // No zone: at most one winner per set, and different sets may both win.
      expect(new Set(won).size).toBe(won.length);
      expect(won.length).toBeGreaterThanOrEqual(1);
    }
    // Two different sets, no zone in the race: both win.
    const d1 = day(170);
    const two = await Promise.all([
      crewA.request('POST', '/api/bookings', {
        facilityId: f('kp-brest-church'),
        title: 'S1',
        kind: 'firm',
        phases: [days('', d1, 2)],
      }),
      crewB.request('POST', '/api/bookings', {
        facilityId: f('kp-brest-gate'),
        title: 'S2',
        kind: 'firm',
        phases: [days('', d1, 2)],
      }),
    ]);
    expect(two.map((r) => r.status)).toEqual([201, 201]);
    const zoneAfter = await crewA.request('POST', '/api/bookings', {
      facilityId: f('kp-brest-fortress'),
      title: 'Z',
      kind: 'hold',
      phases: [days('', d1, 1)],
    });
    expect(zoneAfter.status).toBe(409);
    await checkInvariant();
  });

  it('holds racing for rank get distinct dense ranks', async () => {
    const d0 = day(180);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        [crewA, crewB][i % 2]!.request('POST', '/api/bookings', {
          facilityId: i % 5 === 0 ? f('kp-arkanar') : f('kp-arkanar-palace'),
          title: `H${i}`,
          kind: 'hold',
          phases: [days('', d0, 2)],
        }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const { ranks } = await checkInvariant();
    const got = results.map((r) => ranks.get(r.body.id)!).sort((a, b) => a - b);
    expect(got).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Releasing holds moves the ones behind up, without gaps.
    const firstTwo = results.filter((r) => ranks.get(r.body.id)! <= 2);
    for (const r of firstTwo) {
      const owner = r.body.organisationId === crewA.organisation.id ? crewA : crewB;
      expect((await owner.request('POST', `/api/bookings/${r.body.id}/cancel`)).body.status).toBe('released');
    }
    const after = await checkInvariant();
    const remaining = results
      .filter((r) => !firstTwo.includes(r))
      .map((r) => after.ranks.get(r.body.id)!)
      .sort((a, b) => a - b);
    expect(remaining).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
  });
});

it('unauthenticated calls answer 401', async () => {
  expect((await api(srv.baseUrl, 'GET', '/api/availability')).status).toBe(401);
});
