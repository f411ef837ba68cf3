import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalItemSchema, blackoutImpactSchema, decideResultSchema } from '@moskino/shared';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { signInAs, type Session } from './helpers/auth.js';
import { checkInvariant, day, facilityIds, H, iso, newId } from './helpers/bookings.js';

let srv: TestServer;
let crewA: Session;
let crewB: Session;
let crewC: Session;
let staff: Session;
let ids: Map<string, string>;
const f = (slug: string) => ids.get(slug)!;
const shifts = (from: number, n: number, type = 'shoot') => ({
  type,
  start: iso(from + 8 * H),
  end: iso(from + 8 * H + n * 12 * H),
});
const days = (from: number, n: number, type = 'shoot') => ({ type, start: iso(from), end: iso(from + n * 24 * H) });

beforeAll(async () => {
  srv = await startTestServer();
  crewA = await signInAs(srv.baseUrl, 'crew');
  crewB = await signInAs(srv.baseUrl, 'crew');
  crewC = await signInAs(srv.baseUrl, 'crew');
  staff = await signInAs(srv.baseUrl, 'staff');
  ids = await facilityIds();
});
afterAll(async () => {
  await srv?.close();
});

async function place(s: Session, body: Record<string, unknown>) {
  const r = await s.request('POST', '/api/bookings', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; holdRank: number | null; version: number; organisationId: string };
}

describe('approvals', () => {
  let firmed: string;
  let setRequest: string;
  let releasedHold: string;
  let zoneHold: string;

  it('lists pending requests oldest first with facility, organisation and what else wants the time', async () => {
    const d0 = day(40);
    const h1 = await place(crewA, {
      facilityId: f('kz-stage-1'),
      title: 'Lark',
      kind: 'hold',
      phases: [shifts(d0, 2)],
    });
    const h2 = await place(crewB, {
      facilityId: f('kz-stage-1'),
      title: 'Wren',
      kind: 'hold',
      phases: [shifts(d0, 2)],
    });
    releasedHold = h2.id;
    const firm = await crewA.request('POST', `/api/bookings/${h1.id}/firm`);
    expect(firm.status).toBe(200);
    firmed = h1.id;
    // A request on a set of the 1940s zone, and a hold on the zone itself just after it (buffer: a day).
    const d1 = day(60);
    setRequest = (
      await place(crewB, { facilityId: f('kp-1940s-mur'), title: 'Owl', kind: 'firm', phases: [days(d1, 2)] })
    ).id;
    zoneHold = (
      await place(crewC, {
        facilityId: f('kp-moscow-1940s'),
        title: 'Heron',
        kind: 'hold',
        phases: [days(d1 + 3 * 24 * H, 2)],
      })
    ).id;

    const res = await staff.request('GET', '/api/staff/approvals');
    expect(res.status).toBe(200);
    const items = res.body.map((i: unknown) => approvalItemSchema.parse(i));
    expect(items.map((i: { booking: { id: string } }) => i.booking.id)).toEqual([firmed, setRequest]);
    const [first, second] = items;
    expect(first.facility.slug).toBe('kz-stage-1');
    expect(first.organisation.id).toBe(crewA.organisation.id);
    expect(first.booking.phases).toHaveLength(1);
    expect(first.competing).toEqual([
      expect.objectContaining({ bookingId: releasedHold, relation: 'hold', status: 'released', via: 'self' }),
    ]);
    expect(second.competing).toEqual([
      expect.objectContaining({ bookingId: zoneHold, relation: 'hold', status: 'held', via: 'ancestor', holdRank: 1 }),
    ]);
  });

  it('decides several at once, answering per item; a rejection needs a reason; the requester sees it', async () => {
    const missing = newId();
    const noReason = await staff.request('POST', '/api/staff/approvals/decide', {
      decisions: [{ bookingId: setRequest, decision: 'reject' }],
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.issues[0].path).toBe('decisions.0.reason');

    const res = await staff.request('POST', '/api/staff/approvals/decide', {
      decisions: [
        { bookingId: firmed, decision: 'confirm', reason: 'Paperwork in order' },
        { bookingId: setRequest, decision: 'reject', reason: 'Set under repair that week' },
        { bookingId: missing, decision: 'confirm' },
        { bookingId: releasedHold, decision: 'confirm' },
      ],
    });
    expect(res.status).toBe(200);
    const { results } = decideResultSchema.parse(res.body);
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false]);
    expect(results[0]!.booking).toMatchObject({ status: 'confirmed', reason: 'Paperwork in order' });
    expect(results[2]!.error!.code).toBe('not_found');
    expect(results[3]!.error!.code).toBe('conflict');

    const mine = await crewB.request('GET', `/api/bookings/${setRequest}`);
    expect(mine.body).toMatchObject({ status: 'rejected', reason: 'Set under repair that week' });
    const notes = await crewB.request('GET', '/api/notifications');
    expect(notes.status).toBe(200);
    expect(notes.body).toEqual([
      expect.objectContaining({
        kind: 'request_rejected',
        bookingId: setRequest,
        reason: 'Set under repair that week',
      }),
    ]);
    expect((await crewA.request('GET', '/api/notifications')).body[0]).toMatchObject({
      kind: 'request_confirmed',
      bookingId: firmed,
    });
    // Decided requests leave the queue.
    const queue = await staff.request('GET', '/api/staff/approvals');
    expect(queue.body).toEqual([]);
    // Crews cannot decide.
    expect(
      (
        await crewA.request('POST', '/api/staff/approvals/decide', {
          decisions: [{ bookingId: firmed, decision: 'confirm' }],
        })
      ).status,
    ).toBe(403);
  });
});

