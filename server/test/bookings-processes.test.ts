import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingService } from '../src/features/bookings/service.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { checkInvariant, day, facilityIds, iso } from './helpers/bookings.js';

/**
 * Several OS processes on one database: each worker connects on its own and calls the booking
 * service (the same code the server runs), so the only thing they share is the database. Needs the
 * compiled server (`npx tsc -b shared server`; `npm test` builds first).
 */
const worker = fileURLToPath(new URL('./workers/booking-worker.mjs', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/features/bookings/service.js', import.meta.url)));

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
});

interface Run {
  child: ChildProcess;
  lines: Array<{ op?: string; status?: string; done?: boolean }>;
  exited: Promise<number | null>;
  stderr: string[];
}

function start(seed: number, iterations: number, slugs: string[], offsetDays: number): Run {
  const child = spawn(
    process.execPath,
    [worker, srv.uri, String(seed), String(iterations), slugs.join(','), String(offsetDays)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const run: Run = {
    child,
    lines: [],
    stderr: [],
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  let buf = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      run.lines.push(JSON.parse(buf.slice(0, nl)));
      buf = buf.slice(nl + 1);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => run.stderr.push(chunk.toString()));
  return run;
}

const zone = ['kp-moscow-1940s', 'kp-1940s-mur', 'kp-1940s-metropol', 'kp-1940s-metro'];

describe.skipIf(!built)('several processes on one database', () => {
  it('three worker processes hammering one zone, its sets and a stage at once: the invariant holds', async () => {
    const runs = [1, 2, 3].map((seed) => start(seed, 70, [...zone, 'kz-stage-1'], 30));
    const codes = await Promise.all(runs.map((r) => r.exited));
    expect(codes, runs.map((r) => r.stderr.join('')).join('\n')).toEqual([0, 0, 0]);
    for (const r of runs) {
      const ops = r.lines.filter((l) => l.op);
      expect(ops).toHaveLength(70);
      // Only decisions, never a failure: ok, a conflict, or a refused transition.
      for (const l of ops) expect(['ok', 'booking_conflict', 'conflict', 'not_found', 'forbidden']).toContain(l.status);
      expect(ops.filter((l) => l.status === 'ok').length).toBeGreaterThan(0);
    }
    const { live } = await checkInvariant();
    expect(live.length).toBeGreaterThan(0);
  }, 240_000);

  it('a worker killed with SIGKILL in the middle leaves nothing half made, and the facility is bookable again', async () => {
    const runs = [4, 5, 6].map((seed) =>
      start(seed, 0, ['kp-old-rus-city', 'kp-old-rus-court', 'kp-old-rus-market'], 60),
    );
    // Let them work, then kill one hard while the others go on.
    const deadline = Date.now() + 60_000;
    while (runs[0]!.lines.length < 25 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    runs[0]!.child.kill('SIGKILL');
    expect(await runs[0]!.exited).toBeNull();
    await new Promise((r) => setTimeout(r, 500));
    for (const r of runs.slice(1)) r.child.kill('SIGKILL');
    await Promise.all(runs.map((r) => r.exited));
    await checkInvariant();

    // Bookable again without repair: a new booking on the zone right after the busy period.
    const ids = await facilityIds();
    const caller = { userId: 'u', organisationId: 'a'.repeat(24), role: 'staff' as const };
    const free = day(200);
    const res = await bookingService.create(caller, {
      facilityId: ids.get('kp-old-rus-city')!,
      title: 'After the crash',
      kind: 'firm',
      phases: [{ type: 'shoot', start: iso(free), end: iso(free + 2 * 86_400_000) }],
    });
    expect(res.booking.status).toBe('pending');
    // And a write on the very root the killed worker used goes through (no lock or lease left behind).
    const blackout = await bookingService.create(caller, {
      facilityId: ids.get('kp-old-rus-court')!,
      title: 'Check',
      kind: 'blackout',
      phases: [{ type: 'shoot', start: iso(day(190)), end: iso(day(191)) }],
    });
    expect(blackout.booking.status).toBe('blackout');
    await checkInvariant();
  }, 240_000);
});
