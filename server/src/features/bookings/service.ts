import { createHash, randomInt } from 'node:crypto';
import mongoose from 'mongoose';
import {
  AppError,
  checkRules,
  decideFirm,
  decidePlacement,
  holdRanks,
  holdsCompete,
  isLive,
  overlaps,
  spanOf,
  suggestWindows,
  toMoscowIso,
  topologyOf,
  DAY_MS,
  isStaff,
  type Availability,
  type Booking,
  type BookingKind,
  type BookingListQuery,
  type BookingStatus,
  type Busy,
  type Conflict,
  type ConflictHit,
  type CreateBookingRequest,
  type Facility,
  type HistoryEntry,
  type LiveBooking,
  type PatchBookingRequest,
  type PhaseInput,
  type PhaseMs,
  type ReducedBooking,
  type Topology,
  type AvailabilityQuery,
} from '@moskino/shared';
import type { Caller } from '../../http/routes.js';
import { catalogueService, type FacilityTree } from '../catalogue/service.js';
import { organisationRepository } from '../auth/repository.js';
import { bookingRepository, isDuplicateKey } from './repository.js';
import { appliedSeq, catchUp, noteInserted, preload, replicaLatest, stateOf, syncRoot, windowOf } from './log.js';
import type { BookingVersionDoc } from './models.js';
import { presentBooking, toRecord } from './presenter.js';

/**
 * The booking engine. Every write follows the same loop (docs/booking-invariant.md):
 *   1. read s = the highest sequence number claimed under the facility's root;
 *   2. read the root's state after s (versions with seq <= s overlapping the request, buffers included);
 *   3. decide with the pure rules of @moskino/shared;
 *   4. insert ONE version document with seq = s + 1 under the unique index {rootId, seq}.
 * A duplicate key (another writer claimed s + 1 first) restarts the loop, which then sees the winner.
 */

const MAX_ATTEMPTS = 200;
const MAX_RETRY_MS = 30_000;
/** Reads may miss other processes' writes of the last 250 ms (never this process's own, never for decisions). */
const READ_STALENESS_MS = 250;

type Id = mongoose.Types.ObjectId;
const oid = (s: string): Id => new mongoose.Types.ObjectId(s);

interface Ctx {
  tree: FacilityTree;
  topo: Topology;
  maxBufferMs: number;
}

let ctxCache: { at: number; ctx: Promise<Ctx> } | undefined;
/** The catalogue as the engine needs it. Cached for one second: roots and rules change rarely, and a
 * stale read here only affects which rules apply, never the serialisation (rootId is on each version). */
