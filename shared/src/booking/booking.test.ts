import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BookingRules } from '../catalogue.js';
import {
  checkRules,
  ceilToGrid,
  decideFirm,
  decidePlacement,
  floorToGrid,
  holdRanks,
  invariantViolations,
  isAligned,
  MOSCOW_OFFSET_MS,
  rankProblems,
  suggestWindows,
  topologyOf,
  toMoscowIso,
  availabilityQuerySchema,
  createBookingSchema,
  type LiveBooking,
  type PhaseMs,
} from './index.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse('2027-03-01T00:00:00+03:00');

const dayRules: BookingRules = {
  bookingUnit: 'day',
  minUnits: 1,
  maxUnits: 30,
  leadTimeHours: 48,
  horizonDays: 730,
  bufferMinutes: 1440,
};
const shiftRules: BookingRules = {
  bookingUnit: 'shift',
  minUnits: 1,
  maxUnits: 120,
  leadTimeHours: 24,
  horizonDays: 730,
  bufferMinutes: 60,
};
const hourRules: BookingRules = { ...shiftRules, bookingUnit: 'hour', maxUnits: 48 };

const facilities = [
  { id: 'zone', parentId: null, rules: { bufferMinutes: 60 } },
  { id: 'setA', parentId: 'zone', rules: { bufferMinutes: 60 } },
  { id: 'setB', parentId: 'zone', rules: { bufferMinutes: 120 } },
  { id: 'stage', parentId: null, rules: { bufferMinutes: 0 } },
];
const topo = topologyOf(facilities);

describe('Moscow time grid', () => {
  it('matches the IANA zone (Intl) for any instant since 2015', () => {
    const fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Moscow',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2015-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }),
        (t) => {
          const viaOffset = new Date(t + MOSCOW_OFFSET_MS).toISOString().slice(11, 16);
          expect(fmt.format(new Date(t))).toBe(viaOffset);
        },
      ),
    );
  });

  it('aligns hours, shifts at 08:00/20:00 and days at 00:00 Moscow time', () => {
    expect(isAligned(Date.parse('2027-03-01T08:00:00+03:00'), 'shift')).toBe(true);
    expect(isAligned(Date.parse('2027-03-01T20:00:00+03:00'), 'shift')).toBe(true);
    expect(isAligned(Date.parse('2027-03-01T00:00:00+03:00'), 'shift')).toBe(false);
    expect(isAligned(Date.parse('2027-03-01T00:00:00+03:00'), 'day')).toBe(true);
    expect(isAligned(Date.parse('2027-03-01T00:00:00Z'), 'day')).toBe(false);
    expect(isAligned(Date.parse('2027-03-01T13:00:00+03:00'), 'hour')).toBe(true);
    expect(isAligned(Date.parse('2027-03-01T13:30:00+03:00'), 'hour')).toBe(false);
    expect(toMoscowIso(Date.parse('2027-03-01T05:00:00Z'))).toBe('2027-03-01T08:00:00+03:00');
  });

  it('floor and ceil land on the grid and bracket the instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: T0, max: T0 + 400 * D }),
        fc.constantFrom('hour' as const, 'shift' as const, 'day' as const),
        (t, unit) => {
          const f = floorToGrid(t, unit);
          const c = ceilToGrid(t, unit);
          expect(isAligned(f, unit) && isAligned(c, unit)).toBe(true);
          expect(f <= t && t <= c).toBe(true);
        },
      ),
    );
  });
});

