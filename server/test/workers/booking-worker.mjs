// A separate OS process hammering the booking service on a shared database (see bookings-processes.test.ts).
// Usage: node booking-worker.mjs <mongodbUri> <seed> <iterations> <slug,slug,...> <dayOffset>
// Prints one JSON line per operation; iterations 0 = run until killed.
import { randomBytes } from 'node:crypto';
import { connectDatabase } from '../../dist/db/connection.js';
import { createLogger } from '../../dist/logger.js';
import { bookingService } from '../../dist/features/bookings/service.js';
import { catalogueService } from '../../dist/features/catalogue/service.js';
import { floorToGrid, DAY_MS, toMoscowIso } from '@moskino/shared';

const [uri, seedArg, itersArg, slugsArg, offsetArg] = process.argv.slice(2);
let seed = Number(seedArg) || 1;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(rand() * list.length)];

const db = connectDatabase(uri, createLogger('silent'));
await db.ready;
const tree = await catalogueService.loadTree();
const facilities = slugsArg.split(',').map((slug) => tree.all.find((f) => f.slug === slug));
const base = floorToGrid(Date.now() + Number(offsetArg) * DAY_MS, 'day');
const orgs = Array.from({ length: 3 }, () => randomBytes(12).toString('hex'));
const crew = () => ({ userId: `worker-${process.pid}`, organisationId: pick(orgs), role: 'crew' });
const staff = { userId: `worker-${process.pid}-staff`, organisationId: orgs[0], role: 'staff' };
const mine = [];
const iterations = Number(itersArg);

for (let i = 0; iterations === 0 || i < iterations; i++) {
  const r = rand();
  let op = 'create';
  let status = 'ok';
  try {
    if (r < 0.7 || mine.length === 0) {
      const f = pick(facilities);
      const unit = f.rules.bookingUnit;
      const startDay = base + Math.floor(rand() * 12) * DAY_MS;
      const start = unit === 'shift' ? startDay + 8 * 3_600_000 + (rand() < 0.5 ? 12 * 3_600_000 : 0) : startDay;
      const len = (1 + Math.floor(rand() * 3)) * (unit === 'shift' ? 12 * 3_600_000 : DAY_MS);
      const kind = pick(['hold', 'hold', 'firm', 'firm', 'blackout']);
      const caller = kind === 'blackout' ? staff : crew();
      const res = await bookingService.create(caller, {
        facilityId: f.id,
        title: `w${process.pid}-${i}`,
        kind,
        phases: [{ type: 'shoot', start: toMoscowIso(start), end: toMoscowIso(start + len) }],
      });
      mine.push({ id: res.booking.id, caller });
    } else {
      const b = pick(mine);
      op = pick(['cancel', 'firm', 'firm', 'confirm']);
      if (op === 'confirm') await bookingService.confirm(staff, b.id);
      else
        await bookingService[op](
          b.caller.role === 'staff' ? staff : { ...b.caller, organisationId: b.caller.organisationId },
          b.id,
        );
    }
  } catch (err) {
    status = err?.code ?? String(err?.message ?? err);
  }
  process.stdout.write(`${JSON.stringify({ op, status })}\n`);
}
await db.close();
process.stdout.write(`${JSON.stringify({ done: true })}\n`);