async function context(): Promise<Ctx> {
  const now = Date.now();
  if (!ctxCache || now - ctxCache.at > 1000) {
    const ctx = catalogueService.loadTree().then((tree) => ({
      tree,
      topo: topologyOf(tree.all),
      maxBufferMs: Math.max(0, ...tree.all.map((f) => f.rules.bufferMinutes)) * 60_000,
    }));
    ctx.catch(() => (ctxCache = undefined));
    ctxCache = { at: now, ctx };
  }
  return ctxCache.ctx;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Jittered backoff between attempts (full jitter, capped). */
async function backoff(attempt: number): Promise<void> {
  await sleep(randomInt(0, Math.min(50, 2 + attempt * 3) + 1));
}

function contention(): AppError {
  return new AppError('rate_limited', 'Too many simultaneous changes on this facility; try again', {
    retryAfterSeconds: 1,
  });
}

function bad(path: string, message: string, code = 'invalid'): AppError {
  return new AppError('validation_failed', `Invalid body: ${path}: ${message}`, {
    in: 'body',
    issues: [{ path, message, code }],
  });
}

function toPhasesMs(phases: PhaseInput[]): PhaseMs[] {
  return phases.map((p) => ({ type: p.type, start: Date.parse(p.start), end: Date.parse(p.end) }));
}

function bookableFacility(ctx: Ctx, facilityId: string): Facility {
  const f = ctx.tree.byId.get(facilityId);
  if (!f) throw bad('facilityId', 'no such facility', 'unknown_facility');
  if (!f.bookable || f.status !== 'operating')
    throw bad('facilityId', 'this facility cannot be booked', 'not_bookable');
  return f;
}

function checkRulesOrThrow(phases: PhaseMs[], facility: Facility, kind: BookingKind): void {
  const issues = checkRules(phases, facility.rules, Date.now(), kind);
  if (issues.length) {
    const first = issues[0]!;
    throw new AppError('validation_failed', `Invalid body: ${first.path}: ${first.message}`, { in: 'body', issues });
  }
}

/** Everyone but the booking's own organisation and staff sees only busy/held. */
function maySeeDetails(caller: Caller, organisationId: string): boolean {
  return isStaff(caller.role) || (caller.role === 'crew' && caller.organisationId === organisationId);
}

interface RootState {
  /** Current state of every booking of interest (live or not), by id. */
  bookings: Map<string, ReducedBooking>;
  /** Latest version document of each booking of interest. */
  docs: Map<string, BookingVersionDoc>;
}

function liveOf(state: RootState): LiveBooking[] {
  return [...state.bookings.values()].filter((b) => isLive(b.status));
}

/** State of the given roots over a window, with every hold that can influence the ranks of the holds
 * found. Each root is shown exactly as after some seq (its replica's), caught up with every write
 * other processes acknowledged more than READ_STALENESS_MS ago. Not a snapshot across roots: for reads only. */
async function loadForReading(
  ctx: Ctx,
  rootIds: string[],
  from: number,
  to: number,
): Promise<RootState & { ranks: Map<string, number> }> {
  await catchUp(rootIds, Date.now() - READ_STALENESS_MS);
  if (rootIds.length === 1) return readRoot(ctx, rootIds[0]!, from, to);
  const key = `${rootIds.join(',')}|${from}|${to}`;
  const seqs = rootIds.map(appliedSeq);
  const hit = mergedCache.get(key);
  if (hit && hit.ctx === ctx && hit.seqs.every((n, i) => n === seqs[i])) return hit.value;
  const bookings = new Map<string, ReducedBooking>();
  const docs = new Map<string, BookingVersionDoc>();
  const ranks = new Map<string, number>();
  for (const r of rootIds) {
    const v = readRoot(ctx, r, from, to);
    for (const [k, b] of v.bookings) bookings.set(k, b);
    for (const [k, d] of v.docs) docs.set(k, d);
    for (const [k, n] of v.ranks) ranks.set(k, n);
  }
  const value = { bookings, docs, ranks };
  if (mergedCache.size > 32) mergedCache.clear();
  mergedCache.set(key, { ctx, seqs, value });
  return value;
}
/** Reads of several roots, reused while every root's seq, the window and the catalogue are the same. */
const mergedCache = new Map<string, { ctx: Ctx; seqs: number[]; value: RootState & { ranks: Map<string, number> } }>();

type RootRead = RootState & { ranks: Map<string, number> };
/** The last read of each root, reused while the root's seq, the window and the catalogue are the same. */
const readCache = new Map<string, { ctx: Ctx; seq: number; from: number; to: number; value: RootRead }>();

/** One root, synchronously, from the replica as it is (call `catchUp` first). Hold ranks are computed
 * per root (holds of different roots never compete), over the holds of the window and every earlier
 * hold they compete with, directly or through others: the window grows until no live hold of that
 * closure, with its buffer, reaches beyond it. */
function readRoot(ctx: Ctx, rootId: string, from: number, to: number): RootRead {
  const seq = appliedSeq(rootId);
  const cached = readCache.get(rootId);
  if (cached && cached.ctx === ctx && cached.seq === seq && cached.from === from && cached.to === to)
    return cached.value;
  let lo = from - ctx.maxBufferMs;
  let hi = to + ctx.maxBufferMs;
  for (let round = 0; ; round++) {
    const state = stateOf(rootId, lo, hi);
    const live = liveOf(state);
    const holds = live.filter((b) => b.status === 'held');
    const closure = holds.filter((h) => h.phases.some((p) => overlaps(p, { start: from, end: to })));
    const seen = new Set(closure.map((h) => h.id));
    for (let i = 0; i < closure.length; i++) {
      for (const o of holds) {
        if (!seen.has(o.id) && holdsCompete(closure[i]!, o, ctx.topo)) {
          seen.add(o.id);
          closure.push(o);
        }
      }
    }
    let nlo = lo;
    let nhi = hi;
    for (const h of closure) {
      const s = spanOf(h.phases);
      nlo = Math.min(nlo, s.start - ctx.maxBufferMs);
      nhi = Math.max(nhi, s.end + ctx.maxBufferMs);
    }
    if ((nlo === lo && nhi === hi) || round >= 50) {
      const value = { bookings: state.bookings, docs: state.docs, ranks: holdRanks(holds, ctx.topo) };
      readCache.set(rootId, { ctx, seq: state.seq, from, to, value });
      return value;
    }
    lo = nlo;
    hi = nhi;
  }
}

async function rankOf(
  ctx: Ctx,
  doc: BookingVersionDoc,
): Promise<{ reduced?: ReducedBooking; doc: BookingVersionDoc; rank: number | null }> {
  const span = spanOf(toRecord(doc).phases);
  const state = await loadForReading(ctx, [String(doc.rootId)], span.start, span.end);
  const id = String(doc.bookingId);
  const latest = state.docs.get(id);
  // The state read may be newer than `doc` (the caller read it earlier): show the newer version.
  if (latest && latest.version >= doc.version)
    return { reduced: state.bookings.get(id), doc: latest, rank: state.ranks.get(id) ?? null };
  return { reduced: state.bookings.get(id), doc, rank: state.ranks.get(id) ?? null };
}

async function present(ctx: Ctx, doc: BookingVersionDoc): Promise<Booking> {
  const r = await rankOf(ctx, doc);
  return presentBooking(r.doc, r.reduced, r.rank);
}

function conflictsFor(caller: Caller, hits: ConflictHit[], docs: Map<string, BookingVersionDoc>): Conflict[] {
  const out: Conflict[] = [];
  for (const h of hits) {
    const visible = maySeeDetails(caller, h.booking.organisationId);
    for (const p of h.phases) {
      out.push({
        facilityId: h.booking.facilityId,
        start: toMoscowIso(p.start),
        end: toMoscowIso(p.end),
        status: h.booking.status,
        ...(visible && docs.has(h.booking.id) ? { bookingId: h.booking.id } : {}),
      });
    }
  }
  return out;
}

/** 409 booking_conflict with what is in the way and the nearest free windows of the same length. */
async function conflictError(
  ctx: Ctx,
  caller: Caller,
  facility: Facility,
  candidate: { id?: string; kind: BookingKind; phases: PhaseMs[] },
  hits: ConflictHit[],
  docs: Map<string, BookingVersionDoc>,
  message: string,
): Promise<AppError> {
  const span = spanOf(candidate.phases);
  const searchFrom = span.start - 90 * DAY_MS;
  const searchTo = span.end + 90 * DAY_MS;
  const around = await loadForReading(ctx, [facility.rootId], searchFrom, searchTo);
  const windows = suggestWindows(
    { ...candidate, facilityId: facility.id },
    liveOf(around),
    ctx.topo,
    facility.rules,
    Date.now(),
    { searchFrom, searchTo },
  );
  return new AppError('booking_conflict', message, {
    conflicts: conflictsFor(caller, hits, docs),
    suggestions: windows.map((w) => ({ start: toMoscowIso(w.start), end: toMoscowIso(w.end) })),
  });
}

function phaseDocs(phases: PhaseMs[]): Array<{ type: string; start: Date; end: Date }> {
  return [...phases]
    .sort((a, b) => a.start - b.start)
    .map((p) => ({ type: p.type, start: new Date(p.start), end: new Date(p.end) }));
}

function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);
}

