import {
  DAY_MS,
  HOUR_MS,
  MOSCOW_OFFSET_MS,
  isLive,
  toMoscowIso,
  type Facility,
  type Forecast,
  type Revenue,
  type Share,
  type Utilisation,
  type UtilisationQuery,
} from '@moskino/shared';
import { readRoots } from '../bookings/service.js';
import { catalogueService } from '../catalogue/service.js';
import { toCsv } from '../catalogue-admin/csv.js';

/**
 * Capacity reports, computed in code from the engine's read path (plain finds by root, replicated in
 * process): no $lookup/$facet/$bucket. See docs/capacity.md.
 *  - Bookable time: every hour of the period on each bookable, operating facility.
 *  - A facility is occupied by bookings on itself and on its ancestors (a booked zone takes its sets).
 *  - Held time is weighted by rank: a hold of rank r counts 1/r (HOLD_WEIGHT), capped by the time
 *    left free by confirmed, pending and blacked-out time.
 */
export const HOLD_WEIGHT = '1/rank (a hold of rank r counts 1/r of its time; capped by the free time)';

export interface Period {
  start: number;
  end: number;
}

/** Weeks (Monday 00:00) or months (1st, 00:00) in Europe/Moscow covering [from, to), clipped to it. */
export function periodsOf(from: number, to: number, granularity: 'week' | 'month'): Period[] {
  const out: Period[] = [];
  const local = new Date(from + MOSCOW_OFFSET_MS);
  let start: number;
  if (granularity === 'week') {
    const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
    const dow = (local.getUTCDay() + 6) % 7; // Monday 0
    start = dayStart - dow * DAY_MS - MOSCOW_OFFSET_MS;
  } else {
    start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - MOSCOW_OFFSET_MS;
  }
  while (start < to) {
    let end: number;
    if (granularity === 'week') end = start + 7 * DAY_MS;
    else {
      const l = new Date(start + MOSCOW_OFFSET_MS);
      end = Date.UTC(l.getUTCFullYear(), l.getUTCMonth() + 1, 1) - MOSCOW_OFFSET_MS;
    }
    out.push({ start: Math.max(start, from), end: Math.min(end, to) });
    start = end;
  }
  return out;
}

interface Acc {
  bookable: number;
  confirmed: number;
  pending: number;
  held: number;
  blackout: number;
}
const zero = (): Acc => ({ bookable: 0, confirmed: 0, pending: 0, held: 0, blackout: 0 });
const inter = (a: Period, b: Period) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const round = (x: number) => Math.round(x * 10_000) / 10_000;

function share(a: Acc): Share {
  const held = Math.min(a.held, Math.max(0, a.bookable - a.confirmed - a.pending - a.blackout));
  const d = a.bookable || 1;
  return {
    bookableHours: round(a.bookable / HOUR_MS),
    confirmed: round(a.confirmed / d),
    pending: round(a.pending / d),
    held: round(held / d),
    blackout: round(a.blackout / d),
  };
}

function ancestorsOrSelf(byId: Map<string, Facility>, id: string): string[] {
  const out = [id];
  for (
    let cur = byId.get(id)?.parentId ?? null, guard = 0;
    cur && guard < 32;
    cur = byId.get(cur)?.parentId ?? null, guard++
  )
    out.push(cur);
  return out;
}

