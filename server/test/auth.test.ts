import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import { pino } from 'pino';
import {
  invitationCreatedSchema,
  invitationInfoSchema,
  organisationSchema,
  sessionInfoSchema,
  userSchema,
} from '@moskino/shared';
import { createApp } from '../src/app.js';
import { invitationRepository } from '../src/features/auth/repository.js';
import { hashToken } from '../src/features/auth/tokens.js';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP } from '../src/features/auth/service.js';
import { seedDemo } from '../src/cli/seed-demo.js';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { createOrganisation, createUser, signIn, signInAs, type Session } from './helpers/auth.js';

let srv: TestServer;
let production: { id: string };
let partnerOrg: { id: string };
let cluster: { id: string };
let admin: Session;
let staff: Session;

beforeAll(async () => {
  srv = await startTestServer({ seed: false });
  production = await createOrganisation('production', { ru: 'Тест Продакшн', en: 'Test Production' });
  partnerOrg = await createOrganisation('partner', 'Partner Ltd');
  cluster = await createOrganisation('cluster', { ru: 'Москино', en: 'Moskino' });
  admin = await signInAs(srv.baseUrl, 'admin', { organisationId: cluster.id });
  staff = await signInAs(srv.baseUrl, 'staff', { organisationId: cluster.id });
});
afterAll(async () => {
  await srv.close();
});

const noStack = (body: unknown) =>
  expect(JSON.stringify(body ?? '')).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|Mongo|CastError/);

