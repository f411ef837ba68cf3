import mongoose from 'mongoose';
import type { Logger } from '../logger.js';

// Fail fast instead of queueing commands while the database is away: requests then answer 503
// (db_unavailable) and the driver keeps reconnecting in the background.
mongoose.set('bufferCommands', false);
mongoose.set('autoIndex', false); // indexes are created once at start-up by ensureIndexes()
mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true); // `{ $gt: '' }` in a filter value is treated as a literal

export interface DbHandle {
  /** Resolves once the first connection is made (retries until then). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects and keeps connecting. The driver reconnects a lost standalone server by itself; the
 * loop here only covers the first connection, which the driver does not retry.
 */
export function connectDatabase(uri: string, log: Logger, opts: { dbName?: string } = {}): DbHandle {
  let closed = false;
  const conn = mongoose.connection;
  conn.on('disconnected', () => !closed && log.warn('database disconnected; reconnecting'));
  conn.on('reconnected', () => log.info('database reconnected'));

  const ready = (async () => {
    for (let attempt = 1; !closed; attempt++) {
      try {
        await mongoose.connect(uri, {
          serverSelectionTimeoutMS: 5000,
          heartbeatFrequencyMS: 2000,
          // FerretDB has no transactions or retryable writes; never let the driver try them.
          retryWrites: false,
          ...(opts.dbName ? { dbName: opts.dbName } : {}),
        });
        log.info({ db: conn.name }, 'database connected');
        return;
      } catch (err) {
        const wait = Math.min(5000, 250 * attempt);
        log.warn({ attempt, err: (err as Error).message }, `database not reachable; retrying in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  })();

  return {
    ready,
    async close() {
      closed = true;
      await mongoose.disconnect();
    },
  };
}

/** True when the database answers a ping within the timeout. */
export async function pingDatabase(timeoutMs = 1500): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await Promise.race([
      db.admin().command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), timeoutMs)),
    ]);
    return true;
  } catch {
    return false;
  }
}

const beforeIndexes: Array<() => Promise<void>> = [];

/** Registers a data migration that must run before the indexes are created (e.g. filling a field a
 * new unique index covers: a missing key is NULL and NULLs collide on MongoDB). Idempotent. */
export function migrateBeforeIndexes(fn: () => Promise<void>): void {
  beforeIndexes.push(fn);
}

/** Runs the registered migrations, then creates the indexes of every registered model (autoIndex is off). */
export async function ensureIndexes(): Promise<void> {
  for (const fn of beforeIndexes) await fn();
  for (const model of Object.values(mongoose.models)) {
    await model.createIndexes();
  }
}
