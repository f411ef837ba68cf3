import type { BookingRules } from '../catalogue.js';
import { HOUR_MS, DAY_MS, isAligned, unitMs, ceilToGrid } from './time.js';
import type { BookingKind, BookingStatus } from './schemas.js';

/**
 * The booking rules as pure functions over numbers (ms since epoch). The server decides every write
 * with these, and the property tests drive the very same functions.
 */

export interface Interval {
  start: number;
  end: number;
}

export interface PhaseMs extends Interval {
  type: string;
}

/** A live booking as the rules see it. `placedSeq` orders holds (the per-root sequence number at
 * which the hold was placed or last moved). */
export interface LiveBooking {
  id: string;
  facilityId: string;
  organisationId: string;
  kind: BookingKind;
  status: BookingStatus;
  phases: PhaseMs[];
  placedSeq: number;
}

/** How facilities relate: same facility, ancestor or descendant; and the turnaround buffer between them. */
export interface Topology {
  related(a: string, b: string): boolean;
  /** Buffer that must stay free between bookings on `a` and on `b` (the larger of the two). */
  bufferMs(a: string, b: string): number;
}

export function isBlocking(status: BookingStatus): boolean {
  return status === 'pending' || status === 'confirmed' || status === 'blackout';
}

export function isLive(status: BookingStatus): boolean {
  return status === 'held' || isBlocking(status);
}

/** Half-open overlap, with `buffer` kept free between the two. */
export function overlaps(a: Interval, b: Interval, buffer = 0): boolean {
  return a.start < b.end + buffer && b.start < a.end + buffer;
}

export interface RuleIssue {
  path: string;
  code: 'end_before_start' | 'phases_overlap' | 'off_grid' | 'too_short' | 'too_long' | 'too_soon' | 'too_far_ahead';
  message: string;
}

/**
 * Checks a request's phases against a facility's rules at `now`. Blackouts (staff) skip lead time
 * and length limits: maintenance may be urgent and of any length within the horizon.
 */
export function checkRules(
  phases: readonly PhaseMs[],
  rules: BookingRules,
  now: number,
  kind: BookingKind,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  phases.forEach((p, i) => {
    if (!(p.end > p.start))
      issues.push({ path: `phases.${i}.end`, code: 'end_before_start', message: 'end must be after start' });
    for (const [field, t] of [
      ['start', p.start],
      ['end', p.end],
    ] as const) {
      if (!isAligned(t, rules.bookingUnit)) {
        issues.push({ path: `phases.${i}.${field}`, code: 'off_grid', message: gridMessage(rules.bookingUnit) });
      }
    }
  });
  if (issues.length) return issues;
  const sorted = [...phases].map((p, i) => ({ ...p, i })).sort((a, b) => a.start - b.start);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.start < sorted[k - 1]!.end) {
      issues.push({
        path: `phases.${sorted[k]!.i}`,
        code: 'phases_overlap',
        message: `phase ${sorted[k]!.i} overlaps phase ${sorted[k - 1]!.i}`,
      });
    }
  }
  if (issues.length) return issues;
  const span = spanOf(phases);
  const units = (span.end - span.start) / unitMs(rules.bookingUnit);
  if (kind !== 'blackout') {
    if (units < rules.minUnits)
      issues.push({ path: 'phases', code: 'too_short', message: `at least ${rules.minUnits} ${rules.bookingUnit}(s)` });
    if (units > rules.maxUnits)
      issues.push({
        path: 'phases',
        code: 'too_long',
        message: `at most ${rules.maxUnits} ${rules.bookingUnit}(s) from first start to last end`,
      });
    if (span.start < now + rules.leadTimeHours * HOUR_MS) {
      issues.push({
        path: 'phases.0.start',
        code: 'too_soon',
        message: `must start at least ${rules.leadTimeHours} h from now`,
      });
    }
  } else if (span.end <= now) {
    issues.push({ path: 'phases', code: 'too_soon', message: 'a blackout must end in the future' });
  }
  if (span.end > now + rules.horizonDays * DAY_MS) {
    issues.push({
      path: 'phases',
      code: 'too_far_ahead',
      message: `must end within ${rules.horizonDays} days from now`,
    });
  }
  return issues;
}

