/**
 * `npm run bench`: generates a realistic data set, starts the real server (a separate process),
 * measures it with a load generator on 127.0.0.1 and writes docs/benchmarks.md.
 *
 * Options (env): MONGODB_URI (default: a throwaway embedded database, as `npm test` uses), BENCH_BOOKINGS (default 100000), BENCH_YEARS (default 3), BENCH_SCALE
 * (multiplies request counts; default 1), BENCH_MAX_MINUTES (bound on the whole run; default 30),
 * BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` for the server), BENCH_DB_LABEL (how to name the database in the report), BENCH_OUT (report path; default
 * docs/benchmarks.md), BENCH_KEEP_DB. Every phase is bounded in count and in time.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { DAY_MS, floorToGrid, toMoscowIso, unitMs, type Facility } from '@moskino/shared';
import { createLogger } from '../logger.js';
import { connectDatabase, ensureIndexes } from '../db/connection.js';
import { repoRoot, startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded.js';
import { readCatalogueSeed, seedCatalogue } from '../features/catalogue/seed.js';
import { catalogueService } from '../features/catalogue/service.js';
import { BookingVersionModel, type BookingVersionDoc } from '../features/bookings/models.js';
import { organisationService, userService } from '../features/auth/service.js';

const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);

function bar(title: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  if (process.stdout.isTTY) {
    process.stdout.write(`\r${title} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stdout.write('\n');
  } else if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0) {
    process.stdout.write(`${title}: ${done}/${total}\n`);
  }
}

/** Deterministic pseudo-random numbers (same data set for the same size). */
let seedState = 42;
const rand = () => {
  seedState = (seedState * 1103515245 + 12345) % 2147483648;
  return seedState / 2147483648;
};

/**
 * Bookings over `years` (one year back, the rest ahead, leaving the last ~5 months of the horizon
 * free for the creation test). Per root, a timeline of consecutive bookings with gaps at least the
 * buffer, each on the root or one of its descendants: valid by construction. Written as version 1
 * documents with seq 1..n per root, as the engine would have.
 */
async function generate(total: number, years: number, facilities: Facility[]): Promise<number> {
  const bookable = facilities.filter((f) => f.bookable);
  const byRoot = new Map<string, Facility[]>();
  for (const f of bookable) byRoot.set(f.rootId, [...(byRoot.get(f.rootId) ?? []), f]);
  const roots = [...byRoot.keys()];
  const perRoot = Math.ceil(total / roots.length);
  const start = floorToGrid(Date.now() - 365 * DAY_MS, 'day');
  const span = Math.min(years * 365, 365 + 560) * DAY_MS; // never past the free zone
  const orgs = Array.from({ length: 40 }, () => randomBytes(12).toString('hex'));
  let written = 0;
  let batch: BookingVersionDoc[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await BookingVersionModel.collection.insertMany(batch, { ordered: false });
    written += batch.length;
    batch = [];
    bar('generating bookings', Math.min(written, total), total);
  };
  for (const rootId of roots) {
    const members = byRoot.get(rootId)!;
    const buffer = Math.max(...members.map((m) => m.rules.bufferMinutes)) * 60_000;
    const dayUnit = members.some((m) => m.rules.bookingUnit === 'day');
    // Live bookings on a timeline of slots (one slot = booking + buffer): valid by construction. The rest of
    // the root's share are bookings that ended (cancelled, released, rejected) anywhere in the period.
    const slot = dayUnit ? 4 * DAY_MS : 2 * DAY_MS;
    const liveSlots = Math.floor(span / slot);
    let seq = 0;
    for (let i = 0; i < perRoot && written + batch.length < total; i++) {
      const f = members[Math.floor(rand() * members.length)]!;
      const u = unitMs(f.rules.bookingUnit);
      const isLiveSlot = i < liveSlots;
      const slotStart = isLiveSlot ? start + i * slot : start + Math.floor(rand() * liveSlots) * slot;
      const s = floorToGrid(slotStart, f.rules.bookingUnit) + u;
      const maxUnits = Math.max(1, Math.floor((slotStart + slot - buffer - s) / u));
      const units = Math.min(maxUnits, 1 + Math.floor(rand() * 3));
      const e = s + units * u;
      const r = rand();
      const kind = r < 0.3 ? 'hold' : r < 0.33 ? 'blackout' : 'firm';
      const status = !isLiveSlot
        ? kind === 'hold'
          ? 'released'
          : kind === 'blackout'
            ? 'cancelled'
            : rand() < 0.5
              ? 'cancelled'
              : 'rejected'
        : kind === 'hold'
          ? 'held'
          : kind === 'blackout'
            ? 'blackout'
            : rand() < 0.8
              ? 'confirmed'
              : 'pending';
      seq++;
      const id = new mongoose.Types.ObjectId();
      const now = new Date();
      batch.push({
        _id: id,
        bookingId: id,
        version: 1,
        rootId: new mongoose.Types.ObjectId(rootId),
        seq,
        facilityId: new mongoose.Types.ObjectId(f.id),
        organisationId: orgs[Math.floor(rand() * orgs.length)]!,
        title: `Production ${i}`,
        notes: '',
        kind,
        status,
        phases: [{ type: 'shoot', start: new Date(s), end: new Date(e) }],
        start: new Date(s),
        end: new Date(e),
        placedSeq: seq,
        bumps: [],
        action: 'create',
        actor: { userId: 'bench', organisationId: 'bench', role: 'staff' },
        at: now,
        createdAt: now,
        idemOrg: 'bench',
        idemKey: `auto:${String(id)}`,
        requestHash: '',
      });
      if (batch.length >= 1000) await flush();
    }
  }
  await flush();
  bar('generating bookings', total, total);
  return written;
}

