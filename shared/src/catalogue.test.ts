import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ancestorIds, descendantIds, facilityQuerySchema, matchesFacilityQuery, type Facility } from './catalogue.js';

function facility(over: Partial<Facility>): Facility {
  return {
    id: 'x',
    slug: 'x',
    parentId: null,
    rootId: 'x',
    site: 'kinozavod',
    kind: 'pavilion',
    name: { ru: 'Павильон', en: 'Stage' },
    areaM2: 1000,
    heightM: 12,
    features: [],
    period: null,
    bookable: true,
    status: 'operating',
    estimated: true,
    source: null,
    notes: '',
    rules: { bookingUnit: 'shift', minUnits: 1, maxUnits: 10, leadTimeHours: 0, horizonDays: 365, bufferMinutes: 60 },
    dayRates: null,
    ...over,
  };
}

describe('facility query', () => {
  it('parses comma lists and numbers, refuses junk', () => {
    expect(facilityQuerySchema.parse({ kind: 'pavilion,led_volume', minArea: '500' })).toEqual({
      kind: ['pavilion', 'led_volume'],
      minArea: 500,
    });
    expect(facilityQuerySchema.safeParse({ minArea: 'abc' }).success).toBe(false);
    expect(facilityQuerySchema.safeParse({ site: ['a', 'b'] }).success).toBe(false);
    expect(facilityQuerySchema.safeParse({ other: '1' }).success).toBe(false);
  });

  it('matches on every criterion', () => {
    const f = facility({
      features: ['soundproofing', 'cyclorama'],
      name: { ru: 'Съёмочный павильон №1', en: 'Stage 1' },
    });
    expect(matchesFacilityQuery(f, { feature: ['soundproofing'] })).toBe(true);
    expect(matchesFacilityQuery(f, { feature: ['soundproofing', 'water_tank'] })).toBe(false);
    expect(matchesFacilityQuery(f, { minArea: 1000, minHeight: 12 })).toBe(true);
    expect(matchesFacilityQuery(f, { minArea: 1001 })).toBe(false);
    expect(matchesFacilityQuery(f, { q: 'СЪЁМОЧНЫЙ' })).toBe(true);
    expect(matchesFacilityQuery(f, { q: 'stage 1' })).toBe(true);
    expect(matchesFacilityQuery(f, { site: 'kinopark' })).toBe(false);
  });

  it('minimum area filter never admits a smaller facility (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 100000 }), (area, min) => {
        expect(matchesFacilityQuery(facility({ areaM2: area }), { minArea: min })).toBe(area >= min);
      }),
    );
  });
});

describe('tree walks', () => {
  const tree = [
    { id: 'zone', parentId: null },
    { id: 'set1', parentId: 'zone' },
    { id: 'set2', parentId: 'zone' },
    { id: 'room', parentId: 'set1' },
    { id: 'stage', parentId: null },
  ];
  it('finds ancestors nearest first and all descendants', () => {
    const byId = new Map(tree.map((f) => [f.id, f]));
    expect(ancestorIds(byId, 'room')).toEqual(['set1', 'zone']);
    expect(ancestorIds(byId, 'stage')).toEqual([]);
    expect(descendantIds(tree, 'zone').sort()).toEqual(['room', 'set1', 'set2']);
    expect(descendantIds(tree, 'set2')).toEqual([]);
  });
});