function actorOf(caller: Caller) {
  return { userId: caller.userId, organisationId: caller.organisationId, role: caller.role };
}

/** Writes one version under the root's next sequence number, retrying the whole decision on a
 * duplicate key. `decide` runs on the root state after s and returns the document to insert (or throws).
 * `window().include` names bookings to include in the state wherever their time now is. */
async function claimLoop<T>(
  rootId: string,
  window: () => { start: number; end: number; include?: string[] },
  decide: (state: RootState, seq: number) => Promise<{ doc: BookingVersionDoc; result: T } | { done: T }>,
  onDuplicate?: (err: unknown) => Promise<T | undefined>,
): Promise<T> {
  const ctx = await context();
  const started = Date.now();
  for (let attempt = 0; attempt < MAX_ATTEMPTS && Date.now() - started < MAX_RETRY_MS; attempt++) {
    // 1. s = the replica's seq, caught up with every write any process acknowledged before this
    //    request (their hints are stored before they answer); the insert checks that s was the highest.
    // 2. the state after s around the request: `stateOf` is synchronous, so it is exactly the state
    //    after s (nothing can be applied in between).
    if (attempt === 0) await catchUp([rootId], started);
    const w = window();
    const state = stateOf(rootId, w.start - ctx.maxBufferMs, w.end + ctx.maxBufferMs, w.include);
    const s = state.seq;
    // 3. decide; 4. claim s + 1.
    const outcome = await decide(state, s + 1);
    if ('done' in outcome) return outcome.done;
    try {
      await bookingRepository.insert(outcome.doc);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      if (onDuplicate) {
        const answer = await onDuplicate(err);
        if (answer !== undefined) return answer;
      }
      // Another writer took s + 1 (or the same version of the booking). If it was this process, the
      // replica has it already: decide again at once. Otherwise fetch what others wrote.
      if (appliedSeq(rootId) === s) {
        await syncRoot(rootId);
        await backoff(attempt);
      }
      continue;
    }
    await noteInserted(outcome.doc);
    return outcome.result;
  }
  throw contention();
}

