import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema, type Facility } from '@moskino/shared';
import { freePort, repoRoot } from '../src/db/embedded.js';
import { AuditEventModel, type AuditEventDoc } from '../src/features/audit/models.js';
import { recoverPendingAudit } from '../src/features/audit/service.js';
import { FacilityModel } from '../src/features/catalogue/models.js';
import { catalogueService } from '../src/features/catalogue/service.js';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { createOrganisation, createUser, signIn, type Session } from './helpers/auth.js';
import { facilityIds } from './helpers/bookings.js';

/**
 * Real server processes (`server/dist/main.js`) on one database, edited over HTTP; one is killed
 * with SIGKILL in the middle of catalogue edits. Afterwards every change that was made (acknowledged
 * or not) has exactly one applied audit record, chained, and the last one is the facility as it is.
 * Needs the compiled server (`npx tsc -b shared server`; `npm test` builds first).
 */
const main = path.join(repoRoot, 'server/dist/main.js');
const built = existsSync(main);
const children: ChildProcess[] = [];

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await srv?.close();
});

async function startServer(): Promise<{ child: ChildProcess; baseUrl: string; exited: Promise<unknown> }> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), MONGODB_URI: srv.uri, LOG_LEVEL: 'warn', NODE_ENV: 'test' };
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise((r) => child.once('exit', r));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    const res = await fetch(`${baseUrl}/api/health`).catch(() => undefined);
    if (res?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`server did not come up: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, baseUrl, exited };
}

/** The same session (cookie and CSRF token) against another server process. */
function on(session: Session, baseUrl: string): Session['request'] {
  return (method, p, body) =>
    api(baseUrl, method, p, body, {
      cookie: session.cookie,
      ...(method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}),
    });
}

describe.skipIf(!built)('audit records when a server process is killed', () => {
  it('SIGKILL in the middle of catalogue edits: every change made has exactly one applied record', async () => {
    const a = await startServer();
    const b = await startServer();
    const org = await createOrganisation('cluster');
    const user = await createUser({ role: 'admin', organisationId: org.id });
    const admin = await signIn(a.baseUrl, user.email, user.password);
    const ids = await facilityIds();
    const slugs = ['kp-modern-embassy', 'kp-modern-police', 'kp-modern-school', 'kp-modern-mfc'];
    const initial = new Map(
      await Promise.all(
        slugs.map(async (s) => [ids.get(s)!, await catalogueService.getFacility(ids.get(s)!)] as const),
      ),
    );

    // Six loops of edits, three on each server, on four facilities: contention within and across processes.
    let stop = false;
    const acknowledged: Array<{ facilityId: string; notes: string }> = [];
    const statuses: Record<string, number> = {};
    const loop = async (request: Session['request'], n: number) => {
      for (let i = 0; !stop; i++) {
        const facilityId = ids.get(slugs[(n + i) % slugs.length]!)!;
        const notes = `loop ${n} edit ${i}`;
        const res = await request('PATCH', `/api/admin/facilities/${facilityId}`, { notes, reason: notes }).catch(
          () => ({ status: 0 }),
        );
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 200) acknowledged.push({ facilityId, notes });
        if (res.status === 0) await new Promise((r) => setTimeout(r, 20)); // that server is gone
      }
    };
    const loops = [0, 1, 2, 3, 4, 5].map((n) => loop(on(admin, n % 2 === 0 ? a.baseUrl : b.baseUrl), n));
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    a.child.kill('SIGKILL');
    await a.exited;
    // The other server carries on for a while (facilities whose record the dead one left pending
    // refuse edits with 409 until the grace period has passed).
    const more = acknowledged.length;
    const until = Date.now() + 20_000;
    while (acknowledged.length < more + 20 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    stop = true;
    await Promise.all(loops);
    expect(acknowledged.length).toBeGreaterThan(more);
    for (const status of Object.keys(statuses)) expect(['0', '200', '409']).toContain(status);

    // No writer is left in flight (A is dead, B is idle), so nothing pending can still arrive:
    // settle everything now instead of waiting for the grace period.
    await recoverPendingAudit({ graceMs: 0 });
    expect(await AuditEventModel.countDocuments({ state: 'pending' })).toBe(0);

    const request = on(admin, b.baseUrl);
    for (const id of initial.keys()) {
      const doc = (await FacilityModel.findById(new mongoose.Types.ObjectId(id)).lean<{ auditSeq?: number }>())!;
      const records = await AuditEventModel.find({ facilityId: id, state: 'applied' })
        .sort({ seq: 1 })
        .lean<AuditEventDoc[]>();
      // One applied record per change number 1..n, n being the number the facility carries.
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: doc.auditSeq ?? 0 }, (_, i) => i + 1));
      // Chained: each change starts from the state the previous one left; the first from the seed.
      expect(records[0]!.before).toEqual(initial.get(id));
      for (let i = 1; i < records.length; i++) expect(records[i]!.before).toEqual(records[i - 1]!.after);
      // The last record is the facility as it is.
      const now = (await api(b.baseUrl, 'GET', `/api/facilities/${id}`)).body as Facility;
      expect(records.at(-1)!.after).toEqual(now);
      // The search (over HTTP, on the surviving process) shows exactly these.
      const shown = await request('GET', `/api/staff/audit?facility=${id}&limit=1000`);
      expect(shown.status).toBe(200);
      const entries = (shown.body as unknown[]).map((e) => auditEntrySchema.parse(e));
      expect(entries.map((e) => e.id).sort()).toEqual(records.map((r) => String(r._id)).sort());
    }
    // Every acknowledged edit is among them.
    const applied = await AuditEventModel.find({ state: 'applied', action: 'facility.update' }).lean<AuditEventDoc[]>();
    const made = new Set(applied.map((r) => `${r.facilityId}|${(r.after as Facility).notes}`));
    for (const ack of acknowledged) expect(made.has(`${ack.facilityId}|${ack.notes}`), ack.notes).toBe(true);

    b.child.kill('SIGTERM');
    await b.exited;
  }, 180_000);
});
