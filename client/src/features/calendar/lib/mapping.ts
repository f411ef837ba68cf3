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
  opts: { lang: 'ru' | 'en'; all?: readonly Facility[]; kindLabel?: (f: Facility) => string; href?: (f: Facility) => string },
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
    .map((s, i) => ({ id: siteResourceId(s.slug), title: s.name[opts.lang], order: i, isSite: true, bookable: false, estimated: false }));
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

/** Availability → timeline events; only rows that exist are kept (hidden facilities are dropped). */
export function toEvents(availability: Availability | undefined, resourceIds: ReadonlySet<string>, labels: LabelFns, editable?: EditableFn): TimelineEvent[] {
  if (!availability) return [];
  const out: TimelineEvent[] = [];
  for (const fa of availability.facilities) {
    if (!resourceIds.has(fa.facilityId)) continue;
    fa.busy.forEach((b, i) => {
      const kind = busyKind(b);
      const indirect = isIndirect(b);
      const base = b.status === 'held' ? labels.hold(b.holdRank) : labels.status(b.status);
      const title = [indirect ? `${labels.indirect}: ${base}` : base, b.title].filter(Boolean).join(' · ');
      out.push({
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
      });
    });
  }
  return out;
}