export const bookingService = {
  /** `opts.releaseHolds` (staff blackouts): holds in the way are released by the same write (`bumps`),
   * like a hold made firm releases the holds behind it. Firm time in the way is still a conflict. */
  async create(
    caller: Caller,
    req: CreateBookingRequest,
    idempotencyKey?: string,
    opts: { releaseHolds?: boolean; reason?: string } = {},
  ): Promise<{ booking: Booking; replayed: boolean }> {
    const ctx = await context();
    const facility = bookableFacility(ctx, req.facilityId);
    if (req.kind === 'blackout' && !isStaff(caller.role))
      throw new AppError('forbidden', 'Only staff may create blackouts');
    let organisationId = caller.organisationId;
    if (req.organisationId !== undefined && req.organisationId !== caller.organisationId) {
      if (!isStaff(caller.role)) throw new AppError('forbidden', 'Crews book for their own organisation only');
      if (!(await organisationRepository.findById(req.organisationId)))
        throw bad('organisationId', 'no such organisation', 'unknown_organisation');
      organisationId = req.organisationId;
    }
    const phases = toPhasesMs(req.phases);
    checkRulesOrThrow(phases, facility, req.kind);
    const span = spanOf(phases);
    const hash = requestHash(req);
    const idemOrg = caller.organisationId;
    const bookingId = new mongoose.Types.ObjectId();
    const idemKey = idempotencyKey ? `k:${idempotencyKey}` : `auto:${String(bookingId)}`;

    const replay = async (): Promise<{ booking: Booking; replayed: boolean } | undefined> => {
      if (!idempotencyKey) return undefined;
      const first = await bookingRepository.findByIdempotencyKey(idemOrg, idemKey);
      if (!first) return undefined;
      if (first.requestHash !== hash)
        throw new AppError('conflict', 'This Idempotency-Key was used for a different request', { idempotencyKey });
      const latest = (await bookingRepository.latestVersion(first.bookingId)) ?? first;
      return { booking: await present(ctx, latest), replayed: true };
    };
    const earlier = await replay();
    if (earlier) return earlier;

    const status: BookingStatus = req.kind === 'hold' ? 'held' : req.kind === 'blackout' ? 'blackout' : 'pending';
    const doc = await claimLoop<BookingVersionDoc | { booking: Booking; replayed: boolean }>(
      facility.rootId,
      () => span,
      async (state, seq) => {
        const decision = decidePlacement({ facilityId: facility.id, kind: req.kind, phases }, liveOf(state), ctx.topo);
        let bumps: Id[] = [];
        if (!decision.ok) {
          const onlyHolds = decision.conflicts.every((h) => h.booking.status === 'held');
          if (!(opts.releaseHolds && req.kind === 'blackout' && onlyHolds)) {
            throw await conflictError(
              ctx,
              caller,
              facility,
              { kind: req.kind, phases },
              decision.conflicts,
              state.docs,
              'The facility is not free at that time',
            );
          }
          bumps = decision.conflicts.map((h) => oid(h.booking.id));
        }
        const now = new Date();
        const d: BookingVersionDoc = {
          _id: bookingId,
          bookingId,
          version: 1,
          rootId: oid(facility.rootId),
          seq,
          facilityId: oid(facility.id),
          organisationId,
          title: req.title,
          notes: req.notes ?? '',
          kind: req.kind,
          status,
          phases: phaseDocs(phases),
          start: new Date(span.start),
          end: new Date(span.end),
          placedSeq: seq,
          bumps,
          action: 'create',
          reason: opts.reason ?? '',
          actor: actorOf(caller),
          at: now,
          createdAt: now,
          idemOrg,
          idemKey,
          requestHash: hash,
        };
        return { doc: d, result: d };
      },
      // A duplicate key may also be our Idempotency-Key taken by a concurrent twin: answer with its result.
      async () => replay(),
    );
    if ('booking' in doc) return doc;
    return { booking: await present(ctx, doc), replayed: false };
  },

  /** The booking if the caller may see it in detail (else 404: ids of others are not confirmed). */
  async get(caller: Caller, id: string): Promise<Booking> {
    const ctx = await context();
    const doc = await visibleLatest(caller, id);
    return present(ctx, doc);
  },

  async list(caller: Caller, q: BookingListQuery): Promise<Booking[]> {
    const ctx = await context();
    const now = Date.now();
    const from = q.from ? Date.parse(q.from) : now - 30 * DAY_MS;
    const to = q.to ? Date.parse(q.to) : from + 400 * DAY_MS;
    if (!(to > from))
      throw new AppError('validation_failed', 'Invalid query: to: must be after from', {
        in: 'query',
        issues: [{ path: 'to', message: 'must be after from', code: 'invalid' }],
      });
    if (to - from > 400 * DAY_MS)
      throw new AppError('validation_failed', 'Invalid query: to: the window may be at most 400 days', {
        in: 'query',
        issues: [{ path: 'to', message: 'the window may be at most 400 days', code: 'too_big' }],
      });
    let rootIds: string[];
    let facilityFilter: Set<string> | undefined;
    if (q.facilityId) {
      const f = ctx.tree.byId.get(q.facilityId);
      if (!f)
        throw new AppError('validation_failed', 'Invalid query: facilityId: no such facility', {
          in: 'query',
          issues: [{ path: 'facilityId', message: 'no such facility', code: 'unknown_facility' }],
        });
      rootIds = [f.rootId];
      facilityFilter = new Set([f.id]);
    } else {
      rootIds = [...new Set(ctx.tree.all.map((f) => f.rootId))];
    }
    const state = await loadForReading(ctx, rootIds, from, to);
    const out: Booking[] = [];
    for (const [id, b] of state.bookings) {
      const doc = state.docs.get(id)!;
      if (!maySeeDetails(caller, b.organisationId)) continue;
      if (facilityFilter && !facilityFilter.has(b.facilityId)) continue;
      if (q.status && !q.status.includes(b.status)) continue;
      if (!b.phases.some((p) => overlaps(p, { start: from, end: to }))) continue;
      out.push(presentBooking(doc, b, state.ranks.get(id) ?? null));
    }
    return out.sort((a, b) => a.phases[0]!.start.localeCompare(b.phases[0]!.start) || a.id.localeCompare(b.id));
  },

  async patch(caller: Caller, id: string, req: PatchBookingRequest, reason?: string): Promise<Booking> {
    const ctx = await context();
    const first = await visibleLatest(caller, id);
    if (first.kind === 'blackout' && !isStaff(caller.role))
      throw new AppError('forbidden', 'Only staff may change a blackout');
    const facility = ctx.tree.byId.get(String(first.facilityId));
    if (!facility) throw new AppError('conflict', 'The facility of this booking no longer exists');
    const newPhases = req.phases ? toPhasesMs(req.phases) : undefined;
    if (newPhases) {
      bookableFacility(ctx, facility.id);
      checkRulesOrThrow(newPhases, facility, first.kind);
    }
    return change(ctx, caller, first, 'update', newPhases, async (me, state, seq) => {
      if (me.version !== req.version) {
        throw new AppError(
          'stale_version',
          `The booking changed since version ${req.version}; reload it (now version ${me.version})`,
          { currentVersion: me.version },
        );
      }
      if (!isLive(me.status))
        throw new AppError('conflict', `A ${me.status} booking cannot be changed`, { status: me.status });
      const doc = state.docs.get(me.id)!;
      let status = me.status;
      let placedSeq = me.placedSeq;
      let phases = doc.phases;
      if (newPhases) {
        const decision = decidePlacement(
          { id: me.id, facilityId: me.facilityId, kind: me.kind, phases: newPhases },
          liveOf(state),
          ctx.topo,
        );
        if (!decision.ok)
          throw await conflictError(
            ctx,
            caller,
            facility,
            { id: me.id, kind: me.kind, phases: newPhases },
            decision.conflicts,
            state.docs,
            'The facility is not free at the new time',
          );
        phases = phaseDocs(newPhases);
        // A moved hold joins the back of the queue; moved confirmed time needs staff approval again.
        if (me.status === 'held') placedSeq = seq;
        if (me.status === 'confirmed' && !isStaff(caller.role)) status = 'pending';
      }
      return {
        title: req.title ?? doc.title,
        notes: req.notes ?? doc.notes,
        phases,
        status,
        placedSeq,
        ...(reason ? { reason } : {}),
      };
    });
  },

  async cancel(caller: Caller, id: string, reason?: string): Promise<Booking> {
    const ctx = await context();
    const first = await visibleLatest(caller, id);
    if (first.kind === 'blackout' && !isStaff(caller.role))
      throw new AppError('forbidden', 'Only staff may lift a blackout');
    return change(ctx, caller, first, 'cancel', undefined, async (me) => {
      if (me.status === 'cancelled' || me.status === 'released') return 'unchanged';
      if (!isLive(me.status))
        throw new AppError('conflict', `A ${me.status} booking cannot be cancelled`, { status: me.status });
      return { status: me.status === 'held' ? 'released' : 'cancelled', ...(reason ? { reason } : {}) };
    });
  },

  async firm(caller: Caller, id: string): Promise<Booking> {
    const ctx = await context();
    const first = await visibleLatest(caller, id);
    const facility = ctx.tree.byId.get(String(first.facilityId));
    return change(ctx, caller, first, 'firm', undefined, async (me, state) => {
      if (me.status === 'pending' || me.status === 'confirmed') return 'unchanged';
      if (me.status !== 'held')
        throw new AppError('conflict', `Only a hold can be made firm (this booking is ${me.status})`, {
          status: me.status,
        });
      const decision = decideFirm(me, liveOf(state), ctx.topo);
      if (!decision.ok) {
        const message =
          decision.reason === 'not_first_hold'
            ? 'Only the first hold over all of its time can be made firm'
            : 'The facility is not free at that time';
        throw await conflictError(
          ctx,
          caller,
          facility!,
          { id: me.id, kind: 'firm', phases: me.phases },
          decision.conflicts,
          state.docs,
          message,
        );
      }
      return { kind: 'firm', status: 'pending', bumps: decision.bumps.map(oid) };
    });
  },

  async confirm(caller: Caller, id: string, reason?: string): Promise<Booking> {
    const ctx = await context();
    const first = await visibleLatest(caller, id);
    return change(ctx, caller, first, 'confirm', undefined, async (me) => {
      if (me.status === 'confirmed') return 'unchanged';
      if (me.status !== 'pending')
        throw new AppError('conflict', `Only a pending request can be confirmed (this booking is ${me.status})`, {
          status: me.status,
        });
      return { status: 'confirmed', ...(reason ? { reason } : {}) };
    });
  },

  async reject(caller: Caller, id: string, reason?: string): Promise<Booking> {
    const ctx = await context();
    const first = await visibleLatest(caller, id);
    return change(ctx, caller, first, 'reject', undefined, async (me) => {
      if (me.status === 'rejected') return 'unchanged';
      if (me.status !== 'pending')
        throw new AppError('conflict', `Only a pending request can be rejected (this booking is ${me.status})`, {
          status: me.status,
        });
      return { status: 'rejected', ...(reason ? { reason } : {}) };
    });
  },

  /**
   * Staff move a hold in the queue: directly before `beforeId` (a live hold competing with it), or to
   * the back (`beforeId` null). The hold gets a new version whose `placedSeq` lies strictly between
   * the keys of its new neighbours among the holds competing with it (a fraction), decided on the
   * state after s like every write; ranks follow from `placedSeq` as always.
   */
  async reorderHold(caller: Caller, id: string, beforeId: string | null, reason: string): Promise<Booking> {
    const ctx = await context();
    const first = await visibleLatest(caller, id);
    if (beforeId === id) throw new AppError('conflict', 'A hold cannot be placed before itself');
    return change(ctx, caller, first, 'reorder', undefined, async (me, state, seq) => {
      if (me.status !== 'held')
        throw new AppError('conflict', `Only a live hold can be moved in the queue (this booking is ${me.status})`, {
          status: me.status,
        });
      if (beforeId === null) return { placedSeq: seq, reason };
      const before = state.bookings.get(beforeId);
      if (!before || before.status !== 'held' || !holdsCompete(me, before, ctx.topo)) {
        throw new AppError('conflict', 'The other booking is not a live hold competing with this one', {
          beforeBookingId: beforeId,
        });
      }
      const competitors = liveOf(state).filter((b) => b.status === 'held' && holdsCompete(me, b, ctx.topo));
      const lower = Math.max(
        before.placedSeq - 1,
        ...competitors.filter((b) => b.placedSeq < before.placedSeq).map((b) => b.placedSeq),
      );
      const key = (lower + before.placedSeq) / 2;
      // Keys stay unique in the root (competing holds must differ; unique keys keep the order total).
      const used = new Set(
        windowOf(String(first.rootId), -Infinity, Infinity, seq - 1).records.map((d) => d.placedSeq),
      );
      if (!(key > lower && key < before.placedSeq) || used.has(key))
        throw new AppError('conflict', 'The queue cannot be split further here; move the hold to the back instead');
      return { placedSeq: key, reason };
    });
  },

  async history(caller: Caller, id: string): Promise<HistoryEntry[]> {
    const { versions, bumpedBy } = await bookingRepository.history(oid(id));
    if (!versions.length) throw new AppError('not_found', 'No such booking');
    const entries: HistoryEntry[] = [];
    let prev: Booking | null = null;
    for (const v of versions) {
      const after = presentBooking(v, undefined, null);
      entries.push({
        version: v.version,
        action: v.action,
        at: toMoscowIso(new Date(v.at).getTime()),
        by: v.actor,
        before: prev,
        after,
      });
      prev = after;
    }
    const last = versions[versions.length - 1]!;
    const bump = bumpedBy.find((b) => b.seq > last.seq);
    if (bump && last.status === 'held') {
      entries.push({
        version: last.version,
        action: `released: ${bump.kind === 'blackout' ? 'blackout' : 'booking'} ${String(bump.bookingId)} ${bump.kind === 'blackout' ? 'was placed over it' : 'was made firm'}`,
        at: toMoscowIso(new Date(bump.at).getTime()),
        by: bump.actor,
        before: prev,
        after: presentBooking(last, { status: 'released' }, null, new Date(bump.at)),
      });
    }
    return entries;
  },

  async availability(caller: Caller, q: AvailabilityQuery): Promise<Availability> {
    const ctx = await context();
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    let facilities: Facility[];
    if (q.facilityIds) {
      facilities = q.facilityIds.map((id) => {
        const f = ctx.tree.byId.get(id);
        if (!f)
          throw new AppError('validation_failed', `Invalid query: facilityIds: no such facility ${id}`, {
            in: 'query',
            issues: [{ path: 'facilityIds', message: `no such facility ${id}`, code: 'unknown_facility' }],
          });
        return f;
      });
    } else {
      facilities = ctx.tree.all.filter((f) => f.bookable && (!q.site || f.site === q.site));
    }
    const rootIds = [...new Set(facilities.map((f) => f.rootId))];
    await catchUp(rootIds, Date.now() - READ_STALENESS_MS);
    // Synchronous from here: each root is shown exactly as after the seq its replica holds now.
    const viewer = isStaff(caller.role) ? 'staff' : caller.role === 'crew' ? `crew:${caller.organisationId}` : 'public';
    return {
      from: toMoscowIso(from),
      to: toMoscowIso(to),
      facilities: facilities.map((f) => ({ facilityId: f.id, busy: busyOf(ctx, caller, viewer, f, from, to) })),
    };
  },
};

