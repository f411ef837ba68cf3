import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema, type AuditEntry } from '@moskino/shared';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { createUser, signInAs, type Session } from './helpers/auth.js';
import { day, facilityIds, H, iso } from './helpers/bookings.js';

let srv: TestServer;
let crew: Session;
let staff: Session;
let admin: Session;
let ids: Map<string, string>;
const f = (slug: string) => ids.get(slug)!;
const shifts = (from: number, n: number) => ({
  type: 'shoot',
  start: iso(from + 8 * H),
  end: iso(from + 8 * H + n * 12 * H),
});
let bookingId: string;
let started: string;

beforeAll(async () => {
  srv = await startTestServer();
  crew = await signInAs(srv.baseUrl, 'crew');
  staff = await signInAs(srv.baseUrl, 'staff');
  admin = await signInAs(srv.baseUrl, 'admin');
  ids = await facilityIds();
  started = iso(Date.now() - 1000);
  const created = await crew.request('POST', '/api/bookings', {
    facilityId: f('kz-stage-1'),
    title: 'Audited',
    kind: 'firm',
    phases: [shifts(day(30), 2)],
  });
  bookingId = created.body.id;
  await staff.request('POST', '/api/staff/approvals/decide', {
    decisions: [{ bookingId, decision: 'reject', reason: 'No paperwork' }],
  });
  await staff.request('POST', '/api/bookings', {
    facilityId: f('kz-stage-2'),
    title: 'Maintenance',
    kind: 'blackout',
    phases: [shifts(day(31), 1)],
  });
  await admin.request('PATCH', `/api/admin/facilities/${f('kz-stage-3')}`, {
    notes: 'Repainted',
    reason: 'Annual survey',
  });
  const victim = await createUser({ role: 'crew', organisationId: crew.organisation.id });
  await admin.request('POST', `/api/users/${victim.id}/deactivate`);
  await staff.request('POST', '/api/organisations', { kind: 'production', name: 'Audit Films' });
});
afterAll(async () => {
  await srv?.close();
});

async function search(params: Record<string, string>): Promise<AuditEntry[]> {
  const res = await staff.request('GET', `/api/staff/audit?${new URLSearchParams(params)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.map((e: unknown) => auditEntrySchema.parse(e));
}

describe('audit log', () => {
  it('has every change of a booking with who, before and after, newest first', async () => {
    const entries = await search({ booking: bookingId });
    expect(entries.map((e) => e.action)).toEqual(['reject', 'create']);
    const [reject, create] = entries;
    expect(reject).toMatchObject({
      entity: 'booking',
      entityId: bookingId,
      by: { userId: staff.user.id, role: 'staff' },
      reason: 'No paperwork',
      organisationId: crew.organisation.id,
      facilityId: f('kz-stage-1'),
    });
    expect(reject!.before).toMatchObject({ status: 'pending' });
    expect(reject!.after).toMatchObject({ status: 'rejected', reason: 'No paperwork' });
    expect(create!.before).toBeNull();
  });

  it('filters by user, organisation, facility, action, entity and date', async () => {
    expect((await search({ user: crew.user.id })).map((e) => e.action)).toEqual(['create']);
    const byOrg = await search({ organisation: crew.organisation.id });
    expect(byOrg.map((e) => e.action).sort()).toEqual(['create', 'reject', 'user.deactivate']);
    const byFacility = await search({ facility: f('kz-stage-3') });
    expect(byFacility).toEqual([
      expect.objectContaining({
        entity: 'facility',
        action: 'facility.update',
        reason: 'Annual survey',
        by: expect.objectContaining({ userId: admin.user.id }),
      }),
    ]);
    expect((byFacility[0]!.before as { notes: string }).notes).not.toBe('Repainted');
    expect((byFacility[0]!.after as { notes: string }).notes).toBe('Repainted');
    expect((await search({ entity: 'blackout' })).map((e) => [e.entity, e.action, e.facilityId])).toEqual([
      ['blackout', 'create', f('kz-stage-2')],
    ]);
    const users = await search({ entity: 'user' });
    expect(users).toEqual([
      expect.objectContaining({
        action: 'user.deactivate',
        before: expect.objectContaining({ active: true }),
        after: expect.objectContaining({ active: false }),
      }),
    ]);
    expect((await search({ action: 'organisation.create' }))[0]!.after).toMatchObject({ name: { en: 'Audit Films' } });
    expect(await search({ from: iso(Date.now() + 3_600_000) })).toEqual([]);
    expect((await search({ from: started, to: iso(Date.now() + 60_000) })).length).toBeGreaterThanOrEqual(6);
    expect((await search({ limit: '2' })).length).toBe(2);
  });

  it('validates filters and is for staff only', async () => {
    expect((await staff.request('GET', '/api/staff/audit?user=nope')).status).toBe(400);
    expect((await staff.request('GET', '/api/staff/audit?from=yesterday')).status).toBe(400);
    expect((await crew.request('GET', '/api/staff/audit')).status).toBe(403);
  });
});
