import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, floorToGrid, forecastSchema, revenueSchema, utilisationSchema } from '@moskino/shared';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { signInAs, type Session } from './helpers/auth.js';
import { facilityIds, H, iso } from './helpers/bookings.js';
import { periodsOf } from '../src/features/capacity/service.js';

let srv: TestServer;
let crewA: Session;
let crewB: Session;
let staff: Session;
let ids: Map<string, string>;
const f = (slug: string) => ids.get(slug)!;
/** A Monday 00:00 Moscow about 40 days ahead. */
let monday: number;
const WEEK_H = 168;

beforeAll(async () => {
  srv = await startTestServer();
  crewA = await signInAs(srv.baseUrl, 'crew');
  crewB = await signInAs(srv.baseUrl, 'crew');
  staff = await signInAs(srv.baseUrl, 'staff');
  ids = await facilityIds();
  const d = floorToGrid(Date.now() + 40 * DAY_MS, 'day');
  const dow = (new Date(d + 3 * H).getUTCDay() + 6) % 7;
  monday = d - dow * DAY_MS;
  const shifts = (from: number, n: number, type = 'shoot') => ({
    type,
    start: iso(from + 8 * H),
    end: iso(from + 8 * H + n * 12 * H),
  });
  const post = async (s: Session, body: Record<string, unknown>) => {
    const r = await s.request('POST', '/api/bookings', body);
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    return r.body as { id: string };
  };
  // kz-stage-3: confirmed Monday 08:00 + 14 shifts (160 h in the week); shoot at 156,000 per shift-day.
  const c = await post(crewA, {
    facilityId: f('kz-stage-3'),
    title: 'Confirmed',
    kind: 'firm',
    phases: [shifts(monday, 14)],
  });
  await staff.request('POST', `/api/bookings/${c.id}/confirm`);
  // kz-stage-1: two stacked holds of 48 h (weights 1 and 1/2 → 72 h).
  await post(crewA, { facilityId: f('kz-stage-1'), title: 'H1', kind: 'hold', phases: [shifts(monday, 4)] });
  await post(crewB, { facilityId: f('kz-stage-1'), title: 'H2', kind: 'hold', phases: [shifts(monday, 4)] });
  // kz-led-volume: pending 24 h; kz-stage-2: blackout 24 h.
  await post(crewB, {
    facilityId: f('kz-led-volume'),
    title: 'Pending',
    kind: 'firm',
    phases: [shifts(monday, 2, 'build')],
  });
  await post(staff, {
    facilityId: f('kz-stage-2'),
    title: 'Maintenance',
    kind: 'blackout',
    phases: [shifts(monday, 2, 'build')],
  });
  // The Arkanar zone blacked out for a day: the zone and each of its sets are blocked.
  await post(staff, {
    facilityId: f('kp-arkanar'),
    title: 'Event',
    kind: 'blackout',
    phases: [{ type: 'build', start: iso(monday + DAY_MS), end: iso(monday + 2 * DAY_MS) }],
  });
});
afterAll(async () => {
  await srv?.close();
});

const q = (params: Record<string, string>) => `/api/staff/utilisation?${new URLSearchParams(params)}`;

describe('periods', () => {
  it('weeks start on Monday and months on the 1st in Moscow, clipped to the window', () => {
    const from = Date.parse('2026-03-04T00:00:00+03:00');
    const to = Date.parse('2026-05-10T00:00:00+03:00');
    const months = periodsOf(from, to, 'month').map((p) => [iso(p.start), iso(p.end)]);
    expect(months).toEqual([
      ['2026-03-04T00:00:00+03:00', '2026-04-01T00:00:00+03:00'],
      ['2026-04-01T00:00:00+03:00', '2026-05-01T00:00:00+03:00'],
      ['2026-05-01T00:00:00+03:00', '2026-05-10T00:00:00+03:00'],
    ]);
    const weeks = periodsOf(from, Date.parse('2026-03-17T00:00:00+03:00'), 'week').map((p) => iso(p.start));
    expect(weeks).toEqual(['2026-03-04T00:00:00+03:00', '2026-03-09T00:00:00+03:00', '2026-03-16T00:00:00+03:00']);
  });
});