describe('facility rules', () => {
  const now = T0 - 10 * D;
  const ph = (start: number, end: number, type = 'shoot'): PhaseMs => ({ type, start, end });
  const codes = (phases: PhaseMs[], rules = dayRules, kind: 'hold' | 'firm' | 'blackout' = 'hold') =>
    checkRules(phases, rules, now, kind).map((i) => i.code);

  it('accepts a valid request', () => {
    expect(codes([ph(T0, T0 + 2 * D, 'build'), ph(T0 + 3 * D, T0 + 5 * D)])).toEqual([]);
    expect(codes([ph(T0 + 8 * H, T0 + 20 * H)], shiftRules)).toEqual([]);
    expect(codes([ph(T0 + 13 * H, T0 + 15 * H)], hourRules)).toEqual([]);
  });
  it('refuses end before start, off-grid, overlapping phases, too long, too soon, too far ahead', () => {
    expect(codes([ph(T0 + D, T0)])).toContain('end_before_start');
    expect(codes([ph(T0 + H, T0 + D)])).toContain('off_grid');
    expect(codes([ph(T0, T0 + 12 * H)], shiftRules)).toContain('off_grid');
    expect(codes([ph(T0, T0 + 3 * D), ph(T0 + 2 * D, T0 + 4 * D)])).toEqual(['phases_overlap']);
    expect(codes([ph(T0, T0 + 31 * D)])).toEqual(['too_long']);
    expect(
      codes(
        [ph(now + D, now + 2 * D)].map((p) => ({
          ...p,
          start: floorToGrid(p.start, 'day'),
          end: floorToGrid(p.end, 'day'),
        })),
      ),
    ).toContain('too_soon');
    expect(codes([ph(T0 + 800 * D, T0 + 801 * D)])).toContain('too_far_ahead');
    // Blackouts skip lead time and length, not the horizon.
    expect(codes([ph(T0, T0 + 60 * D)], dayRules, 'blackout')).toEqual([]);
  });
  it('validates the API shapes', () => {
    const ok = createBookingSchema.safeParse({
      facilityId: 'a'.repeat(24),
      title: 'X',
      kind: 'hold',
      phases: [{ type: 'shoot', start: '2027-03-01T00:00:00+03:00', end: '2027-03-02T00:00:00+03:00' }],
    });
    expect(ok.success).toBe(true);
    expect(createBookingSchema.safeParse({ facilityId: 'nope', title: 'X', kind: 'hold', phases: [] }).success).toBe(
      false,
    );
    expect(
      createBookingSchema.safeParse({
        facilityId: 'a'.repeat(24),
        title: 'X',
        kind: 'hold',
        phases: [{ type: 'shoot', start: '2027-03-01', end: '2027-03-02' }],
      }).success,
    ).toBe(false);
    expect(
      availabilityQuerySchema.safeParse({ from: '2027-01-01T00:00:00Z', to: '2028-06-01T00:00:00Z' }).success,
    ).toBe(false);
    expect(
      availabilityQuerySchema.safeParse({ from: '2027-01-01T00:00:00Z', to: '2027-02-01T00:00:00Z' }).success,
    ).toBe(true);
  });
});

let nextId = 0;
function booking(
  facilityId: string,
  status: LiveBooking['status'],
  start: number,
  end: number,
  placedSeq: number,
  org = 'o1',
): LiveBooking {
  const kind = status === 'held' ? 'hold' : status === 'blackout' ? 'blackout' : 'firm';
  return {
    id: `b${++nextId}`,
    facilityId,
    organisationId: org,
    kind,
    status,
    phases: [{ type: 'shoot', start, end }],
    placedSeq,
  };
}

describe('what blocks what', () => {
  it('firm time blocks holds and firm on the facility, its zone and its sets, with the buffer', () => {
    const firm = booking('setA', 'confirmed', T0, T0 + D, 1);
    expect(
      decidePlacement(
        { facilityId: 'setA', kind: 'hold', phases: [{ type: 's', start: T0 + D, end: T0 + 2 * D }] },
        [firm],
        topo,
      ).ok,
    ).toBe(false); // inside the buffer
    expect(
      decidePlacement(
        { facilityId: 'setA', kind: 'hold', phases: [{ type: 's', start: T0 + D + H, end: T0 + 2 * D }] },
        [firm],
        topo,
      ).ok,
    ).toBe(true);
    expect(
      decidePlacement(
        { facilityId: 'zone', kind: 'firm', phases: [{ type: 's', start: T0, end: T0 + D }] },
        [firm],
        topo,
      ).ok,
    ).toBe(false);
    expect(
      decidePlacement(
        { facilityId: 'setB', kind: 'firm', phases: [{ type: 's', start: T0, end: T0 + D }] },
        [firm],
        topo,
      ).ok,
    ).toBe(true);
    expect(
      decidePlacement(
        { facilityId: 'stage', kind: 'blackout', phases: [{ type: 's', start: T0, end: T0 + D }] },
        [firm],
        topo,
      ).ok,
    ).toBe(true);
  });
  it('holds stack, but block firm time; the first hold can go firm and releases the ones behind it', () => {
    const h1 = booking('zone', 'held', T0, T0 + D, 1);
    const h2 = booking('setA', 'held', T0, T0 + D, 2);
    const h3 = booking('setB', 'held', T0 + 5 * D, T0 + 6 * D, 3);
    expect(decidePlacement({ facilityId: 'setA', kind: 'hold', phases: h2.phases }, [h1], topo).ok).toBe(true);
    expect(decidePlacement({ facilityId: 'setA', kind: 'firm', phases: h2.phases }, [h1], topo).ok).toBe(false);
    const live = [h1, h2, h3];
    expect(Object.fromEntries(holdRanks(live, topo))).toEqual({ [h1.id]: 1, [h2.id]: 2, [h3.id]: 1 });
    expect(decideFirm(h2, live, topo)).toMatchObject({ ok: false, reason: 'not_first_hold' });
    expect(decideFirm(h1, live, topo)).toEqual({ ok: true, bumps: [h2.id] });
  });
  it('suggests the nearest free windows of the same length', () => {
    const firm = booking('setA', 'confirmed', T0, T0 + 3 * D, 1);
    const s = suggestWindows(
      { facilityId: 'setA', kind: 'firm', phases: [{ type: 's', start: T0 + D, end: T0 + 2 * D }] },
      [firm],
      topo,
      dayRules,
      T0 - 30 * D,
    );
    expect(s).toHaveLength(3);
    for (const w of s) {
      expect(w.end - w.start).toBe(D);
      expect(
        decidePlacement({ facilityId: 'setA', kind: 'firm', phases: [{ type: 's', ...w }] }, [firm], topo).ok,
      ).toBe(true);
    }
    expect(s[0]!.end).toBeLessThanOrEqual(T0 - 2 * H + 1);
  });
});