describe('staff changes for any organisation', () => {
  it('creates for another organisation, moves confirmed time keeping it confirmed, and cancels, each with a reason', async () => {
    const d0 = day(80);
    const created = await place(staff, {
      facilityId: f('kz-stage-3'),
      title: 'Phoned in',
      kind: 'firm',
      organisationId: crewA.organisation.id,
      phases: [shifts(d0, 2)],
    });
    expect(created.organisationId).toBe(crewA.organisation.id);
    await staff.request('POST', `/api/bookings/${created.id}/confirm`);
    const noReason = await staff.request('PATCH', `/api/staff/bookings/${created.id}`, {
      version: 2,
      phases: [shifts(d0 + 24 * H, 2)],
    });
    expect(noReason.status).toBe(400);
    const moved = await staff.request('PATCH', `/api/staff/bookings/${created.id}`, {
      version: 2,
      phases: [shifts(d0 + 24 * H, 2)],
      reason: 'Swapped with a rig day',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ status: 'confirmed', version: 3, reason: 'Swapped with a rig day' });
    expect(
      (await crewA.request('PATCH', `/api/staff/bookings/${created.id}`, { version: 3, title: 'x', reason: 'y' }))
        .status,
    ).toBe(403);
    const cancelled = await staff.request('POST', `/api/staff/bookings/${created.id}/cancel`, {
      reason: 'Production postponed',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: 'Production postponed' });
    const seen = await crewA.request('GET', `/api/bookings/${created.id}`);
    expect(seen.body).toMatchObject({ status: 'cancelled', reason: 'Production postponed' });
    const history = await staff.request('GET', `/api/bookings/${created.id}/history`);
    expect(history.body.map((e: { action: string; by: { userId: string } }) => [e.action, e.by.userId])).toEqual([
      ['create', staff.user.id],
      ['confirm', staff.user.id],
      ['update', staff.user.id],
      ['cancel', staff.user.id],
    ]);
  });
});

