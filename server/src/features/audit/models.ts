import mongoose, { Schema } from 'mongoose';
import { auditStates } from '@moskino/shared';
import { migrateBeforeIndexes } from '../../db/connection.js';

/**
 * Audit records of changes that are not bookings: users, organisations, the catalogue. (A booking's
 * audit record is its version document in `booking_versions`: the change and its record are one
 * insert.) `before`/`after` are the presented shapes.
 *
 * Written AHEAD of the change (service.ts, `audited`): inserted `pending` and claiming the slot
 * `<collection>:<id>:<seq>` of the document it changes (unique index: one record per change number
 * of a document), then the change itself stamps that document with `auditSeq = seq` and
 * `lastAuditId` in the same single-document write, then the record is marked `applied`. A record
 * that never reached its document is `abandoned` and gives up its slot (`abandoned:<its id>`).
 */
const auditEventSchema = new Schema(
  {
    entity: { type: String, required: true },
    entityId: { type: String, required: true },
    action: { type: String, required: true },
    actor: {
      userId: { type: String, required: true },
      organisationId: { type: String, required: true },
      role: { type: String, required: true },
    },
    organisationId: { type: String, default: null },
    facilityId: { type: String, default: null },
    reason: { type: String, default: '' },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
    at: { type: Date, required: true },
    state: { type: String, required: true, enum: auditStates },
    /** The document the change writes (it carries `auditSeq`); null on records older than write-ahead. */
    target: {
      collection: { type: String, default: null },
      id: { type: Schema.Types.ObjectId, default: null },
    },
    /** The change number of that document this record claims (its `auditSeq` once applied). */
    seq: { type: Number, default: null },
    /** `<collection>:<id>:<seq>` while pending or applied; `abandoned:<_id>` / `legacy:<_id>` otherwise.
     * Always present: a missing key would be NULL, which never collides on FerretDB but does on MongoDB. */
    slot: { type: String, required: true },
    /** When and by whom (`writer` or `recovery`) the record left `pending`. */
    settledAt: { type: Date, default: null },
    settledBy: { type: String, default: null },
  },
  { collection: 'audit_events', versionKey: false, minimize: false },
);
auditEventSchema.index({ at: -1 });
auditEventSchema.index({ entityId: 1 });
auditEventSchema.index({ 'actor.userId': 1 });
auditEventSchema.index({ state: 1 });
auditEventSchema.index({ slot: 1 }, { unique: true });

export interface AuditEventDoc {
  _id: mongoose.Types.ObjectId;
  entity: string;
  entityId: string;
  action: string;
  actor: { userId: string; organisationId: string; role: string };
  organisationId: string | null;
  facilityId: string | null;
  reason: string;
  before: unknown;
  after: unknown;
  at: Date;
  state: (typeof auditStates)[number];
  target: { collection: string | null; id: mongoose.Types.ObjectId | null };
  seq: number | null;
  slot: string;
  settledAt: Date | null;
  settledBy: string | null;
}

export const AuditEventModel = mongoose.model('AuditEvent', auditEventSchema);

/**
 * The fields a document whose changes are audited carries: the number of its last audited change
 * and the id of that change's record. Written only in the same single-document write as the change
 * (service.ts); never presented.
 */
export const auditStampFields = {
  auditSeq: { type: Number, default: 0 },
  lastAuditId: { type: Schema.Types.ObjectId, default: null },
} as const;

// Records written before write-ahead auditing have no slot or state: they were written after their
// change, so they are applied. Fill both before the unique index on `slot` is built.
migrateBeforeIndexes(async () => {
  const coll = AuditEventModel.collection;
  const legacy = await coll.find({ slot: { $exists: false } }, { projection: { _id: 1, state: 1 } }).toArray();
  for (const d of legacy) {
    await coll.updateOne(
      { _id: d._id },
      { $set: { slot: `legacy:${String(d._id)}`, ...(d.state ? {} : { state: 'applied' }) } },
    );
  }
});
