import mongoose from 'mongoose';
import { BookingVersionModel, type BookingVersionDoc } from './models.js';

/**
 * An in-process replica of each root's log of version documents, seq 1..n in order.
 *
 * Versions are immutable and the sequence numbers of a root are contiguous and inserted in order
 * (docs/booking-invariant.md), so the replica is extended with exact-match probes only: "does seq
 * n + 1 exist?" (an equality lookup on the unique index, which every target serves from the index;
 * FerretDB does not push range filters down to PostgreSQL, so range scans cost a full scan). When the
 * probe for n + 1 finds nothing, n was the highest sequence number at that moment: exactly the
 * `max seq` read of the write loop. Nothing here is trusted for correctness beyond that: a process
 * that has not yet seen another's write simply probes further, and the unique index still decides.
 */
interface RootLog {
  docs: BookingVersionDoc[];
  byBooking: Map<string, BookingVersionDoc[]>;
  bumpedBy: Map<string, BookingVersionDoc[]>;
  ready?: Promise<void>;
  /** When the last complete sync started. */
  syncedAt: number;
}

const logs = new Map<string, RootLog>();

function keyOf(rootId: string): string {
  return `${mongoose.connection.name}/${rootId}`;
}

/** Appends a document if it is the next one (idempotent: concurrent probes of one process may both find it). */
function append(log: RootLog, d: BookingVersionDoc): void {
  if (d.seq !== log.docs.length + 1) return;
  log.docs.push(d);
  const b = String(d.bookingId);
  const list = log.byBooking.get(b);
  if (list) list.push(d);
  else log.byBooking.set(b, [d]);
  for (const id of d.bumps ?? []) {
    const k = String(id);
    const l = log.bumpedBy.get(k);
    if (l) l.push(d);
    else log.bumpedBy.set(k, [d]);
  }
}

/**
 * Brings the replica of one root up to the database's current highest seq and returns that seq.
 * Writes always sync (`maxAgeMs` 0). Reads may accept a replica synced at most `maxAgeMs` ago: they
 * then miss at most the writes of OTHER processes of the last `maxAgeMs` (this process's own writes
 * are in the replica at once).
 */
export async function syncRoot(rootId: string, maxAgeMs = 0): Promise<number> {
  const key = keyOf(rootId);
  let log = logs.get(key);
  if (!log) {
    log = { docs: [], byBooking: new Map(), bumpedBy: new Map(), syncedAt: 0 };
    logs.set(key, log);
    const l = log;
    l.ready = (async () => {
      const all = await BookingVersionModel.find({ rootId: new mongoose.Types.ObjectId(rootId) }).lean<BookingVersionDoc[]>();
      all.sort((a, b) => a.seq - b.seq);
      for (const d of all) append(l, d); // stops at a gap, which the probes below then fill in
    })();
    l.ready.catch(() => logs.delete(key));
  }
  await log.ready;
  const started = Date.now();
  if (maxAgeMs > 0 && started - log.syncedAt <= maxAgeMs) return log.docs.length;
  const root = new mongoose.Types.ObjectId(rootId);
  for (;;) {
    const next = log.docs.length + 1;
    const d = await BookingVersionModel.findOne({ rootId: root, seq: next }).lean<BookingVersionDoc>();
    if (!d) {
      log.syncedAt = Math.max(log.syncedAt, started);
      return log.docs.length;
    }
    append(log, d);
  }
}

/** Records our own successful insert (so that this process sees its writes without a probe). */
export function noteInserted(d: BookingVersionDoc): void {
  const log = logs.get(keyOf(String(d.rootId)));
  if (log) append(log, d);
}

/**
 * The same answer as `bookingRepository.loadWindow` for one root, from the replica, synchronously:
 * the versions with seq <= maxSeq overlapping [from, to), all versions of those bookings and the
 * versions that released them. Call `syncRoot` first.
 */
export function windowOf(rootId: string, from: number, to: number, maxSeq?: number): { records: BookingVersionDoc[]; ids: Set<string> } {
  const log = logs.get(keyOf(rootId));
  if (!log) return { records: [], ids: new Set() };
  const limit = Math.min(maxSeq ?? log.docs.length, log.docs.length);
  const ids = new Set<string>();
  for (let i = 0; i < limit; i++) {
    const d = log.docs[i]!;
    if (d.start.getTime() < to && d.end.getTime() > from) ids.add(String(d.bookingId));
  }
  const records: BookingVersionDoc[] = [];
  const seenRecord = new Set<BookingVersionDoc>();
  for (const id of ids) {
    for (const d of [...(log.byBooking.get(id) ?? []), ...(log.bumpedBy.get(id) ?? [])]) {
      if (d.seq <= limit && !seenRecord.has(d)) {
        seenRecord.add(d);
        records.push(d);
      }
    }
  }
  return { records, ids };
}
