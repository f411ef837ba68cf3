import mongoose from 'mongoose';
import {
  DAY_MS,
  floorToGrid,
  holdRanks,
  invariantViolations,
  isLive,
  rankProblems,
  reduceVersions,
  toMoscowIso,
  topologyOf,
  type LiveBooking,
} from '@moskino/shared';
import { BookingVersionModel, type BookingVersionDoc } from '../../src/features/bookings/models.js';
import { toRecord } from '../../src/features/bookings/presenter.js';
import { catalogueService } from '../../src/features/catalogue/service.js';

/** A Moscow midnight `days` from now (well past lead time). */
export function day(days: number): number {
  return floorToGrid(Date.now() + days * DAY_MS, 'day');
}
export const iso = toMoscowIso;
export const H = 3_600_000;

export async function facilityIds(): Promise<Map<string, string>> {
  const tree = await catalogueService.loadTree();
  return new Map(tree.all.map((f) => [f.slug, f.id]));
}

/**
 * Reads EVERY version document and checks the invariant from scratch: per root, sequence numbers are
 * exactly 1..n; per booking, versions are exactly 1..k; live bookings never overlap where one blocks
 * the other (hierarchy and buffers included); hold ranks are distinct and dense.
 */
export async function checkInvariant(): Promise<{
  live: LiveBooking[];
  docs: BookingVersionDoc[];
  ranks: Map<string, number>;
}> {
  const docs = await BookingVersionModel.find({}).lean<BookingVersionDoc[]>();
  const tree = await catalogueService.loadTree();
  const topo = topologyOf(tree.all);
  const seqByRoot = new Map<string, number[]>();
  const versionsByBooking = new Map<string, number[]>();
  for (const d of docs) {
    const r = String(d.rootId);
    seqByRoot.set(r, [...(seqByRoot.get(r) ?? []), d.seq]);
    const b = String(d.bookingId);
    versionsByBooking.set(b, [...(versionsByBooking.get(b) ?? []), d.version]);
    if (tree.byId.get(String(d.facilityId))?.rootId !== r)
      throw new Error(`version ${String(d._id)} carries the wrong root`);
  }
  for (const [root, seqs] of seqByRoot) {
    const sorted = [...seqs].sort((a, b) => a - b);
    sorted.forEach((s, i) => {
      if (s !== i + 1) throw new Error(`root ${root}: sequence numbers are not 1..n: ${sorted.join(',')}`);
    });
  }
  for (const [b, vs] of versionsByBooking) {
    const sorted = [...vs].sort((a, c) => a - c);
    sorted.forEach((v, i) => {
      if (v !== i + 1) throw new Error(`booking ${b}: versions are not 1..k: ${sorted.join(',')}`);
    });
  }
  const reduced = reduceVersions(docs.map(toRecord));
  const live = [...reduced.values()].filter((b) => isLive(b.status));
  const bad = invariantViolations(live, topo);
  if (bad.length) throw new Error(`overlapping blocking time: ${JSON.stringify(bad.slice(0, 5))}`);
  const ranks = holdRanks(live, topo);
  const problem = rankProblems(live, ranks, topo);
  if (problem) throw new Error(problem);
  return { live, docs, ranks };
}

export async function countVersions(): Promise<number> {
  return BookingVersionModel.countDocuments();
}

export const newId = () => new mongoose.Types.ObjectId().toHexString();
