import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { applyVersion, type ReducedBooking } from '@moskino/shared';
import { BookingVersionModel, type BookingVersionDoc } from './models.js';
import { toRecord } from './presenter.js';

/**
 * An in-process replica of each root's log of version documents, seq 1..n in order, kept as the
 * materialised state after n (docs/booking-invariant.md, "The in-process replica").
 *
 * Versions are immutable and the sequence numbers of a root are contiguous and inserted in order, so
 * the replica holds exactly the versions 1..n of the database, and the state after n is a pure
 * function of them (`applyVersion` applies version n + 1 to the state after n). Only the latest
 * version document of each booking is kept (superseded versions are dropped once applied: the state
 * needs nothing else from them), with a per-week index of the bookings' current spans.
 *
 * On FerretDB 1.24 / PostgreSQL every filtered query is a sequential scan of the whole collection
 * (equality filters are pushed down as `_jsonb->'k' @> v`, which the B-tree indexes cannot serve:
 * about 2 µs a document), so the replica avoids queries on the versions collection: it catches up
 * through a hint, the collection `booking_heads`, where each process records, after each insert it
 * made, the highest seq it claimed per root (one small document per process, written only by that
 * process). Reading the hints is one query on a tiny collection; only roots with a hint above the
 * replica are probed (exact `{rootId, seq}` lookups). Nothing here is trusted for correctness: an
 * insert of seq n + 1 decided on the replica succeeds only if n + 1 is free, i.e. n was the highest.
 */
interface RootLog {
  /** Highest seq applied: the replica holds exactly versions 1..n. */
  n: number;
  state: Map<string, ReducedBooking>;
  /** Latest version document of each booking. */
  docs: Map<string, BookingVersionDoc>;
  /** Week number → ids of the bookings whose current span touches that week. */
  weeks: Map<number, Set<string>>;
  /** Week range each booking is indexed under. */
  indexed: Map<string, [number, number]>;
  ready?: Promise<void>;
  /** When the last complete probe (finding nothing after n) started. */
  probedAt: number;
  probing?: Promise<number>;
}

const WEEK_MS = 7 * 24 * 3_600_000;
/** A root is probed directly at least this often (in the background for reads): it covers a process
 * that died between its insert and its hint (a write it never acknowledged; a decision on that root
 * meets it at once through the unique index). Each probe is a sequential scan on FerretDB/PG; at 15 s
 * the rounds over ~40 roots kept a core half busy and tripled the p95 of availability
 * (docs/benchmarks.md, "Re-runs later the same day"). */
const SAFETY_PROBE_MS = 60_000;

const logs = new Map<string, RootLog>();

function keyOf(rootId: string): string {
  return `${mongoose.connection.name}/${rootId}`;
}

function index(log: RootLog, id: string): void {
  const b = log.state.get(id)!;
  let start = Infinity;
  let end = -Infinity;
  for (const p of b.phases) {
    if (p.start < start) start = p.start;
    if (p.end > end) end = p.end;
  }
  const lo = Math.floor(start / WEEK_MS);
  const hi = Math.floor((end - 1) / WEEK_MS);
  const old = log.indexed.get(id);
  if (old && old[0] === lo && old[1] === hi) return;
  if (old) for (let w = old[0]; w <= old[1]; w++) log.weeks.get(w)?.delete(id);
  for (let w = lo; w <= hi; w++) {
    let set = log.weeks.get(w);
    if (!set) log.weeks.set(w, (set = new Set()));
    set.add(id);
  }
  log.indexed.set(id, [lo, hi]);
}

/** Applies a document if it is the next one (idempotent: concurrent probes of one process may both find it). */
function append(log: RootLog, d: BookingVersionDoc): boolean {
  if (d.seq !== log.n + 1) return false;
  const id = String(d.bookingId);
  const changed = applyVersion(log.state, toRecord(d));
  if (changed.includes(id)) {
    log.docs.set(id, d);
    index(log, id);
  }
  log.n = d.seq;
  return true;
}

function newLog(): RootLog {
  return { n: 0, state: new Map(), docs: new Map(), weeks: new Map(), indexed: new Map(), probedAt: 0 };
}

/**
 * Fields the replica never reads, left out of the initial load (FerretDB converts every field of
 * every document in Go; the load is the one big read). The audit record (`action`, `actor`), the
 * idempotency key and hash and the span (`start`, `end`) are read from the database where needed
 * (history, replays) and rewritten by every new version (`change` in service.ts sets them). So the
 * latest version document the replica keeps for a loaded booking lacks them; a version this
 * process inserted, or found by a probe, has them all.
 */
