import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitMs } from '@moskino/shared';
import { bookingService } from '../src/features/bookings/service.js';
import { catalogueService } from '../src/features/catalogue/service.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { createOrganisation, createUser, signIn } from './helpers/auth.js';
import { day, facilityIds, iso } from './helpers/bookings.js';

/**
 * Start-up preload of the booking replicas (docs/booking-invariant.md, "The in-process replica"): a
 * real server process (`server/dist/main.js`) started on a database that already has bookings
 * serves /api/health at once, logs the background load of every root, and answers availability
 * exactly like this process (which wrote the bookings). Needs the compiled server (`npx tsc -b shared server`).
 */
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const built = existsSync(main);

let srv: TestServer;
let child: ChildProcess | undefined;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await srv?.close();
});

describe.skipIf(!built)('start-up preload of the booking replicas', () => {
  it('a server started on a database with bookings logs the preload and answers availability correctly right after start', async () => {
    const caller = { userId: 'u', organisationId: 'a'.repeat(24), role: 'staff' as const };
    const ids = await facilityIds();
    const tree = await catalogueService.loadTree();
    const slugs = ['kz-stage-1', 'kp-moscow-1940s', 'kp-1940s-mur'];
    let made = 0;
    for (const [k, slug] of slugs.entries()) {
      const f = tree.byId.get(ids.get(slug)!)!;
      const len = Math.max(1, f.rules.minUnits) * unitMs(f.rules.bookingUnit);
      for (let i = 0; i < 4; i++) {
        const start = day(40 + k * 20 + i * 4) + (f.rules.bookingUnit === 'shift' ? 8 * 3_600_000 : 0);
        const kind = i % 2 ? 'firm' : 'hold';
        await bookingService.create(caller, {
          facilityId: f.id,
          title: `Preload ${slug} ${i}`,
          kind,
          phases: [{ type: 'shoot', start: iso(start), end: iso(start + len) }],
        });
        made++;
      }
    }
    const org = await createOrganisation('partner');
    const user = await createUser({ role: 'partner', organisationId: org.id });
    const roots = new Set(tree.all.filter((f) => f.bookable).map((f) => f.rootId)).size;

    const out: string[] = [];
    child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        MONGODB_URI: srv.uri,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        SEED_ON_EMPTY: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => out.push(c.toString()));
    child.stderr!.on('data', (c: Buffer) => out.push(c.toString()));
    const waitFor = async (re: RegExp, ms = 60_000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = re.exec(out.join(''));
        if (m) return m;
        if (Date.now() > deadline) throw new Error(`no ${re} in the server output:\n${out.join('')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const baseUrl = (await waitFor(/listening on (http:\/\/\S+)/))[1]!;
    // Served while the replicas load (the preload never blocks the routes).
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    const session = await signIn(baseUrl, user.email, user.password);
    const q = `from=${encodeURIComponent(iso(day(30)))}&to=${encodeURIComponent(iso(day(120)))}`;
    // Right after start: correct, whether or not the preload has finished (a request waits for its roots).
    const first = await session.request('GET', `/api/availability?${q}`);
    expect(first.status).toBe(200);
    const partner = { userId: user.id, organisationId: org.id, role: 'partner' as const };
    const expected = await bookingService.availability(partner, { from: iso(day(30)), to: iso(day(120)) });
    expect(first.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(
      first.body.facilities.reduce(
        (n: number, f: { busy: unknown[] }) => n + f.busy.filter((b: any) => b.via === 'self').length,
        0,
      ),
    ).toBe(made);

    const done = await waitFor(/booking replicas: all (\d+) roots loaded \((\d+) versions\) in [\d.]+ s/);
    expect(Number(done[1])).toBe(roots);
    expect(Number(done[2])).toBe(made);
    expect(out.join('')).toMatch(new RegExp(`booking replicas: loading ${roots} roots in the background`));
    const again = await session.request('GET', `/api/availability?${q}`);
    expect(again.body).toEqual(first.body);
  }, 120_000);
});
