import type { Availability, BlackoutImpact, BookingUnit } from '@moskino/shared';

type ImpactItem = BlackoutImpact['firm'][number];

export const blackoutReasons = ['maintenance', 'set_rebuild', 'public_event'] as const;
export type BlackoutReason = (typeof blackoutReasons)[number];

const DAY_MS = 86_400_000;

/** Whole Moscow days `from`..`to` (inclusive) on the facility's grid: shifts run from 08:00, hours and days from midnight. */
export function blackoutSpan(from: string, to: string, unit: BookingUnit): { start: string; end: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || to < from) return null;
  const time = unit === 'shift' ? '08:00' : '00:00';
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { start: `${from}T${time}:00+03:00`, end: `${next}T${time}:00+03:00` };
}

export interface Impact {
  /** Requests, confirmed bookings and other blackouts: a blackout over them is refused. */
  firm: ImpactItem[];
  /** Holds: released (their holders told) if staff agree. */
  holds: ImpactItem[];
}

/** What a blackout of `facilityId` over `[start, end)` would hit, from the staff view of availability. */
export function impactOf(
  availability: Availability | undefined,
  facilityId: string,
  span: { start: string; end: string },
): Impact {
  const busy = availability?.facilities.find((f) => f.facilityId === facilityId)?.busy ?? [];
  const s = Date.parse(span.start);
  const e = Date.parse(span.end);
  const firm: ImpactItem[] = [];
  const holds: ImpactItem[] = [];
  const seen = new Set<string>();
  for (const b of busy) {
    if (!(Date.parse(b.start) < e && s < Date.parse(b.end))) continue;
    const key = b.bookingId ?? `${b.start}:${b.end}:${b.status}:${b.viaFacilityId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const item: ImpactItem = {
      bookingId: b.bookingId ?? '',
      facilityId: b.viaFacilityId ?? facilityId,
      organisationId: b.organisationId ?? '',
      title: b.title ?? '',
      status: b.status,
      holdRank: b.holdRank ?? null,
      via: b.via,
      phases: [{ type: (b.phase ?? 'shoot') as ImpactItem['phases'][number]['type'], start: b.start, end: b.end }],
    };
    if (b.status === 'held') holds.push(item);
    else if (b.status === 'pending' || b.status === 'confirmed' || b.status === 'blackout') firm.push(item);
  }
  return { firm, holds };
}
