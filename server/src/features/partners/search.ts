import { toMoscowIso, type Facility, type FreeSearchQuery, type FreeSearchResult } from '@moskino/shared';
import type { Caller } from '../../http/routes.js';
import { bookingService } from '../bookings/service.js';
import { catalogueService } from '../catalogue/service.js';

/**
 * "Where is a stage free?" Facilities matching the requirements (bookable and operating only), with
 * their free time over [from, to) computed from the booking engine's availability: every live booking
 * counts as busy (holds too: a pencilled date is not free), whether on the facility itself or through an
 * ancestor or descendant, widened on both sides by the facility's turnaround buffer (a new booking must
 * keep that distance from a different booking). Free windows are not rounded to the booking unit.
 */

export interface Interval {
  start: number;
  end: number;
}

/** The parts of [from, to) not covered by `busy` (any order, may overlap). Pure; unit-tested. */
export function freeWindows(from: number, to: number, busy: Interval[]): Interval[] {
  const sorted = busy
    .map((b) => ({ start: Math.max(from, b.start), end: Math.min(to, b.end) }))
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  let cursor = from;
  for (const b of sorted) {
    if (b.start > cursor) out.push({ start: cursor, end: b.start });
    cursor = Math.max(cursor, b.end);
  }
  if (cursor < to) out.push({ start: cursor, end: to });
  return out;
}

/** The engine reads as staff; only start, end and the facility's id leave this module. */
const engineReader: Caller = {
  userId: '000000000000000000000000',
  organisationId: '000000000000000000000000',
  role: 'staff',
};

function presentFacility(f: Facility) {
  return {
    id: f.id,
    slug: f.slug,
    site: f.site,
    kind: f.kind,
    name: f.name,
    areaM2: f.areaM2,
    heightM: f.heightM,
    features: f.features,
    bufferMinutes: f.rules.bufferMinutes,
  };
}

export const searchService = {
  async free(q: FreeSearchQuery): Promise<FreeSearchResult> {
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    const minShare = q.minFreeShare ?? 0.5;
    const { site, kind, feature, minArea, minHeight } = q;
    const candidates = (await catalogueService.listFacilities({ site, kind, feature, minArea, minHeight })).filter(
      (f) => f.bookable && f.status === 'operating',
    );
    const result: FreeSearchResult = { from: toMoscowIso(from), to: toMoscowIso(to), free: [], mostlyFree: [] };
    const maxBufferMs = Math.max(0, ...candidates.map((f) => f.rules.bufferMinutes)) * 60_000;
    for (let i = 0; i < candidates.length; i += 200) {
      const chunk = candidates.slice(i, i + 200);
      const availability = await bookingService.availability(engineReader, {
        // Read a buffer's width beyond the period: a booking just outside still keeps its buffer free.
        from: new Date(from - maxBufferMs).toISOString(),
        to: new Date(to + maxBufferMs).toISOString(),
        facilityIds: chunk.map((f) => f.id),
      });
      const busyById = new Map(availability.facilities.map((row) => [row.facilityId, row.busy]));
      for (const f of chunk) {
        const buffer = f.rules.bufferMinutes * 60_000;
        const busy = (busyById.get(f.id) ?? []).map((b) => ({
          start: Date.parse(b.start) - buffer,
          end: Date.parse(b.end) + buffer,
        }));
        const windows = freeWindows(from, to, busy);
        const freeMs = windows.reduce((sum, w) => sum + (w.end - w.start), 0);
        if (freeMs === to - from) {
          result.free.push({ facility: presentFacility(f) });
        } else if (freeMs > 0 && freeMs / (to - from) >= minShare) {
          result.mostlyFree.push({
            facility: presentFacility(f),
            freeShare: Math.round((freeMs / (to - from)) * 1000) / 1000,
            freeWindows: windows.map((w) => ({ start: toMoscowIso(w.start), end: toMoscowIso(w.end) })),
          });
        }
      }
    }
    result.mostlyFree.sort((a, b) => b.freeShare - a.freeShare || a.facility.slug.localeCompare(b.facility.slug));
    return result;
  },
};
