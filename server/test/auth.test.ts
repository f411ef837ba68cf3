import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionInfoSchema } from '@moskino/shared';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { createOrganisation, createUser, signIn } from './helpers/auth.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ seed: false });
});
afterAll(async () => {
  await srv.close();
});

describe('sign-in', () => {
  it('logs in, answers me, logs out', async () => {
    const org = await createOrganisation('production', { ru: 'Тест', en: 'Test' });
    const u = await createUser({ role: 'crew', organisationId: org.id });
    const s = await signIn(srv.baseUrl, u.email, u.password);
    expect(s.user.email).toBe(u.email);
    expect(s.user.role).toBe('crew');
    expect(s.organisation).toEqual({ id: org.id, kind: 'production', name: { ru: 'Тест', en: 'Test' } });
    const me = await s.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    const info = sessionInfoSchema.parse(me.body);
    expect(info.csrfToken).toBe(s.csrfToken);
    expect(JSON.stringify(me.body)).not.toMatch(/passwordHash|scrypt/);
    const out = await s.request('POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect((await s.request('GET', '/api/auth/me')).status).toBe(401);
  });
});
