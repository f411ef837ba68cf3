import mongoose, { Schema } from 'mongoose';

/**
 * Audit records of changes that are not bookings: users, organisations, the catalogue. (A booking's
 * audit record is its version document in `booking_versions`: the change and its record are one
 * insert.) Insert-only; `before`/`after` are the presented shapes.
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
  },
  { collection: 'audit_events', versionKey: false, minimize: false },
);
auditEventSchema.index({ at: -1 });
auditEventSchema.index({ entityId: 1 });
auditEventSchema.index({ 'actor.userId': 1 });

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
}

export const AuditEventModel = mongoose.model('AuditEvent', auditEventSchema);
