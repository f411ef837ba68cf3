import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { connectDatabase, ensureIndexes } from '../db/connection.js';
import { repoRoot, startEmbeddedDatabase } from '../db/embedded.js';
import { catalogueAdminService } from '../features/catalogue-admin/service.js';

/**
 * `npm run import-catalogue -- FILE [--dry-run]`: imports a catalogue file (.json: `{rows: [...]}` or
 * an array of rows, as exported; .csv: as exported) with the same validation as the API, showing a
 * progress bar while writing. Every bad row is listed by line and field, and then nothing is written.
 * Changes are audited as made by the command line.
 */
function bar(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  if (process.stdout.isTTY) {
    process.stdout.write(`\rImporting [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stdout.write('\n');
  } else if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0) {
    process.stdout.write(`Importing: ${done}/${total}\n`);
  }
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: npm run import-catalogue -- FILE.json|FILE.csv [--dry-run]');
  const dryRun = args.includes('--dry-run');
  const text = readFileSync(path.resolve(process.cwd(), file), 'utf8');
  let rows: Array<{ line: number; value: unknown }>;
  let problems: Array<{ line: number; field: string; message: string }> = [];
  if (file.toLowerCase().endsWith('.csv')) {
    ({ rows, problems } = catalogueAdminService.rowsFromCsv(text));
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown })?.rows;
    // A file of another shape (e.g. the seed file, which `npm run seed` loads) is refused, not read as empty.
    if (!Array.isArray(list))
      throw new Error(
        `${file}: expected an array of rows or {"rows": [...]}, as exported by GET /api/admin/catalogue/export`,
      );
    if (list.length === 0) throw new Error(`${file}: no rows to import`);
    rows = list.map((value, i) => ({ line: i + 1, value }));
  }
  const config = loadConfig();
  const log = createLogger('warn');
  let uri = config.MONGODB_URI;
  const embedded = uri
    ? undefined
    : await startEmbeddedDatabase(path.resolve(config.MOSKINO_DATA_DIR ?? path.join(repoRoot, 'data')), console.log);
  uri ??= embedded!.uri;
  const db = connectDatabase(uri, log);
  try {
    await db.ready;
    await ensureIndexes();
    console.log(`Validating ${rows.length} rows of ${file}…`);
    const result = await catalogueAdminService.import({ userId: 'cli', organisationId: 'cli', role: 'admin' }, rows, {
      dryRun,
      initialProblems: problems,
      onProgress: bar,
    });
    for (const p of result.problems) console.log(`line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.message}`);
    if (result.problems.length) {
      console.log(`Nothing imported: ${result.problems.length} problem(s).`);
      process.exitCode = 1;
    } else {
      console.log(
        `${result.imported ? 'Imported' : 'Dry run'}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`,
      );
    }
  } finally {
    await db.close();
    await embedded?.stop();
  }
}

run().catch((err) => {
  console.error(`import failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