interface BusyEntry {
  ctx: Ctx;
  seq: number;
  /** Live bookings of the root overlapping the window, by facility. */
  byFacility: Map<string, LiveBooking[]>;
  docs: Map<string, BookingVersionDoc>;
  ranks: Map<string, number>;
  /** The busy list of each facility of the root asked for so far (shared by every answer: never mutated). */
  lists: Map<string, Busy[]>;
  iso: Map<number, string>;
}
/** Busy lists per root, window and viewer (what the viewer may see in detail), reused while the root's
 * seq and the catalogue are the same: a read at the same seq computes exactly the same lists. */
const busyCache = new Map<string, BusyEntry>();

/** The busy list of one facility as its root's replica is now (call `catchUp` first), with the privacy
 * of the viewer (`viewer` names what `caller` may see in detail: 'staff', 'crew:<org>' or 'public'). */
function busyOf(ctx: Ctx, caller: Caller, viewer: string, f: Facility, from: number, to: number): Busy[] {
  const key = `${f.rootId}|${from}|${to}|${viewer}`;
  const seq = appliedSeq(f.rootId);
  let entry = busyCache.get(key);
  if (!entry || entry.ctx !== ctx || entry.seq !== seq) {
    const state = readRoot(ctx, f.rootId, from, to);
    const window = { start: from, end: to };
    // Live bookings by facility; each facility then looks only at itself, its ancestors and descendants.
    const byFacility = new Map<string, LiveBooking[]>();
    for (const b of state.bookings.values()) {
      if (!isLive(b.status) || !b.phases.some((p) => overlaps(p, window))) continue;
      const list = byFacility.get(b.facilityId);
      if (list) list.push(b);
      else byFacility.set(b.facilityId, [b]);
    }
    entry = { ctx, seq, byFacility, docs: state.docs, ranks: state.ranks, lists: new Map(), iso: new Map() };
    if (busyCache.size >= 512) busyCache.clear();
    busyCache.set(key, entry);
  }
  const cached = entry.lists.get(f.id);
  if (cached) return cached;
  const { byFacility, docs, ranks, iso } = entry;
  const window = { start: from, end: to };
  const at = (t: number): string => {
    let v = iso.get(t);
    if (v === undefined) iso.set(t, (v = toMoscowIso(t)));
    return v;
  };
  const busy: Busy[] = [];
  const { ancestors, related } = familiesOf(ctx).get(f.id) ?? { ancestors: new Set<string>(), related: [f.id] };
  for (const other of related) {
    for (const b of byFacility.get(other) ?? []) {
      const via: Busy['via'] = b.facilityId === f.id ? 'self' : ancestors.has(b.facilityId) ? 'ancestor' : 'descendant';
      const doc = docs.get(b.id)!;
      const detail = maySeeDetails(caller, b.organisationId);
      const rank = ranks.get(b.id);
      for (const p of b.phases) {
        if (!overlaps(p, window)) continue;
        busy.push({
          start: at(p.start),
          end: at(p.end),
          status: b.status,
          ...(b.status === 'held' && rank !== undefined ? { holdRank: rank } : {}),
          via,
          ...(via !== 'self' ? { viaFacilityId: b.facilityId } : {}),
          ...(detail ? { bookingId: b.id, title: doc.title, organisationId: b.organisationId, phase: p.type } : {}),
        });
      }
    }
  }
  busy.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  entry.lists.set(f.id, busy);
  return busy;
}

