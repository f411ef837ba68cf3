import { describe, expect, it } from 'vitest';
import type { Availability, Facility, Site } from '@moskino/shared';
import { busyKind, siteResourceId, toEvents, toResources } from './mapping';
import { step, visibleRange, rangeToIso } from './range';

const rules = {
  bookingUnit: 'day',
  minUnits: 1,
  maxUnits: 30,
  leadTimeHours: 0,
  horizonDays: 365,
  bufferMinutes: 0,
} as const;
function fac(id: string, parentId: string | null, extra: Partial<Facility> = {}): Facility {
  return {
    id,
    slug: id,
    parentId,
    rootId: parentId ?? id,
    site: 'kinopark',
    kind: parentId ? 'backlot_set' : 'backlot_zone',
    name: { ru: `Объект ${id}`, en: `Facility ${id}` },
    areaM2: 100,
    heightM: null,
    features: [],
    period: null,
    bookable: true,
    status: 'operating',
    estimated: false,
    source: null,
    notes: '',
    rules,
    dayRates: null,
    ...extra,
  };
}
const sites: Site[] = [
  {
    id: 's1',
    slug: 'kinopark',
    name: { ru: 'Кинопарк', en: 'Kinopark' },
    address: { ru: 'а', en: 'a' },
    brand: 'moskino',
  },
  {
    id: 's2',
    slug: 'kinozavod',
    name: { ru: 'Кинозавод', en: 'Kinozavod' },
    address: { ru: 'а', en: 'a' },
    brand: 'moskino',
  },
];
const zone = fac('zone', null);
const set = fac('set', 'zone', { estimated: true });
const stage = fac('stage', null, { kind: 'pavilion', site: 'kinozavod', bookable: false });
const all = [zone, set, stage];

describe('toResources: facilities → rows of the tree site → zone → set', () => {
  it('puts top-level facilities under their site and sets under their zone', () => {
    const rows = toResources(all, sites, { lang: 'ru' });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(siteResourceId('kinopark'))).toMatchObject({ isSite: true, title: 'Кинопарк', bookable: false });
    expect(byId.get('zone')!.parentId).toBe(siteResourceId('kinopark'));
    expect(byId.get('set')!.parentId).toBe('zone');
    expect(byId.get('set')!.estimated).toBe(true);
    expect(byId.get('stage')).toMatchObject({ parentId: siteResourceId('kinozavod'), bookable: false });
    expect(rows.filter((r) => r.isSite)).toHaveLength(2);
  });

  it('hangs a facility whose parent is filtered out under the nearest visible ancestor or the site, and drops empty sites', () => {
    const rows = toResources([set], sites, { lang: 'en', all });
    expect(rows.map((r) => r.id)).toEqual([siteResourceId('kinopark'), 'set']);
    expect(rows[1]).toMatchObject({ parentId: siteResourceId('kinopark'), title: 'Facility set' });
  });
});

