import type { Availability, DayRates, PhaseType } from '@moskino/shared';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const MOSCOW_OFFSET_MS = 3 * 3_600_000;

/** Monday of the Moscow week of a date `YYYY-MM-DD`. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

export function weekStarts(firstMonday: string, count: number): string[] {
  const t0 = Date.parse(`${firstMonday}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(t0 + i * WEEK_MS).toISOString().slice(0, 10));
}

/** Moscow midnight of a date, epoch ms. */
export function moscowMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - MOSCOW_OFFSET_MS;
}

/** Shares (0..1) of one facility's week. `held` is weighted by rank: a 1st hold counts 1, a 2nd ½, a 3rd ⅓… */
export interface Shares {
  confirmed: number;
  pending: number;
  held: number;
  blackout: number;
}

export interface UtilCell extends Shares {
  week: string;
  /** Everything taken or likely to be: confirmed + pending + weighted holds + blackout, at most 1. */
  total: number;
}

export interface UtilRow {
  facilityId: string;
  cells: UtilCell[];
  /** Mean `total` over the weeks. */
  mean: number;
  /** Estimated revenue (roubles) of confirmed and pending phases from the day rates; null without rates. */
  revenue: number | null;
}

export interface UtilFacility {
  id: string;
  dayRates: DayRates | null;
}

const zero = (): Shares => ({ confirmed: 0, pending: 0, held: 0, blackout: 0 });

/**
 * Availability (staff view) → facilities × weeks. Only busy time on the facility itself (`via: self`)
 * counts, so a zone's booking is not counted again on each of its sets. Shares are of the whole
 * week (24 × 7 hours).
 */
export function utilisation(
  availability: Availability | undefined,
  facilities: readonly UtilFacility[],
  weeks: readonly string[],
): UtilRow[] {
  const busyById = new Map((availability?.facilities ?? []).map((f) => [f.facilityId, f.busy]));
  return facilities.map((f) => {
    const busy = (busyById.get(f.id) ?? []).filter((b) => b.via === 'self');
    let revenue = 0;
    const cells = weeks.map((week) => {
      const ws = moscowMs(week);
      const we = ws + WEEK_MS;
      const s = zero();
      for (const b of busy) {
        const overlap = Math.max(0, Math.min(Date.parse(b.end), we) - Math.max(Date.parse(b.start), ws));
        if (!overlap) continue;
        const share = overlap / WEEK_MS;
        if (b.status === 'confirmed') s.confirmed += share;
        else if (b.status === 'pending') s.pending += share;
        else if (b.status === 'held') s.held += share / Math.max(1, b.holdRank ?? 1);
        else if (b.status === 'blackout') s.blackout += share;
        else continue;
        if ((b.status === 'confirmed' || b.status === 'pending') && f.dayRates) {
          const phase = (b.phase ?? 'shoot') as PhaseType;
          revenue += (overlap / DAY_MS) * (f.dayRates[phase] ?? f.dayRates.shoot);
        }
      }
      const total = Math.min(1, s.confirmed + s.pending + s.held + s.blackout);
      return { week, ...clamp(s), total };
    });
    const mean = cells.length ? cells.reduce((a, c) => a + c.total, 0) / cells.length : 0;
    return { facilityId: f.id, cells, mean, revenue: f.dayRates ? Math.round(revenue) : null };
  });
}

function clamp(s: Shares): Shares {
  return {
    confirmed: Math.min(1, s.confirmed),
    pending: Math.min(1, s.pending),
    held: Math.min(1, s.held),
    blackout: Math.min(1, s.blackout),
  };
}

/** Per week, the mean over facilities (the trend line). */
export function trend(rows: readonly UtilRow[], weeks: readonly string[]): UtilCell[] {
  return weeks.map((week, i) => {
    const s = zero();
    let total = 0;
    for (const r of rows) {
      const c = r.cells[i]!;
      s.confirmed += c.confirmed;
      s.pending += c.pending;
      s.held += c.held;
      s.blackout += c.blackout;
      total += c.total;
    }
    const n = Math.max(1, rows.length);
    return {
      week,
      confirmed: s.confirmed / n,
      pending: s.pending / n,
      held: s.held / n,
      blackout: s.blackout / n,
      total: total / n,
    };
  });
}

/** The `n` busiest and idlest facilities by mean share. */
export function extremes(rows: readonly UtilRow[], n = 5): { busiest: UtilRow[]; idlest: UtilRow[] } {
  const sorted = [...rows].sort((a, b) => b.mean - a.mean || a.facilityId.localeCompare(b.facilityId));
  return { busiest: sorted.slice(0, n), idlest: sorted.slice(-n).reverse() };
}

/** Six colour steps of the heat map: 0 (free), then by fifths. */
export const heatColours = ['#f2f4f7', '#d1e9ff', '#84caff', '#2e90fa', '#1570ef', '#194185'] as const;
export function heatBucket(share: number): number {
  if (!(share > 0)) return 0;
  return Math.min(5, 1 + Math.floor(Math.min(share, 0.9999) * 5));
}

/** CSV (comma-separated, RFC 4180 quoting, one row per facility and week). */
export function toCsv(rows: readonly UtilRow[], name: (id: string) => string): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const pct = (x: number) => (x * 100).toFixed(1);
  const lines = ['facility_id,facility,week,confirmed_pct,pending_pct,held_weighted_pct,blackout_pct,total_pct'];
  for (const r of rows)
    for (const c of r.cells)
      lines.push(
        [
          r.facilityId,
          q(name(r.facilityId)),
          c.week,
          pct(c.confirmed),
          pct(c.pending),
          pct(c.held),
          pct(c.blackout),
          pct(c.total),
        ].join(','),
      );
  return `${lines.join('\n')}\n`;
}