/** Per bookable facility and period: occupied time by status (held weighted). */
async function occupancy(from: number, to: number, periods: Period[]) {
  const tree = await catalogueService.loadTree();
  const facilities = tree.all.filter((f) => f.bookable && f.status === 'operating');
  const rootIds = [...new Set(facilities.map((f) => f.rootId))];
  const view = await readRoots(rootIds, from, to);
  // Phases of live bookings per facility they were placed on.
  const byFacility = new Map<string, Array<{ status: string; weight: number; start: number; end: number }>>();
  for (const b of view.bookings) {
    if (!isLive(b.status)) continue;
    const weight = b.status === 'held' ? 1 / (view.ranks.get(b.id) ?? 1) : 1;
    const list = byFacility.get(b.facilityId) ?? [];
    for (const p of b.phases)
      if (p.end > from && p.start < to) list.push({ status: b.status, weight, start: p.start, end: p.end });
    byFacility.set(b.facilityId, list);
  }
  const cells = new Map<string, Acc[]>();
  for (const f of facilities) {
    const accs = periods.map((p) => ({ ...zero(), bookable: p.end - p.start }));
    for (const owner of ancestorsOrSelf(tree.byId, f.id)) {
      for (const ph of byFacility.get(owner) ?? []) {
        periods.forEach((p, i) => {
          const ms = inter(p, ph);
          if (!ms) return;
          const a = accs[i]!;
          if (ph.status === 'confirmed') a.confirmed += ms;
          else if (ph.status === 'pending') a.pending += ms;
          else if (ph.status === 'blackout') a.blackout += ms;
          else a.held += ms * ph.weight;
        });
      }
    }
    cells.set(f.id, accs);
  }
  return { tree, facilities, cells, view };
}

const add = (a: Acc, b: Acc) => {
  a.bookable += b.bookable;
  a.confirmed += b.confirmed;
  a.pending += b.pending;
  a.held += Math.min(b.held, Math.max(0, b.bookable - b.confirmed - b.pending - b.blackout));
  a.blackout += b.blackout;
};