describe('toEvents: availability → timeline events', () => {
  const availability: Availability = {
    from: '2026-05-01T00:00:00+03:00',
    to: '2026-05-08T00:00:00+03:00',
    facilities: [
      {
        facilityId: 'zone',
        busy: [
          {
            start: '2026-05-01T00:00:00+03:00',
            end: '2026-05-02T00:00:00+03:00',
            status: 'held',
            holdRank: 1,
            via: 'self',
            bookingId: 'b1',
            title: 'Code name',
          },
          {
            start: '2026-05-01T00:00:00+03:00',
            end: '2026-05-02T00:00:00+03:00',
            status: 'held',
            holdRank: 2,
            via: 'self',
          },
          {
            start: '2026-05-03T00:00:00+03:00',
            end: '2026-05-04T00:00:00+03:00',
            status: 'confirmed',
            via: 'descendant',
            viaFacilityId: 'set',
            bookingId: 'b9',
          },
        ],
      },
      {
        facilityId: 'set',
        busy: [
          { start: '2026-05-05T00:00:00+03:00', end: '2026-05-06T00:00:00+03:00', status: 'pending', via: 'self' },
        ],
      },
      {
        facilityId: 'stage',
        busy: [
          { start: '2026-05-05T00:00:00+03:00', end: '2026-05-06T00:00:00+03:00', status: 'blackout', via: 'self' },
        ],
      },
    ],
  };
  const labels = { hold: (n?: number) => `hold#${n ?? 1}`, status: (s: string) => s.toUpperCase(), indirect: 'via' };

  it('maps statuses, ranks and indirect blocking to distinct classes and labels', () => {
    const events = toEvents(availability, new Set(['zone', 'set']), labels);
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({
      resourceId: 'zone',
      kind: 'hold1',
      title: 'hold#1 · Code name',
      bookingId: 'b1',
      indirect: false,
      className: 'busy busy-hold1',
    });
    expect(events[1]).toMatchObject({ kind: 'holdN', title: 'hold#2' });
    expect(events[2]).toMatchObject({
      kind: 'confirmed',
      indirect: true,
      title: 'via: CONFIRMED',
      className: 'busy busy-confirmed busy-indirect',
    });
    // Indirect blocks do not open the other booking's drawer.
    expect(events[2]!.bookingId).toBeUndefined();
    expect(events[3]).toMatchObject({ resourceId: 'set', kind: 'pending' });
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
  });

  it('makes only own live direct blocks draggable', () => {
    const events = toEvents(
      availability,
      new Set(['zone', 'set', 'stage']),
      labels,
      (b) => b.bookingId === 'b1' || b.bookingId === 'b9',
    );
    expect(events.map((e) => e.editable)).toEqual([true, false, false, false, false]);
    expect(toEvents(availability, new Set(['zone']), labels).every((e) => !e.editable)).toBe(true);
  });

  it('drops facilities that are not rows and copes with no data', () => {
    expect(toEvents(availability, new Set(['stage']), labels).map((e) => e.kind)).toEqual(['blackout']);
    expect(toEvents(undefined, new Set(['zone']), labels)).toEqual([]);
  });

  it('classifies statuses', () => {
    expect(busyKind({ status: 'held' })).toBe('hold1');
    expect(busyKind({ status: 'held', holdRank: 3 })).toBe('holdN');
    expect(busyKind({ status: 'cancelled' })).toBe('other');
  });
});

