import type { Facility, Site } from '@moskino/shared';
import type { Availability, BusyInterval, BusyKind, TimelineEvent, TimelineResource } from '../types';

export const siteResourceId = (slug: string) => `site:${slug}`;

const kindOrder: Record<Facility['kind'], number> = {
  pavilion: 0,
  led_volume: 1,
  virtual_studio: 2,
  mocap_studio: 3,
  studio_complex: 4,
  backlot_zone: 5,
  backlot_set: 6,
  support_facility: 7,
};

/**
 * Facilities → timeline rows as a tree: site → (zone | pavilion | set) → set. `parentId` gives the
 * tree; a facility whose parent is filtered out hangs under its nearest visible ancestor, or its site.
 * Sites without a visible facility are left out.
 */
export function toResources(
  facilities: readonly Facility[],
  sites: readonly Site[],
  opts: {
    lang: 'ru' | 'en';
    all?: readonly Facility[];
    kindLabel?: (f: Facility) => string;
    href?: (f: Facility) => string;
  },
): TimelineResource[] {
  const visible = new Map(facilities.map((f) => [f.id, f]));
  const sorted = [...facilities].sort(
    (a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name[opts.lang].localeCompare(b.name[opts.lang], opts.lang),
  );
  const rows: TimelineResource[] = [];
  const usedSites = new Set<string>();
  const byId = new Map((opts.all ?? facilities).map((f) => [f.id, f]));
  sorted.forEach((f, i) => {
    // Nearest visible ancestor, climbing through filtered-out ones; else the site row.
    let parent = f.parentId;
    const seen = new Set<string>();
    while (parent && !visible.has(parent) && !seen.has(parent)) {
      seen.add(parent);
      parent = byId.get(parent)?.parentId ?? null;
    }
    const parentId = parent && visible.has(parent) ? parent : siteResourceId(f.site);
    if (parentId.startsWith('site:')) usedSites.add(f.site);
    rows.push({
      id: f.id,
      title: f.name[opts.lang],
      parentId,
      order: i,
      isSite: false,
      bookable: f.bookable && f.status === 'operating',
      estimated: f.estimated,
      kindLabel: opts.kindLabel?.(f),
      href: opts.href?.(f),
    });
  });
  const siteRows = sites
    .filter((s) => usedSites.has(s.slug))
    .map((s, i) => ({
      id: siteResourceId(s.slug),
      title: s.name[opts.lang],
      order: i,
      isSite: true,
      bookable: false,
      estimated: false,
    }));
  return [...siteRows, ...rows];
}

/** Time blocked through an ancestor (the whole zone) or a descendant (one of its sets). */
function isIndirect(b: BusyInterval): boolean {
  return b.via !== 'self';
}

export function busyKind(b: Pick<BusyInterval, 'status' | 'holdRank'>): BusyKind {
  switch (b.status) {
    case 'held':
      return (b.holdRank ?? 1) <= 1 ? 'hold1' : 'holdN';
    case 'pending':
      return 'pending';
    case 'confirmed':
      return 'confirmed';
    case 'blackout':
      return 'blackout';
    default:
      return 'other';
  }
}

export interface LabelFns {
  hold: (rank: number | undefined) => string;
  status: (status: string) => string;
  indirect: string;
}

/** Which busy intervals the caller may drag (own live bookings); none when omitted. */
export type EditableFn = (b: BusyInterval) => boolean;

export interface ToEventsOptions {
  /**
   * Also merge touching direct blocks of the same status and rank (partners: no booking of theirs is
   * on the timeline, so no direct block opens or drags). Never applies to an editable block.
   */
  mergeDirect?: boolean;
}

/** Same status and (for holds) the same rank: what a block's colour and label show. */
const mergeKey = (b: BusyInterval, indirect: boolean) =>
  `${indirect ? 'i' : 'd'}:${b.status}:${b.status === 'held' ? (b.holdRank ?? 1) : ''}`;

/** Distinct production titles of a merged block: the first few, "…" after them. */
function mergedTitle(titles: readonly (string | undefined)[]): string | undefined {
  const distinct = [...new Set(titles.filter((x): x is string => !!x))];
  if (!distinct.length) return undefined;
  return distinct.length > 3 ? `${distinct.slice(0, 3).join(', ')}, …` : distinct.join(', ');
}

/**
 * Availability → timeline events; only rows that exist are kept (hidden facilities are dropped).
 *
 * Fewer events for FullCalendar to draw: per row, indirect blocks (through the zone or a set: never
 * clickable, never the viewer's) of the same status and rank that overlap or touch become one block,
 * and with `mergeDirect` (partners) so do direct blocks of the same status and rank that touch. Editable
 * blocks (the viewer's own, draggable and clickable) are never merged; a block with nothing to merge
 * with keeps its id and fields.
 */
export function toEvents(
  availability: Availability | undefined,
  resourceIds: ReadonlySet<string>,
  labels: LabelFns,
  editable?: EditableFn,
  opts: ToEventsOptions = {},
): TimelineEvent[] {
  if (!availability) return [];
  const out: TimelineEvent[] = [];
  for (const fa of availability.facilities) {
    if (!resourceIds.has(fa.facilityId)) continue;
    // Indexed like `fa.busy`, so the row keeps the server's order; a merged run sits at its first block.
    const row: [number, TimelineEvent][] = [];
    const groups = new Map<string, { i: number; b: BusyInterval; s: number; e: number; label: string }[]>();
    fa.busy.forEach((b, i) => {
      const kind = busyKind(b);
      const indirect = isIndirect(b);
      const base = b.status === 'held' ? labels.hold(b.holdRank) : labels.status(b.status);
      const label = indirect ? `${labels.indirect}: ${base}` : base;
      const title = [label, b.title].filter(Boolean).join(' · ');
      const ev: TimelineEvent = {
        id: `${fa.facilityId}:${b.bookingId ?? i}:${b.start}`,
        resourceId: fa.facilityId,
        start: b.start,
        end: b.end,
        title,
        kind,
        indirect,
        bookingId: indirect ? undefined : b.bookingId,
        className: `busy busy-${kind}${indirect ? ' busy-indirect' : ''}`,
        editable: !indirect && !!b.bookingId && kind !== 'other' && (editable?.(b) ?? false),
      };
      const s = Date.parse(b.start);
      const e = Date.parse(b.end);
      if (!ev.editable && (indirect || opts.mergeDirect) && Number.isFinite(s) && Number.isFinite(e)) {
        const key = mergeKey(b, indirect);
        let g = groups.get(key);
        if (!g) groups.set(key, (g = []));
        g.push({ i, b, s, e, label });
      }
      row.push([i, ev]);
    });
    if (groups.size) {
      const replaced = new Map<number, TimelineEvent | null>();
      for (const [key, g] of groups) {
        const indirect = key.startsWith('i:');
        g.sort((x, y) => x.s - y.s || x.e - y.e);
        let run = [g[0]!];
        let runEnd = g[0]!.e;
        const flush = () => {
          if (run.length > 1) {
            const first = run.reduce((m, x) => (x.i < m.i ? x : m), run[0]!);
            const ev = row[first.i]![1];
            const startBlock = run[0]!;
            const endBlock = run.reduce((m, x) => (x.e > m.e ? x : m), run[0]!);
            replaced.set(first.i, {
              ...ev,
              id: `${fa.facilityId}:merged:${key}:${startBlock.b.start}`,
              start: startBlock.b.start,
              end: endBlock.b.end,
              title: [first.label, mergedTitle(run.map((x) => x.b.title))].filter(Boolean).join(' · '),
              bookingId: undefined,
              editable: false,
            });
            for (const x of run) if (x.i !== first.i) replaced.set(x.i, null);
          }
        };
        for (const x of g.slice(1)) {
          // Indirect: overlapping or touching. Direct (partners): touching only.
          const joins = indirect ? x.s <= runEnd : x.s === runEnd;
          if (joins) {
            run.push(x);
            runEnd = Math.max(runEnd, x.e);
          } else {
            flush();
            run = [x];
            runEnd = x.e;
          }
        }
        flush();
      }
      for (const [i, ev] of row) {
        const r = replaced.get(i);
        if (r === undefined) out.push(ev);
        else if (r) out.push(r);
      }
    } else {
      for (const [, ev] of row) out.push(ev);
    }
  }
  return out;
}
