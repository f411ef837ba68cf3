import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { feedTokenKinds } from '@moskino/shared';

/** API keys of partner organisations. The key itself is shown once; only its SHA-256 is stored
 * (unique, so a lookup is one indexed read), and a short prefix for recognising it in lists. */
const apiKeySchema = new Schema(
  {
    keyHash: { type: String, required: true },
    prefix: { type: String, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    revokedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
  },
  { collection: 'api_keys', timestamps: true },
);
apiKeySchema.index({ keyHash: 1 }, { unique: true });
apiKeySchema.index({ organisationId: 1 });

/** One row per request made with an API key (insert-only: concurrent requests are all counted
 * without atomic counters); rows older than the window are deleted in code. */
const apiKeyHitSchema = new Schema(
  {
    keyId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'api_key_hits' },
);
apiKeyHitSchema.index({ keyId: 1, at: 1 });

/** Secret tokens of calendar feeds and embeddable pages; only the SHA-256 is stored. */
const feedTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    prefix: { type: String, required: true },
    kind: { type: String, required: true, enum: feedTokenKinds },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    /** The crew member of a private token; null for partner tokens. */
    userId: { type: Schema.Types.ObjectId, default: null },
    name: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'feed_tokens', timestamps: true },
);
feedTokenSchema.index({ tokenHash: 1 }, { unique: true });
feedTokenSchema.index({ organisationId: 1 });

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema> & { _id: mongoose.Types.ObjectId; createdAt: Date };
export type ApiKeyHitDoc = InferSchemaType<typeof apiKeyHitSchema> & { _id: mongoose.Types.ObjectId };
export type FeedTokenDoc = InferSchemaType<typeof feedTokenSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date };

export const ApiKeyModel = mongoose.model('ApiKey', apiKeySchema);
export const ApiKeyHitModel = mongoose.model('ApiKeyHit', apiKeyHitSchema);
export const FeedTokenModel = mongoose.model('FeedToken', feedTokenSchema);
