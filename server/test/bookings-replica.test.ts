import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitMs } from '@moskino/shared';
import { bookingService } from '../src/features/bookings/service.js';
import { catalogueService } from '../src/features/catalogue/service.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { checkInvariant, day, facilityIds, iso } from './helpers/bookings.js';

/**
 * The in-process replica and another server process (docs/booking-invariant.md): this test process
 * is one server, `workers/replica-worker.mjs` another on the same database. Writes of the other
 * process are seen at once by decisions here, and by reads within the read freshness window (250 ms).
 * Needs the compiled server (`npx tsc -b shared server`).
 */
const worker = fileURLToPath(new URL('./workers/replica-worker.mjs', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/features/bookings/service.js', import.meta.url)));

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
});

function other(...args: string[]): Promise<{ id?: string; status?: string; error?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, srv.uri, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`worker exited ${code}: ${err}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!built)('the replica and another process', () => {
  it("another process's writes are always seen by decisions here, and by reads within the freshness window", async () => {
    const f = (await facilityIds()).get('kz-stage-1')!;
    const rules = (await catalogueService.loadTree()).byId.get(f)!.rules;
    const caller = { userId: 'u', organisationId: 'a'.repeat(24), role: 'staff' as const };
    const start = day(120) + (rules.bookingUnit === 'shift' ? 8 * 3_600_000 : 0);
    const len = Math.max(1, rules.minUnits) * unitMs(rules.bookingUnit);
    const phases = [{ type: 'shoot' as const, start: iso(start), end: iso(start + len) }];
    const q = { from: iso(day(100)), to: iso(day(140)), facilityIds: [f] };
    const busyIds = async () =>
      (await bookingService.availability(caller, q)).facilities[0]!.busy.map((b) => b.bookingId);

    // This process reads first: its replica of the root is loaded and fresh.
    expect(await busyIds()).toEqual([]);

    const theirs = await other('create', f, phases[0]!.start, phases[0]!.end);
    expect(theirs).toMatchObject({ status: 'pending' });
    // A decision here right away sees it (the other process stored its hint before answering).
    await expect(
      bookingService.create(caller, { facilityId: f, title: 'Here', kind: 'firm', phases }),
    ).rejects.toMatchObject({ code: 'booking_conflict' });
    // A read sees it once the freshness window has passed.
    await sleep(300);
    expect(await busyIds()).toEqual([theirs.id]);

    // The other process frees the time: a decision here right away sees it free (no stale refusal).
    expect((await other('cancel', theirs.id!)).status).toBe('cancelled');
    const mine = await bookingService.create(caller, { facilityId: f, title: 'Here', kind: 'firm', phases });
    expect(mine.booking.status).toBe('pending');
    await sleep(300);
    expect(await busyIds()).toEqual([mine.booking.id]);

    // The other process now collides with this one's write (its replica is stale by then): refused.
    const again = await other('create', f, phases[0]!.start, phases[0]!.end);
    expect(again.error).toBe('booking_conflict');
    await checkInvariant();
  }, 60_000);
});