describe('properties: random sequences of requests accepted by the rules', () => {
  type Op =
    | { t: 'place'; facility: string; kind: 'hold' | 'firm' | 'blackout'; startH: number; lenH: number }
    | { t: 'cancel'; pick: number }
    | { t: 'firm'; pick: number }
    | { t: 'move'; pick: number; startH: number; lenH: number };
  const facilityArb = fc.constantFrom('zone', 'setA', 'setB', 'stage');
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        t: fc.constant('place' as const),
        facility: facilityArb,
        kind: fc.constantFrom('hold' as const, 'hold' as const, 'firm' as const, 'blackout' as const),
        startH: fc.integer({ min: 0, max: 60 }),
        lenH: fc.integer({ min: 1, max: 12 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('cancel' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('firm' as const), pick: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        t: fc.constant('move' as const),
        pick: fc.nat(),
        startH: fc.integer({ min: 0, max: 60 }),
        lenH: fc.integer({ min: 1, max: 12 }),
      }),
    },
  );

  it('never produce overlapping blocking time (buffers included), and ranks stay 1..n', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        let seq = 0;
        let live: LiveBooking[] = [];
        for (const op of ops) {
          const liveOnly = live.filter((b) => ['held', 'pending', 'confirmed', 'blackout'].includes(b.status));
          if (op.t === 'place') {
            const phases = [{ type: 's', start: T0 + op.startH * H, end: T0 + (op.startH + op.lenH) * H }];
            const d = decidePlacement({ facilityId: op.facility, kind: op.kind, phases }, liveOnly, topo);
            if (d.ok) {
              seq++;
              const status = op.kind === 'hold' ? 'held' : op.kind === 'blackout' ? 'blackout' : 'pending';
              live.push({
                id: `p${seq}`,
                facilityId: op.facility,
                organisationId: 'o',
                kind: op.kind,
                status,
                phases,
                placedSeq: seq,
              });
            }
          } else if (liveOnly.length) {
            const b = liveOnly[op.pick % liveOnly.length]!;
            if (op.t === 'cancel') {
              seq++;
              live = live.map((x) =>
                x.id === b.id ? { ...x, status: x.status === 'held' ? 'released' : 'cancelled' } : x,
              );
            } else if (op.t === 'firm' && b.status === 'held') {
              const d = decideFirm(b, liveOnly, topo);
              if (d.ok) {
                seq++;
                live = live.map((x) =>
                  x.id === b.id
                    ? { ...x, kind: 'firm', status: 'pending' }
                    : d.bumps.includes(x.id)
                      ? { ...x, status: 'released' }
                      : x,
                );
              }
            } else if (op.t === 'move') {
              const phases = [{ type: 's', start: T0 + op.startH * H, end: T0 + (op.startH + op.lenH) * H }];
              const d = decidePlacement({ id: b.id, facilityId: b.facilityId, kind: b.kind, phases }, liveOnly, topo);
              if (d.ok) {
                seq++;
                live = live.map((x) =>
                  x.id === b.id ? { ...x, phases, placedSeq: x.status === 'held' ? seq : x.placedSeq } : x,
                );
              }
            }
          }
          expect(invariantViolations(live, topo)).toEqual([]);
          expect(rankProblems(live, holdRanks(live, topo), topo)).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('holds that all overlap on one facility are ranked 1..n in placing order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.constantFrom('zone', 'setA', 'stage'), (n, facility) => {
        const holds = Array.from({ length: n }, (_, i) => booking(facility, 'held', T0, T0 + D, i + 1));
        const ranks = holdRanks(fc.sample(fc.shuffledSubarray(holds, { minLength: n, maxLength: n }), 1)[0]!, topo);
        expect(holds.map((h) => ranks.get(h.id))).toEqual(holds.map((_, i) => i + 1));
      }),
      { numRuns: 50 },
    );
  });
});
