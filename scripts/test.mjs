#!/usr/bin/env node
// `npm test`: builds what the tests run, then runs every suite (unit, client components,
// integration against the real database, end-to-end in Chromium) and prints one line with the
// real totals: `N passed, N failed, N skipped`. Exit code is non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.test-output', 'results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const wants = (name) => only.length === 0 || only.includes(name);

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let hardFailures = 0;

if (run('build (shared, server)', npx, ['tsc', '-b', 'shared', 'server']) !== 0) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

const projects = ['unit', 'client', 'integration'].filter(wants);
if (projects.length) {
  const file = path.join(out, 'vitest.json');
  const code = run('vitest', npx, [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
    '--passWithNoTests',
  ]);
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    // A file that failed to load has no failed test of its own: count it.
    const brokenFiles = (r.testResults ?? []).filter(
      (t) => t.status === 'failed' && t.assertionResults.every((a) => a.status !== 'failed'),
    ).length;
    totals.failed += brokenFiles;
    if (code !== 0 && r.numFailedTests === 0 && brokenFiles === 0) hardFailures++;
  } else if (code !== 0) hardFailures++;
}

const hasE2e =
  existsSync(path.join(root, 'e2e')) && readdirSync(path.join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'));
if (wants('e2e') && hasE2e) {
  if (run('build (client)', 'npm', ['run', 'build', '-w', 'client']) !== 0) hardFailures++;
  else {
    const file = path.join(out, 'playwright.json');
    const code = run('playwright', npx, ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    });
    if (existsSync(file)) {
      const s = JSON.parse(readFileSync(file, 'utf8')).stats;
      totals.passed += s.expected + (s.flaky ?? 0);
      totals.failed += s.unexpected;
      totals.skipped += s.skipped;
      if (code !== 0 && s.unexpected === 0) hardFailures++;
    } else if (code !== 0) hardFailures++;
  }
}

totals.failed += hardFailures;
const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
mkdirSync(out, { recursive: true });
console.log(`\n${line}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