const errors: string[] = [];
let serverChild: ReturnType<typeof spawn> | undefined;

interface Result {
  name: string;
  requests: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Closed-loop load: `concurrency` clients, `count` requests in all, stops at `maxSeconds`. */
async function load(
  name: string,
  count: number,
  concurrency: number,
  maxSeconds: number,
  send: (i: number) => Promise<Response>,
): Promise<Result> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && performance.now() < deadline) {
        const i = next++;
        const t = performance.now();
        let code = 'error';
        try {
          const res = await send(i);
          await res.arrayBuffer();
          code = String(res.status);
        } catch (err) {
          // Counted as an error, with its cause (e.g. ECONNRESET) so that it can be told apart.
          const cause = (err as { cause?: { code?: string; message?: string } }).cause;
          code = `error (${cause?.code ?? cause?.message ?? (err as Error).message})`;
          errors.push(`${name}: ${String((err as Error).message)} ${cause?.code ?? ''} ${cause?.message ?? ''}`);
        }
        latencies.push(performance.now() - t);
        statuses[code] = (statuses[code] ?? 0) + 1;
        bar(name, latencies.length, count);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (latencies.length < count) process.stdout.write('\n');
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    seconds,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    statuses,
  };
}

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_BOOKINGS ?? 100_000);
  const years = Number(process.env.BENCH_YEARS ?? 3);
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  let embedded: EmbeddedDatabase | undefined;
  let base = process.env.MONGODB_URI;
  if (!base) {
    embedded = await startEmbeddedDatabase(mkdtempSync(path.join(tmpdir(), 'moskino-bench-')), say);
    base = embedded.uri;
  }
  const url = new URL(base);
  url.pathname = `/bench_${Date.now().toString(36)}`;
  const uri = url.toString();
  const db = connectDatabase(uri, createLogger('warn'));
  await db.ready;
  const info = (await mongoose.connection
    .db!.admin()
    .command({ buildInfo: 1 })
    .catch(() => ({}))) as { version?: string; ferretdbVersion?: string };
  const dbLabel =
    process.env.BENCH_DB_LABEL ??
    (embedded
      ? embedded.kind
      : info.ferretdbVersion
        ? `FerretDB ${info.ferretdbVersion}`
        : `MongoDB ${info.version ?? '?'}`);
  await ensureIndexes();
  await seedCatalogue(readCatalogueSeed());
  const facilities = (await catalogueService.loadTree()).all;
  const genStart = performance.now();
  const generated = await generate(total, years, facilities);
  say(`${generated} bookings written in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);

  const password = 'bench password 1234';
  const crewOrg = await organisationService.create('production', 'Bench production');
  const staffOrg = await organisationService.create('cluster', 'Bench cluster');
  const partnerOrg = await organisationService.create('partner', 'Bench partner');
  const crewUser = await userService.create({
    email: 'crew@bench.example',
    password,
    role: 'crew',
    organisationId: crewOrg.id,
    name: 'Crew',
  });
  await userService.create({
    email: 'partner@bench.example',
    password,
    role: 'partner',
    organisationId: partnerOrg.id,
    name: 'Partner',
  });
  await userService.create({
    email: 'staff@bench.example',
    password,
    role: 'staff',
    organisationId: staffOrg.id,
    name: 'Staff',
  });

  // The real server, as a separate process.
  const spawnedAt = performance.now();
  let preloadLine = '';
  const child = (serverChild = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(repoRoot, 'server/dist/main.js')],
    {
      env: {
        ...process.env,
        MONGODB_URI: uri,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        SEED_ON_EMPTY: 'false',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  ));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 30 s')), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      // The server's own report of its background load of the booking replicas.
      const p = /booking replicas: all .*/.exec(chunk.toString());
      if (p) preloadLine = p[0];
      const m = /listening on (http:\/\/[^\s]+)/.exec(chunk.toString());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  let peakKb = 0;
  const memTimer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      /* not Linux, or gone */
    }
  }, 250);
  for (let i = 0; i < 50; i++) {
    const h = await fetch(`${baseUrl}/api/health`).catch(() => null);
    if (h?.status === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const login = async (email: string) => {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('moskino_session='))!
      .split(';')[0]!;
    return { cookie, csrf: body.csrfToken };
  };
  const crew = await login(crewUser.email);
  const partner = await login('partner@bench.example');
  const staff = await login('staff@bench.example');
  const get = (s: { cookie: string }, p: string) => fetch(baseUrl + p, { headers: { cookie: s.cookie } });
  const post = (s: { cookie: string; csrf: string }, p: string, body: unknown) =>
    fetch(baseUrl + p, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const now = Date.now();
  const from90 = toMoscowIso(floorToGrid(now, 'day'));
  const to90 = toMoscowIso(floorToGrid(now, 'day') + 90 * DAY_MS);
  const to365 = toMoscowIso(floorToGrid(now, 'day') + 365 * DAY_MS);
  // Warm-up (not in the table): the first availability call, right after start and sign-in. The server
  // loads the booking replicas in the background from start-up; the call waits for the roots not loaded yet.
  const warm = performance.now();
  await (
    await fetch(`${baseUrl}/api/availability?from=${encodeURIComponent(from90)}&to=${encodeURIComponent(to365)}`, {
      headers: { cookie: partner.cookie },
      signal: AbortSignal.timeout(300_000),
    })
  ).arrayBuffer();
  const warmSeconds = (performance.now() - warm) / 1000;
  const sinceStartSeconds = (performance.now() - spawnedAt) / 1000;
  say(
    `first availability call: took ${warmSeconds.toFixed(1)} s, answered ${sinceStartSeconds.toFixed(1)} s after the server process was started`,
  );
  const results: Result[] = [];
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  results.push(await load('baseline GET /api/health', n(1000), 8, 60, () => fetch(`${baseUrl}/api/health`)));
  results.push(
    await load('signed-in baseline GET /api/auth/me (session lookup)', n(300), 4, 60, () =>
      get(partner, '/api/auth/me'),
    ),
  );
  results.push(
    await load('availability, whole catalogue, 90 days (partner)', n(300), 4, 120, () =>
      get(partner, `/api/availability?from=${encodeURIComponent(from90)}&to=${encodeURIComponent(to90)}`),
    ),
  );
  results.push(
    await load('availability, whole catalogue, 1 year (partner)', n(60), 2, 120, () =>
      get(partner, `/api/availability?from=${encodeURIComponent(from90)}&to=${encodeURIComponent(to365)}`),
    ),
  );
  // Capacity (issue 6): computed in code from plain finds over a year of the whole catalogue.
  const yearFrom = toMoscowIso(floorToGrid(now, 'day') - 182 * DAY_MS);
  const yearTo = toMoscowIso(floorToGrid(now, 'day') + 183 * DAY_MS);
  results.push(
    await load('utilisation, whole catalogue, 1 year by week (staff)', n(40), 2, 120, () =>
      get(
        staff,
        `/api/staff/utilisation?from=${encodeURIComponent(yearFrom)}&to=${encodeURIComponent(yearTo)}&granularity=week&level=facility`,
      ),
    ),
  );
  results.push(
    await load('utilisation, whole catalogue, 1 year by month per site (staff)', n(40), 2, 120, () =>
      get(
        staff,
        `/api/staff/utilisation?from=${encodeURIComponent(yearFrom)}&to=${encodeURIComponent(yearTo)}&granularity=month&level=site`,
      ),
    ),
  );
  // Creation on free facilities: the last months of the horizon are empty; each request its own day.
  const free = facilities.filter((f) => f.bookable && f.parentId === null);
  const freeStart = floorToGrid(now + 600 * DAY_MS, 'day');
  results.push(
    await load('create hold on a free facility', n(300), 8, 120, (i) => {
      const f = free[i % free.length]!;
      const d =
        freeStart + Math.floor(i / free.length) * 2 * DAY_MS + (f.rules.bookingUnit === 'shift' ? 8 * 3_600_000 : 0);
      return post(crew, '/api/bookings', {
        facilityId: f.id,
        title: `Bench ${i}`,
        kind: 'hold',
        phases: [{ type: 'shoot', start: toMoscowIso(d), end: toMoscowIso(d + unitMs(f.rules.bookingUnit)) }],
      });
    }),
  );
  // Contention: 50 clients, firm requests on one zone and its sets, overlapping.
  const zone = facilities.find((f) => f.slug === 'kp-moscow-1940s')!;
  const zoneFamily = facilities.filter((f) => f.rootId === zone.id && f.bookable);
  const cStart = floorToGrid(now + 700 * DAY_MS, 'day');
  results.push(
    await load('create firm under contention (50 clients, one zone)', n(500), 50, 180, (i) => {
      const f = zoneFamily[i % zoneFamily.length]!;
      const d = cStart + (i % 7) * DAY_MS;
      return post(crew, '/api/bookings', {
        facilityId: f.id,
        title: `Contention ${i}`,
        kind: 'firm',
        phases: [{ type: 'shoot', start: toMoscowIso(d), end: toMoscowIso(d + 2 * DAY_MS) }],
      });
    }),
  );
  clearInterval(memTimer);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  if (process.env.BENCH_KEEP_DB) say(`kept the database ${uri}`);
  else await mongoose.connection.db?.dropDatabase().catch(() => {});
  await db.close();
  await embedded?.stop();

  const row = (r: Result) =>
    `| ${r.name} | ${r.requests} | ${(r.requests / r.seconds).toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.p95 / results[0]!.p95).toFixed(1)}× | ${Object.entries(
      r.statuses,
    )
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')} |`;
  const md = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB,`,
    `Node ${process.version}, database ${dbLabel}. Data set: the whole catalogue (${facilities.length} facilities),`,
    `${generated} bookings over ${years} years. The server runs as its own process; the load generator runs on 127.0.0.1.`,
    'Latencies in milliseconds; "vs baseline" is the p95 relative to `/api/health` measured in the same run. These machines are',
    'noisy: compare ratios, not absolute numbers.',
    '',
    '| scenario | requests | req/s | p50 | p95 | p99 | p95 vs baseline | statuses |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(row),
    '',
    `Peak server memory (VmHWM): ${(peakKb / 1024).toFixed(0)} MiB.`,
    '',
    `First availability call (whole catalogue, 1 year; made right after start and sign-in, not in the table): answered ${sinceStartSeconds.toFixed(1)} s after the server process was started; the call itself took ${warmSeconds.toFixed(1)} s (it waits for the roots whose replicas are still loading in the background).`,
    ...(preloadLine ? ['', `Server start-up log: \`${preloadLine}\`.`] : []),
    '',
    'Under contention every answer should be 201 or 409 (one winner per overlapping window; 429 would mean the retry budget ran out).',
    '',
  ].join('\n');
  if (errors.length) say(`client-side errors:\n${errors.slice(0, 20).join('\n')}`);
  const out = path.join(process.env.BENCH_OUT ?? path.join(repoRoot, 'docs/benchmarks.md'));
  // The report replaces only the head of the file (up to its first "## " section): the sections after
  // it (comparisons, findings, the client timeline of `npm run bench:client`) are kept.
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const firstSection = current.search(/^## /m);
  writeFileSync(out, firstSection < 0 ? md : `${md}\n${current.slice(firstSection)}`);
  process.stdout.write(`\n${md}\n`);
  say(`written to ${path.relative(repoRoot, out) || out} (its head only)`);
}

// A bound on the whole run (generation included): BENCH_MAX_MINUTES, default 30.
const watchdog = setTimeout(
  () => {
    process.stderr.write('[bench] gave up: the run took longer than BENCH_MAX_MINUTES\n');
    serverChild?.kill('SIGKILL');
    process.exit(2);
  },
  Number(process.env.BENCH_MAX_MINUTES ?? 30) * 60_000,
);
watchdog.unref();

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
