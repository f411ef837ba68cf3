import type { BookingKind, BookingStatus } from './schemas.js';
import {
  findConflicts,
  holdsBehind,
  holdsCompete,
  isBlocking,
  isFirstHold,
  isLive,
  type Candidate,
  type ConflictHit,
  type LiveBooking,
  type PhaseMs,
  type Topology,
} from './rules.js';

/**
 * A booking is a chain of immutable versions; each version is one document carrying the per-root
 * sequence number (`seq`) it claimed. The state of a root after seq n is a pure function of its
 * versions with seq <= n: this module is that function and the decisions taken on it.
 */
export interface VersionRecord {
  bookingId: string;
  version: number;
  seq: number;
  facilityId: string;
  organisationId: string;
  kind: BookingKind;
  status: BookingStatus;
  phases: PhaseMs[];
  placedSeq: number;
  /** Holds released by this write (a hold made firm releases the holds competing with it). */
  bumps: string[];
}

export interface ReducedBooking extends LiveBooking {
  version: number;
  seq: number;
  /** Set when the booking's last version says `held` but a later write released it. */
  bumpedAtSeq?: number;
}

/** Latest version of every booking, with bumps applied. Returns live and terminal ones alike. A bump
 * counts only when it comes after the booking's latest version (a new version replaces the state). */
export function reduceVersions(records: readonly VersionRecord[]): Map<string, ReducedBooking> {
  const latest = new Map<string, VersionRecord>();
  for (const r of records) {
    const cur = latest.get(r.bookingId);
    if (!cur || r.version > cur.version) latest.set(r.bookingId, r);
  }
  const bumpedAt = new Map<string, number>();
  for (const r of records) {
    for (const id of r.bumps) {
      const target = latest.get(id);
      if (target && r.seq > target.seq) bumpedAt.set(id, Math.min(bumpedAt.get(id) ?? Infinity, r.seq));
    }
  }
  const out = new Map<string, ReducedBooking>();
  for (const [id, r] of latest) {
    const bump = bumpedAt.get(id);
    const bumped = bump !== undefined && r.status === 'held';
    out.set(id, { ...reducedOf(r), ...(bumped ? { status: 'released' as const, bumpedAtSeq: bump } : {}) });
  }
  return out;
}

function reducedOf(r: VersionRecord): ReducedBooking {
  return {
    id: r.bookingId,
    facilityId: r.facilityId,
    organisationId: r.organisationId,
    kind: r.kind,
    status: r.status,
    phases: r.phases,
    placedSeq: r.placedSeq,
    version: r.version,
    seq: r.seq,
  };
}

/**
 * The same function, one version at a time: given the state after seq n (as `reduceVersions` of
 * versions 1..n) and version n + 1, updates `state` in place to the state after n + 1 (equal to
 * `reduceVersions` of versions 1..n+1; property-tested). Versions must come in seq order. Returns
 * the ids whose state changed (the booking itself, and the holds it released).
 */
export function applyVersion(state: Map<string, ReducedBooking>, r: VersionRecord): string[] {
  const changed: string[] = [];
  const cur = state.get(r.bookingId);
  if (!cur || r.version > cur.version) {
    state.set(r.bookingId, reducedOf(r));
    changed.push(r.bookingId);
  }
  for (const id of r.bumps) {
    const target = state.get(id);
    // Only the first bump after the target's latest version counts; it releases a hold.
    if (!target || !(r.seq > target.seq) || target.bumpedAtSeq !== undefined || target.status !== 'held') continue;
    state.set(id, { ...target, status: 'released', bumpedAtSeq: r.seq });
    changed.push(id);
  }
  return changed;
}

export type Decision =
  { ok: true; bumps: string[] } | { ok: false; reason: 'conflict' | 'not_first_hold'; conflicts: ConflictHit[] };

/** A new booking, or new time for an existing one. */
export function decidePlacement(candidate: Candidate, live: readonly LiveBooking[], topo: Topology): Decision {
  const conflicts = findConflicts(candidate, live, topo);
  return conflicts.length ? { ok: false, reason: 'conflict', conflicts } : { ok: true, bumps: [] };
}

/** hold → firm (pending): only the first hold over all its time; the holds behind it are released
 * by the same write. */
export function decideFirm(hold: LiveBooking, live: readonly LiveBooking[], topo: Topology): Decision {
  const blocking = findConflicts(
    { id: hold.id, facilityId: hold.facilityId, kind: 'firm', phases: hold.phases },
    live.filter((b) => isBlocking(b.status)),
    topo,
  );
  if (blocking.length) return { ok: false, reason: 'conflict', conflicts: blocking };
  if (!isFirstHold(hold, live, topo)) {
    const ahead = live.filter(
      (b) => b.status === 'held' && b.placedSeq < hold.placedSeq && holdsCompete(hold, b, topo),
    );
    return { ok: false, reason: 'not_first_hold', conflicts: ahead.map((b) => ({ booking: b, phases: b.phases })) };
  }
  return { ok: true, bumps: holdsBehind(hold, live, topo).map((b) => b.id) };
}

/** The invariant, as a checker (used by tests and by the server's self-check): no two live bookings
 * where one blocks the other overlap on related facilities with buffers. Returns the offending pairs. */
export function invariantViolations(live: readonly LiveBooking[], topo: Topology): Array<[string, string]> {
  const bad: Array<[string, string]> = [];
  const list = live.filter((b) => isLive(b.status));
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (!isBlocking(a.status) && !isBlocking(b.status)) continue; // two holds may stack
      if (holdsCompete(a, b, topo)) bad.push([a.id, b.id]);
    }
  }
  return bad;
}

/** Ranks are dense and distinct: competing holds differ, and a hold of rank k competes with earlier
 * holds of each rank 1..k-1. Returns a description of the first problem, or null. */
export function rankProblems(
  live: readonly LiveBooking[],
  ranks: ReadonlyMap<string, number>,
  topo: Topology,
): string | null {
  const holds = live.filter((b) => b.status === 'held');
  for (const h of holds) {
    const r = ranks.get(h.id);
    if (r === undefined || r < 1) return `hold ${h.id} has no rank`;
    const earlier = new Set<number>();
    for (const o of holds) {
      if (!holdsCompete(h, o, topo)) continue;
      if (ranks.get(o.id) === r) return `holds ${h.id} and ${o.id} compete and share rank ${r}`;
      if (o.placedSeq < h.placedSeq) earlier.add(ranks.get(o.id)!);
    }
    for (let k = 1; k < r; k++)
      if (!earlier.has(k)) return `hold ${h.id} has rank ${r} but no earlier competing hold of rank ${k}`;
  }
  return null;
}
