import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot } from '../src/db/embedded.js';
import { api } from './helpers/test-server.js';

// `npm start` without MONGODB_URI: the compiled server starts its own database, says which one and
// where the data lives, loads the catalogue on first start, and keeps the data between runs.
const dataDir = mkdtempSync(path.join(tmpdir(), 'moskino-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), MOSKINO_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.MONGODB_URI;
  const child = spawn(process.execPath, [path.join(repoRoot, 'server/dist/main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    const res = await fetch(`${baseUrl}/api/facilities`).catch(() => undefined);
    if (res?.status === 200 && ((await res.json()) as unknown[]).length > 0) break;
    if (Date.now() > deadline) throw new Error(`server did not come up: ${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return { child, baseUrl, output: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGTERM');
  });
}

describe('npm start on the embedded database', () => {
  it('starts a database by itself, seeds the catalogue once and keeps data between runs', async () => {
    const first = await startServer();
    expect(first.output()).toMatch(
      /using the embedded database \((mongod|ferretdb-sqlite|mongodb-memory-server)\), data in /,
    );
    expect(first.output()).toContain(dataDir);
    // The catalogue is written while the server already answers; wait for the end of the load.
    for (let i = 0; i < 200 && !/loaded the Moskino catalogue/.test(first.output()); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(first.output()).toMatch(/loaded the Moskino catalogue \(4 sites, 71 facilities\)/);
    const before = await api(first.baseUrl, 'GET', '/api/facilities');
    expect((await api(first.baseUrl, 'GET', '/api/health')).body).toEqual({ status: 'ok', db: 'ok' });
    await stop(first.child);

    const second = await startServer();
    const after = await api(second.baseUrl, 'GET', '/api/facilities');
    // Same documents (same ids): the data survived, and the catalogue was not loaded again.
    expect(after.body).toEqual(before.body);
    expect(second.output()).not.toMatch(/loaded the Moskino catalogue/);
    await stop(second.child);
  });
});
