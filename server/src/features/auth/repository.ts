import mongoose from 'mongoose';
import type { OrganisationKind, Role } from '@moskino/shared';
import type { AuditStamp } from '../audit/service.js';
import {
  InvitationModel,
  LoginAttemptModel,
  OrganisationModel,
  SessionModel,
  UserModel,
  type InvitationDoc,
  type OrganisationDoc,
  type SessionDoc,
  type UserDoc,
} from './models.js';

const oid = (id: string) => new mongoose.Types.ObjectId(id);
// sanitizeFilter is on globally: operators the server itself writes are marked with mongoose.trusted().

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/** A new document's id chosen in advance and the audit stamp of the change that creates it. */
export type Audited = { _id: mongoose.Types.ObjectId } & AuditStamp;

export const organisationRepository = {
  async create(
    doc: {
      kind: OrganisationKind;
      name: { ru: string; en: string };
      key?: string | null;
    },
    audited?: Audited,
  ): Promise<OrganisationDoc> {
    const created = await OrganisationModel.create({ key: null, ...doc, ...audited });
    return created.toObject() as OrganisationDoc;
  },
  async findById(id: string): Promise<OrganisationDoc | null> {
    return OrganisationModel.findById(oid(id)).lean<OrganisationDoc>();
  },
  async findByKey(key: string): Promise<OrganisationDoc | null> {
    return OrganisationModel.findOne({ key }).lean<OrganisationDoc>();
  },
  async updateByKey(
    key: string,
    set: { kind: OrganisationKind; name: { ru: string; en: string } },
  ): Promise<OrganisationDoc> {
    await OrganisationModel.updateOne({ key }, { $set: { ...set, key } }, { upsert: true });
    return (await OrganisationModel.findOne({ key }).lean<OrganisationDoc>())!;
  },
  async list(): Promise<OrganisationDoc[]> {
    return OrganisationModel.find().sort({ kind: 1, 'name.en': 1 }).lean<OrganisationDoc[]>();
  },
};

export const userRepository = {
  async create(
    doc: {
      email: string;
      name: string;
      role: Role;
      organisationId: string;
      passwordHash: string;
      active?: boolean;
    },
    audited?: Audited,
  ): Promise<UserDoc> {
    const created = await UserModel.create({
      active: true,
      ...doc,
      organisationId: oid(doc.organisationId),
      ...audited,
    });
    return created.toObject() as UserDoc;
  },
  async findById(id: string): Promise<UserDoc | null> {
    return UserModel.findById(oid(id)).lean<UserDoc>();
  },
  async findByEmail(email: string): Promise<UserDoc | null> {
    return UserModel.findOne({ email }).lean<UserDoc>();
  },
  async list(filter: { organisationId?: string } = {}): Promise<UserDoc[]> {
    const q = filter.organisationId ? { organisationId: oid(filter.organisationId) } : {};
    return UserModel.find(q).sort({ email: 1 }).lean<UserDoc[]>();
  },
  /** False when there is no such user. */
  async setActive(id: string, active: boolean, stamp: AuditStamp): Promise<boolean> {
    return (await UserModel.updateOne({ _id: oid(id) }, { $set: { active, ...stamp } })).matchedCount === 1;
  },
  async update(
    id: string,
    set: Partial<{ name: string; role: Role; organisationId: string; passwordHash: string; active: boolean }>,
  ): Promise<void> {
    const $set: Record<string, unknown> = { ...set };
    if (set.organisationId) $set.organisationId = oid(set.organisationId);
    await UserModel.updateOne({ _id: oid(id) }, { $set });
  },
};

export const sessionRepository = {
  async create(doc: { tokenHash: string; userId: string; expiresAt: Date }): Promise<SessionDoc> {
    const created = await SessionModel.create({ ...doc, userId: oid(doc.userId) });
    return created.toObject() as SessionDoc;
  },
  async findByTokenHash(tokenHash: string): Promise<SessionDoc | null> {
    return SessionModel.findOne({ tokenHash }).lean<SessionDoc>();
  },
  async deleteById(id: mongoose.Types.ObjectId | string): Promise<void> {
    await SessionModel.deleteOne({ _id: typeof id === 'string' ? oid(id) : id });
  },
  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await SessionModel.deleteOne({ tokenHash });
  },
  async deleteForUser(userId: string): Promise<number> {
    return (await SessionModel.deleteMany({ userId: oid(userId) })).deletedCount;
  },
  async deleteExpired(now: Date): Promise<void> {
    await SessionModel.deleteMany({ expiresAt: mongoose.trusted({ $lte: now }) });
  },
};

export const invitationRepository = {
  async create(
    doc: {
      tokenHash: string;
      email: string;
      name: string | null;
      role: Role;
      organisationId: string;
      invitedBy: string;
      expiresAt: Date;
    },
    audited?: Audited,
  ): Promise<InvitationDoc> {
    const created = await InvitationModel.create({
      ...doc,
      organisationId: oid(doc.organisationId),
      invitedBy: oid(doc.invitedBy),
      usedAt: null,
      ...audited,
    });
    return created.toObject() as InvitationDoc;
  },
  async findByTokenHash(tokenHash: string): Promise<InvitationDoc | null> {
    return InvitationModel.findOne({ tokenHash }).lean<InvitationDoc>();
  },
  async markUsed(id: mongoose.Types.ObjectId, at: Date): Promise<void> {
    await InvitationModel.updateOne({ _id: id }, { $set: { usedAt: at } });
  },
  /** Test hook and housekeeping: move an invitation's expiry. */
  async setExpiry(tokenHash: string, expiresAt: Date): Promise<void> {
    await InvitationModel.updateOne({ tokenHash }, { $set: { expiresAt } });
  },
};

export const loginAttemptRepository = {
  /** Inserts one row per key; answers their ids. */
  async record(keys: string[], at: Date): Promise<mongoose.Types.ObjectId[]> {
    const rows = await LoginAttemptModel.insertMany(keys.map((key) => ({ key, at })));
    return rows.map((r) => r._id as mongoose.Types.ObjectId);
  },
  /** Attempts of a key since `since`, oldest first. */
  async since(key: string, since: Date): Promise<Array<{ _id: mongoose.Types.ObjectId; at: Date }>> {
    return LoginAttemptModel.find({ key, at: mongoose.trusted({ $gt: since }) }, { at: 1 })
      .sort({ at: 1, _id: 1 })
      .lean<Array<{ _id: mongoose.Types.ObjectId; at: Date }>>();
  },
  async deleteIds(ids: mongoose.Types.ObjectId[]): Promise<void> {
    await LoginAttemptModel.deleteMany({ _id: mongoose.trusted({ $in: ids }) });
  },
  async clear(key: string): Promise<void> {
    await LoginAttemptModel.deleteMany({ key });
  },
  async deleteOlderThan(before: Date): Promise<void> {
    await LoginAttemptModel.deleteMany({ at: mongoose.trusted({ $lte: before }) });
  },
};
