import mongoose from 'mongoose';
import {
  AppError,
  passwordMinLength,
  passwordMaxLength,
  type AcceptInvitationBody,
  type CreateInvitationBody,
  type CreateOrganisationBody,
  type InvitationCreated,
  type InvitationInfo,
  type Organisation,
  type OrganisationKind,
  type OrganisationName,
  type Role,
  type SessionInfo,
  type User,
  type UserListQuery,
} from '@moskino/shared';
import type { Caller } from '../../http/routes.js';
import { dummyVerify, hashPassword, verifyPassword } from './passwords.js';
import { presentOrganisation, presentUser } from './presenter.js';
import {
  invitationRepository,
  isDuplicateKey,
  loginAttemptRepository,
  organisationRepository,
  sessionRepository,
  userRepository,
} from './repository.js';
import { csrfTokenFor, hashToken, newToken, tokenPattern } from './tokens.js';
import { InvitationModel, OrganisationModel, UserModel, type UserDoc } from './models.js';
import { audited } from '../audit/service.js';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
/** Brute-force limits: failed logins per account and per client address within the window. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMIT_PER_ACCOUNT = 5;
export const LOGIN_LIMIT_PER_IP = 30;

/** The organisation kind each role belongs to. */
export const orgKindForRole: Record<Role, OrganisationKind> = {
  crew: 'production',
  partner: 'partner',
  staff: 'cluster',
  admin: 'cluster',
};

const invalidCredentials = () => new AppError('invalid_credentials', 'Wrong email or password');
const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

function normaliseName(name: OrganisationName): { ru: string; en: string } {
  return typeof name === 'string' ? { ru: name, en: name } : { ru: name.ru, en: name.en };
}

function checkPassword(password: string): void {
  if (password.length < passwordMinLength || password.length > passwordMaxLength) {
    throw new AppError(
      'validation_failed',
      `The password must have ${passwordMinLength} to ${passwordMaxLength} characters`,
      {
        fields: ['password'],
      },
    );
  }
}

export interface SignedIn {
  /** The raw session id for the cookie; only its hash is stored. */
  token: string;
  expiresAt: Date;
  info: SessionInfo;
}

export interface ResolvedSession {
  caller: Caller;
  token: string;
}

async function organisationOf(user: UserDoc): Promise<Organisation> {
  const org = await organisationRepository.findById(String(user.organisationId));
  if (!org) throw new AppError('internal', 'The user has no organisation');
  return presentOrganisation(org);
}

async function startSession(user: UserDoc): Promise<SignedIn> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await sessionRepository.create({ tokenHash: hashToken(token), userId: String(user._id), expiresAt });
  return {
    token,
    expiresAt,
    info: { user: presentUser(user), organisation: await organisationOf(user), csrfToken: csrfTokenFor(token) },
  };
}

/** Seconds until the key is under its limit again, counting every attempt in the window except `own`
 * (null: not limited). */
async function retryAfterSeconds(
  key: string,
  limit: number,
  now: Date,
  own: mongoose.Types.ObjectId[],
): Promise<number | null> {
  const mine = new Set(own.map(String));
  const others = (await loginAttemptRepository.since(key, new Date(now.getTime() - LOGIN_WINDOW_MS))).filter(
    (r) => !mine.has(String(r._id)),
  );
  if (others.length < limit) return null;
  const freeAt = others[others.length - limit]!.at.getTime() + LOGIN_WINDOW_MS;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}

export const organisationService = {
  async create(kind: OrganisationKind, name: OrganisationName, key: string | null = null): Promise<Organisation> {
    return presentOrganisation(await organisationRepository.create({ kind, name: normaliseName(name), key }));
  },
  /** Through the API (with a caller): audited, the record written ahead of the organisation. */
  async createFromBody(body: CreateOrganisationBody, caller?: Caller): Promise<Organisation> {
    if (!caller) return this.create(body.kind, body.name);
    const _id = new mongoose.Types.ObjectId();
    const fields = { kind: body.kind, name: normaliseName(body.name), key: null };
    const org: Organisation = { id: String(_id), kind: fields.kind, name: fields.name };
    return audited(
      caller,
      OrganisationModel,
      _id,
      async () => ({
        audit: {
          entity: 'organisation',
          entityId: org.id,
          action: 'organisation.create',
          organisationId: org.id,
          after: org,
        },
      }),
      async (_planned, stamp) => presentOrganisation(await organisationRepository.create(fields, { _id, ...stamp })),
    );
  },
  /** Idempotent by key (demo data). */
  async upsertByKey(key: string, kind: OrganisationKind, name: OrganisationName): Promise<Organisation> {
    return presentOrganisation(await organisationRepository.updateByKey(key, { kind, name: normaliseName(name) }));
  },
  /** Staff and admins see every organisation; everybody else only their own. */
  async list(caller: Caller): Promise<Organisation[]> {
    if (caller.role === 'staff' || caller.role === 'admin')
      return (await organisationRepository.list()).map(presentOrganisation);
    const own = await organisationRepository.findById(caller.organisationId);
    return own ? [presentOrganisation(own)] : [];
  },
};

