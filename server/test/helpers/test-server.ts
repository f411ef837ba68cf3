import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { connectDatabase, ensureIndexes } from '../../src/db/connection.js';
import { createLogger } from '../../src/logger.js';
import { readCatalogueSeed, seedCatalogue } from '../../src/features/catalogue/seed.js';

export interface TestServer {
  baseUrl: string;
  /** The database of this test file (fresh, dropped on close). */
  uri: string;
  dbName: string;
  close(): Promise<void>;
}

/** The database URI with another database name (one fresh database per test file). */
export function uriWithDb(base: string, dbName: string): string {
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  return url.toString();
}

export function freshDbName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * The real Express app on a real port, against a fresh database on the real server, with the
 * catalogue loaded. Tests talk to it over HTTP with fetch.
 */
export async function startTestServer(opts: { seed?: boolean } = {}): Promise<TestServer> {
  const dbName = freshDbName();
  const uri = uriWithDb(inject('mongodbUri'), dbName);
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const db = connectDatabase(uri, log);
  await db.ready;
  await ensureIndexes();
  if (opts.seed !== false) await seedCatalogue(readCatalogueSeed());
  const app = createApp({ log });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    uri,
    dbName,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await mongoose.connection.db?.dropDatabase().catch(() => {});
      await db.close();
    },
  };
}

/** fetch with JSON in and out. */
export async function api(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
