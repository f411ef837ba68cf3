import mongoose from 'mongoose';
import { toMoscowIso, type AuditEntry, type AuditQuery } from '@moskino/shared';
import type { Caller } from '../../http/routes.js';
import { BookingVersionModel, type BookingVersionDoc } from '../bookings/models.js';
import { presentBooking } from '../bookings/presenter.js';
import { AuditEventModel, type AuditEventDoc } from './models.js';

// sanitizeFilter is on globally: operators the server itself writes are marked trusted.
const t = <T>(op: T): T => mongoose.trusted(op) as T;

export type AuditEntity = AuditEntry['entity'];

export interface AuditInput {
  entity: AuditEntity;
  entityId: string;
  action: string;
  organisationId?: string | null;
  facilityId?: string | null;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

/** Drops undefined and turns values into plain JSON (Dates as ISO strings) before storing. */
const plain = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/** Records one change (users, organisations, catalogue). Written after the change it describes: a
 * crash in between loses the record, never the change (documented limit; bookings have no such gap). */
export async function recordAudit(
  caller: Pick<Caller, 'userId' | 'organisationId' | 'role'>,
  input: AuditInput,
): Promise<void> {
  await AuditEventModel.create({
    entity: input.entity,
    entityId: input.entityId,
    action: input.action,
    actor: { userId: caller.userId, organisationId: caller.organisationId, role: caller.role },
    organisationId: input.organisationId ?? null,
    facilityId: input.facilityId ?? null,
    reason: input.reason ?? '',
    before: plain(input.before),
    after: plain(input.after),
    at: new Date(),
  });
}

function presentEvent(d: AuditEventDoc): AuditEntry {
  return {
    id: String(d._id),
    at: toMoscowIso(new Date(d.at).getTime()),
    entity: d.entity as AuditEntity,
    entityId: d.entityId,
    action: d.action,
    by: d.actor,
    organisationId: d.organisationId ?? null,
    facilityId: d.facilityId ?? null,
    reason: d.reason ?? '',
    before: d.before ?? null,
    after: d.after ?? null,
  };
}

const isId = (s: string | undefined): s is string => !!s && /^[0-9a-f]{24}$/i.test(s);

export const auditService = {
  /**
   * Searches both trails: booking versions (each is the record of one change of a booking or a
   * blackout; "before" is the previous version) and `audit_events`. Newest first, at most `limit`.
   * Plain finds with equality filters; the time window is a range on `at`.
   */
  async search(q: AuditQuery): Promise<AuditEntry[]> {
    const limit = q.limit ?? 200;
    const at: Record<string, Date> = {};
    if (q.from) at.$gte = new Date(q.from);
    if (q.to) at.$lt = new Date(q.to);
    const atFilter = Object.keys(at).length ? { at: t(at) } : {};
    const wantBookings = !q.entity || q.entity === 'booking' || q.entity === 'blackout';
    const wantEvents = !q.entity || (q.entity !== 'booking' && q.entity !== 'blackout');

    const out: AuditEntry[] = [];
    if (wantBookings) {
      const f: Record<string, unknown> = { ...atFilter };
      if (isId(q.booking)) f.bookingId = new mongoose.Types.ObjectId(q.booking);
      if (isId(q.facility)) f.facilityId = new mongoose.Types.ObjectId(q.facility);
      if (q.organisation) f.organisationId = q.organisation;
      if (q.user) f['actor.userId'] = q.user;
      if (q.action) f.action = q.action;
      if (q.entity === 'blackout') f.kind = 'blackout';
      const versions = await BookingVersionModel.find(f).sort({ at: -1 }).limit(limit).lean<BookingVersionDoc[]>();
      const filtered = q.entity === 'booking' ? versions.filter((v) => v.kind !== 'blackout') : versions;
      const ids = [...new Set(filtered.filter((v) => v.version > 1).map((v) => String(v.bookingId)))].map(
        (id) => new mongoose.Types.ObjectId(id),
      );
      const previous = ids.length
        ? await BookingVersionModel.find({ bookingId: t({ $in: ids }) }).lean<BookingVersionDoc[]>()
        : [];
      const byKey = new Map(previous.map((v) => [`${String(v.bookingId)}:${v.version}`, v]));
      for (const v of filtered) {
        const prev = byKey.get(`${String(v.bookingId)}:${v.version - 1}`);
        out.push({
          id: String(v._id),
          at: toMoscowIso(new Date(v.at).getTime()),
          entity: v.kind === 'blackout' ? 'blackout' : 'booking',
          entityId: String(v.bookingId),
          action: v.action,
          by: v.actor,
          organisationId: v.organisationId,
          facilityId: String(v.facilityId),
          reason: v.reason ?? '',
          before: prev ? presentBooking(prev, undefined, null) : null,
          after: presentBooking(v, undefined, null),
        });
      }
    }
    if (wantEvents && !q.booking) {
      const f: Record<string, unknown> = { ...atFilter };
      if (q.entity) f.entity = q.entity;
      if (isId(q.facility)) f.facilityId = q.facility;
      if (q.organisation) f.organisationId = q.organisation;
      if (q.user) f['actor.userId'] = q.user;
      if (q.action) f.action = q.action;
      const events = await AuditEventModel.find(f).sort({ at: -1 }).limit(limit).lean<AuditEventDoc[]>();
      out.push(...events.map(presentEvent));
    }
    return out.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id)).slice(0, limit);
  },
};