const families = new WeakMap<Ctx, Map<string, { ancestors: Set<string>; related: string[] }>>();
/** Per facility: its ancestors, and every facility related to it (itself, ancestors, descendants). */
function familiesOf(ctx: Ctx): Map<string, { ancestors: Set<string>; related: string[] }> {
  let out = families.get(ctx);
  if (out) return out;
  out = new Map();
  for (const f of ctx.tree.all) {
    const ancestors = new Set<string>();
    for (let cur = f.parentId, guard = 0; cur && guard < 32; cur = ctx.tree.byId.get(cur)?.parentId ?? null, guard++)
      ancestors.add(cur);
    out.set(f.id, { ancestors, related: [] });
  }
  for (const f of ctx.tree.all) {
    for (const g of ctx.tree.all) if (ctx.topo.related(f.id, g.id)) out.get(f.id)!.related.push(g.id);
  }
  families.set(ctx, out);
  return out;
}

/**
 * Read-only view for the staff console and capacity reports: every booking of the given roots with a
 * version overlapping [from, to) as reduced (live or not), its latest version document and the
 * derived hold ranks. Same read path as availability (replica synced within 250 ms).
 */
export async function readRoots(
  rootIds: string[],
  from: number,
  to: number,
): Promise<{
  bookings: ReducedBooking[];
  docs: Map<string, BookingVersionDoc>;
  ranks: Map<string, number>;
  topo: Topology;
  tree: FacilityTree;
}> {
  const ctx = await context();
  const state = await loadForReading(ctx, rootIds, from, to);
  return {
    bookings: [...state.bookings.values()],
    docs: state.docs,
    ranks: state.ranks,
    topo: ctx.topo,
    tree: ctx.tree,
  };
}

