import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { connectDatabase, ensureIndexes, type DbHandle } from '../src/db/connection.js';
import { buildFerretDb, freePort } from '../src/db/embedded.js';
import { createLogger } from '../src/logger.js';
import { readCatalogueSeed, seedCatalogue } from '../src/features/catalogue/seed.js';
import { api } from './helpers/test-server.js';

// A database server of this test's own (FerretDB on SQLite), so it can be stopped and started
// again while the app keeps running.
let dir: string;
let port: number;
let ferret: ChildProcess | undefined;
let server: Server;
let baseUrl: string;
let db: DbHandle;

function startFerret(): ChildProcess {
  const bin = buildFerretDb(() => {});
  if (!bin) throw new Error('FerretDB wrapper could not be built (Go missing?)');
  return spawn(
    bin,
    ['-handler', 'sqlite', '-sqlite-url', `file:${dir}/`, '-listen', `127.0.0.1:${port}`, '-log-level', 'error'],
    {
      stdio: 'ignore',
    },
  );
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'moskino-outage-'));
  port = await freePort();
  ferret = startFerret();
  db = connectDatabase(`mongodb://127.0.0.1:${port}/outage`, createLogger('silent'));
  await db.ready;
  await ensureIndexes();
  await seedCatalogue(readCatalogueSeed());
  server = await new Promise((resolve) => {
    const s = createApp({ log: createLogger('silent') }).listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections?.();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await db?.close().catch(() => {});
  ferret?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('database outage', () => {
  it('answers 503 while the database is away and recovers by itself when it is back', async () => {
    expect((await api(baseUrl, 'GET', '/api/health')).status).toBe(200);

    ferret!.kill('SIGKILL');
    await new Promise((r) => ferret!.once('exit', r));

    const down = await until('health to report down', async () => {
      const res = await api(baseUrl, 'GET', '/api/health');
      return res.status === 503 ? res : undefined;
    });
    expect(down.body).toEqual({ status: 'degraded', db: 'down' });

    // Other endpoints answer a clean 503 in the error shape, never a 500 or a hang.
    const list = await api(baseUrl, 'GET', '/api/facilities');
    expect(list.status).toBe(503);
    expect(list.body.error.code).toBe('db_unavailable');

    ferret = startFerret();
    const up = await until(
      'health to recover',
      async () => {
        const res = await api(baseUrl, 'GET', '/api/health');
        return res.status === 200 ? res : undefined;
      },
      45_000,
    );
    expect(up.body).toEqual({ status: 'ok', db: 'ok' });
    const again = await api(baseUrl, 'GET', '/api/facilities');
    expect(again.status).toBe(200);
    expect(again.body.length).toBe(readCatalogueSeed().facilities.length);
  });
});
