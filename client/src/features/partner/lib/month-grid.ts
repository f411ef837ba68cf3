import type { Availability, BookingStatus } from '@moskino/shared';
import { daysOfMonth, moscowMidnight } from './dates';

/**
 * What a partner may know about one facility on one Moscow day: free, held (with the best rank
 * present, so they see how contested it is), booked (requested or confirmed), or blocked (a
 * blackout). The strongest state of the day wins: blocked > booked > held > free. `partial` when the
 * busy time covers only part of the day; `indirect` when it comes only through a related facility
 * (the whole zone, or one set of it).
 */
export type DayState = 'free' | 'held' | 'booked' | 'blocked';

export interface DayCell {
  date: string;
  state: DayState;
  /** Best (lowest) hold rank that day, when `state` is `held`; how many holds overlap. */
  holdRank?: number;
  holds?: number;
  partial: boolean;
  indirect: boolean;
}

export interface GridRow {
  facilityId: string;
  days: DayCell[];
}

const weight: Record<DayState, number> = { free: 0, held: 1, booked: 2, blocked: 3 };

export function stateOf(status: BookingStatus): DayState | null {
  switch (status) {
    case 'held':
      return 'held';
    case 'pending':
    case 'confirmed':
      return 'booked';
    case 'blackout':
      return 'blocked';
    default:
      return null; // cancelled, rejected, released, expired free the time
  }
}

/** Availability of a month → one row per facility (in the given order) with a cell per day. */
export function toMonthGrid(
  availability: Availability | undefined,
  facilityIds: readonly string[],
  month: string,
): GridRow[] {
  const days = daysOfMonth(month);
  const busyById = new Map((availability?.facilities ?? []).map((f) => [f.facilityId, f.busy]));
  return facilityIds.map((facilityId) => {
    const busy = busyById.get(facilityId) ?? [];
    return {
      facilityId,
      days: days.map((date, i) => {
        const dayStart = moscowMidnight(date);
        const dayEnd = i + 1 < days.length ? moscowMidnight(days[i + 1]!) : dayStart + 86_400_000;
        const cell: DayCell = { date, state: 'free', partial: false, indirect: false };
        // Covered parts of the day, to tell a whole day from part of one.
        const covered: Array<[number, number]> = [];
        let direct = false;
        for (const b of busy) {
          const state = stateOf(b.status);
          if (!state) continue;
          const s = Math.max(Date.parse(b.start), dayStart);
          const e = Math.min(Date.parse(b.end), dayEnd);
          if (!(e > s)) continue;
          covered.push([s, e]);
          if (b.via === 'self') direct = true;
          if (weight[state] > weight[cell.state]) cell.state = state;
          if (state === 'held') {
            cell.holds = (cell.holds ?? 0) + 1;
            const rank = b.holdRank ?? 1;
            cell.holdRank = cell.holdRank === undefined ? rank : Math.min(cell.holdRank, rank);
          }
        }
        if (cell.state === 'free') return cell;
        if (cell.state !== 'held') {
          delete cell.holdRank;
          delete cell.holds;
        }
        cell.indirect = !direct;
        covered.sort((a, b) => a[0] - b[0]);
        let reach = dayStart;
        for (const [s, e] of covered) {
          if (s > reach) break;
          reach = Math.max(reach, e);
        }
        cell.partial = reach < dayEnd;
        return cell;
      }),
    };
  });
}

/** Count of days per state over the grid (for the summary line). */
export function summarise(rows: readonly GridRow[]): Record<DayState, number> {
  const out: Record<DayState, number> = { free: 0, held: 0, booked: 0, blocked: 0 };
  for (const r of rows) for (const d of r.days) out[d.state] += 1;
  return out;
}
