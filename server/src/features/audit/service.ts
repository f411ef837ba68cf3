import mongoose from 'mongoose';
import { AppError, toMoscowIso, type AuditEntry, type AuditQuery, type AuditState } from '@moskino/shared';
import type { Caller } from '../../http/routes.js';
import type { Logger } from '../../logger.js';
import { BookingVersionModel, type BookingVersionDoc } from '../bookings/models.js';
import { presentBooking } from '../bookings/presenter.js';
import { AuditEventModel, type AuditEventDoc } from './models.js';

// sanitizeFilter is on globally: operators the server itself writes are marked trusted.
const t = <T>(op: T): T => mongoose.trusted(op) as T;

export type AuditEntity = AuditEntry['entity'];
export type AuditActor = Pick<Caller, 'userId' | 'organisationId' | 'role'>;

export interface AuditInput {
  entity: AuditEntity;
  entityId: string;
  action: string;
  organisationId?: string | null;
  facilityId?: string | null;
  reason?: string;
  before?: unknown;
  /** What the document will look like once the change is made (the change writes exactly this). */
  after?: unknown;
}

/** What the single-document write of a change must `$set` (or insert) on the document it changes. */
export interface AuditStamp {
  auditSeq: number;
  lastAuditId: mongoose.Types.ObjectId;
}

/** One change of one document (`id` in the model given to `audited`/`auditedBatch`) and its record. */
export interface AuditedChange {
  id: mongoose.Types.ObjectId;
  audit: AuditInput;
}

/**
 * Non-booking changes (users, organisations, the catalogue) are audited WRITE-AHEAD, so that no
 * change can exist without its record, even if the process dies at any point:
 *
 *  1. the record is inserted first, `pending`, with `before` and the intended `after`, claiming the
 *     next change number of the changed document: `seq` = the document's `auditSeq` (read before
 *     `before` is) + 1, under the unique slot `<collection>:<id>:<seq>`. A unique index is the one
 *     thing every supported database enforces atomically (no transactions, no atomic conditional
 *     updates on FerretDB), so two writers of one document cannot both hold change number n; the
 *     loser re-reads and plans again, so its `before` includes the winner's change;
 *  2. the change is made, and THE SAME single-document write sets `auditSeq: seq` and
 *     `lastAuditId` on the document;
 *  3. the record is marked `applied`.
 *
 * A crash between 1 and 2 leaves a pending record whose document does not carry it: recovery marks
 * it `abandoned` (the change never happened; hidden from the normal search) once it is older than
 * AUDIT_GRACE_MS, and frees its slot. A crash between 2 and 3 leaves a pending record whose
 * document carries it: recovery marks it `applied`. "Carries it" is `auditSeq >= seq` (and, when
 * equal, `lastAuditId` is the record): change numbers of a document only grow, and number n can be
 * written only by the holder of slot n, so a later change (n + 1, …) that overwrote `lastAuditId`
 * still proves that change n was made. A writer never makes its change later than
 * AUDIT_APPLY_DEADLINE_MS after writing its record, well inside the grace period, so recovery never
 * abandons a record whose change is still on its way (clocks of the server processes are assumed
 * within a minute of each other). Recovery (`recoverPendingAudit`) runs at start-up, every minute,
 * on the pending records a search meets, and when a writer meets a pending record in its slot; it
 * only ever moves a record out of `pending` by a conditional update, with the same answer whoever
 * runs it, so concurrent recoveries are harmless.
 */
export const AUDIT_APPLY_DEADLINE_MS = 30_000;
export const AUDIT_GRACE_MS = 120_000;
const MAX_ATTEMPTS = 8;

/** Drops undefined and turns values into plain JSON (Dates as ISO strings) before storing. */
const plain = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));
const slotOf = (collection: string, id: mongoose.Types.ObjectId, seq: number) => `${collection}:${String(id)}:${seq}`;
const isDuplicate = (err: unknown) => (err as { code?: number })?.code === 11000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An error after which the change can no longer arrive: a refusal of ours, invalid data, or an error
 * the database answered (it has finished with the write; a write it did make despite the error, as
 * with a write-concern error, is seen on the document and settles as applied). Not so a lost
 * connection or a timeout: the write may still be on its way, so the record stays pending for
 * recovery.
 */