describe('toEvents: merging blocks of a row', () => {
  const labels = { hold: (n?: number) => `hold#${n ?? 1}`, status: (s: string) => s.toUpperCase(), indirect: 'via' };
  const d = (day: number, hour = 0) =>
    `2026-05-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+03:00`;
  const avail = (busy: Availability['facilities'][number]['busy']): Availability => ({
    from: d(1),
    to: d(31),
    facilities: [{ facilityId: 'zone', busy }],
  });
  const ids = new Set(['zone']);

  it('merges touching indirect blocks of the same status into one, not clickable', () => {
    const events = toEvents(
      avail([
        {
          start: d(1),
          end: d(2),
          status: 'confirmed',
          via: 'descendant',
          viaFacilityId: 'set',
          bookingId: 'x1',
          title: 'A',
        },
        {
          start: d(2),
          end: d(3),
          status: 'confirmed',
          via: 'descendant',
          viaFacilityId: 'set',
          bookingId: 'x2',
          title: 'B',
        },
        {
          start: d(3),
          end: d(4),
          status: 'confirmed',
          via: 'ancestor',
          viaFacilityId: 'zone',
          bookingId: 'x3',
          title: 'A',
        },
      ]),
      ids,
      labels,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      start: d(1),
      end: d(4),
      kind: 'confirmed',
      indirect: true,
      editable: false,
      title: 'via: CONFIRMED · A, B',
      className: 'busy busy-confirmed busy-indirect',
    });
    expect(events[0]!.bookingId).toBeUndefined();
  });

  it('merges overlapping indirect blocks (in any order) and keeps a gap apart', () => {
    const events = toEvents(
      avail([
        { start: d(2, 12), end: d(5), status: 'blackout', via: 'ancestor' },
        { start: d(1), end: d(3), status: 'blackout', via: 'descendant' },
        { start: d(2), end: d(2, 20), status: 'blackout', via: 'descendant' },
        { start: d(6), end: d(7), status: 'blackout', via: 'descendant' },
      ]),
      ids,
      labels,
    );
    expect(events.map((e) => [e.start, e.end])).toEqual([
      [d(1), d(5)],
      [d(6), d(7)],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it('does not merge different statuses or hold ranks, nor indirect with direct blocks', () => {
    const events = toEvents(
      avail([
        { start: d(1), end: d(2), status: 'held', holdRank: 1, via: 'descendant' },
        { start: d(2), end: d(3), status: 'held', holdRank: 2, via: 'descendant' },
        { start: d(3), end: d(4), status: 'pending', via: 'descendant' },
        { start: d(4), end: d(5), status: 'confirmed', via: 'descendant' },
        { start: d(5), end: d(6), status: 'confirmed', via: 'self' },
      ]),
      ids,
      labels,
    );
    expect(events.map((e) => `${e.kind}${e.indirect ? '~' : ''}`)).toEqual([
      'hold1~',
      'holdN~',
      'pending~',
      'confirmed~',
      'confirmed',
    ]);
  });

  it('leaves direct blocks apart for crew and staff, and the own bookings untouched always', () => {
    const busy: Availability['facilities'][number]['busy'] = [
      { start: d(1), end: d(2), status: 'held', holdRank: 1, via: 'self', bookingId: 'own1', organisationId: 'me' },
      { start: d(2), end: d(3), status: 'held', holdRank: 1, via: 'self', bookingId: 'own2', organisationId: 'me' },
      { start: d(3), end: d(4), status: 'held', holdRank: 1, via: 'self', bookingId: 'other', organisationId: 'them' },
      { start: d(4), end: d(5), status: 'held', holdRank: 1, via: 'self' },
    ];
    const own = (b: { organisationId?: string | null }) => b.organisationId === 'me';
    const crew = toEvents(avail(busy), ids, labels, own);
    expect(crew).toHaveLength(4);
    expect(crew.map((e) => [e.bookingId, e.editable])).toEqual([
      ['own1', true],
      ['own2', true],
      ['other', false],
      [undefined, false],
    ]);
    // Even when direct blocks merge, the editable ones stay as they are.
    const merged = toEvents(avail(busy), ids, labels, own, { mergeDirect: true });
    expect(merged.slice(0, 2)).toEqual(crew.slice(0, 2));
    expect(merged).toHaveLength(3);
    expect(merged[2]).toMatchObject({ start: d(3), end: d(5), editable: false, indirect: false, kind: 'hold1' });
    expect(merged[2]!.bookingId).toBeUndefined();
  });

  it('for partners merges touching direct blocks of the same status and rank, not overlapping or different ones', () => {
    const events = toEvents(
      avail([
        { start: d(1, 8), end: d(1, 20), status: 'confirmed', via: 'self' },
        { start: d(1, 20), end: d(2, 8), status: 'confirmed', via: 'self' },
        { start: d(2, 8), end: d(2, 20), status: 'confirmed', via: 'self' },
        { start: d(2, 20), end: d(3, 8), status: 'held', holdRank: 1, via: 'self' },
        { start: d(2, 20), end: d(3, 8), status: 'held', holdRank: 2, via: 'self' },
        { start: d(3, 8), end: d(3, 20), status: 'held', holdRank: 2, via: 'self' },
        { start: d(3, 12), end: d(3, 22), status: 'held', holdRank: 2, via: 'self' },
      ]),
      ids,
      labels,
      undefined,
      { mergeDirect: true },
    );
    expect(events.map((e) => [e.kind, e.start, e.end])).toEqual([
      ['confirmed', d(1, 8), d(2, 20)],
      ['hold1', d(2, 20), d(3, 8)],
      ['holdN', d(2, 20), d(3, 20)],
      ['holdN', d(3, 12), d(3, 22)],
    ]);
    expect(events[2]!.title).toBe('hold#2');
  });
});

describe('visible range by zoom (Moscow dates)', () => {
  it('aligns day, week (Monday), month and quarter', () => {
    expect(visibleRange('day', '2026-05-06')).toEqual({ start: '2026-05-06', end: '2026-05-07' });
    expect(visibleRange('week', '2026-05-06')).toEqual({ start: '2026-05-04', end: '2026-05-11' });
    expect(visibleRange('month', '2026-05-06')).toEqual({ start: '2026-05-01', end: '2026-06-01' });
    expect(visibleRange('quarter', '2026-05-06')).toEqual({ start: '2026-04-01', end: '2026-07-01' });
    expect(step('quarter', '2026-05-06', 1)).toBe('2026-07-01');
    expect(step('week', '2026-05-06', -1)).toBe('2026-04-27');
    expect(rangeToIso({ start: '2026-05-04', end: '2026-05-11' })).toEqual({
      from: '2026-05-04T00:00:00+03:00',
      to: '2026-05-11T00:00:00+03:00',
    });
  });
});
