import mongoose, { Schema } from 'mongoose';
import { bookingKinds, bookingStatuses, phaseTypes } from '@moskino/shared';

/**
 * One document per booking VERSION (see docs/booking-invariant.md). Documents are only ever
 * inserted, never updated: a change of a booking is a new version document that claims the next
 * sequence number of the facility's root. The unique index `{rootId, seq}` is what serialises the
 * writers of one root; `{bookingId, version}` is a second guard against two successors of one version;
 * `{idemOrg, idemKey}` makes `Idempotency-Key` retries return the first result. Every key field is
 * always present (FerretDB treats a missing field as NULL, which never collides).
 */
const phaseSchema = new Schema(
  {
    type: { type: String, required: true, enum: phaseTypes },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
  },
  { _id: false },
);

const bookingVersionSchema = new Schema(
  {
    bookingId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    rootId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    facilityId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: String, required: true },
    title: { type: String, required: true },
    notes: { type: String, default: '' },
    kind: { type: String, required: true, enum: bookingKinds },
    status: { type: String, required: true, enum: bookingStatuses },
    phases: { type: [phaseSchema], required: true },
    /** Span of the phases, for window queries. */
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    /** The root sequence number at which this hold was placed (or last moved): its place in the queue. */
    placedSeq: { type: Number, required: true },
    /** Holds released by this write (a hold made firm releases the holds behind it). */
    bumps: { type: [Schema.Types.ObjectId], default: [] },
    /** The audit record of this change: what, who, when. `before` is the previous version. */
    action: { type: String, required: true },
    /** Why (staff decisions, blackouts, hold reordering); shown to the booking's organisation. */
    reason: { type: String, default: '' },
    actor: {
      userId: { type: String, required: true },
      organisationId: { type: String, required: true },
      role: { type: String, required: true },
    },
    at: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    idemOrg: { type: String, required: true },
    idemKey: { type: String, required: true },
    requestHash: { type: String, default: '' },
  },
  { collection: 'booking_versions', versionKey: false },
);
bookingVersionSchema.index({ rootId: 1, seq: 1 }, { unique: true });
bookingVersionSchema.index({ bookingId: 1, version: 1 }, { unique: true });
bookingVersionSchema.index({ idemOrg: 1, idemKey: 1 }, { unique: true });
bookingVersionSchema.index({ rootId: 1, start: 1, end: 1 });
bookingVersionSchema.index({ bumps: 1 });
bookingVersionSchema.index({ organisationId: 1, start: 1 });

export interface PhaseDoc {
  type: string;
  start: Date;
  end: Date;
}

export interface BookingVersionDoc {
  _id: mongoose.Types.ObjectId;
  bookingId: mongoose.Types.ObjectId;
  version: number;
  rootId: mongoose.Types.ObjectId;
  seq: number;
  facilityId: mongoose.Types.ObjectId;
  organisationId: string;
  title: string;
  notes: string;
  kind: (typeof bookingKinds)[number];
  status: (typeof bookingStatuses)[number];
  phases: PhaseDoc[];
  start: Date;
  end: Date;
  placedSeq: number;
  bumps: mongoose.Types.ObjectId[];
  action: string;
  reason?: string;
  actor: { userId: string; organisationId: string; role: string };
  at: Date;
  createdAt: Date;
  idemOrg: string;
  idemKey: string;
  requestHash: string;
}

export const BookingVersionModel = mongoose.model('BookingVersion', bookingVersionSchema);
