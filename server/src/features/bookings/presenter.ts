import { toMoscowIso, type Booking, type ReducedBooking, type VersionRecord } from '@moskino/shared';
import type { BookingVersionDoc } from './models.js';

export function toRecord(d: BookingVersionDoc): VersionRecord {
  return {
    bookingId: String(d.bookingId),
    version: d.version,
    seq: d.seq,
    facilityId: String(d.facilityId),
    organisationId: d.organisationId,
    kind: d.kind,
    status: d.status,
    phases: d.phases.map((p) => ({ type: p.type, start: new Date(p.start).getTime(), end: new Date(p.end).getTime() })),
    placedSeq: d.placedSeq,
    bumps: (d.bumps ?? []).map(String),
  };
}

/** The API shape of a booking: the given version document, with the status as reduced (a hold may
 * have been released by a later write) and the derived hold rank. */
export function presentBooking(
  d: BookingVersionDoc,
  reduced?: Pick<ReducedBooking, 'status'>,
  holdRank?: number | null,
  updatedAt?: Date,
): Booking {
  const status = reduced?.status ?? d.status;
  return {
    id: String(d.bookingId),
    facilityId: String(d.facilityId),
    organisationId: d.organisationId,
    title: d.title,
    notes: d.notes ?? '',
    kind: d.kind,
    status,
    holdRank: status === 'held' ? (holdRank ?? null) : null,
    phases: d.phases.map((p) => ({
      type: p.type as Booking['phases'][number]['type'],
      start: toMoscowIso(new Date(p.start).getTime()),
      end: toMoscowIso(new Date(p.end).getTime()),
    })),
    createdAt: toMoscowIso(new Date(d.createdAt).getTime()),
    updatedAt: toMoscowIso((updatedAt ?? new Date(d.at)).getTime()),
    version: d.version,
    ...(d.reason ? { reason: d.reason } : {}),
  };
}