/**
 * Server start-up: loads the replica of every root of the catalogue in the background (a few roots
 * at a time), so that the first availability call does not wait for the logs. Requests are served
 * meanwhile; a request for a root still loading waits for that root only.
 */
export async function preloadBookings(say?: (line: string) => void): Promise<void> {
  const ctx = await context();
  const rootIds = [...new Set(ctx.tree.all.filter((f) => f.bookable).map((f) => f.rootId))];
  if (!rootIds.length) return;
  say?.(`booking replicas: loading ${rootIds.length} roots in the background`);
  await preload(rootIds, { concurrency: 4, say });
}

/** Forget the cached catalogue (after an admin change, so this process applies it at once). */
export function invalidateCatalogueCache(): void {
  ctxCache = undefined;
}

/** Latest version of a booking the caller may see in detail, else 404. */
async function visibleLatest(caller: Caller, id: string): Promise<BookingVersionDoc> {
  // The replica first (it may lag other processes: every decision re-reads the booking from the
  // state it decides on, and reads show the newest version they see); else the database.
  const doc = replicaLatest(id) ?? (await bookingRepository.latestVersion(oid(id)));
  if (!doc || !maySeeDetails(caller, doc.organisationId)) throw new AppError('not_found', 'No such booking');
  return doc;
}

