// Another server process for bookings-replica.test.ts: one booking-service call on a shared database.
// Usage: node replica-worker.mjs <mongodbUri> create <facilityId> <startIso> <endIso>
//        node replica-worker.mjs <mongodbUri> cancel <bookingId>
// Prints one JSON line: the booking, or {error}.
import { connectDatabase } from '../../dist/db/connection.js';
import { createLogger } from '../../dist/logger.js';
import { bookingService } from '../../dist/features/bookings/service.js';

const [uri, op, ...args] = process.argv.slice(2);
const db = connectDatabase(uri, createLogger('silent'));
await db.ready;
const staff = { userId: 'replica-worker', organisationId: 'b'.repeat(24), role: 'staff' };
try {
  const out =
    op === 'create'
      ? (
          await bookingService.create(staff, {
            facilityId: args[0],
            title: 'Other process',
            kind: 'firm',
            phases: [{ type: 'shoot', start: args[1], end: args[2] }],
          })
        ).booking
      : await bookingService.cancel(staff, args[0]);
  process.stdout.write(`${JSON.stringify(out)}\n`);
} catch (err) {
  process.stdout.write(`${JSON.stringify({ error: err?.code ?? String(err) })}\n`);
}
await db.close();