function isDefinite(err: unknown): boolean {
  return (
    err instanceof AppError ||
    isDuplicate(err) ||
    err instanceof mongoose.mongo.MongoServerError ||
    err instanceof mongoose.Error.ValidationError ||
    err instanceof mongoose.Error.CastError
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = mongoose.Model<any>;

async function readSeqs(model: AnyModel, scope: mongoose.Types.ObjectId[] | 'all'): Promise<Map<string, number>> {
  const filter = scope === 'all' ? {} : { _id: t({ $in: scope }) };
  const docs = await model.find(filter, { auditSeq: 1 }).lean<Array<{ _id: unknown; auditSeq?: number }>>();
  return new Map(docs.map((d) => [String(d._id), typeof d.auditSeq === 'number' ? d.auditSeq : 0]));
}

async function abandon(id: mongoose.Types.ObjectId, by: string): Promise<void> {
  await AuditEventModel.updateOne(
    { _id: id, state: 'pending' },
    { $set: { state: 'abandoned', slot: `abandoned:${String(id)}`, settledAt: new Date(), settledBy: by } },
  );
}

/**
 * Decides a pending record from its document: `applied` if the document carries it, `abandoned` if
 * not and the change can no longer come (`definite`, or older than the grace period), else it stays
 * `pending`. Conditional on the record still being pending; the same answer whoever asks.
 */
async function settle(
  e: AuditEventDoc,
  opts: { by: 'writer' | 'recovery'; definite?: boolean; graceMs?: number },
): Promise<AuditState> {
  if (e.state !== 'pending' || !e.target?.collection || !e.target.id || e.seq == null) return e.state;
  const db = mongoose.connection.db;
  if (!db) throw new Error('audit recovery: no database connection');
  const doc = await db
    .collection(e.target.collection)
    .findOne({ _id: e.target.id }, { projection: { auditSeq: 1, lastAuditId: 1 } });
  const seq = typeof doc?.auditSeq === 'number' ? doc.auditSeq : 0;
  const carried = !!doc && (seq > e.seq || (seq === e.seq && String(doc.lastAuditId) === String(e._id)));
  if (carried) {
    await AuditEventModel.updateOne(
      { _id: e._id, state: 'pending' },
      { $set: { state: 'applied', settledAt: new Date(), settledBy: opts.by } },
    );
    return 'applied';
  }
  if (opts.definite || new Date(e.at).getTime() <= Date.now() - (opts.graceMs ?? AUDIT_GRACE_MS)) {
    await abandon(e._id, opts.by);
    return 'abandoned';
  }
  return 'pending';
}

type Claim = { ok: true; events: AuditEventDoc[] } | { ok: false; wait: boolean };

/** Step 1: the pending records, each claiming the next change number of its document. */
async function writeAhead(
  actor: AuditActor,
  model: AnyModel,
  changes: readonly AuditedChange[],
  seqs: ReadonlyMap<string, number>,
  floors: Map<string, number>,
): Promise<Claim> {
  const collection = model.collection.collectionName;
  const at = new Date();
  const events: AuditEventDoc[] = changes.map(({ id, audit }) => {
    const seq = Math.max(seqs.get(String(id)) ?? 0, floors.get(String(id)) ?? 0) + 1;
    return {
      _id: new mongoose.Types.ObjectId(),
      entity: audit.entity,
      entityId: audit.entityId,
      action: audit.action,
      actor: { userId: actor.userId, organisationId: actor.organisationId, role: actor.role },
      organisationId: audit.organisationId ?? null,
      facilityId: audit.facilityId ?? null,
      reason: audit.reason ?? '',
      before: plain(audit.before),
      after: plain(audit.after),
      at,
      state: 'pending',
      target: { collection, id },
      seq,
      slot: slotOf(collection, id, seq),
      settledAt: null,
      settledBy: null,
    };
  });
  try {
    await AuditEventModel.collection.insertMany(events, { ordered: true });
    return { ok: true, events };
  } catch (err) {
    // Nothing was applied: give back whatever part of the batch got in, then see who holds the slot.
    const ids = events.map((e) => e._id);
    const giveBack = async () => {
      const mine = await AuditEventModel.find({ _id: t({ $in: ids }) }, { _id: 1 }).lean<
        Array<{ _id: mongoose.Types.ObjectId }>
      >();
      for (const m of mine) await abandon(m._id, 'writer');
    };
    if (!isDuplicate(err)) {
      // Best effort when the database failed: whatever is left pending, recovery abandons.
      await giveBack().catch(() => {});
      throw err;
    }
    await giveBack();
    const holders = await AuditEventModel.find({ slot: t({ $in: events.map((e) => e.slot) }) }).lean<AuditEventDoc[]>();
    let wait = false;
    for (const h of holders) {
      if (ids.some((id) => id.equals(h._id))) continue;
      const state = h.state === 'pending' ? await settle(h, { by: 'recovery' }) : h.state;
      if (state === 'pending') wait = true;
      // An applied holder above the number read: the document was read before that change landed, or
      // lost its stamp (rewritten outside the app); claim past it either way.
      else if (state === 'applied' && h.target.id && h.seq != null)
        floors.set(String(h.target.id), Math.max(floors.get(String(h.target.id)) ?? 0, h.seq));
    }
    return { ok: false, wait };
  }
}

/**
 * Runs one change of one document write-ahead (see above). `plan` reads the current state (after
 * the document's change number has been read) and answers the record, with `before` and the intended
 * `after`, or throws to refuse (nothing is written); it runs again if another writer of the same
 * document got in first. `apply` makes the change in ONE write to the document that includes the
 * stamp (`$set: {...fields, ...stamp}`, or the inserted document); a refusal it throws (AppError,
 * duplicate key) abandons the record at once.
 */
export async function audited<P extends { audit: AuditInput }, T>(
  actor: AuditActor,
  model: AnyModel,
  id: mongoose.Types.ObjectId,
  plan: () => Promise<P>,
  apply: (planned: P, stamp: AuditStamp) => Promise<T>,
): Promise<T> {
  return auditedBatch(
    actor,
    model,
    [id],
    async () => {
      const planned = await plan();
      return { planned, changes: [{ id, audit: planned.audit }] };
    },
    ({ planned }, stampFor) => apply(planned, stampFor(id)),
  );
}

/**
 * Several changes, one record each (a catalogue import): `scope` lists the documents whose change
 * numbers to read before planning (`'all'`: the whole collection). `apply` calls `stampFor(id)` right
 * before the write of each document and includes it in that write. A change planned but never
 * stamped is abandoned.
 */
export async function auditedBatch<P extends { changes: readonly AuditedChange[] }, T>(
  actor: AuditActor,
  model: AnyModel,
  scope: mongoose.Types.ObjectId[] | 'all',
  plan: () => Promise<P>,
  apply: (planned: P, stampFor: (id: mongoose.Types.ObjectId) => AuditStamp) => Promise<T>,
): Promise<T> {
  const floors = new Map<string, number>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const seqs = await readSeqs(model, scope);
    const planned = await plan();
    if (!planned.changes.length)
      return apply(planned, (id) => {
        throw new Error(`audited: no change of ${String(id)} was planned`);
      });
    const claim = await writeAhead(actor, model, planned.changes, seqs, floors);
    if (!claim.ok) {
      if (claim.wait) await sleep(Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2));
      continue;
    }
    const deadline = Date.now() + AUDIT_APPLY_DEADLINE_MS;
    const byId = new Map(claim.events.map((e) => [String(e.target.id), e]));
    const stamped = new Set<AuditEventDoc>();
    const stampFor = (id: mongoose.Types.ObjectId): AuditStamp => {
      const e = byId.get(String(id));
      if (!e) throw new Error(`audited: no record was written ahead for ${String(id)}`);
      if (Date.now() > deadline) throw new AppError('conflict', 'The change took too long and was not made; try again');
      stamped.add(e);
      return { auditSeq: e.seq!, lastAuditId: e._id };
    };
    let result: T;
    try {
      result = await apply(planned, stampFor);
    } catch (err) {
      const definite = isDefinite(err);
      await Promise.all(claim.events.map((e) => settle(e, { by: 'writer', definite }))).catch(() => {});
      throw err;
    }
    // Step 3. If this fails the change is made all the same; recovery marks the records applied.
    const done = [...stamped].map((e) => e._id);
    await AuditEventModel.updateMany(
      { _id: t({ $in: done }) },
      { $set: { state: 'applied', settledAt: new Date(), settledBy: 'writer' } },
    ).catch(() => {});
    const unstamped = claim.events.filter((e) => !stamped.has(e));
    await Promise.all(unstamped.map((e) => settle(e, { by: 'writer', definite: true }))).catch(() => {});
    return result;
  }
  throw new AppError('conflict', 'Another change of the same record is being written; try again in a moment');
}

