import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { organisationKinds, roles } from '@moskino/shared';
import { auditStampFields } from '../audit/models.js';

const localized = { ru: { type: String, required: true }, en: { type: String, required: true } };

const organisationSchema = new Schema(
  {
    kind: { type: String, required: true, enum: organisationKinds },
    name: localized,
    /** Stable key of seeded organisations (demo data), null for the rest. */
    key: { type: String, default: null },
    ...auditStampFields,
  },
  { collection: 'organisations', timestamps: true },
);
organisationSchema.index({ key: 1 });

const userSchema = new Schema(
  {
    /** Always lower-cased; unique (enforced atomically by the database). */
    email: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: roles },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    active: { type: Boolean, required: true, default: true },
    /** `scrypt$N$r$p$salt$hash`; never leaves the server. */
    passwordHash: { type: String, required: true },
    ...auditStampFields,
  },
  { collection: 'users', timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ organisationId: 1 });

/** Server-side sessions: the cookie carries a random 256-bit id, only its SHA-256 is stored here.
 * Expiry is checked in code (FerretDB has no TTL indexes); expired rows are removed when met. */
const sessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sessions', timestamps: true },
);
sessionSchema.index({ tokenHash: 1 }, { unique: true });
sessionSchema.index({ userId: 1 });

/** One-time invitations; only the token's SHA-256 is stored. */
const invitationSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, default: null },
    role: { type: String, required: true, enum: roles },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    invitedBy: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    /** The invitation is the document a `user.invite` change writes. */
    ...auditStampFields,
  },
  { collection: 'invitations', timestamps: true },
);
invitationSchema.index({ tokenHash: 1 }, { unique: true });

/** Failed logins, one row each (insert-only, so concurrent failures are all counted without atomic
 * counters). `key` is `account:<email>` or `ip:<address>`. Old rows are deleted in code. */
const loginAttemptSchema = new Schema(
  {
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'login_attempts' },
);
loginAttemptSchema.index({ key: 1, at: 1 });

export type OrganisationDoc = InferSchemaType<typeof organisationSchema> & { _id: mongoose.Types.ObjectId };
export type UserDoc = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };
export type SessionDoc = InferSchemaType<typeof sessionSchema> & { _id: mongoose.Types.ObjectId };
export type InvitationDoc = InferSchemaType<typeof invitationSchema> & { _id: mongoose.Types.ObjectId };

export const OrganisationModel = mongoose.model('Organisation', organisationSchema);
export const UserModel = mongoose.model('User', userSchema);
export const SessionModel = mongoose.model('Session', sessionSchema);
export const InvitationModel = mongoose.model('Invitation', invitationSchema);
export const LoginAttemptModel = mongoose.model('LoginAttempt', loginAttemptSchema);
