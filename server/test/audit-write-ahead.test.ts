import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema, type AuditEntry, type Facility } from '@moskino/shared';
import { AuditEventModel, type AuditEventDoc } from '../src/features/audit/models.js';
import { AUDIT_GRACE_MS, audited, recoverPendingAudit } from '../src/features/audit/service.js';
import { OrganisationModel, UserModel, InvitationModel } from '../src/features/auth/models.js';
import { FacilityModel } from '../src/features/catalogue/models.js';
import { catalogueService } from '../src/features/catalogue/service.js';
import { ensureIndexes } from '../src/db/connection.js';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { createUser, signInAs, type Session } from './helpers/auth.js';
import { facilityIds } from './helpers/bookings.js';

/**
 * Write-ahead audit records of non-booking changes (server/src/features/audit/service.ts): every
 * change has exactly one visible record; a process that dies between the record and the change, or
 * between the change and marking the record applied, leaves nothing a reader can misread.
 */
let srv: TestServer;
let admin: Session;
let staff: Session;
let ids: Map<string, string>;
const f = (slug: string) => ids.get(slug)!;
const oid = (s: string) => new mongoose.Types.ObjectId(s);
const t = <T>(op: T): T => mongoose.trusted(op) as T;

beforeAll(async () => {
  srv = await startTestServer();
  admin = await signInAs(srv.baseUrl, 'admin');
  staff = await signInAs(srv.baseUrl, 'staff');
  ids = await facilityIds();
});
afterAll(async () => {
  await srv?.close();
});