/**
 * Settles the pending records (oldest first, at most `limit`): applied if their document carries
 * them, abandoned if not and older than `graceMs`. Safe to run in any number of processes at once.
 */
export async function recoverPendingAudit(
  opts: { graceMs?: number; limit?: number } = {},
): Promise<Record<AuditState, string[]>> {
  const pending = await AuditEventModel.find({ state: 'pending' })
    .sort({ at: 1 })
    .limit(opts.limit ?? 1000)
    .lean<AuditEventDoc[]>();
  const out: Record<AuditState, string[]> = { applied: [], pending: [], abandoned: [] };
  for (const e of pending) out[await settle(e, { by: 'recovery', graceMs: opts.graceMs })].push(String(e._id));
  return out;
}

/** Recovery at start-up and then every `everyMs` (the timer does not keep the process alive). */
export function startAuditRecovery(log: Logger, everyMs = 60_000): () => void {
  const run = () =>
    recoverPendingAudit()
      .then((r) => {
        if (r.applied.length || r.abandoned.length)
          log.info(
            { applied: r.applied.length, abandoned: r.abandoned.length },
            'audit recovery settled pending records',
          );
      })
      .catch((err) => log.warn({ err }, 'audit recovery failed'));
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

function presentEvent(d: AuditEventDoc, state: AuditState): AuditEntry {
  return {
    id: String(d._id),
    at: toMoscowIso(new Date(d.at).getTime()),
    entity: d.entity as AuditEntity,
    entityId: d.entityId,
    action: d.action,
    by: d.actor,
    organisationId: d.organisationId ?? null,
    facilityId: d.facilityId ?? null,
    reason: d.reason ?? '',
    before: d.before ?? null,
    after: d.after ?? null,
    state,
  };
}

const isId = (s: string | undefined): s is string => !!s && /^[0-9a-f]{24}$/i.test(s);

export const auditService = {
  /**
   * Searches both trails: booking versions (each is the record of one change of a booking or a
   * blackout; "before" is the previous version) and `audit_events`. Newest first, at most `limit`.
   * Plain finds with equality filters; the time window is a range on `at`.
   *
   * `state` (default `applied`: the changes that happened) selects audit events by state; booking
   * versions are all applied. Pending events the query meets are settled first (see `audited`),
   * so a change whose writer died after making it is shown, and one that never happened is not.
   */
  async search(q: AuditQuery): Promise<AuditEntry[]> {
    const limit = q.limit ?? 200;
    const state: AuditState = q.state ?? 'applied';
    const at: Record<string, Date> = {};
    if (q.from) at.$gte = new Date(q.from);
    if (q.to) at.$lt = new Date(q.to);
    const atFilter = Object.keys(at).length ? { at: t(at) } : {};
    const wantBookings = state === 'applied' && (!q.entity || q.entity === 'booking' || q.entity === 'blackout');
    const wantEvents = !q.entity || (q.entity !== 'booking' && q.entity !== 'blackout');
    const out: AuditEntry[] = [];
    if (wantBookings) {
      const f: Record<string, unknown> = { ...atFilter };
      if (isId(q.booking)) f.bookingId = new mongoose.Types.ObjectId(q.booking);
      if (isId(q.facility)) f.facilityId = new mongoose.Types.ObjectId(q.facility);
      if (q.organisation) f.organisationId = q.organisation;
      if (q.user) f['actor.userId'] = q.user;
      if (q.action) f.action = q.action;
      if (q.entity === 'blackout') f.kind = 'blackout';
      const versions = await BookingVersionModel.find(f).sort({ at: -1 }).limit(limit).lean<BookingVersionDoc[]>();
      const filtered = q.entity === 'booking' ? versions.filter((v) => v.kind !== 'blackout') : versions;
      const ids = [...new Set(filtered.filter((v) => v.version > 1).map((v) => String(v.bookingId)))].map(
        (id) => new mongoose.Types.ObjectId(id),
      );
      const previous = ids.length
        ? await BookingVersionModel.find({ bookingId: t({ $in: ids }) }).lean<BookingVersionDoc[]>()
        : [];
      const byKey = new Map(previous.map((v) => [`${String(v.bookingId)}:${v.version}`, v]));
      for (const v of filtered) {
        const prev = byKey.get(`${String(v.bookingId)}:${v.version - 1}`);
        out.push({
          id: String(v._id),
          at: toMoscowIso(new Date(v.at).getTime()),
          entity: v.kind === 'blackout' ? 'blackout' : 'booking',
          entityId: String(v.bookingId),
          action: v.action,
          by: v.actor,
          organisationId: v.organisationId,
          facilityId: String(v.facilityId),
          reason: v.reason ?? '',
          before: prev ? presentBooking(prev, undefined, null) : null,
          after: presentBooking(v, undefined, null),
          state: 'applied',
        });
      }
    }
    if (wantEvents && !q.booking) {
      const f: Record<string, unknown> = { ...atFilter };
      if (q.entity) f.entity = q.entity;
      if (isId(q.facility)) f.facilityId = q.facility;
      if (q.organisation) f.organisationId = q.organisation;
      if (q.user) f['actor.userId'] = q.user;
      if (q.action) f.action = q.action;
      f.state = state === 'pending' ? 'pending' : t({ $in: [state, 'pending'] });
      const events = await AuditEventModel.find(f).sort({ at: -1 }).limit(limit).lean<AuditEventDoc[]>();
      for (const e of events) {
        const settled = e.state === 'pending' ? await settle(e, { by: 'recovery' }) : e.state;
        if (settled === state) out.push(presentEvent(e, settled));
      }
    }
    return out.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id)).slice(0, limit);
  },
};