describe('sign-in, me, sign-out', () => {
  it('logs in with an httpOnly Lax cookie, answers me, logs out', async () => {
    const u = await createUser({ role: 'crew', organisationId: production.id, email: 'Mixed.Case@Example.test' });
    const raw = await api(srv.baseUrl, 'POST', '/api/auth/login', {
      email: '  MIXED.case@example.TEST ',
      password: u.password,
    });
    expect(raw.status).toBe(200);
    const cookie = raw.headers.getSetCookie().find((c) => c.startsWith('moskino_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // only in production
    expect(cookie.split(';')[0]!.length).toBeGreaterThan('moskino_session='.length + 40);
    const info = sessionInfoSchema.parse(raw.body);
    expect(info.user.email).toBe('mixed.case@example.test');
    expect(info.organisation).toEqual({
      id: production.id,
      kind: 'production',
      name: { ru: 'Тест Продакшн', en: 'Test Production' },
    });

    const s = await signIn(srv.baseUrl, u.email, u.password);
    const me = await s.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(sessionInfoSchema.parse(me.body).csrfToken).toBe(s.csrfToken);
    expect(JSON.stringify(me.body)).not.toMatch(/passwordHash|tokenHash|scrypt/);
    const out = await s.request('POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/moskino_session=;.*Max-Age=0/);
    const after = await s.request('GET', '/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    expect((await api(srv.baseUrl, 'GET', '/api/auth/me')).status).toBe(401);
    expect(
      (await api(srv.baseUrl, 'GET', '/api/auth/me', undefined, { cookie: 'moskino_session=garbage' })).status,
    ).toBe(401);
  });

  it('answers the same 401 for a wrong password and an unknown email, in about the same time', async () => {
    const u = await createUser({ role: 'crew', organisationId: production.id });
    const time = async (email: string) => {
      const t = performance.now();
      const res = await api(srv.baseUrl, 'POST', '/api/auth/login', { email, password: 'wrong password!' });
      return { res, ms: performance.now() - t };
    };
    const wrong = await time(u.email);
    const unknown = await time('nobody-here@example.test');
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(wrong.res.body).toEqual(unknown.res.body);
    expect(wrong.res.body.error.code).toBe('invalid_credentials');
    // Both spend a full scrypt: neither is several times faster than the other.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 4);
    expect(wrong.ms).toBeGreaterThan(unknown.ms / 4);
  });

  it('refuses repeated failures on one account with 429 and Retry-After, even with the right password', async () => {
    const u = await createUser({ role: 'partner', organisationId: partnerOrg.id });
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) {
      expect(
        (await api(srv.baseUrl, 'POST', '/api/auth/login', { email: u.email, password: `wrong-${i}-password` })).status,
      ).toBe(401);
    }
    const locked = await api(srv.baseUrl, 'POST', '/api/auth/login', { email: u.email, password: u.password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Another account from the same address is not affected.
    const other = await createUser({ role: 'partner', organisationId: partnerOrg.id });
    expect(
      (await api(srv.baseUrl, 'POST', '/api/auth/login', { email: other.email, password: other.password })).status,
    ).toBe(200);
  });

  it('a parallel burst gets no more password checks than the limit', async () => {
    const u = await createUser({ role: 'crew', organisationId: production.id });
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api(srv.baseUrl, 'POST', '/api/auth/login', { email: u.email, password: `burst-guess-${i}` }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(
      statuses.every((s) => s === 401 || s === 429),
      statuses.join(),
    ).toBe(true);
    expect(statuses.filter((s) => s === 401).length, statuses.join()).toBeLessThanOrEqual(LOGIN_LIMIT_PER_ACCOUNT);
    // Refused attempts leave no trace: the account is locked only if the limit of real failures was reached.
    const failures = statuses.filter((s) => s === 401).length;
    const after = await api(srv.baseUrl, 'POST', '/api/auth/login', { email: u.email, password: u.password });
    expect(after.status).toBe(failures >= LOGIN_LIMIT_PER_ACCOUNT ? 429 : 200);
  });

  it('a successful sign-in clears the failures of the account', async () => {
    const u = await createUser({ role: 'crew', organisationId: production.id });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT - 1; i++) {
        expect(
          (await api(srv.baseUrl, 'POST', '/api/auth/login', { email: u.email, password: 'not the password' })).status,
        ).toBe(401);
      }
      expect((await api(srv.baseUrl, 'POST', '/api/auth/login', { email: u.email, password: u.password })).status).toBe(
        200,
      );
    }
  });
});

describe('CSRF', () => {
  it('refuses state-changing requests with the cookie but without the right X-CSRF-Token', async () => {
    const s = await signInAs(srv.baseUrl, 'staff', { organisationId: cluster.id });
    const body = { kind: 'production', name: 'CSRF Films' };
    const missing = await s.request('POST', '/api/organisations', body, { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf_failed');
    const wrong = await s.request('POST', '/api/organisations', body, { 'x-csrf-token': 'A'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('csrf_failed');
    // Another session's token does not fit this one.
    expect(
      (await s.request('POST', '/api/organisations', body, { 'x-csrf-token': staff.csrfToken })).body.error.code,
    ).toBe('csrf_failed');
    const logoutNoToken = await api(srv.baseUrl, 'POST', '/api/auth/logout', undefined, { cookie: s.cookie });
    expect(logoutNoToken.status).toBe(403);
    expect((await s.request('GET', '/api/auth/me')).status).toBe(200); // the session is still there
    const ok = await s.request('POST', '/api/organisations', body);
    expect(ok.status).toBe(201);
    expect(organisationSchema.parse(ok.body).name).toEqual({ ru: 'CSRF Films', en: 'CSRF Films' });
    // Login is exempt: signing in again from a browser that has a cookie works without the header.
    const u = await createUser({ role: 'crew', organisationId: production.id });
    const relogin = await api(
      srv.baseUrl,
      'POST',
      '/api/auth/login',
      { email: u.email, password: u.password },
      { cookie: s.cookie },
    );
    expect(relogin.status).toBe(200);
    // ...and ends the browser's previous session (a new id on every sign-in).
    expect((await s.request('GET', '/api/auth/me')).status).toBe(401);
  });
});

describe('invitations', () => {
  it('staff invite crew; the invitee sees it, sets a password and is signed in; the token works once', async () => {
    const created = await staff.request('POST', '/api/invitations', {
      email: 'New.Crew@Example.test',
      role: 'crew',
      organisationId: production.id,
      name: 'Новый',
    });
    expect(created.status).toBe(201);
    const inv = invitationCreatedSchema.parse(created.body);
    expect(inv.inviteUrl).toContain(inv.token);
    expect(Object.keys(created.body).sort()).toEqual(['expiresAt', 'inviteUrl', 'token']);
    expect(new Date(inv.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const info = await api(srv.baseUrl, 'GET', `/api/invitations/${inv.token}`);
    expect(info.status).toBe(200);
    const parsed = invitationInfoSchema.parse(info.body);
    expect(parsed).toMatchObject({ email: 'new.crew@example.test', role: 'crew', name: 'Новый' });
    expect(parsed.organisation.id).toBe(production.id);

    const short = await api(srv.baseUrl, 'POST', `/api/invitations/${inv.token}/accept`, { password: 'short' });
    expect(short.status).toBe(400);

    const accepted = await api(srv.baseUrl, 'POST', `/api/invitations/${inv.token}/accept`, {
      password: 'a long enough password',
    });
    expect(accepted.status).toBe(201);
    const session = sessionInfoSchema.parse(accepted.body);
    expect(session.user).toMatchObject({
      email: 'new.crew@example.test',
      role: 'crew',
      organisationId: production.id,
      name: 'Новый',
      active: true,
    });
    const cookie = accepted.headers
      .getSetCookie()
      .find((c) => c.startsWith('moskino_session='))!
      .split(';')[0]!;
    expect((await api(srv.baseUrl, 'GET', '/api/auth/me', undefined, { cookie })).status).toBe(200);

    const again = await api(srv.baseUrl, 'POST', `/api/invitations/${inv.token}/accept`, {
      password: 'another long password',
    });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('invitation_used');
    expect((await api(srv.baseUrl, 'GET', `/api/invitations/${inv.token}`)).status).toBe(410);
    expect((await signIn(srv.baseUrl, 'new.crew@example.test', 'a long enough password')).user.role).toBe('crew');
    // The invited email now has an account: a second invitation is a conflict.
    expect(
      (
        await staff.request('POST', '/api/invitations', {
          email: 'new.crew@example.test',
          role: 'crew',
          organisationId: production.id,
        })
      ).status,
    ).toBe(409);
  });

  it('expired invitations are refused', async () => {
    const created = await staff.request('POST', '/api/invitations', {
      email: 'late@example.test',
      role: 'partner',
      organisationId: partnerOrg.id,
    });
    expect(created.status).toBe(201);
    await invitationRepository.setExpiry(hashToken(created.body.token), new Date(Date.now() - 1000));
    const info = await api(srv.baseUrl, 'GET', `/api/invitations/${created.body.token}`);
    expect(info.status).toBe(410);
    expect(info.body.error.code).toBe('invitation_expired');
    const accept = await api(srv.baseUrl, 'POST', `/api/invitations/${created.body.token}/accept`, {
      password: 'a long enough password',
    });
    expect(accept.status).toBe(410);
    expect(
      (
        await api(srv.baseUrl, 'POST', '/api/auth/login', {
          email: 'late@example.test',
          password: 'a long enough password',
        })
      ).status,
    ).toBe(401);
  });

  it('unknown and malformed tokens answer 404', async () => {
    expect((await api(srv.baseUrl, 'GET', `/api/invitations/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await api(srv.baseUrl, 'GET', '/api/invitations/%24where')).status).toBe(404);
    expect(
      (
        await api(srv.baseUrl, 'POST', `/api/invitations/${'y'.repeat(43)}/accept`, {
          password: 'a long enough password',
        })
      ).status,
    ).toBe(404);
  });

  it('only admins invite staff and admins; the organisation must fit the role', async () => {
    const staffInvitesAdmin = await staff.request('POST', '/api/invitations', {
      email: 'a2@example.test',
      role: 'admin',
      organisationId: cluster.id,
    });
    expect(staffInvitesAdmin.status).toBe(403);
    const adminInvitesStaff = await admin.request('POST', '/api/invitations', {
      email: 's2@example.test',
      role: 'staff',
      organisationId: cluster.id,
    });
    expect(adminInvitesStaff.status).toBe(201);
    const wrongKind = await admin.request('POST', '/api/invitations', {
      email: 'c2@example.test',
      role: 'crew',
      organisationId: cluster.id,
    });
    expect(wrongKind.status).toBe(400);
    const unknownOrg = await admin.request('POST', '/api/invitations', {
      email: 'c3@example.test',
      role: 'crew',
      organisationId: new mongoose.Types.ObjectId().toHexString(),
    });
    expect(unknownOrg.status).toBe(404);
    const crew = await signInAs(srv.baseUrl, 'crew', { organisationId: production.id });
    expect(
      (
        await crew.request('POST', '/api/invitations', {
          email: 'c4@example.test',
          role: 'crew',
          organisationId: production.id,
        })
      ).status,
    ).toBe(403);
    const badEmail = await admin.request('POST', '/api/invitations', {
      email: 'not an email',
      role: 'crew',
      organisationId: production.id,
    });
    expect(badEmail.status).toBe(400);
  });
});

describe('users and organisations', () => {
  it('deactivation ends the sessions at once and blocks sign-in; activation allows it again', async () => {
    const u = await createUser({ role: 'crew', organisationId: production.id });
    const s1 = await signIn(srv.baseUrl, u.email, u.password);
    const s2 = await signIn(srv.baseUrl, u.email, u.password);
    expect((await staff.request('POST', `/api/users/${u.id}/deactivate`)).status).toBe(403);
    const off = await admin.request('POST', `/api/users/${u.id}/deactivate`);
    expect(off.status).toBe(200);
    expect(userSchema.parse(off.body).active).toBe(false);
    expect((await s1.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await s2.request('GET', '/api/organisations')).status).toBe(401);
    const login = await api(srv.baseUrl, 'POST', '/api/auth/login', { email: u.email, password: u.password });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('invalid_credentials');
    expect((await admin.request('POST', `/api/users/${u.id}/activate`)).status).toBe(200);
    expect((await signIn(srv.baseUrl, u.email, u.password)).user.active).toBe(true);
    // An admin cannot lock themselves out.
    expect((await admin.request('POST', `/api/users/${admin.user.id}/deactivate`)).status).toBe(409);
  });

  it('invalid ids answer 400, unknown ids 404', async () => {
    const bad = await admin.request('POST', '/api/users/not-an-id/deactivate');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_id');
    noStack(bad.body);
    const unknown = await admin.request('POST', `/api/users/${new mongoose.Types.ObjectId().toHexString()}/activate`);
    expect(unknown.status).toBe(404);
    expect((await admin.request('GET', '/api/users?organisationId=zzz')).status).toBe(400);
  });

  it('lists users to staff without secrets; organisations: staff all, others their own', async () => {
    const list = await staff.request('GET', '/api/users');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(2);
    for (const u of list.body)
      expect(Object.keys(userSchema.strict().parse(u)).sort()).toEqual([
        'active',
        'email',
        'id',
        'name',
        'organisationId',
        'role',
      ]);
    expect(JSON.stringify(list.body)).not.toMatch(/password|scrypt|token/i);
    const ofProduction = await staff.request('GET', `/api/users?organisationId=${production.id}`);
    expect(ofProduction.body.every((u: { organisationId: string }) => u.organisationId === production.id)).toBe(true);

    const all = await staff.request('GET', '/api/organisations');
    expect(all.body.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining([production.id, partnerOrg.id, cluster.id]),
    );
    const partner = await signInAs(srv.baseUrl, 'partner', { organisationId: partnerOrg.id });
    const own = await partner.request('GET', '/api/organisations');
    expect(own.body.map((o: { id: string }) => o.id)).toEqual([partnerOrg.id]);
    expect((await partner.request('GET', '/api/users')).status).toBe(403);
  });
});

describe('hostile input', () => {
  it('refuses query operators in bodies and queries with 400, never a match', async () => {
    const u = await createUser({ role: 'crew', organisationId: production.id });
    for (const body of [
      { email: { $gt: '' }, password: u.password },
      { email: u.email, password: { $gt: '' } },
      { email: u.email, password: u.password, $where: '1' },
      { email: u.email, password: u.password, extra: { 'a.b': 1 } },
    ]) {
      const res = await api(srv.baseUrl, 'POST', '/api/auth/login', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.getSetCookie()).toEqual([]);
      noStack(res.body);
    }
    expect((await staff.request('GET', '/api/users?organisationId[$ne]=x')).status).toBe(400);
    expect(
      (await api(srv.baseUrl, 'POST', `/api/invitations/${'z'.repeat(43)}/accept`, { password: { $gt: '' } })).status,
    ).toBe(400);
  });

  it('answers 413 for oversized bodies and 400 for malformed JSON, without internals', async () => {
    const big = await api(srv.baseUrl, 'POST', '/api/auth/login', { email: 'a@b.c', password: 'x'.repeat(400_000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    noStack(big.body);
    const broken = await api(srv.baseUrl, 'POST', '/api/auth/login', '{"email": "a@b.c", "password": ', {
      'content-type': 'application/json',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('malformed_json');
    noStack(broken.body);
    const overlong = await api(srv.baseUrl, 'POST', '/api/auth/login', {
      email: 'a@b.c',
      password: 'x'.repeat(10_000),
    });
    expect(overlong.status).toBe(400);
  });

  it('sends security headers', async () => {
    const res = await api(srv.baseUrl, 'GET', '/api/auth/me');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('sessions live in the database', () => {
  it('a second app instance (a restart, or another process) accepts the cookie; logs carry no secrets', async () => {
    const u = await createUser({ role: 'crew', organisationId: production.id });
    const s = await signIn(srv.baseUrl, u.email, u.password);
    let logged = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        logged += String(chunk);
        cb();
      },
    });
    const app = createApp({ log: pino({ level: 'trace' }, sink) });
    const server: Server = await new Promise((resolve) => {
      const x = app.listen(0, '127.0.0.1', () => resolve(x));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const me = await api(base, 'GET', '/api/auth/me', undefined, { cookie: s.cookie });
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(u.id);
      expect(me.body.csrfToken).toBe(s.csrfToken);
      const csrfOk = await api(
        base,
        'POST',
        '/api/organisations',
        { kind: 'production', name: 'X' },
        { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
      );
      expect(csrfOk.status).toBe(403); // crew may not create organisations: the CSRF check passed, the role check refused
      expect(csrfOk.body.error.code).toBe('forbidden');
      await api(base, 'POST', '/api/auth/login', { email: u.email, password: u.password });
      await api(base, 'POST', '/api/auth/login', { email: u.email, password: 'wrong password 123' });
      const invitation = await admin.request('POST', '/api/invitations', {
        email: 'logged@example.test',
        role: 'crew',
        organisationId: production.id,
      });
      await api(base, 'GET', `/api/invitations/${invitation.body.token}`);
      await api(base, 'POST', `/api/invitations/${invitation.body.token}/accept`, { password: 'invitee password 99' });
      const cookieValue = s.cookie.split('=')[1]!;
      expect(logged).toContain('"path":"/api/auth/me"');
      expect(logged).toContain('/api/invitations/[token]');
      for (const secret of [
        u.password,
        'wrong password 123',
        cookieValue,
        s.csrfToken,
        invitation.body.token,
        'invitee password 99',
      ])
        expect(logged).not.toContain(secret);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('demo data', () => {
  it('creates the demo organisations and users idempotently, and never in production', async () => {
    const quiet = { say: () => {} };
    await seedDemo({ NODE_ENV: 'test', DEMO_PASSWORD: undefined }, quiet);
    await seedDemo({ NODE_ENV: 'test', DEMO_PASSWORD: undefined }, quiet);
    const expected = {
      'crew@demo.test': 'crew',
      'partner@demo.test': 'partner',
      'staff@demo.test': 'staff',
      'admin@demo.test': 'admin',
    };
    for (const [email, role] of Object.entries(expected)) {
      const s = await signIn(srv.baseUrl, email, 'moskino-demo');
      expect(s.user.role).toBe(role);
    }
    const crew = await signIn(srv.baseUrl, 'crew@demo.test', 'moskino-demo');
    expect(crew.organisation.name).toEqual({ ru: 'Демо Продакшн', en: 'Demo Production' });
    const orgs = await admin.request('GET', '/api/organisations');
    const demoNames = orgs.body
      .map((o: { name: { en: string } }) => o.name.en)
      .filter((n: string) => /^Demo|^Moskino$/.test(n));
    expect(demoNames.filter((n: string) => n === 'Demo Production')).toHaveLength(1);
    // onlyIfNoUsers: users exist, nothing happens.
    expect(
      (
        await seedDemo(
          { NODE_ENV: 'development', DEMO_PASSWORD: 'another-demo-pass' },
          { ...quiet, onlyIfNoUsers: true },
        )
      ).created,
    ).toBe(false);
    await expect(seedDemo({ NODE_ENV: 'production', DEMO_PASSWORD: undefined }, quiet)).rejects.toThrow(/production/);
    await expect(seedDemo({ NODE_ENV: 'production', DEMO_PASSWORD: 'moskino-demo' }, quiet)).rejects.toThrow(/refused/);
    await expect(seedDemo({ NODE_ENV: 'production', DEMO_PASSWORD: 'a-strong-password-42' }, quiet)).rejects.toThrow(
      /never/,
    );
  });
});

// Last: it exhausts the per-address budget of 127.0.0.1 for this file's database.
describe('brute force per address', () => {
  it('refuses an address after many failures across accounts with 429 and Retry-After', async () => {
    let limited: Awaited<ReturnType<typeof api>> | undefined;
    for (let i = 0; i < LOGIN_LIMIT_PER_IP + 1 && !limited; i++) {
      const res = await api(srv.baseUrl, 'POST', '/api/auth/login', {
        email: `spray-${i}@example.test`,
        password: 'guessing-password',
      });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(401);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