describe('hold order', () => {
  it('moves a hold before another competing hold or to the back; ranks follow; the first hold can go firm', async () => {
    const d0 = day(90);
    const body = { facilityId: f('kz-stage-2'), title: 'Queue', kind: 'hold', phases: [shifts(d0, 2)] };
    const a = await place(crewA, body);
    const b = await place(crewB, body);
    const c = await place(crewC, body);
    const rank = async (id: string) => (await staff.request('GET', `/api/bookings/${id}`)).body.holdRank;
    expect([await rank(a.id), await rank(b.id), await rank(c.id)]).toEqual([1, 2, 3]);

    expect(
      (await staff.request('POST', '/api/staff/holds/reorder', { bookingId: c.id, beforeBookingId: a.id })).status,
    ).toBe(400);
    const r1 = await staff.request('POST', '/api/staff/holds/reorder', {
      bookingId: c.id,
      beforeBookingId: a.id,
      reason: 'Long-standing client',
    });
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect(r1.body).toMatchObject({ holdRank: 1, reason: 'Long-standing client' });
    expect([await rank(c.id), await rank(a.id), await rank(b.id)]).toEqual([1, 2, 3]);
    // Between two holds: b before a.
    await staff.request('POST', '/api/staff/holds/reorder', {
      bookingId: b.id,
      beforeBookingId: a.id,
      reason: 'Deposit paid',
    });
    expect([await rank(c.id), await rank(b.id), await rank(a.id)]).toEqual([1, 2, 3]);
    // To the back.
    await staff.request('POST', '/api/staff/holds/reorder', {
      bookingId: c.id,
      beforeBookingId: null,
      reason: 'Missed the deadline',
    });
    expect([await rank(b.id), await rank(a.id), await rank(c.id)]).toEqual([1, 2, 3]);
    await checkInvariant();

    // Refusals: not competing, not a hold, itself.
    const other = await place(crewA, {
      facilityId: f('kz-stage-1'),
      title: 'Elsewhere',
      kind: 'hold',
      phases: [shifts(d0, 2)],
    });
    const notCompeting = await staff.request('POST', '/api/staff/holds/reorder', {
      bookingId: a.id,
      beforeBookingId: other.id,
      reason: 'x',
    });
    expect(notCompeting.status).toBe(409);
    expect(
      (await staff.request('POST', '/api/staff/holds/reorder', { bookingId: a.id, beforeBookingId: a.id, reason: 'x' }))
        .status,
    ).toBe(409);
    expect(
      (await crewA.request('POST', '/api/staff/holds/reorder', { bookingId: a.id, beforeBookingId: null, reason: 'x' }))
        .status,
    ).toBe(403);

    // The new first hold (b) can go firm; the old first (a) cannot.
    expect((await crewA.request('POST', `/api/bookings/${a.id}/firm`)).status).toBe(409);
    const firm = await crewB.request('POST', `/api/bookings/${b.id}/firm`);
    expect(firm.status, JSON.stringify(firm.body)).toBe(200);
    expect((await crewA.request('GET', `/api/bookings/${a.id}`)).body.status).toBe('released');
    const notHold = await staff.request('POST', '/api/staff/holds/reorder', {
      bookingId: b.id,
      beforeBookingId: null,
      reason: 'x',
    });
    expect(notHold.status).toBe(409);
    const history = await staff.request('GET', `/api/bookings/${c.id}/history`);
    const reorders = history.body.filter((e: { action: string }) => e.action === 'reorder');
    expect(
      reorders.map((e: { after: { reason: string }; by: { userId: string } }) => [e.after.reason, e.by.userId]),
    ).toEqual([
      ['Long-standing client', staff.user.id],
      ['Missed the deadline', staff.user.id],
    ]);
    await checkInvariant();
  });
});

