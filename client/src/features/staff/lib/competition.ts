import type { Availability, Booking, Busy, Competitor } from '@moskino/shared';

/** What else wants a pending request's time: holds behind it, other requests for the facility's
 * parent or children, blackouts — every live busy interval overlapping one of its phases, other
 * than the request itself. */
export function competingFor(
  booking: Pick<Booking, 'id' | 'facilityId' | 'phases'>,
  availability: Availability | undefined,
): Busy[] {
  const busy = availability?.facilities.find((f) => f.facilityId === booking.facilityId)?.busy ?? [];
  const phases = booking.phases.map((p) => [Date.parse(p.start), Date.parse(p.end)] as const);
  const seen = new Set<string>();
  const out: Busy[] = [];
  for (const b of busy) {
    if (b.bookingId === booking.id) continue;
    if (!['held', 'pending', 'confirmed', 'blackout'].includes(b.status)) continue;
    const s = Date.parse(b.start);
    const e = Date.parse(b.end);
    if (!phases.some(([ps, pe]) => s < pe && ps < e)) continue;
    const key = b.bookingId ?? `${b.viaFacilityId ?? ''}:${b.start}:${b.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(b);
  }
  return out.sort(
    (a, b) =>
      (a.status === 'held' ? 1 : 0) - (b.status === 'held' ? 1 : 0) ||
      (a.holdRank ?? 0) - (b.holdRank ?? 0) ||
      Date.parse(a.start) - Date.parse(b.start),
  );
}

export function toCompetitor(b: Busy, facilityId: string): Competitor {
  return {
    bookingId: b.bookingId ?? '',
    facilityId: b.viaFacilityId ?? facilityId,
    organisationId: b.organisationId ?? '',
    title: b.title ?? '',
    status: b.status,
    holdRank: b.holdRank ?? null,
    relation: b.status === 'held' ? 'hold' : 'request',
    via: b.via,
    phases: [{ type: (b.phase ?? 'shoot') as Competitor['phases'][number]['type'], start: b.start, end: b.end }],
  };
}

/** The window covering every request (for one availability call), at most `maxDays` long. */
export function envelope(
  bookings: ReadonlyArray<Pick<Booking, 'phases'>>,
  maxDays = 400,
): { from: string; to: string } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const b of bookings)
    for (const p of b.phases) {
      from = Math.min(from, Date.parse(p.start));
      to = Math.max(to, Date.parse(p.end));
    }
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  to = Math.min(to, from + maxDays * 86_400_000);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