const LOAD_PROJECTION = { action: 0, actor: 0, idemKey: 0, requestHash: 0, start: 0, end: 0 } as const;

/** Loads a root's log on first use (one equality query on rootId). Concurrent callers (a request
 * and the start-up preload) share the one load. */
async function loaded(rootId: string): Promise<RootLog> {
  const key = keyOf(rootId);
  let log = logs.get(key);
  if (!log) {
    log = newLog();
    logs.set(key, log);
    const l = log;
    const started = Date.now();
    l.ready = (async () => {
      const all = await BookingVersionModel.find({ rootId: new mongoose.Types.ObjectId(rootId) }, LOAD_PROJECTION).lean<
        BookingVersionDoc[]
      >();
      all.sort((a, b) => a.seq - b.seq);
      for (const d of all) if (!append(l, d)) break; // stops at a gap, which the probes then fill in
      // Everything inserted before the query started is in `all` (no gaps are ever visible).
      l.probedAt = started;
    })();
    l.ready.catch(() => logs.delete(key));
  }
  await log.ready;
  return log;
}

/**
 * Loads the replicas of the given roots in the background (server start-up), `concurrency` at a
 * time, so that the first request does not pay for it. A request for a root whose load has started
 * waits for that load only; a root not reached yet is loaded by the request itself (and the preload
 * then finds it loaded). Resolves when every root is loaded (failures are reported, not thrown: the
 * next request retries that root).
 */