function gridMessage(unit: string): string {
  if (unit === 'hour') return 'must be on a whole hour (Europe/Moscow)';
  if (unit === 'shift') return 'must be at 08:00 or 20:00 Europe/Moscow (12-hour shifts)';
  return 'must be at 00:00 Europe/Moscow (whole days)';
}

export function spanOf(phases: readonly Interval[]): Interval {
  let start = Infinity;
  let end = -Infinity;
  for (const p of phases) {
    if (p.start < start) start = p.start;
    if (p.end > end) end = p.end;
  }
  return { start, end };
}

/** What may stand in the way of a new booking or new time: blocking bookings block everything; a
 * live hold blocks firm time and blackouts (a hold never lies under firm time), but not other holds,
 * which stack and get ranks. */
export function blocksCandidate(existing: BookingStatus, candidateKind: BookingKind): boolean {
  if (isBlocking(existing)) return true;
  if (existing === 'held') return candidateKind !== 'hold';
  return false;
}

/** Phase pairs of two bookings that conflict (related facilities, overlap with the buffer). */
export function conflictingPhases(
  a: Pick<LiveBooking, 'facilityId' | 'phases'>,
  b: Pick<LiveBooking, 'facilityId' | 'phases'>,
  topo: Topology,
): PhaseMs[] {
  if (!topo.related(a.facilityId, b.facilityId)) return [];
  const buffer = topo.bufferMs(a.facilityId, b.facilityId);
  return b.phases.filter((pb) => a.phases.some((pa) => overlaps(pa, pb, buffer)));
}

export interface Candidate {
  /** The booking being changed (excluded from its own conflicts). */
  id?: string;
  facilityId: string;
  kind: BookingKind;
  phases: PhaseMs[];
}

export interface ConflictHit {
  booking: LiveBooking;
  phases: PhaseMs[];
}

/** Every live booking in the way of `candidate`. */
export function findConflicts(candidate: Candidate, live: readonly LiveBooking[], topo: Topology): ConflictHit[] {
  const hits: ConflictHit[] = [];
  for (const b of live) {
    if (b.id === candidate.id || !isLive(b.status) || !blocksCandidate(b.status, candidate.kind)) continue;
    const phases = conflictingPhases(candidate, b, topo);
    if (phases.length) hits.push({ booking: b, phases });
  }
  return hits;
}

/** Two holds compete when they lie on related facilities and overlap (buffers included). */
export function holdsCompete(a: LiveBooking, b: LiveBooking, topo: Topology): boolean {
  return a.id !== b.id && conflictingPhases(a, b, topo).length > 0;
}

/**
 * Hold ranks, derived from placing order: in order of `placedSeq`, each live hold gets the smallest
 * rank not taken by an earlier competing hold. So competing holds never share a rank, and a hold of
 * rank k competes with earlier holds of every rank 1..k-1 (no gaps). When a hold ends, the holds
 * behind it move up at once. For holds that all overlap on one facility this is simply 1, 2, 3, …
 * in placing order. `live` must contain every hold that can reach the holds of interest through a
 * chain of competing holds (see the server's closure loader).
 */
export function holdRanks(live: readonly LiveBooking[], topo: Topology): Map<string, number> {
  const holds = live.filter((b) => b.status === 'held').sort((a, b) => a.placedSeq - b.placedSeq);
  const ranks = new Map<string, number>();
  for (let i = 0; i < holds.length; i++) {
    const h = holds[i]!;
    const taken = new Set<number>();
    for (let j = 0; j < i; j++) if (holdsCompete(h, holds[j]!, topo)) taken.add(ranks.get(holds[j]!.id)!);
    let r = 1;
    while (taken.has(r)) r++;
    ranks.set(h.id, r);
  }
  return ranks;
}