export const capacityService = {
  async utilisation(q: UtilisationQuery): Promise<Utilisation> {
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    const periods = periodsOf(from, to, q.granularity);
    const { tree, facilities, cells } = await occupancy(from, to, periods);
    const sites = new Map((await catalogueService.listSites()).map((s) => [s.slug as string, s.name]));
    const groupOf = (f: Facility): { key: string; label: { ru: string; en: string } } => {
      if (q.level === 'facility') return { key: f.id, label: f.name };
      if (q.level === 'site') return { key: f.site, label: sites.get(f.site) ?? { ru: f.site, en: f.site } };
      const chain = ancestorsOrSelf(tree.byId, f.id);
      const top = tree.byId.get(chain[chain.length - 1]!)!;
      return { key: top.id, label: top.name };
    };
    const groups = new Map<string, { label: { ru: string; en: string }; periods: Acc[]; total: Acc }>();
    for (const f of facilities) {
      const g = groupOf(f);
      const entry = groups.get(g.key) ?? { label: g.label, periods: periods.map(zero), total: zero() };
      cells.get(f.id)!.forEach((a, i) => {
        add(entry.periods[i]!, a);
        add(entry.total, a);
      });
      groups.set(g.key, entry);
    }
    const firmShare = facilities.map((f) => {
      const t = zero();
      for (const a of cells.get(f.id)!) add(t, a);
      return { facilityId: f.id, share: round((t.confirmed + t.pending) / (t.bookable || 1)) };
    });
    const sorted = [...firmShare].sort((a, b) => b.share - a.share || a.facilityId.localeCompare(b.facilityId));
    return {
      from: toMoscowIso(from),
      to: toMoscowIso(to),
      granularity: q.granularity,
      level: q.level,
      holdWeight: HOLD_WEIGHT,
      rows: [...groups.entries()].map(([key, g]) => ({
        key,
        label: g.label,
        periods: g.periods.map((a, i) => ({
          start: toMoscowIso(periods[i]!.start),
          end: toMoscowIso(periods[i]!.end),
          ...share(a),
        })),
        total: share(g.total),
      })),
      busiest: sorted.slice(0, 5),
      idlest: sorted.slice(-5).reverse(),
    };
  },

  utilisationCsv(u: Utilisation): string {
    const rows: unknown[][] = [];
    for (const r of u.rows)
      for (const p of r.periods)
        rows.push([
          u.level,
          r.key,
          r.label.en,
          r.label.ru,
          p.start,
          p.end,
          p.bookableHours,
          p.confirmed,
          p.pending,
          p.held,
          p.blackout,
        ]);
    return toCsv(
      [
        'level',
        'key',
        'name_en',
        'name_ru',
        'period_start',
        'period_end',
        'bookable_hours',
        'confirmed_share',
        'pending_share',
        'held_weighted_share',
        'blackout_share',
      ],
      rows,
    );
  },

  /** The coming months (from the start of this month): confirmed + pending + holds weighted by rank. */
  async forecast(months: number, now = Date.now()): Promise<Forecast> {
    const monthStart = (() => {
      const l = new Date(now + MOSCOW_OFFSET_MS);
      return Date.UTC(l.getUTCFullYear(), l.getUTCMonth(), 1) - MOSCOW_OFFSET_MS;
    })();
    const end = (() => {
      const l = new Date(monthStart + MOSCOW_OFFSET_MS);
      return Date.UTC(l.getUTCFullYear(), l.getUTCMonth() + months, 1) - MOSCOW_OFFSET_MS;
    })();
    const periods = periodsOf(monthStart, end, 'month');
    const { facilities, cells } = await occupancy(monthStart, end, periods);
    return {
      holdWeight: HOLD_WEIGHT,
      months: periods.map((p, i) => {
        const t = zero();
        for (const f of facilities) add(t, cells.get(f.id)![i]!);
        return {
          start: toMoscowIso(p.start),
          end: toMoscowIso(p.end),
          bookableHours: round(t.bookable / HOUR_MS),
          confirmedHours: round(t.confirmed / HOUR_MS),
          pendingHours: round(t.pending / HOUR_MS),
          weightedHeldHours: round(t.held / HOUR_MS),
          expectedShare: round((t.confirmed + t.pending + t.held) / (t.bookable || 1)),
        };
      }),
    };
  },

  /**
   * Estimated revenue per facility and period: confirmed and pending bookings on the facility itself,
   * each phase's chargeable days times the facility's day rate for the phase type. A chargeable day is
   * 24 h for day units and 12 h (one working shift) for shift and hour units. An estimate: the rates
   * are placeholders and discounts, overtime and services are not included.
   */
  async revenue(fromIso: string, toIso: string, granularity: 'week' | 'month'): Promise<Revenue> {
    const from = Date.parse(fromIso);
    const to = Date.parse(toIso);
    const periods = periodsOf(from, to, granularity);
    const tree = await catalogueService.loadTree();
    const view = await readRoots([...new Set(tree.all.map((f) => f.rootId))], from, to);
    const rows = new Map<
      string,
      { periods: Array<{ confirmed: number; pending: number }>; confirmed: number; pending: number }
    >();
    for (const b of view.bookings) {
      if (b.status !== 'confirmed' && b.status !== 'pending') continue;
      const f = tree.byId.get(b.facilityId);
      if (!f?.dayRates) continue;
      const dayMs = f.rules.bookingUnit === 'day' ? DAY_MS : 12 * HOUR_MS;
      const row = rows.get(f.id) ?? {
        periods: periods.map(() => ({ confirmed: 0, pending: 0 })),
        confirmed: 0,
        pending: 0,
      };
      for (const ph of b.phases) {
        const rate = f.dayRates[ph.type as keyof typeof f.dayRates] ?? 0;
        periods.forEach((p, i) => {
          const amount = (inter(p, ph) / dayMs) * rate;
          if (!amount) return;
          row.periods[i]![b.status as 'confirmed' | 'pending'] += amount;
          row[b.status as 'confirmed' | 'pending'] += amount;
        });
      }
      rows.set(f.id, row);
    }
    const r2 = (x: number) => Math.round(x);
    const out = [...rows.entries()].map(([facilityId, r]) => ({
      facilityId,
      periods: r.periods.map((p, i) => ({
        start: toMoscowIso(periods[i]!.start),
        end: toMoscowIso(periods[i]!.end),
        confirmed: r2(p.confirmed),
        pending: r2(p.pending),
      })),
      confirmed: r2(r.confirmed),
      pending: r2(r.pending),
    }));
    return {
      estimate: true,
      note: 'Estimate from placeholder day rates × chargeable days of each phase (24 h for day units, 12 h for shift and hour units); excludes discounts, overtime and services.',
      currency: 'RUB',
      rows: out.sort((a, b) => b.confirmed + b.pending - (a.confirmed + a.pending)),
      totalConfirmed: out.reduce((s, r) => s + r.confirmed, 0),
      totalPending: out.reduce((s, r) => s + r.pending, 0),
    };
  },
};
