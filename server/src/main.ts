import path from 'node:path';
import type { Server } from 'node:http';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { connectDatabase, ensureIndexes } from './db/connection.js';
import { NoEmbeddedDatabaseError, repoRoot, startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded.js';
import { createApp } from './app.js';
import { readCatalogueSeed, seedCatalogue } from './features/catalogue/seed.js';
import { catalogueRepository } from './features/catalogue/repository.js';
import { seedDemo } from './cli/seed-demo.js';
import { preloadBookings } from './features/bookings/service.js';
import { startAuditRecovery } from './features/audit/service.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const say = (line: string) => process.stdout.write(`[moskino] ${line}\n`);

  let embedded: EmbeddedDatabase | undefined;
  let uri = config.MONGODB_URI;
  if (!uri) {
    const dataDir = path.resolve(config.MOSKINO_DATA_DIR ?? path.join(repoRoot, 'data'));
    try {
      embedded = await startEmbeddedDatabase(dataDir, say);
    } catch (err) {
      if (err instanceof NoEmbeddedDatabaseError) {
        process.stderr.write(`[moskino] ${err.message}\n`);
        process.exit(1);
      }
      throw err;
    }
    uri = embedded.uri;
    say(`MONGODB_URI is not set: using the embedded database (${embedded.kind}), data in ${embedded.dataDir}`);
  } else {
    say('Using the database at MONGODB_URI');
  }

  const db = connectDatabase(uri, log);
  const app = createApp({ log, serveClient: true, trustProxy: config.TRUST_PROXY });
  const server: Server = app.listen(config.PORT, config.HOST, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    say(`Moskino Booking listening on http://${config.HOST}:${port}`);
  });

  // Start-up work that needs the database runs once it answers; the server already serves /api/health.
  void db.ready
    .then(async () => {
      await ensureIndexes();
      // Settles audit records left pending by a process that died (now and every minute).
      startAuditRecovery(log);
      if (config.SEED_ON_EMPTY === 'true' && (await catalogueRepository.countFacilities()) === 0) {
        const result = await seedCatalogue(readCatalogueSeed());
        say(`Empty database: loaded the Moskino catalogue (${result.sites} sites, ${result.facilities} facilities)`);
      }
      if (embedded && config.NODE_ENV !== 'production') await seedDemo(config, { onlyIfNoUsers: true, say });
      // The booking replicas load in the background: routes are served meanwhile (docs/booking-invariant.md).
      void preloadBookings(say).catch((err) => log.error({ err }, 'preloading the booking replicas failed'));
    })
    .catch((err) => log.error({ err }, 'start-up database work failed'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down`);
    server.close();
    await db.close().catch(() => {});
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`[moskino] failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
