import mongoose from 'mongoose';
import type { RequestHandler } from 'express';
import { AppError, type ApiKey, type ApiKeyCreated, type CreateApiKeyBody } from '@moskino/shared';
import type { Caller } from '../../http/routes.js';
import { organisationRepository } from '../auth/repository.js';
import { ApiKeyHitModel, ApiKeyModel, type ApiKeyDoc } from './models.js';
import { hashOfPresented, newSecret } from './secrets.js';

/**
 * API keys: `Authorization: Bearer mkk_…` authenticates a request as the key's (partner)
 * organisation with the role `partner` — the availability-only privacy of a partner user — and
 * read-only rights: only GET/HEAD; any other method answers 403. Unknown, malformed or revoked keys
 * answer 401. Each key is rate-limited (429 with Retry-After).
 *
 * The caller has no user: `userId` is the key's id (it matches no user), so user-bound routes such as
 * `GET /api/auth/me` answer 403 for a key.
 */

/** Requests per key per window. Mutable so tests can lower it. */
export const apiKeyLimits = {
  perWindow: Number(process.env.API_KEY_RATE_LIMIT ?? 300),
  windowMs: 60_000,
};

const oid = (id: string) => new mongoose.Types.ObjectId(id);
const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentApiKey(d: ApiKeyDoc): ApiKey {
  return {
    id: String(d._id),
    organisationId: String(d.organisationId),
    name: d.name,
    prefix: d.prefix,
    createdAt: new Date(d.createdAt).toISOString(),
    revokedAt: iso(d.revokedAt),
    lastUsedAt: iso(d.lastUsedAt),
  };
}

export const apiKeyService = {
  async create(caller: Caller, body: CreateApiKeyBody): Promise<ApiKeyCreated> {
    const org = await organisationRepository.findById(body.organisationId);
    if (!org) throw new AppError('not_found', 'No such organisation');
    if (org.kind !== 'partner') {
      throw new AppError('validation_failed', 'API keys are for partner organisations', {
        in: 'body',
        issues: [{ path: 'organisationId', message: 'must be a partner organisation', code: 'not_partner' }],
      });
    }
    const { secret, hash, prefix } = newSecret('mkk');
    const created = await ApiKeyModel.create({
      keyHash: hash,
      prefix,
      organisationId: org._id,
      name: body.name,
      createdBy: oid(caller.userId),
    });
    return { ...presentApiKey(created.toObject() as ApiKeyDoc), key: secret };
  },

  async list(): Promise<ApiKey[]> {
    const docs = await ApiKeyModel.find().sort({ createdAt: -1 }).lean<ApiKeyDoc[]>();
    return docs.map(presentApiKey);
  },

  /** Idempotent: revoking a revoked key keeps its first revocation time. */
  async revoke(id: string): Promise<ApiKey> {
    if (!isObjectId(id)) throw new AppError('invalid_id', 'Malformed API key id');
    const doc = await ApiKeyModel.findById(oid(id)).lean<ApiKeyDoc>();
    if (!doc) throw new AppError('not_found', 'No such API key');
    if (!doc.revokedAt) await ApiKeyModel.updateOne({ _id: doc._id }, { $set: { revokedAt: new Date() } });
    return presentApiKey((await ApiKeyModel.findById(doc._id).lean<ApiKeyDoc>())!);
  },

  /** The live key of a presented secret, or a 401. */
  async authenticate(presented: string): Promise<ApiKeyDoc> {
    const hash = hashOfPresented('mkk', presented);
    const doc = hash ? await ApiKeyModel.findOne({ keyHash: hash }).lean<ApiKeyDoc>() : null;
    if (!doc || doc.revokedAt) throw new AppError('unauthenticated', 'Unknown or revoked API key');
    return doc;
  },

  /**
   * Rate limit without atomic counters: insert this request's row first, then count the rows of the
   * window. Concurrent requests see each other's rows, so a burst never gets more than the limit
   * through. A refused request deletes its own row (waiting shortens the lockout, retrying does not
   * extend it).
   */
  async hit(key: ApiKeyDoc, now = new Date()): Promise<void> {
    const own = await ApiKeyHitModel.create({ keyId: key._id, at: now });
    const since = new Date(now.getTime() - apiKeyLimits.windowMs);
    const rows = await ApiKeyHitModel.find({ keyId: key._id, at: mongoose.trusted({ $gt: since }) })
      .sort({ at: 1, _id: 1 })
      .select({ at: 1 })
      .lean<Array<{ _id: mongoose.Types.ObjectId; at: Date }>>();
    const others = rows.filter((r) => String(r._id) !== String(own._id));
    if (others.length >= apiKeyLimits.perWindow) {
      await ApiKeyHitModel.deleteOne({ _id: own._id });
      const freeAt = new Date(others[others.length - apiKeyLimits.perWindow]!.at).getTime() + apiKeyLimits.windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
      throw new AppError('rate_limited', 'Too many requests with this API key; try again later', { retryAfterSeconds });
    }
    // Housekeeping, off the request's path: old rows of this key, and the last-use time (at most once a minute).
    if (rows.length % 20 === 0)
      void ApiKeyHitModel.deleteMany({ keyId: key._id, at: mongoose.trusted({ $lte: since }) }).catch(() => {});
    if (!key.lastUsedAt || now.getTime() - new Date(key.lastUsedAt).getTime() > 60_000) {
      void ApiKeyModel.updateOne({ _id: key._id }, { $set: { lastUsedAt: now } }).catch(() => {});
    }
  },
};

const readOnly = new Set(['GET', 'HEAD']);
/** Routes bound to a signed-in person, which an API key cannot stand for. */
const userOnly = new Set(['/api/auth/me']);

/** Mounted right after the session middleware: a Bearer API key sets the caller (it takes the place of
 * any session of the same request). */
export const apiKeyMiddleware: RequestHandler = async (req, res, next) => {
  try {
    const header = req.headers.authorization;
    if (header === undefined || !req.path.startsWith('/api/')) return next();
    const match = /^Bearer +([^\s]+) *$/i.exec(header);
    if (!match) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <API key>"');
    const key = await apiKeyService.authenticate(match[1]!);
    if (!readOnly.has(req.method)) throw new AppError('forbidden', 'API keys are read-only');
    if (userOnly.has(req.path))
      throw new AppError('forbidden', 'An API key has no user; this route needs a signed-in person');
    await apiKeyService.hit(key);
    const caller: Caller = { userId: String(key._id), organisationId: String(key.organisationId), role: 'partner' };
    res.locals.caller = caller;
    res.locals.sessionToken = undefined;
    res.locals.apiKeyId = String(key._id);
    next();
  } catch (err) {
    next(err);
  }
};