/** Rank 1 over all its time: no earlier live hold competes with it. Needs only the holds overlapping it. */
export function isFirstHold(hold: LiveBooking, live: readonly LiveBooking[], topo: Topology): boolean {
  return !live.some((b) => b.status === 'held' && b.placedSeq < hold.placedSeq && holdsCompete(hold, b, topo));
}

/** Holds behind `hold` that must be released when it becomes firm (a hold never lies under firm time). */
export function holdsBehind(hold: LiveBooking, live: readonly LiveBooking[], topo: Topology): LiveBooking[] {
  return live.filter((b) => b.status === 'held' && b.id !== hold.id && holdsCompete(hold, b, topo));
}

/**
 * Nearest free windows of the same length as `span` on the candidate's facility, on the unit grid,
 * within lead time and horizon, not blocked by `live` (for the candidate's kind). Nearest first.
 */
export function suggestWindows(
  candidate: Candidate,
  live: readonly LiveBooking[],
  topo: Topology,
  rules: BookingRules,
  now: number,
  opts: { count?: number; searchFrom?: number; searchTo?: number } = {},
): Interval[] {
  const count = opts.count ?? 3;
  const span = spanOf(candidate.phases);
  const len = span.end - span.start;
  const step = unitMs(rules.bookingUnit);
  const earliest = Math.max(
    candidate.kind === 'blackout' ? now : now + rules.leadTimeHours * HOUR_MS,
    opts.searchFrom ?? -Infinity,
  );
  const latest = Math.min(now + rules.horizonDays * DAY_MS, opts.searchTo ?? Infinity);
  const blockers = live.filter(
    (b) =>
      b.id !== candidate.id &&
      isLive(b.status) &&
      blocksCandidate(b.status, candidate.kind) &&
      topo.related(candidate.facilityId, b.facilityId),
  );
  const free = (start: number): boolean => {
    const c = { facilityId: candidate.facilityId, phases: [{ type: 'any', start, end: start + len }] };
    return !blockers.some((b) => conflictingPhases(c, b, topo).length > 0);
  };
  const out: Interval[] = [];
  const base = ceilToGrid(span.start, rules.bookingUnit);
  const maxSteps = Math.ceil((latest - earliest) / step) + 1;
  for (let k = 1; k <= maxSteps && out.length < count; k++) {
    let inRange = false;
    for (const s of [base - k * step, base + k * step]) {
      if (s < earliest || s + len > latest) continue;
      inRange = true;
      if (out.length < count && free(s)) out.push({ start: s, end: s + len });
    }
    if (!inRange && base - k * step < earliest && base + k * step + len > latest) break;
  }
  return out.sort((a, b) => Math.abs(a.start - span.start) - Math.abs(b.start - span.start));
}

/** A topology from a facility tree (parent links) and per-facility buffers. */
export function topologyOf(
  facilities: ReadonlyArray<{ id: string; parentId: string | null; rules: { bufferMinutes: number } }>,
): Topology {
  const byId = new Map(facilities.map((f) => [f.id, f]));
  const ancestors = new Map<string, Set<string>>();
  for (const f of facilities) {
    const set = new Set<string>();
    let cur = f.parentId;
    while (cur && !set.has(cur)) {
      set.add(cur);
      cur = byId.get(cur)?.parentId ?? null;
    }
    ancestors.set(f.id, set);
  }
  return {
    related: (a, b) => a === b || !!ancestors.get(a)?.has(b) || !!ancestors.get(b)?.has(a),
    bufferMs: (a, b) => Math.max(byId.get(a)?.rules.bufferMinutes ?? 0, byId.get(b)?.rules.bufferMinutes ?? 0) * 60_000,
  };
}