export async function preload(
  rootIds: string[],
  opts: { concurrency?: number; say?: (line: string) => void } = {},
): Promise<{ roots: number; versions: number; failed: number; ms: number }> {
  const started = Date.now();
  const queue = [...rootIds];
  let done = 0;
  let failed = 0;
  let versions = 0;
  let lastSaid = started;
  const worker = async () => {
    for (let r = queue.shift(); r !== undefined; r = queue.shift()) {
      try {
        const log = await loaded(r);
        versions += log.n;
      } catch {
        failed++;
      }
      done++;
      if (opts.say && (Date.now() - lastSaid >= 2000 || done === rootIds.length) && done < rootIds.length) {
        lastSaid = Date.now();
        opts.say(
          `booking replicas: ${done}/${rootIds.length} roots loaded (${versions} versions, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, rootIds.length)) }, worker));
  const ms = Date.now() - started;
  opts.say?.(
    `booking replicas: all ${rootIds.length} roots loaded (${versions} versions${failed ? `, ${failed} failed` : ''}) in ${(ms / 1000).toFixed(1)} s`,
  );
  return { roots: rootIds.length, versions, failed, ms };
}

async function probeOnce(log: RootLog, root: mongoose.Types.ObjectId): Promise<boolean> {
  const d = await BookingVersionModel.findOne({ rootId: root, seq: log.n + 1 }).lean<BookingVersionDoc>();
  if (!d) return false;
  append(log, d);
  return true;
}

/**
 * Brings the replica of one root up to the database's current highest seq by exact probes and
 * returns that seq (the first probe that finds nothing proves n was the highest at that moment).
 * With `maxAgeMs`, accepts a replica probed at most that long ago.
 */
export async function syncRoot(rootId: string, maxAgeMs = 0): Promise<number> {
  const log = await loaded(rootId);
  const started = Date.now();
  if (maxAgeMs > 0 && started - log.probedAt <= maxAgeMs) return log.n;
  const root = new mongoose.Types.ObjectId(rootId);
  while (await probeOnce(log, root));
  log.probedAt = Math.max(log.probedAt, started);
  return log.n;
}

/** Seq currently applied for a root (0 if not loaded). */
export function appliedSeq(rootId: string): number {
  return logs.get(keyOf(rootId))?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Hints: the highest seq each process claimed per root.

interface HeadsDoc {
  _id: string;
  heads: Record<string, number>;
  at: Date;
}
const headsSchema = new Schema(
  {
    _id: { type: String, required: true },
    heads: { type: Schema.Types.Mixed, default: {} },
    at: { type: Date, required: true },
  },
  { collection: 'booking_heads', versionKey: false, minimize: false },
);
const HeadsModel = mongoose.model('BookingHeads', headsSchema);
/** Hints older than this are ignored (processes long gone; their writes are in every replica by then). */
const HINT_TTL_MS = 24 * 3_600_000;

const processKey = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
const ownHeads = new Map<string, Record<string, number>>(); // per database name
let changes = 0;
let stored = 0;
let flushing: Promise<void> | undefined;

/** Records that this process claimed `seq` under `rootId`; resolves once a hint carrying it is
 * stored. One store in flight per process; a store started after our change carries it. */
async function publishHead(rootId: string, seq: number): Promise<void> {
  const db = mongoose.connection.name;
  const heads = ownHeads.get(db) ?? {};
  ownHeads.set(db, heads);
  heads[rootId] = Math.max(heads[rootId] ?? 0, seq);
  const mine = ++changes;
  while (stored < mine) {
    if (!flushing) {
      const upTo = changes;
      const snapshot = { ...(ownHeads.get(mongoose.connection.name) ?? {}) };
      flushing = HeadsModel.replaceOne(
        { _id: processKey },
        { _id: processKey, heads: snapshot, at: new Date() },
        { upsert: true },
      )
        .then(() => {
          stored = Math.max(stored, upTo);
        })
        .finally(() => (flushing = undefined));
    }
    await flushing;
  }
}

let headsCache: { db: string; startedAt: number; value: Promise<Map<string, number>> } | undefined;

/** The highest seq other processes claimed per root, from a query that started at or after `since`. */
function othersHeads(since: number): Promise<Map<string, number>> {
  const db = mongoose.connection.name;
  if (headsCache && headsCache.db === db && headsCache.startedAt >= since) return headsCache.value;
  const startedAt = Date.now();
  const value = (async () => {
    const docs = await HeadsModel.find({}).lean<HeadsDoc[]>();
    const out = new Map<string, number>();
    for (const d of docs) {
      if (d._id === processKey || Date.now() - new Date(d.at).getTime() > HINT_TTL_MS) continue;
      for (const [r, s] of Object.entries(d.heads ?? {}))
        if (typeof s === 'number' && s > (out.get(r) ?? 0)) out.set(r, s);
    }
    return out;
  })();
  value.catch(() => {
    if (headsCache?.value === value) headsCache = undefined;
  });
  headsCache = { db, startedAt, value };
  return value;
}

/**
 * Brings the given roots up to date with every write another process acknowledged before `since`
 * (its hint is stored before it answers): reads pass `now - window`, decisions pass the time the
 * request started. Roots not probed for a while are probed in the background (reads) or inline
 * (`inlineSafety`). Returns the seq each root is at.
 */
export async function catchUp(rootIds: string[], since: number, inlineSafety = false): Promise<number[]> {
  const [heads, roots] = await Promise.all([othersHeads(since), Promise.all(rootIds.map((r) => loaded(r)))]);
  const now = Date.now();
  await Promise.all(
    rootIds.map(async (rootId, i) => {
      const log = roots[i]!;
      const hint = heads.get(rootId) ?? 0;
      if (hint > log.n) await probeUpTo(log, rootId, hint);
      if (now - log.probedAt > SAFETY_PROBE_MS) {
        const p = background(log, rootId, !inlineSafety);
        if (inlineSafety) await p;
      }
    }),
  );
  return roots.map((l) => l.n);
}

/** Probes seq n+1..hint (they exist: hints are written after the inserts), a few at a time. */
async function probeUpTo(log: RootLog, rootId: string, hint: number): Promise<void> {
  const root = new mongoose.Types.ObjectId(rootId);
  while (log.n < hint) {
    const from = log.n + 1;
    const batch = Array.from({ length: Math.min(4, hint - log.n) }, (_, k) => from + k);
    const found = await Promise.all(
      batch.map((seq) => BookingVersionModel.findOne({ rootId: root, seq }).lean<BookingVersionDoc>()),
    );
    let progressed = false;
    for (const d of found.filter((x): x is BookingVersionDoc => !!x).sort((a, b) => a.seq - b.seq))
      progressed = append(log, d) || progressed;
    if (!progressed && log.n < from) return; // not there (database replaced under us): leave it to the probes
  }
}

/** Background safety probes running at once, at most. On FerretDB each probe is a sequential scan of
 * the whole collection in PostgreSQL (about 200 ms at 100,000 versions); the roots, loaded together,
 * fall due together, and probing them all at once would take both cores for seconds every round. */
const BACKGROUND_PROBES = 1;
let probesRunning = 0;
const probesWaiting: Array<() => void> = [];

async function inProbeSlot<T>(f: () => Promise<T>): Promise<T> {
  if (probesRunning >= BACKGROUND_PROBES) await new Promise<void>((r) => probesWaiting.push(r));
  else probesRunning++;
  try {
    return await f();
  } finally {
    const next = probesWaiting.shift();
    if (next)
      next(); // the slot passes to the next probe
    else probesRunning--;
  }
}

function background(log: RootLog, rootId: string, queued = true): Promise<number> {
  if (!log.probing) {
    log.probing = (queued ? inProbeSlot(() => syncRoot(rootId)) : syncRoot(rootId)).finally(
      () => (log.probing = undefined),
    );
    log.probing.catch(() => {});
  }
  return log.probing;
}

/** Records our own successful insert (so that this process sees its writes at once) and publishes the hint. */
export async function noteInserted(d: BookingVersionDoc): Promise<void> {
  const log = logs.get(keyOf(String(d.rootId)));
  if (log) append(log, d);
  await publishHead(String(d.rootId), d.seq).catch(() => {
    /* only a hint: other processes then see the write through their periodic probes */
  });
}

// ---------------------------------------------------------------------------------------------
// Reading the state.

export interface StateView {
  /** The seq the view is the state after. */
  seq: number;
  /** Current state of every booking whose current phases come into [from, to) (live or not). */
  bookings: Map<string, ReducedBooking>;
  /** Latest version document of each of those bookings (as loaded: without the fields of `LOAD_PROJECTION`). */
  docs: Map<string, BookingVersionDoc>;
}

/**
 * The state of a root after its applied seq, restricted to the bookings whose current span overlaps
 * [from, to), plus the bookings in `include`. Synchronous: a consistent snapshot (no version can be
 * applied while it is built). Call `catchUp` or `syncRoot` first.
 */
export function stateOf(rootId: string, from: number, to: number, include: string[] = []): StateView {
  const log = logs.get(keyOf(rootId));
  const bookings = new Map<string, ReducedBooking>();
  const docs = new Map<string, BookingVersionDoc>();
  if (!log) return { seq: 0, bookings, docs };
  const take = (id: string) => {
    if (bookings.has(id)) return;
    const b = log.state.get(id);
    const d = log.docs.get(id);
    if (!b || !d) return;
    bookings.set(id, b);
    docs.set(id, d);
  };
  if (!Number.isFinite(from) || !Number.isFinite(to) || to - from > 3 * 366 * 24 * 3_600_000) {
    for (const [id, b] of log.state) if (b.phases.some((p) => p.start < to && p.end > from)) take(id);
  } else {
    const hi = Math.floor((to - 1) / WEEK_MS);
    for (let w = Math.floor(from / WEEK_MS); w <= hi; w++) {
      for (const id of log.weeks.get(w) ?? []) {
        if (bookings.has(id)) continue;
        if (log.state.get(id)!.phases.some((p) => p.start < to && p.end > from)) take(id);
      }
    }
  }
  for (const id of include) take(id);
  return { seq: log.n, bookings, docs };
}

/**
 * The latest version documents of the bookings whose current phases overlap [from, to) in the state
 * after the applied seq (at least `maxSeq`). Kept for callers of the former API; new
 * code uses `stateOf`, which also has the reduced state (holds released by later writes).
 */
export function windowOf(
  rootId: string,
  from: number,
  to: number,
  maxSeq?: number,
): { records: BookingVersionDoc[]; ids: Set<string> } {
  // A view newer than `maxSeq` is harmless for a decision that claims maxSeq + 1: that seq is then
  // taken, and the insert fails on the unique index.
  const view = stateOf(rootId, from, to);
  void maxSeq;
  return { records: [...view.docs.values()], ids: new Set(view.docs.keys()) };
}

/** Latest version of a booking if its root's replica has it (it may lag other processes; without the
 * fields of `LOAD_PROJECTION` if it came from the initial load). */
export function replicaLatest(bookingId: string): BookingVersionDoc | undefined {
  const prefix = `${mongoose.connection.name}/`;
  for (const [key, log] of logs) {
    if (!key.startsWith(prefix)) continue;
    const d = log.docs.get(bookingId);
    if (d) return d;
  }
  return undefined;
}
