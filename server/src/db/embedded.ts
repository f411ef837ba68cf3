import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, accessSync, constants } from 'node:fs';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is server/{src,dist}/db/embedded.*). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type EmbeddedKind = 'mongod' | 'ferretdb-sqlite' | 'mongodb-memory-server';

export interface EmbeddedDatabase {
  kind: EmbeddedKind;
  uri: string;
  dataDir: string;
  stop(): Promise<void>;
}

type Say = (line: string) => void;

export class NoEmbeddedDatabaseError extends Error {}

function onPath(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, cmd);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => (sock.destroy(), resolve(true)));
      sock.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`did not open port ${port} within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

const ferretBinary = path.join(repoRoot, 'tools/ferretdb/bin/ferretdb');

/** Builds the FerretDB wrapper in tools/ferretdb with the Go toolchain (about a minute the first time). */
export function buildFerretDb(say: Say): string | undefined {
  if (existsSync(ferretBinary)) return ferretBinary;
  const go = onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) return undefined;
  say('Building FerretDB from tools/ferretdb with Go (first run only, about a minute)…');
  const result = spawnSync(go, ['build', '-o', 'bin/ferretdb', '.'], {
    cwd: path.join(repoRoot, 'tools/ferretdb'),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !existsSync(ferretBinary)) {
    say('Building FerretDB failed (see the Go output above).');
    return undefined;
  }
  say('FerretDB built: tools/ferretdb/bin/ferretdb');
  return ferretBinary;
}

async function startMongod(bin: string, dataDir: string): Promise<EmbeddedDatabase> {
  const dir = path.join(dataDir, 'mongod');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn(bin, ['--dbpath', dir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port, child, 30_000);
  return { kind: 'mongod', uri: `mongodb://127.0.0.1:${port}/moskino`, dataDir: dir, stop: () => stopChild(child) };
}

async function startFerret(bin: string, dataDir: string): Promise<EmbeddedDatabase> {
  const dir = path.join(dataDir, 'ferretdb');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    bin,
    [
      '-handler',
      'sqlite',
      '-sqlite-url',
      `file:${dir}/`,
      '-listen',
      `127.0.0.1:${port}`,
      '-parent-pid',
      String(process.pid),
      '-log-level',
      'error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitForPort(port, child, 30_000);
  return {
    kind: 'ferretdb-sqlite',
    uri: `mongodb://127.0.0.1:${port}/moskino`,
    dataDir: dir,
    stop: () => stopChild(child),
  };
}

async function startMemoryServer(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = path.join(dataDir, 'mongodb-memory-server');
  mkdirSync(dir, { recursive: true });
  // Optional dependency: present only where it installed; it downloads mongod on first use.
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create({ instance: { dbPath: dir, storageEngine: 'wiredTiger' } });
  return {
    kind: 'mongodb-memory-server',
    uri: server.getUri('moskino'),
    dataDir: dir,
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}

/**
 * Starts a database for a machine without MONGODB_URI, in this order: a `mongod` on the PATH,
 * FerretDB (SQLite backend) built from tools/ferretdb, then mongodb-memory-server's downloaded
 * mongod. Data lives under `dataDir` between runs. Never falls back to an in-memory store.
 */
export async function startEmbeddedDatabase(dataDir: string, say: Say): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const tried: string[] = [];

  const mongod = onPath('mongod');
  if (mongod) {
    try {
      return await startMongod(mongod, dataDir);
    } catch (err) {
      tried.push(`mongod at ${mongod}: ${(err as Error).message}`);
    }
  } else tried.push('no `mongod` on the PATH');

  const ferret = buildFerretDb(say);
  if (ferret) {
    try {
      return await startFerret(ferret, dataDir);
    } catch (err) {
      tried.push(`FerretDB: ${(err as Error).message}`);
    }
  } else tried.push('FerretDB could not be built (no Go toolchain, or the build failed)');

  try {
    return await startMemoryServer(dataDir);
  } catch (err) {
    tried.push(`mongodb-memory-server: ${(err as Error).message.split('\n')[0]}`);
  }

  throw new NoEmbeddedDatabaseError(
    [
      'No database could be started. Tried:',
      ...tried.map((t) => `  - ${t}`),
      'Fix one of these:',
      '  1. set MONGODB_URI to a MongoDB 6+ or FerretDB 1.24 server (e.g. mongodb://127.0.0.1:27017/moskino);',
      '  2. install Go 1.24+ (https://go.dev/dl/) so FerretDB can be built from tools/ferretdb;',
      '  3. install MongoDB so that `mongod` is on the PATH;',
      '  4. allow mongodb-memory-server to download mongod (internet access, MONGOMS_* settings).',
    ].join('\n'),
  );
}