describe('utilisation', () => {
  it('per facility and week: confirmed, pending, held weighted by rank, blacked out; busiest and idlest', async () => {
    const res = await staff.request(
      'GET',
      q({ from: iso(monday), to: iso(monday + 7 * DAY_MS), granularity: 'week', level: 'facility' }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const u = utilisationSchema.parse(res.body);
    const row = (slug: string) => u.rows.find((r) => r.key === f(slug))!;
    expect(row('kz-stage-3').periods).toHaveLength(1);
    expect(row('kz-stage-3').total).toMatchObject({ bookableHours: WEEK_H, pending: 0, held: 0, blackout: 0 });
    expect(row('kz-stage-3').total.confirmed).toBeCloseTo(160 / WEEK_H, 3);
    expect(row('kz-stage-1').total.held).toBeCloseTo(72 / WEEK_H, 3);
    expect(row('kz-led-volume').total.pending).toBeCloseTo(24 / WEEK_H, 3);
    expect(row('kz-stage-2').total.blackout).toBeCloseTo(24 / WEEK_H, 3);
    // Blocked through the zone.
    expect(row('kp-arkanar-palace').total.blackout).toBeCloseTo(24 / WEEK_H, 3);
    expect(row('kz-stage-1').total.confirmed).toBe(0);
    expect(u.busiest[0]).toEqual({ facilityId: f('kz-stage-3'), share: expect.closeTo(160 / WEEK_H, 3) });
    expect(u.idlest.every((x) => x.share === 0)).toBe(true);
    expect(u.holdWeight).toMatch(/1\/rank/);
  });

  it('by zone and site (sums of the member facilities), by month, and as CSV', async () => {
    const zone = utilisationSchema.parse(
      (await staff.request('GET', q({ from: iso(monday), to: iso(monday + 7 * DAY_MS), level: 'zone' }))).body,
    );
    const arkanar = zone.rows.find((r) => r.key === f('kp-arkanar'))!;
    expect(arkanar.label.en).toBeTruthy();
    expect(arkanar.total.blackout).toBeCloseTo(24 / WEEK_H, 3); // every member blocked for 24 h
    const site = utilisationSchema.parse(
      (await staff.request('GET', q({ from: iso(monday), to: iso(monday + 7 * DAY_MS), level: 'site' }))).body,
    );
    const kinozavod = site.rows.find((r) => r.key === 'kinozavod')!;
    const kzFacilities = (await staff.request('GET', '/api/facilities?site=kinozavod&bookable=true')).body.filter(
      (x: { status: string }) => x.status === 'operating',
    );
    expect(kinozavod.total.bookableHours).toBe(kzFacilities.length * WEEK_H);
    expect(kinozavod.total.confirmed).toBeCloseTo(160 / (kzFacilities.length * WEEK_H), 3);
    const month = utilisationSchema.parse(
      (await staff.request('GET', q({ from: iso(monday), to: iso(monday + 62 * DAY_MS), granularity: 'month' }))).body,
    );
    expect(month.rows[0]!.periods.length).toBeGreaterThanOrEqual(3);
    const csv = await staff.request('GET', q({ from: iso(monday), to: iso(monday + 7 * DAY_MS), format: 'csv' }));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (csv.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'level,key,name_en,name_ru,period_start,period_end,bookable_hours,confirmed_share,pending_share,held_weighted_share,blackout_share',
    );
    expect(lines.some((l) => l.includes(f('kz-stage-3')))).toBe(true);
    // Bad windows.
    expect((await staff.request('GET', q({ from: iso(monday), to: iso(monday - DAY_MS) }))).status).toBe(400);
    expect((await staff.request('GET', q({ from: iso(monday), to: iso(monday + 500 * DAY_MS) }))).status).toBe(400);
    expect((await crewA.request('GET', q({ from: iso(monday), to: iso(monday + DAY_MS) }))).status).toBe(403);
  });
});

describe('forecast and revenue', () => {
  it('forecasts the coming months from confirmed, pending and weighted holds', async () => {
    const res = await staff.request('GET', '/api/staff/forecast?months=4');
    expect(res.status).toBe(200);
    const fc = forecastSchema.parse(res.body);
    expect(fc.months).toHaveLength(4);
    const total = fc.months.reduce(
      (s, m) => ({ c: s.c + m.confirmedHours, p: s.p + m.pendingHours, h: s.h + m.weightedHeldHours }),
      { c: 0, p: 0, h: 0 },
    );
    expect(total.c).toBeCloseTo(168, 3); // 14 shifts
    expect(total.p).toBeCloseTo(24, 3);
    expect(total.h).toBeCloseTo(72, 3);
    expect(fc.months.some((m) => m.expectedShare > 0)).toBe(true);
    expect((await staff.request('GET', '/api/staff/forecast?months=99')).status).toBe(400);
  });

  it('estimates revenue per facility and period from day rates and phases, labelled as an estimate', async () => {
    const res = await staff.request(
      'GET',
      `/api/staff/revenue?${new URLSearchParams({ from: iso(monday), to: iso(monday + 14 * DAY_MS), granularity: 'week' })}`,
    );
    expect(res.status).toBe(200);
    const r = revenueSchema.parse(res.body);
    expect(r.estimate).toBe(true);
    expect(r.note).toMatch(/[Ee]stimate/);
    const stage3 = r.rows.find((x) => x.facilityId === f('kz-stage-3'))!;
    expect(stage3.confirmed).toBe(14 * 156_000);
    expect(stage3.periods.map((p) => p.confirmed)).toEqual(
      [13 * 156_000 + 156_000 * (4 / 12), 156_000 * (8 / 12)].map(Math.round),
    );
    const led = r.rows.find((x) => x.facilityId === f('kz-led-volume'))!;
    expect(led).toMatchObject({ confirmed: 0, pending: 2 * 540_000 });
    expect(r.rows.find((x) => x.facilityId === f('kz-stage-1'))).toBeUndefined(); // holds earn nothing yet
  });
});