describe('blackouts', () => {
  it('previews the impact on the facility, its ancestors and descendants, buffers included', async () => {
    const d0 = day(100);
    const firm = await place(crewA, {
      facilityId: f('kp-old-rus-court'),
      title: 'Court',
      kind: 'firm',
      phases: [days(d0, 1)],
    });
    const hold = await place(crewB, {
      facilityId: f('kp-old-rus-market'),
      title: 'Market',
      kind: 'hold',
      phases: [days(d0 + 2 * 24 * H, 1)],
    });
    const res = await staff.request('POST', '/api/staff/blackouts/impact', {
      facilityId: f('kp-old-rus-city'),
      start: iso(d0),
      end: iso(d0 + 3 * 24 * H),
    });
    expect(res.status).toBe(200);
    const impact = blackoutImpactSchema.parse(res.body);
    expect(impact.firm.map((i) => [i.bookingId, i.via, i.status])).toEqual([[firm.id, 'descendant', 'pending']]);
    expect(impact.holds.map((i) => [i.bookingId, i.via, i.holdRank])).toEqual([[hold.id, 'descendant', 1]]);
    // From a set: the zone's bookings are ancestors; a blackout the day after a booking still hits it (1-day buffer).
    const zone = await place(crewC, {
      facilityId: f('kp-old-rus-city'),
      title: 'Zone',
      kind: 'hold',
      phases: [days(d0 + 10 * 24 * H, 1)],
    });
    const fromSet = await staff.request('POST', '/api/staff/blackouts/impact', {
      facilityId: f('kp-old-rus-vybuty'),
      start: iso(d0 + 11 * 24 * H),
      end: iso(d0 + 12 * 24 * H),
    });
    expect(fromSet.body.holds.map((i: { bookingId: string; via: string }) => [i.bookingId, i.via])).toEqual([
      [zone.id, 'ancestor'],
    ]);
    const clear = await staff.request('POST', '/api/staff/blackouts/impact', {
      facilityId: f('kp-old-rus-vybuty'),
      start: iso(d0 + 13 * 24 * H),
      end: iso(d0 + 14 * 24 * H),
    });
    expect(clear.body).toMatchObject({ firm: [], holds: [] });
    const bad = await staff.request('POST', '/api/staff/blackouts/impact', {
      facilityId: f('kp-old-rus-city'),
      start: iso(d0 + 24 * H),
      end: iso(d0),
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await staff.request('POST', '/api/staff/blackouts/impact', {
          facilityId: newId(),
          start: iso(d0),
          end: iso(d0 + 24 * H),
        })
      ).status,
    ).toBe(400);
  });

  it('refuses over firm time (409 with it), asks before releasing holds, then releases them and tells the holders', async () => {
    const d0 = day(100);
    const overFirm = await staff.request('POST', '/api/staff/blackouts', {
      facilityId: f('kp-old-rus-city'),
      start: iso(d0),
      end: iso(d0 + 3 * 24 * H),
      reason: 'Set rebuild',
      releaseHolds: true,
    });
    expect(overFirm.status).toBe(409);
    expect(overFirm.body.error.code).toBe('booking_conflict');
    expect(
      overFirm.body.error.details.conflicts.some(
        (c: { status: string; bookingId?: string }) => c.status === 'pending' && c.bookingId,
      ),
    ).toBe(true);

    const d1 = day(130);
    const h1 = await place(crewA, {
      facilityId: f('kp-arkanar-palace'),
      title: 'Palace',
      kind: 'hold',
      phases: [days(d1, 2)],
    });
    const h2 = await place(crewB, {
      facilityId: f('kp-arkanar-palace'),
      title: 'Palace too',
      kind: 'hold',
      phases: [days(d1, 2)],
    });
    const body = {
      facilityId: f('kp-arkanar'),
      start: iso(d1 + 24 * H),
      end: iso(d1 + 5 * 24 * H),
      reason: 'Public event',
    };
    const ask = await staff.request('POST', '/api/staff/blackouts', body);
    expect(ask.status).toBe(409);
    expect(ask.body.error.code).toBe('holds_in_the_way');
    expect(ask.body.error.details.holds.map((h: { bookingId: string }) => h.bookingId).sort()).toEqual(
      [h1.id, h2.id].sort(),
    );
    expect((await crewA.request('GET', `/api/bookings/${h1.id}`)).body.status).toBe('held');

    const done = await staff.request('POST', '/api/staff/blackouts', { ...body, releaseHolds: true });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.blackout).toMatchObject({
      kind: 'blackout',
      status: 'blackout',
      title: 'Public event',
      facilityId: f('kp-arkanar'),
    });
    expect(done.body.released.sort()).toEqual([h1.id, h2.id].sort());
    expect((await crewA.request('GET', `/api/bookings/${h1.id}`)).body.status).toBe('released');
    for (const [s, id] of [
      [crewA, h1.id],
      [crewB, h2.id],
    ] as const) {
      const notes = (await s.request('GET', '/api/notifications')).body;
      expect(notes).toContainEqual(
        expect.objectContaining({ kind: 'hold_released', bookingId: id, reason: 'Public event' }),
      );
    }
    const history = await staff.request('GET', `/api/bookings/${h1.id}/history`);
    expect(history.body.at(-1).action).toMatch(/^released: blackout .* was placed over it$/);
    // The whole zone is blocked: a set of it cannot be held then.
    const after = await crewC.request('POST', '/api/bookings', {
      facilityId: f('kp-arkanar-waterfront'),
      title: 'x',
      kind: 'hold',
      phases: [days(d1 + 2 * 24 * H, 1)],
    });
    expect(after.status).toBe(409);
    expect((await crewA.request('POST', '/api/staff/blackouts', { ...body, releaseHolds: true })).status).toBe(403);
    await checkInvariant();
  });
});
