import type { Utilisation } from '@moskino/shared';

/** One period (week or month) of one row of the heat map: shares 0..1 of bookable time. */
export interface UtilCell {
  /** Moscow date the period starts on, `YYYY-MM-DD`. */
  period: string;
  confirmed: number;
  pending: number;
  /** Held time weighted by rank (1st hold counts 1, 2nd ½, …). */
  held: number;
  blackout: number;
  /** Taken or likely to be: confirmed + pending + weighted holds + blackout, at most 1. */
  total: number;
  bookableHours: number;
}

export interface UtilRow {
  key: string;
  name: string;
  cells: UtilCell[];
  /** `total` over the whole window (bookable-time weighted). */
  mean: number;
}

const clamp1 = (x: number) => Math.max(0, Math.min(1, x));

/** The server's utilisation (facility, zone or site rows × periods) → heat-map rows in the UI language. */
export function toHeatRows(u: Utilisation | undefined, lang: 'ru' | 'en'): UtilRow[] {
  if (!u) return [];
  return u.rows.map((r) => ({
    key: r.key,
    name: r.label[lang],
    cells: r.periods.map((p) => ({
      period: p.start.slice(0, 10),
      confirmed: p.confirmed,
      pending: p.pending,
      held: p.held,
      blackout: p.blackout,
      total: clamp1(p.confirmed + p.pending + p.held + p.blackout),
      bookableHours: p.bookableHours,
    })),
    mean: clamp1(r.total.confirmed + r.total.pending + r.total.held + r.total.blackout),
  }));
}

/** Per period, the whole selection: shares weighted by each row's bookable hours (the trend line). */
export function trend(rows: readonly UtilRow[]): UtilCell[] {
  const first = rows[0];
  if (!first) return [];
  return first.cells.map((c0, i) => {
    let hours = 0;
    const s = { confirmed: 0, pending: 0, held: 0, blackout: 0 };
    for (const r of rows) {
      const c = r.cells[i];
      if (!c) continue;
      hours += c.bookableHours;
      s.confirmed += c.confirmed * c.bookableHours;
      s.pending += c.pending * c.bookableHours;
      s.held += c.held * c.bookableHours;
      s.blackout += c.blackout * c.bookableHours;
    }
    const d = hours || 1;
    const out = { confirmed: s.confirmed / d, pending: s.pending / d, held: s.held / d, blackout: s.blackout / d };
    return {
      period: c0.period,
      ...out,
      total: clamp1(out.confirmed + out.pending + out.held + out.blackout),
      bookableHours: hours,
    };
  });
}

/** Six colour steps of the heat map: 0 (nothing), then by fifths. */
export const heatColours = ['#f2f4f7', '#d1e9ff', '#84caff', '#2e90fa', '#1570ef', '#194185'] as const;
export const heatLabels = ['0 %', '1–20 %', '20–40 %', '40–60 %', '60–80 %', '80–100 %'] as const;

/** Share → colour step: 0 only for nothing at all, then 0–20 % → 1 … 80–100 % → 5. */
export function heatBucket(share: number): number {
  if (!(share > 0)) return 0;
  return Math.min(5, 1 + Math.floor(Math.min(share, 0.9999) * 5));
}

const DAY_MS = 86_400_000;

/** Monday of the Moscow week of a date `YYYY-MM-DD`. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/** The window of `count` weeks from a Monday, or `count` months from the first of a month, as Moscow instants. */
export function windowOf(first: string, count: number, granularity: 'week' | 'month'): { from: string; to: string } {
  if (granularity === 'week') {
    const end = new Date(Date.parse(`${first}T00:00:00Z`) + count * 7 * DAY_MS).toISOString().slice(0, 10);
    return { from: `${first}T00:00:00+03:00`, to: `${end}T00:00:00+03:00` };
  }
  const d = new Date(`${first.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + count);
  return { from: `${first.slice(0, 7)}-01T00:00:00+03:00`, to: `${d.toISOString().slice(0, 10)}T00:00:00+03:00` };
}
