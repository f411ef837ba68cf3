import path from 'node:path';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { connectDatabase, ensureIndexes } from '../db/connection.js';
import { repoRoot, startEmbeddedDatabase } from '../db/embedded.js';
import { readCatalogueSeed, seedCatalogue, type SeedProgress } from '../features/catalogue/seed.js';

/** A one-line progress bar on a terminal, plain lines elsewhere (CI logs). */
export function progressPrinter(title: string): (p: SeedProgress) => void {
  const tty = process.stdout.isTTY;
  let lastPct = -1;
  return ({ done, total, label }) => {
    const pct = Math.floor((done / total) * 100);
    if (tty) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stdout.write(
        `\r${title} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label.padEnd(28).slice(0, 28)}`,
      );
      if (done === total) process.stdout.write('\n');
    } else if (pct >= lastPct + 10 || done === total) {
      lastPct = pct;
      process.stdout.write(`${title}: ${done}/${total} (${pct}%)\n`);
    }
  };
}

async function run(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const config = loadConfig();
  const log = createLogger('warn');
  let uri = config.MONGODB_URI;
  const embedded = uri
    ? undefined
    : await startEmbeddedDatabase(path.resolve(config.MOSKINO_DATA_DIR ?? path.join(repoRoot, 'data')), console.log);
  uri ??= embedded!.uri;
  const db = connectDatabase(uri, log);
  await db.ready;
  await ensureIndexes();
  const result = await seedCatalogue(readCatalogueSeed(), progressPrinter('Catalogue'));
  console.log(`Catalogue loaded: ${result.sites} sites, ${result.facilities} facilities.`);
  if (args.has('--demo')) {
    const { seedDemo } = await import('./seed-demo.js');
    await seedDemo(config);
  }
  await db.close();
  await embedded?.stop();
}

run().catch((err) => {
  console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