/** A user as services, seeds and tests create one directly (the API goes through invitations). */
interface NewUser {
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  password: string;
}

export const userService = {
  /** Creates an active user (services, seeds and tests; the API creates users through invitations). */
  async create(input: NewUser): Promise<User> {
    checkPassword(input.password);
    if (!isObjectId(input.organisationId) || !(await organisationRepository.findById(input.organisationId))) {
      throw new AppError('not_found', 'No such organisation');
    }
    const email = input.email.trim().toLowerCase();
    try {
      const doc = await userRepository.create({
        email,
        name: input.name,
        role: input.role,
        organisationId: input.organisationId,
        passwordHash: await hashPassword(input.password),
      });
      return presentUser(doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('conflict', 'A user with this email already exists');
      throw err;
    }
  },

  /** Idempotent by email (demo data): creates the user or resets its role, organisation and password. */
  async upsert(input: NewUser): Promise<User> {
    const existing = await userRepository.findByEmail(input.email.toLowerCase());
    if (!existing) return this.create(input);
    checkPassword(input.password);
    const passwordOk = await verifyPassword(input.password, existing.passwordHash);
    await userRepository.update(String(existing._id), {
      name: input.name,
      role: input.role,
      organisationId: input.organisationId,
      active: true,
      ...(passwordOk ? {} : { passwordHash: await hashPassword(input.password) }),
    });
    return presentUser((await userRepository.findById(String(existing._id)))!);
  },

  async list(query: UserListQuery): Promise<User[]> {
    return (await userRepository.list(query)).map(presentUser);
  },

  /** Deactivation ends every session of the user at once (and sessions of inactive users are refused anyway). */
  async setActive(caller: Caller, id: string, active: boolean): Promise<User> {
    if (!isObjectId(id)) throw new AppError('invalid_id', 'Malformed user id');
    if (!active && id === caller.userId) throw new AppError('conflict', 'You cannot deactivate yourself');
    const after = await audited(
      caller,
      UserModel,
      new mongoose.Types.ObjectId(id),
      async () => {
        const doc = await userRepository.findById(id);
        if (!doc) throw new AppError('not_found', 'No such user');
        const before = presentUser(doc);
        const after: User = { ...before, active };
        return {
          after,
          audit: {
            entity: 'user' as const,
            entityId: id,
            action: active ? 'user.activate' : 'user.deactivate',
            organisationId: after.organisationId,
            before,
            after,
          },
        };
      },
      async ({ after }, stamp) => {
        if (!(await userRepository.setActive(id, active, stamp))) throw new AppError('not_found', 'No such user');
        return after;
      },
    );
    // After the change: a crash in between leaves sessions of an inactive user, which are refused anyway.
    if (!active) await sessionRepository.deleteForUser(id);
    return after;
  },
};

export const authService = {
  /**
   * Brute-force limits without atomic counters: every attempt first inserts a row per key (account,
   * address), then counts the rows of the window. Concurrent attempts see each other's rows, so a
   * burst cannot get more than the limit of password checks. A refused attempt removes its rows (the
   * lockout does not grow while refused); a failed one keeps them; a success clears the account's.
   */
  async login(email: string, password: string, ip: string): Promise<SignedIn> {
    const now = new Date();
    const accountKey = `account:${email}`;
    const ipKey = `ip:${ip}`;
    const own = await loginAttemptRepository.record([accountKey, ipKey], now);
    const wait = Math.max(
      (await retryAfterSeconds(accountKey, LOGIN_LIMIT_PER_ACCOUNT, now, own)) ?? 0,
      (await retryAfterSeconds(ipKey, LOGIN_LIMIT_PER_IP, now, own)) ?? 0,
    );
    if (wait > 0) {
      await loginAttemptRepository.deleteIds(own);
      throw new AppError('rate_limited', 'Too many failed sign-in attempts; try again later', {
        retryAfterSeconds: wait,
      });
    }
    const user = await userRepository.findByEmail(email);
    const ok = user ? await verifyPassword(password, user.passwordHash) : await dummyVerify(password);
    if (!user || !ok || !user.active) {
      await loginAttemptRepository.deleteOlderThan(new Date(now.getTime() - LOGIN_WINDOW_MS));
      throw invalidCredentials();
    }
    await loginAttemptRepository.deleteIds(own);
    await loginAttemptRepository.clear(accountKey);
    await sessionRepository.deleteExpired(now);
    return startSession(user);
  },

  /** The caller of a session cookie, or null when it is unknown, expired, or its user is inactive. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    if (!tokenPattern.test(token)) return null;
    const session = await sessionRepository.findByTokenHash(hashToken(token));
    if (!session) return null;
    if (session.expiresAt.getTime() <= Date.now()) {
      await sessionRepository.deleteById(session._id);
      return null;
    }
    const user = await userRepository.findById(String(session.userId));
    if (!user || !user.active) {
      await sessionRepository.deleteById(session._id);
      return null;
    }
    return {
      token,
      caller: {
        userId: String(user._id),
        organisationId: String(user.organisationId),
        role: user.role as Role,
        sessionId: String(session._id),
      },
    };
  },

  async logout(token: string | undefined): Promise<void> {
    if (token && tokenPattern.test(token)) await sessionRepository.deleteByTokenHash(hashToken(token));
  },

  async me(caller: Caller, token: string): Promise<SessionInfo> {
    const user = await userRepository.findById(caller.userId);
    if (!user) throw new AppError('unauthenticated', 'Sign in first');
    return { user: presentUser(user), organisation: await organisationOf(user), csrfToken: csrfTokenFor(token) };
  },
};

export const invitationService = {
  /** Staff may invite crew and partners; only admins may invite staff and admins. */
  async create(caller: Caller, body: CreateInvitationBody): Promise<InvitationCreated> {
    if ((body.role === 'staff' || body.role === 'admin') && caller.role !== 'admin') {
      throw new AppError('forbidden', 'Only an admin may invite staff or admins');
    }
    const org = await organisationRepository.findById(body.organisationId);
    if (!org) throw new AppError('not_found', 'No such organisation');
    if (org.kind !== orgKindForRole[body.role]) {
      throw new AppError(
        'validation_failed',
        `A ${body.role} user belongs to a ${orgKindForRole[body.role]} organisation`,
        {
          fields: ['organisationId'],
        },
      );
    }
    if (await userRepository.findByEmail(body.email))
      throw new AppError('conflict', 'A user with this email already exists');
    const token = newToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    // The document this change writes is the invitation: it carries the record's stamp.
    const _id = new mongoose.Types.ObjectId();
    await audited(
      caller,
      InvitationModel,
      _id,
      async () => ({
        audit: {
          entity: 'user',
          entityId: body.email,
          action: 'user.invite',
          organisationId: body.organisationId,
          after: { email: body.email, role: body.role, organisationId: body.organisationId },
        },
      }),
      async (_planned, stamp) =>
        invitationRepository.create(
          {
            tokenHash: hashToken(token),
            email: body.email,
            name: body.name ?? null,
            role: body.role,
            organisationId: body.organisationId,
            invitedBy: caller.userId,
            expiresAt,
          },
          { _id, ...stamp },
        ),
    );
    return { inviteUrl: `/invite/${token}`, token, expiresAt: expiresAt.toISOString() };
  },

  async findUsable(token: string) {
    const invitation = tokenPattern.test(token) ? await invitationRepository.findByTokenHash(hashToken(token)) : null;
    if (!invitation) throw new AppError('not_found', 'No such invitation');
    if (invitation.usedAt)
      throw new AppError('invitation_used', 'This invitation has already been used', undefined, 410);
    if (invitation.expiresAt.getTime() <= Date.now())
      throw new AppError('invitation_expired', 'This invitation has expired', undefined, 410);
    return invitation;
  },

  async info(token: string): Promise<InvitationInfo> {
    const invitation = await this.findUsable(token);
    const org = await organisationRepository.findById(String(invitation.organisationId));
    if (!org) throw new AppError('not_found', 'No such invitation');
    return {
      email: invitation.email,
      name: invitation.name ?? null,
      role: invitation.role as Role,
      organisation: presentOrganisation(org),
      expiresAt: invitation.expiresAt.toISOString(),
    };
  },

  /** One-time: the unique email index makes a second (even concurrent) acceptance fail atomically. */
  async accept(token: string, body: AcceptInvitationBody): Promise<SignedIn> {
    const invitation = await this.findUsable(token);
    const _id = new mongoose.Types.ObjectId();
    const fields = {
      email: invitation.email,
      name: body.name ?? invitation.name ?? invitation.email.split('@')[0]!,
      role: invitation.role as Role,
      organisationId: String(invitation.organisationId),
      passwordHash: await hashPassword(body.password),
    };
    const created: User = {
      id: String(_id),
      email: fields.email,
      name: fields.name,
      role: fields.role,
      organisationId: fields.organisationId,
      active: true,
    };
    let user: UserDoc;
    try {
      user = await audited(
        { userId: created.id, organisationId: created.organisationId, role: created.role },
        UserModel,
        _id,
        async () => ({
          audit: {
            entity: 'user',
            entityId: created.id,
            action: 'user.create',
            organisationId: created.organisationId,
            after: created,
          },
        }),
        async (_planned, stamp) => userRepository.create(fields, { _id, ...stamp }),
      );
    } catch (err) {
      // The unique email index refused a second acceptance; its record was abandoned at once.
      if (isDuplicateKey(err))
        throw new AppError('invitation_used', 'This invitation has already been used', undefined, 410);
      throw err;
    }
    await invitationRepository.markUsed(invitation._id as mongoose.Types.ObjectId, new Date());
    return startSession(user);
  },
};