async function search(params: Record<string, string>): Promise<AuditEntry[]> {
  const res = await staff.request('GET', `/api/staff/audit?${new URLSearchParams(params)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.map((e: unknown) => auditEntrySchema.parse(e));
}

async function stampOf(model: mongoose.Model<any>, id: string) {
  return model.findById(oid(id), { auditSeq: 1, lastAuditId: 1 }).lean<{ auditSeq?: number; lastAuditId?: unknown }>();
}

async function recordsOf(facilityId: string): Promise<AuditEventDoc[]> {
  return AuditEventModel.find({ facilityId }).sort({ seq: 1 }).lean<AuditEventDoc[]>();
}

const admin$ = () => ({ userId: admin.user.id, organisationId: admin.organisation.id, role: 'admin' as const });
/** Never settles: an `apply` that ends in it leaves the database exactly as a process killed there. */
const killed = () => new Promise<never>(() => {});

/**
 * A facility edit (notes) through the real `audited` helper whose process "dies": after writing the
 * record (`applied: false`) or after the change as well (`applied: true`), never marking it applied.
 * Answers the record once the database is in that state.
 */
async function crashedEdit(facilityId: string, notes: string, applied: boolean): Promise<AuditEventDoc> {
  void audited(
    admin$(),
    FacilityModel,
    oid(facilityId),
    async () => {
      const before = await catalogueService.getFacility(facilityId);
      return {
        audit: {
          entity: 'facility' as const,
          entityId: facilityId,
          action: 'facility.update',
          facilityId,
          before,
          after: { ...before, notes },
        },
      };
    },
    async (_planned, stamp) => {
      if (applied) await FacilityModel.updateOne({ _id: oid(facilityId) }, { $set: { notes, ...stamp } });
      return killed();
    },
  );
  for (let i = 0; i < 200; i++) {
    const e = await AuditEventModel.findOne({ facilityId, state: 'pending' }).lean<AuditEventDoc>();
    const doc = await FacilityModel.findById(oid(facilityId)).lean<{ notes: string }>();
    if (e && (!applied || doc?.notes === notes)) return e;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the crashed edit never reached the database');
}

/** Makes a record look written `ms` ago (time passing after a crash). */
async function age(id: mongoose.Types.ObjectId, ms = AUDIT_GRACE_MS + 1000): Promise<void> {
  await AuditEventModel.updateOne({ _id: id }, { $set: { at: new Date(Date.now() - ms) } });
}

describe('normal flows: one applied record per change, with before and after', () => {
  it('facility create, edits and retire over HTTP: one record each, chained, stamped on the facility', async () => {
    const created = await admin.request('POST', '/api/admin/facilities', {
      slug: 'kp-wal-alley',
      site: 'kinopark',
      parentId: f('kp-modern-moscow'),
      kind: 'backlot_set',
      name: { ru: 'Переулок', en: 'Alley' },
      features: [],
      bookable: true,
      rules: { bookingUnit: 'day', minUnits: 1, maxUnits: 60, leadTimeHours: 48, horizonDays: 730, bufferMinutes: 0 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    for (const notes of ['one', 'two']) {
      const r = await admin.request('PATCH', `/api/admin/facilities/${id}`, { notes, reason: `set ${notes}` });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const retired = await admin.request('POST', `/api/admin/facilities/${id}/retire`, { reason: 'gone' });
    expect(retired.status).toBe(200);

    const entries = await search({ facility: id });
    expect(entries.map((e) => e.action)).toEqual([
      'facility.retire',
      'facility.update',
      'facility.update',
      'facility.create',
    ]);
    expect(entries.every((e) => e.state === 'applied' && e.entity === 'facility')).toBe(true);
    const [retire, two, one, create] = entries;
    expect(create!.before).toBeNull();
    expect(create!.after).toEqual(created.body);
    expect(one!.before).toEqual(create!.after);
    expect(two!.before).toEqual(one!.after);
    expect(retire!.before).toEqual(two!.after);
    expect((two!.after as Facility).notes).toBe('two');
    // The last record's `after` is the facility as it is now.
    expect(retire!.after).toEqual((await api(srv.baseUrl, 'GET', `/api/facilities/${id}`)).body);
    // The facility carries the number and the id of its last record; nothing is left pending.
    const stamp = await stampOf(FacilityModel, id);
    expect(stamp).toMatchObject({ auditSeq: 4 });
    expect(String(stamp!.lastAuditId)).toBe(retire!.id);
    expect((await recordsOf(id)).map((e) => [e.seq, e.state])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
      [4, 'applied'],
    ]);
    // Presenters do not leak the stamp.
    const shown = (await api(srv.baseUrl, 'GET', `/api/facilities/${id}`)).body;
    expect(shown).not.toHaveProperty('auditSeq');
    expect(shown).not.toHaveProperty('lastAuditId');
    expect(JSON.stringify((await admin.request('GET', '/api/admin/catalogue/export')).body)).not.toMatch(
      /auditSeq|lastAuditId/,
    );
  });

  it('a refused change leaves no visible record; one refused by the database is kept as abandoned', async () => {
    const id = f('kz-led-volume');
    const countBefore = await AuditEventModel.countDocuments({ facilityId: id });
    // Refused while planning: nothing is written.
    const bad = await admin.request('PATCH', `/api/admin/facilities/${id}`, { rules: { minUnits: 0 } });
    expect(bad.status).toBe(400);
    expect(await AuditEventModel.countDocuments({ facilityId: id })).toBe(countBefore);
    // Refused by the unique slug index after the record was written: the record is abandoned at once.
    const dup = await admin.request('PATCH', `/api/admin/facilities/${id}`, { slug: 'kz-xr-stage' });
    expect(dup.status).toBe(409);
    expect(await search({ facility: id })).toEqual([]);
    const abandoned = await search({ facility: id, state: 'abandoned' });
    expect(abandoned).toEqual([expect.objectContaining({ state: 'abandoned', action: 'facility.update' })]);
    expect((abandoned[0]!.after as Facility).slug).toBe('kz-xr-stage');
    // Its slot is free: the next edit takes change number 1.
    expect((await admin.request('PATCH', `/api/admin/facilities/${id}`, { notes: 'fine' })).status).toBe(200);
    // Both hold change number 1 (the abandoned one gave its slot up), so their order is not defined.
    const states = (await recordsOf(id)).map((e) => [e.seq, e.state]);
    expect(states.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      [1, 'abandoned'],
      [1, 'applied'],
    ]);
    expect(await search({ facility: id })).toHaveLength(1);
  });

  it('organisations, invitations, accepted invitations, (de)activation: one record each, stamped', async () => {
    const org = await staff.request('POST', '/api/organisations', { kind: 'production', name: 'WAL Films' });
    expect(org.status).toBe(201);
    const inv = await staff.request('POST', '/api/invitations', {
      email: 'wal-crew@test.example',
      role: 'crew',
      organisationId: org.body.id,
    });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const accepted = await api(srv.baseUrl, 'POST', `/api/invitations/${inv.body.token}/accept`, {
      password: 'a long enough password',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const userId = accepted.body.user.id as string;
    expect((await admin.request('POST', `/api/users/${userId}/deactivate`)).status).toBe(200);
    expect((await admin.request('POST', `/api/users/${userId}/activate`)).status).toBe(200);
    // A second acceptance is refused before anything is written.
    const again = await api(srv.baseUrl, 'POST', `/api/invitations/${inv.body.token}/accept`, {
      password: 'a long enough password',
    });
    expect(again.status).toBe(410);

    const entries = await search({ organisation: org.body.id });
    expect(entries.map((e) => e.action)).toEqual([
      'user.activate',
      'user.deactivate',
      'user.create',
      'user.invite',
      'organisation.create',
    ]);
    const [activate, deactivate, create] = entries;
    expect(create!.after).toEqual(accepted.body.user);
    expect(deactivate!.before).toEqual(create!.after);
    expect(deactivate!.after).toEqual({ ...accepted.body.user, active: false });
    expect(activate!.before).toEqual(deactivate!.after);
    expect(activate!.after).toEqual(accepted.body.user);
    expect(await stampOf(UserModel, userId)).toMatchObject({ auditSeq: 3 });
    expect(String((await stampOf(UserModel, userId))!.lastAuditId)).toBe(activate!.id);
    expect(await stampOf(OrganisationModel, org.body.id)).toMatchObject({ auditSeq: 1 });
    const invitation = await InvitationModel.findOne({ email: 'wal-crew@test.example' }).lean();
    expect(invitation).toMatchObject({ auditSeq: 1 });
    expect(await AuditEventModel.countDocuments({ organisationId: org.body.id, state: t({ $ne: 'applied' }) })).toBe(0);

    // Two acceptances at once: the unique email index lets one in; the other's record, if it got
    // that far, is abandoned at once. Exactly one user.create is shown.
    const inv2 = await staff.request('POST', '/api/invitations', {
      email: 'wal-twice@test.example',
      role: 'crew',
      organisationId: org.body.id,
    });
    const both = await Promise.all(
      [1, 2].map(() =>
        api(srv.baseUrl, 'POST', `/api/invitations/${inv2.body.token}/accept`, { password: 'a long enough password' }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 410]);
    const creates = await search({ organisation: org.body.id, action: 'user.create' });
    expect(creates.map((e) => (e.after as { email: string }).email).sort()).toEqual([
      'wal-crew@test.example',
      'wal-twice@test.example',
    ]);
    expect(await AuditEventModel.countDocuments({ organisationId: org.body.id, state: 'pending' })).toBe(0);
    const users = (await staff.request('GET', `/api/users?organisationId=${org.body.id}`)).body;
    expect(JSON.stringify(users)).not.toMatch(/auditSeq|lastAuditId/);
  });

  it('an import is one record per facility it creates or changes', async () => {
    const rows = (await admin.request('GET', '/api/admin/catalogue/export')).body.rows as Array<Record<string, any>>;
    const changed = rows
      .filter((r) => r.slug === 'kz-water-stage' || r.slug === 'kz-costume-props')
      .map((r) => ({ ...r, notes: `imported ${r.slug}` }));
    const fresh = { ...changed[0]!, slug: 'kz-wal-stage', notes: 'new' };
    const res = await admin.request('POST', '/api/admin/catalogue/import', {
      format: 'json',
      rows: [...changed, fresh],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ imported: true, created: 1, updated: 2 });
    const entries = await search({ action: 'catalogue.import' });
    expect(entries).toHaveLength(3);
    const bySlug = new Map(entries.map((e) => [(e.after as Facility).slug, e]));
    expect(bySlug.get('kz-wal-stage')!.before).toBeNull();
    expect((bySlug.get('kz-water-stage')!.before as Facility).notes).not.toBe('imported kz-water-stage');
    for (const e of entries) {
      expect(e.after).toEqual((await api(srv.baseUrl, 'GET', `/api/facilities/${e.entityId}`)).body);
      expect(await stampOf(FacilityModel, e.entityId)).toMatchObject({ auditSeq: 1 });
    }
  });

  it('concurrent edits of one facility: no lost update, each applied edit has its record, chained', async () => {
    const id = f('kp-stage-2026');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        admin.request('PATCH', `/api/admin/facilities/${id}`, { notes: `race ${i}`, reason: `race ${i}` }),
      ),
    );
    for (const a of answers) expect([200, 409], JSON.stringify(a.body)).toContain(a.status);
    const ok = answers.filter((a) => a.status === 200).length;
    expect(ok).toBeGreaterThan(0);
    const records = (await recordsOf(id)).filter((e) => e.state === 'applied');
    expect(records.map((e) => e.seq)).toEqual(Array.from({ length: ok }, (_, i) => i + 1));
    for (let i = 1; i < records.length; i++) expect(records[i]!.before).toEqual(records[i - 1]!.after);
    expect(records.at(-1)!.after).toEqual((await api(srv.baseUrl, 'GET', `/api/facilities/${id}`)).body);
    expect(await stampOf(FacilityModel, id)).toMatchObject({ auditSeq: ok });
    expect(await AuditEventModel.countDocuments({ facilityId: id, state: 'pending' })).toBe(0);
  });
  it('records written before write-ahead auditing are migrated at start-up and shown as applied', async () => {
    const _id = new mongoose.Types.ObjectId();
    await AuditEventModel.collection.insertOne({
      _id,
      entity: 'organisation',
      entityId: staff.organisation.id,
      action: 'organisation.create',
      actor: { userId: staff.user.id, organisationId: staff.organisation.id, role: 'staff' },
      organisationId: staff.organisation.id,
      facilityId: null,
      reason: '',
      before: null,
      after: { id: staff.organisation.id },
      at: new Date(),
    });
    await ensureIndexes();
    expect(await AuditEventModel.findById(_id).lean()).toMatchObject({
      state: 'applied',
      slot: `legacy:${String(_id)}`,
    });
    expect((await search({ action: 'organisation.create' })).map((e) => e.id)).toContain(String(_id));
  });
});

describe('a process killed in the middle of a change', () => {
  it('killed after the change: the record is shown as applied (settled by the search itself)', async () => {
    const id = f('kp-stage-2025');
    const e = await crashedEdit(id, 'made before the crash', true);
    expect(e.state).toBe('pending');
    const entries = await search({ facility: id });
    expect(entries).toEqual([
      expect.objectContaining({ id: String(e._id), state: 'applied', action: 'facility.update' }),
    ]);
    expect((entries[0]!.after as Facility).notes).toBe('made before the crash');
    expect((await AuditEventModel.findById(e._id).lean<AuditEventDoc>())!).toMatchObject({
      state: 'applied',
      settledBy: 'recovery',
    });
  });

  it('killed before the change: not shown; blocks the facility until the grace period, then abandoned', async () => {
    const id = f('kp-stage-interiors');
    const notesBefore = (await catalogueService.getFacility(id)).notes;
    const e = await crashedEdit(id, 'never made', false);
    // Young: it could still be on its way, so it stays pending, hidden, and holds change number 1.
    expect(await search({ facility: id })).toEqual([]);
    expect((await recoverPendingAudit()).pending).toContain(String(e._id));
    const blocked = await admin.request('PATCH', `/api/admin/facilities/${id}`, { notes: 'after the crash' });
    expect(blocked.status).toBe(409);
    expect((await catalogueService.getFacility(id)).notes).toBe(notesBefore);
    // Past the grace period: the next writer settles it (abandoned, slot freed) and goes ahead.
    await age(e._id);
    const ok = await admin.request('PATCH', `/api/admin/facilities/${id}`, { notes: 'after the crash' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await AuditEventModel.findById(e._id).lean<AuditEventDoc>())!).toMatchObject({
      state: 'abandoned',
      slot: `abandoned:${String(e._id)}`,
    });
    const entries = await search({ facility: id });
    expect(entries.map((x) => [x.action, (x.after as Facility).notes])).toEqual([
      ['facility.update', 'after the crash'],
    ]);
    expect((entries[0]!.before as Facility).notes).toBe(notesBefore);
    expect((await search({ facility: id, state: 'abandoned' })).map((x) => x.id)).toEqual([String(e._id)]);
  });

  it('a later change overwrote lastAuditId before recovery ran: the earlier record is still applied', async () => {
    const id = f('kp-water-stage');
    const a = await crashedEdit(id, 'change A', true);
    // Change B by a live process: reads change number 1 (A's), claims 2, overwrites lastAuditId.
    const b = await admin.request('PATCH', `/api/admin/facilities/${id}`, { notes: 'change B' });
    expect(b.status).toBe(200);
    const stamp = await stampOf(FacilityModel, id);
    expect(stamp!.auditSeq).toBe(2);
    expect(String(stamp!.lastAuditId)).not.toBe(String(a._id));
    // Even long after, with recovery alone (no search), A is applied, not abandoned.
    await age(a._id);
    const r = await recoverPendingAudit();
    expect(r.applied).toContain(String(a._id));
    expect(r.abandoned).not.toContain(String(a._id));
    const entries = await search({ facility: id });
    expect(entries.map((x) => (x.after as Facility).notes)).toEqual(['change B', 'change A']);
    expect(entries[0]!.before).toEqual(entries[1]!.after);
  });

  it('several recoveries at once settle every record once, the same way', async () => {
    const slugs = [
      'kp-vitebsky-hall',
      'kp-vitebsky-platform',
      'kp-airport-terminal',
      'kp-airport-apron',
      'kp-1940s-mur',
      'kp-1940s-metropol',
    ];
    const crashed = await Promise.all(slugs.map((s, i) => crashedEdit(f(s), `crash ${i}`, i % 2 === 0)));
    for (const e of crashed) await age(e._id);
    // Three recoveries and two searches, all at once.
    const [r1, r2, r3] = await Promise.all([
      recoverPendingAudit(),
      recoverPendingAudit(),
      recoverPendingAudit(),
      search({ entity: 'facility' }),
      search({ entity: 'facility', state: 'abandoned' }),
    ]);
    const applied = new Set([...r1!.applied, ...r2!.applied, ...r3!.applied]);
    const abandoned = new Set([...r1!.abandoned, ...r2!.abandoned, ...r3!.abandoned]);
    for (const [i, e] of crashed.entries()) {
      const id = String(e._id);
      const doc = (await AuditEventModel.findById(e._id).lean<AuditEventDoc>())!;
      if (i % 2 === 0) {
        expect(doc.state).toBe('applied');
        expect(doc.slot).toBe(e.slot);
        expect(abandoned.has(id)).toBe(false);
      } else {
        expect(doc.state).toBe('abandoned');
        expect(doc.slot).toBe(`abandoned:${id}`);
        expect(applied.has(id)).toBe(false);
      }
      // The record itself is untouched apart from its state.
      expect(doc.before).toEqual(e.before);
      expect(doc.after).toEqual(e.after);
    }
    expect(await AuditEventModel.countDocuments({ state: 'pending' })).toBe(0);
    const shown = await search({ entity: 'facility' });
    for (const [i, e] of crashed.entries())
      expect(shown.filter((x) => x.id === String(e._id))).toHaveLength(i % 2 === 0 ? 1 : 0);
    // A further recovery finds nothing to do.
    expect(await recoverPendingAudit()).toEqual({ applied: [], pending: [], abandoned: [] });
  });

  it('the user and organisation trails are written ahead the same way', async () => {
    const victim = await createUser({ role: 'crew', organisationId: staff.organisation.id });
    const e = await (async () => {
      void audited(
        admin$(),
        UserModel,
        oid(victim.id),
        async () => ({
          audit: { entity: 'user' as const, entityId: victim.id, action: 'user.deactivate', after: { active: false } },
        }),
        async (_p, stamp) => {
          await UserModel.updateOne({ _id: oid(victim.id) }, { $set: { active: false, ...stamp } });
          return killed();
        },
      );
      for (;;) {
        const found = await AuditEventModel.findOne({ entityId: victim.id }).lean<AuditEventDoc>();
        const u = await UserModel.findById(oid(victim.id)).lean<{ active: boolean }>();
        if (found && u && !u.active) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    expect(e.target).toMatchObject({ collection: 'users' });
    expect((await recoverPendingAudit()).applied).toContain(String(e._id));
    expect((await search({ user: admin.user.id, entity: 'user' })).map((x) => x.id)).toContain(String(e._id));
  });
});