type Change = Partial<
  Pick<BookingVersionDoc, 'title' | 'notes' | 'phases' | 'status' | 'kind' | 'placedSeq' | 'bumps' | 'reason'>
>;

/**
 * A status or content change of an existing booking: a new version document under the root's next
 * sequence number, decided on the state after s. `decide` returns the fields that change, or
 * 'unchanged' to answer with the current state without writing (idempotent repeats).
 */
async function change(
  ctx: Ctx,
  caller: Caller,
  seen: BookingVersionDoc,
  action: string,
  newPhases: PhaseMs[] | undefined,
  decide: (me: ReducedBooking, state: RootState, seq: number) => Promise<Change | 'unchanged'>,
  depth = 0,
): Promise<Booking> {
  const id = String(seen.bookingId);
  let span = spanOf(toRecord(seen).phases);
  if (newPhases) {
    const n = spanOf(newPhases);
    span = { start: Math.min(span.start, n.start), end: Math.max(span.end, n.end) };
  }
  let latestSpan = span;
  const result = await claimLoop<BookingVersionDoc | 'unchanged'>(
    String(seen.rootId),
    () => ({ ...latestSpan, include: [id] }),
    async (state, seq) => {
      const me = state.bookings.get(id);
      const doc = state.docs.get(id);
      if (!me || !doc) {
        // The booking moved out of the window we read since we looked: widen and read again.
        const latest = await bookingRepository.latestVersion(seen.bookingId);
        if (!latest) throw new AppError('not_found', 'No such booking');
        const s = spanOf(toRecord(latest).phases);
        latestSpan = { start: Math.min(span.start, s.start), end: Math.max(span.end, s.end) };
        throw new RetryNow();
      }
      const mine = spanOf(me.phases);
      if (mine.start < latestSpan.start || mine.end > latestSpan.end) {
        latestSpan = { start: Math.min(latestSpan.start, mine.start), end: Math.max(latestSpan.end, mine.end) };
        throw new RetryNow();
      }
      const fields = await decide(me, state, seq);
      if (fields === 'unchanged') return { done: 'unchanged' as const };
      const phases = fields.phases ?? doc.phases;
      const ps = spanOf(phases.map((p) => ({ start: new Date(p.start).getTime(), end: new Date(p.end).getTime() })));
      const next: BookingVersionDoc = {
        ...doc,
        _id: new mongoose.Types.ObjectId(),
        version: me.version + 1,
        seq,
        status: me.status,
        bumps: [],
        reason: '',
        ...fields,
        phases,
        start: new Date(ps.start),
        end: new Date(ps.end),
        action,
        actor: actorOf(caller),
        at: new Date(),
        idemKey: `auto:${id}:${me.version + 1}`,
        requestHash: '',
      };
      return { doc: next, result: next };
    },
  ).catch(async (err): Promise<{ retried: Booking }> => {
    if (!(err instanceof RetryNow)) throw err;
    if (depth >= 5) throw contention();
    const latest = await bookingRepository.latestVersion(seen.bookingId);
    if (!latest) throw new AppError('not_found', 'No such booking');
    return { retried: await change(ctx, caller, latest, action, newPhases, decide, depth + 1) };
  });
  if (typeof result === 'object' && 'retried' in result) return result.retried;
  if (result === 'unchanged') {
    const latest = replicaLatest(id) ?? (await bookingRepository.latestVersion(seen.bookingId));
    return present(ctx, latest!);
  }
  return present(ctx, result);
}

class RetryNow extends Error {}
