import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyVersion, reduceVersions, type ReducedBooking, type VersionRecord } from './index.js';

const statuses = ['held', 'pending', 'confirmed', 'blackout', 'cancelled', 'rejected', 'released'] as const;

/**
 * Random logs shaped like real ones: seq 1..n in order, each step either a new booking or the next
 * version of an existing one, sometimes releasing ("bumping") other bookings, itself included.
 */
const logArb = fc
  .array(
    fc.record({
      newBooking: fc.boolean(),
      pick: fc.nat(),
      status: fc.constantFrom(...statuses),
      start: fc.integer({ min: 0, max: 50 }),
      len: fc.integer({ min: 1, max: 5 }),
      bumps: fc.array(fc.nat(), { maxLength: 3 }),
      moveInQueue: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((steps) => {
    const versions = new Map<string, number>();
    const ids: string[] = [];
    const log: VersionRecord[] = [];
    steps.forEach((s, i) => {
      const seq = i + 1;
      let id: string;
      if (s.newBooking || !ids.length) {
        id = `b${ids.length}`;
        ids.push(id);
      } else id = ids[s.pick % ids.length]!;
      const version = (versions.get(id) ?? 0) + 1;
      versions.set(id, version);
      log.push({
        bookingId: id,
        version,
        seq,
        facilityId: `f${s.pick % 3}`,
        organisationId: `o${s.pick % 2}`,
        kind: s.status === 'held' || s.status === 'released' ? 'hold' : s.status === 'blackout' ? 'blackout' : 'firm',
        status: s.status,
        phases: [{ type: 'shoot', start: s.start, end: s.start + s.len }],
        placedSeq: s.moveInQueue ? seq - 0.5 : seq,
        bumps: ids.length ? s.bumps.map((b) => ids[b % ids.length]!) : [],
      });
    });
    return log;
  });

describe('incremental state', () => {
  it('applying version n + 1 to the state after n equals reducing versions 1..n+1 (at every n)', () => {
    fc.assert(
      fc.property(logArb, (log) => {
        const state = new Map<string, ReducedBooking>();
        for (let n = 0; n < log.length; n++) {
          const before = new Map([...state].map(([k, v]) => [k, { ...v }]));
          const changed = applyVersion(state, log[n]!);
          expect(state).toEqual(reduceVersions(log.slice(0, n + 1)));
          // `changed` lists exactly the bookings whose state differs from before.
          const differs = [...state.keys()].filter(
            (k) => JSON.stringify(state.get(k)) !== JSON.stringify(before.get(k)),
          );
          expect(new Set(changed)).toEqual(new Set(differs));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a bump releases a hold only after its latest version, and only the first bump counts', () => {
    const base = { facilityId: 'f', organisationId: 'o', phases: [{ type: 'shoot', start: 0, end: 1 }] };
    const log: VersionRecord[] = [
      { ...base, bookingId: 'h', version: 1, seq: 1, kind: 'hold', status: 'held', placedSeq: 1, bumps: [] },
      { ...base, bookingId: 'a', version: 1, seq: 2, kind: 'firm', status: 'pending', placedSeq: 2, bumps: ['h'] },
      { ...base, bookingId: 'b', version: 1, seq: 3, kind: 'firm', status: 'pending', placedSeq: 3, bumps: ['h'] },
    ];
    const state = new Map<string, ReducedBooking>();
    for (const r of log) applyVersion(state, r);
    expect(state.get('h')).toMatchObject({ status: 'released', bumpedAtSeq: 2 });
    expect(reduceVersions(log).get('h')).toMatchObject({ status: 'released', bumpedAtSeq: 2 });
  });
});
