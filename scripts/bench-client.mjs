#!/usr/bin/env node
/* global window, document, MutationObserver, requestAnimationFrame -- page functions run in the browser */
// `npm run bench:client`: how the calendar client behaves with the whole catalogue and a year of dense
// bookings. Starts the built server (throwaway embedded database, or `MONGODB_URI` when set) with the
// demo users, books the next ~12 months of every bookable facility back to back through the real API
// as staff (holds, 2nd holds, firm, confirmed, blackouts; each facility's unit, grid, lead time and
// buffer respected; refusals counted and skipped), then drives headless Chromium signed in as staff
// over the whole catalogue and measures in the page (performance.now): first render with events,
// zoom switches, next/prev ×10 in month and quarter view (until the new events are painted),
// collapsing and expanding the expanded rows on screen, and long tasks. Writes the "Client timeline" section of
// docs/benchmarks.md (only that section) and a screenshot of the quarter view.
//
// Knobs (env): BENCH_CLIENT_PORT (3400), BENCH_CLIENT_DAYS (365), BENCH_CLIENT_CONCURRENCY (8),
// BENCH_CLIENT_SEED_SECONDS (600, booking stops there), BENCH_CLIENT_LABEL (a label for the run),
// BENCH_CLIENT_NO_DOC=1 (do not write docs/benchmarks.md).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.BENCH_CLIENT_PORT ?? 3400);
const base = `http://127.0.0.1:${port}`;
const DAYS = Number(process.env.BENCH_CLIENT_DAYS ?? 365);
const CONCURRENCY = Number(process.env.BENCH_CLIENT_CONCURRENCY ?? 8);
const SEED_SECONDS = Number(process.env.BENCH_CLIENT_SEED_SECONDS ?? 600);
const TOTAL_DEADLINE = Date.now() + 30 * 60_000; // hard bound for the whole run
const password = process.env.DEMO_PASSWORD ?? 'moskino-demo';

if (!existsSync(path.join(root, 'server/dist/main.js')) || !existsSync(path.join(root, 'client/dist/index.html'))) {
  console.error('build first: npm run build (or npm run bench:client, which builds)');
  process.exit(1);
}

// BENCH_CLIENT_DATA_DIR: an embedded database directory kept after the run; when it already holds a
// seeded run (its marker file), the bookings are reused, so a before/after pair measures the same data.
const keepDir =
  !process.env.MONGODB_URI && process.env.BENCH_CLIENT_DATA_DIR
    ? path.resolve(process.env.BENCH_CLIENT_DATA_DIR)
    : null;
if (keepDir) mkdirSync(keepDir, { recursive: true });
const dataDir = process.env.MONGODB_URI ? null : (keepDir ?? mkdtempSync(path.join(tmpdir(), 'moskino-bench-client-')));
const seedMarker = keepDir ? path.join(keepDir, 'bench-client-seed.json') : null;
const env = { ...process.env, PORT: String(port), SEED_ON_EMPTY: 'true', NODE_ENV: 'development' };
if (dataDir) {
  env.MOSKINO_DATA_DIR = dataDir;
  delete env.MONGODB_URI;
}

const log = (...a) => console.log('[bench:client]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : '–');

let server;
let browser;
const cleanup = async () => {
  await browser?.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await Promise.race([new Promise((r) => server.once('exit', r)), sleep(10_000)]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (dataDir && !keepDir) rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
const watchdog = setTimeout(() => {
  console.error('[bench:client] over the time bound: stopping');
  void cleanup().then(() => process.exit(2));
}, TOTAL_DEADLINE - Date.now());
watchdog.unref();

async function waitHealthy() {
  for (let i = 0; i < 480; i++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(500);
  }
  throw new Error('server did not start');
}

// ---- Moscow calendar arithmetic (dates as YYYY-MM-DD, instants with +03:00) ----
const addDays = (date, n) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const moscowToday = () => new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);
const iso = (ms) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 19) + '+03:00';
const at = (date, hour) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+03:00`);
const H = 3_600_000;

/**
 * Back-to-back blocks for one facility over [from, from+DAYS): lengths vary 2–6 units (within
 * min/max units), the gap is the buffer rounded up to whole units (at least one unit).
 */
function plan(f, fromDate, index) {
  const rules = f.rules;
  const unit = rules.bookingUnit;
  const unitMs = unit === 'day' ? 24 * H : 12 * H; // hour-unit facilities are booked in 12-hour blocks on the shift grid
  const horizon = Math.min(DAYS, (rules.horizonDays ?? 365) - 1);
  const leadDays = Math.ceil((rules.leadTimeHours ?? 0) / 24) + 1;
  let t = at(addDays(fromDate, leadDays), 8);
  if (unit === 'day') t = at(addDays(fromDate, leadDays), 0);
  const end = at(addDays(fromDate, horizon), 0);
  const gapUnits = Math.max(1, Math.ceil(((rules.bufferMinutes ?? 0) * 60_000) / unitMs));
  const blocks = [];
  let k = index;
  while (t < end) {
    let units = 2 + ((k * 7) % 5);
    if (unit === 'hour') units = 1 + (k % 3);
    const min = unit === 'hour' ? Math.ceil((rules.minUnits ?? 1) / 12) : (rules.minUnits ?? 1);
    const max = unit === 'hour' ? Math.floor((rules.maxUnits ?? 48) / 12) : (rules.maxUnits ?? 30);
    units = Math.max(min, Math.min(max, units));
    if (units < 1) break;
    const stop = t + units * unitMs;
    if (stop > end) break;
    // hold, hold (+ a 2nd hold on top), firm (pending), firm confirmed, blackout
    const kind = ['hold', 'hold2', 'firm', 'confirmed', 'firm', 'blackout', 'hold'][k % 7];
    blocks.push({ start: t, end: stop, kind });
    t = stop + gapUnits * unitMs;
    k++;
  }
  return blocks;
}

async function seedBookings(api, orgId) {
  const facilities = await api.call('GET', '/api/facilities');
  const bookable = facilities.filter((f) => f.bookable !== false && f.status === 'operating' && f.rules);
  const today = moscowToday();
  const jobs = [];
  bookable.forEach((f, i) => {
    // Zones are mostly booked through their sets; give them a sparser plan of their own.
    const blocks = plan(f, today, i).filter((_, n) => f.kind !== 'backlot_zone' || n % 6 === 0);
    for (const b of blocks) jobs.push({ f, ...b });
  });
  log(
    `${bookable.length} bookable facilities of ${facilities.length}; ${jobs.length} bookings planned over ${DAYS} days`,
  );
  const counts = { created: 0, confirmed: 0, refused: {}, secondHolds: 0 };
  const started = Date.now();
  let next = 0;
  let lastLog = 0;
  const phaseOf = (j) => [{ type: 'shoot', start: iso(j.start), end: iso(j.end) }];
  const post = async (body) => {
    const r = await api.raw('POST', '/api/bookings', body);
    if (r.status === 201) return r.json;
    const code = r.json?.error?.code ?? r.json?.code ?? String(r.status);
    counts.refused[code] = (counts.refused[code] ?? 0) + 1;
    return null;
  };
  const worker = async () => {
    while (next < jobs.length && Date.now() - started < SEED_SECONDS * 1000) {
      const j = jobs[next++];
      const kind = j.kind === 'blackout' ? 'blackout' : j.kind.startsWith('hold') ? 'hold' : 'firm';
      const body = {
        facilityId: j.f.id,
        title: `Бенч ${j.f.slug} ${iso(j.start).slice(0, 10)}`,
        kind,
        phases: phaseOf(j),
      };
      if (kind !== 'blackout') body.organisationId = orgId;
      const b = await post(body);
      if (!b) continue;
      counts.created++;
      if (j.kind === 'confirmed' && b.status === 'pending') {
        const c = await api.raw('POST', `/api/bookings/${b.id}/confirm`, {});
        if (c.status < 300) counts.confirmed++;
      }
      if (j.kind === 'hold2') {
        const b2 = await post({ ...body, title: `${body.title} (2)` });
        if (b2) {
          counts.created++;
          counts.secondHolds++;
        }
      }
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        const rate = counts.created / ((Date.now() - started) / 1000);
        log(
          `  ${next}/${jobs.length} tried, ${counts.created} created (${rate.toFixed(0)}/s), refused ${JSON.stringify(counts.refused)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  counts.seconds = (Date.now() - started) / 1000;
  counts.planned = jobs.length;
  counts.tried = Math.min(next, jobs.length);
  counts.facilities = facilities.length;
  counts.bookable = bookable.length;
  log(
    `created ${counts.created} bookings (${counts.secondHolds} 2nd holds, ${counts.confirmed} confirmed) in ${counts.seconds.toFixed(0)} s; refused ${JSON.stringify(counts.refused)}`,
  );
  return counts;
}

/** In the page before the app: availability fetches tracked (in flight, sizes, events), long tasks collected. */
const initScript = () => {
  const w = window;
  w.__bench = { inflight: 0, lastFetchEnd: 0, responses: [], longTasks: [] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task API */
  }
  // Every DOM change anywhere: the frame after the last one (for the first render).
  w.__bench.lastPaint = 0;
  new MutationObserver(() => {
    requestAnimationFrame(() => {
      w.__bench.lastPaint = performance.now();
    });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const orig = w.fetch.bind(w);
  w.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    if (!String(url).includes('/api/availability')) return orig(input, init);
    const t0 = performance.now();
    w.__bench.inflight++;
    try {
      const res = await orig(input, init);
      const text = await res.clone().text();
      let busy = 0;
      try {
        busy = JSON.parse(text).facilities.reduce((n, f) => n + f.busy.length, 0);
      } catch {
        /* not JSON */
      }
      w.__bench.responses.push({
        url: String(url),
        bytes: text.length,
        gzip: res.headers.get('content-encoding'),
        busy,
        ms: performance.now() - t0,
      });
      return res;
    } finally {
      w.__bench.inflight--;
      w.__bench.lastFetchEnd = performance.now();
    }
  };
  /**
   * Runs `act` and resolves when no availability request is in flight and the timeline panel has been
   * quiet for `quiet` ms: `ms` is from the action to the frame after its last DOM change.
   */
  w.__bench.measure = (act, quiet = 300) =>
    new Promise((resolve) => {
      const panel = document.querySelector('.timeline-panel') ?? document.body;
      let lastChange = performance.now();
      let painted = lastChange;
      const mo = new MutationObserver(() => {
        lastChange = performance.now();
        requestAnimationFrame(() => {
          painted = performance.now();
        });
      });
      mo.observe(panel, { subtree: true, childList: true, attributes: true, characterData: true });
      const t0 = performance.now();
      painted = t0;
      act();
      const tick = () => {
        const now = performance.now();
        const done =
          w.__bench.inflight === 0 &&
          now - lastChange > quiet &&
          now - w.__bench.lastFetchEnd > quiet &&
          painted >= lastChange;
        if (done || now - t0 > 20_000) {
          mo.disconnect();
          const lt = w.__bench.longTasks.filter((e) => e.start >= t0 - 1 && e.start <= painted);
          resolve({
            ms: painted - t0,
            timedOut: !done,
            longTasks: lt.map((e) => e.duration),
            events: document.querySelectorAll('.mk-timeline [data-kind]').length,
          });
        } else setTimeout(tick, 25);
      };
      setTimeout(tick, 25);
    });
};

const results = {}; // action → [{ms, longTasks, events}]
const record = (name, m) => {
  (results[name] ??= []).push(m);
  if (m.timedOut) log(`  ${name}: timed out`);
};

async function measureClient() {
  browser = await chromium.launch(chromiumLaunchOptions);
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  await context.addInitScript(initScript);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Эл. почта').fill('staff@demo.test');
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('button', { name: 'Выйти' }).waitFor({ timeout: 30_000 });

  // The page's record of availability responses is lost on navigation: gather it before each one.
  const allResponses = [];
  const go = async (url) => {
    allResponses.push(...(await page.evaluate(() => window.__bench?.responses ?? []).catch(() => [])));
    await page.goto(url);
  };
  const today = moscowToday();
  const quarterStart = `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const settle = () => page.evaluate(() => window.__bench.measure(() => {}, 300));

  // First render: navigation start → events of the visible range painted (month view of the next month, 5 loads).
  const firstDate = addDays(today, 20);
  for (let i = 0; i < 5; i++) {
    await go(`${base}/?view=quarter&date=${firstDate}`);
    await page.locator('.mk-timeline [data-kind]').first().waitFor({ timeout: 60_000 });
    const m = await settle();
    const { ms, lt } = await page.evaluate(() => ({
      ms: window.__bench.lastPaint,
      lt: window.__bench.longTasks.filter((e) => e.start <= window.__bench.lastPaint).map((e) => e.duration),
    }));
    record('first render, quarter view (navigation start → events painted)', { ms, longTasks: lt, events: m.events });
  }

  const measure = (fn) =>
    page.evaluate(
      ([g, i]) =>
        window.__bench.measure(() =>
          document.querySelectorAll('.timeline-panel .toolbar [role="group"]')[g].querySelectorAll('button')[i].click(),
        ),
      fn,
    );

  // Zoom switches: day → week → month → quarter, three rounds.
  const zoomNames = ['day', 'week', 'month', 'quarter'];
  await go(`${base}/?view=quarter&date=${firstDate}`);
  await page.locator('.mk-timeline [data-kind]').first().waitFor({ timeout: 60_000 });
  await settle();
  for (let round = 0; round < 3; round++) {
    for (const [i, z] of zoomNames.entries()) record(`zoom → ${z}`, await measure([0, i]));
  }

  // Next ×10 then prev ×10, month and quarter.
  for (const view of ['month', 'quarter']) {
    await go(`${base}/?view=${view}&date=${view === 'quarter' ? quarterStart : today}`);
    await page.locator('.mk-timeline [data-kind]').first().waitFor({ timeout: 60_000 });
    await settle();
    for (let i = 0; i < 10; i++) record(`${view}: next (range not fetched before)`, await measure([1, 2]));
    for (let i = 0; i < 10; i++) record(`${view}: prev (range fetched before)`, await measure([1, 0]));
  }

  // Collapse / expand: every row with children, one click each (deepest first when collapsing).
  await go(`${base}/?view=month&date=${today}`);
  await page.locator('.mk-timeline [data-kind]').first().waitFor({ timeout: 60_000 });
  await settle();
  // FullCalendar's expanders are unlabelled spans inside the main cell of each row; the hidden ARIA rows
  // carry aria-expanded and own the cells by id.
  // Only the rows in view are rendered (FullCalendar `virtualization`), so the rows toggled are the
  // expanded ones on screen: each is collapsed, then expanded again (found by its first cell's id).
  const expandedIds = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.mk-timeline [role="row"][aria-expanded="true"]')]
        .map((row) => row.getAttribute('aria-owns')?.split(' ')[0])
        .filter(Boolean),
    );
  const stateOf = (cellId) =>
    page.evaluate(
      (id) =>
        [...document.querySelectorAll('.mk-timeline [role="row"][aria-expanded]')]
          .find((row) => row.getAttribute('aria-owns')?.split(' ')[0] === id)
          ?.getAttribute('aria-expanded') ?? null,
      cellId,
    );
  const toggle = (cellId) =>
    page.evaluate(
      (id) =>
        window.__bench.measure(() => {
          document.getElementById(id)?.querySelector('span[aria-hidden="true"]')?.click();
        }, 150),
      cellId,
    );
  const ids = await expandedIds();
  log(`rows with children on screen: ${ids.length} expanded`);
  if (!ids.length) throw new Error('no expanded row on screen');
  for (let i = 0; i < 12; i++) {
    const id = ids[i % ids.length];
    record('collapse one row', await toggle(id));
    if ((await stateOf(id)) !== 'false') throw new Error('collapsing a row did not work');
    record('expand one row', await toggle(id));
    if ((await stateOf(id)) !== 'true') throw new Error('expanding a row did not work');
  }

  allResponses.push(...(await page.evaluate(() => window.__bench.responses)));
  const responses = allResponses;
  // Screenshot of a dense quarter (the one after this one: every day of it is booked).
  await go(`${base}/?view=quarter&date=${addDays(firstDate, 92)}`);
  await page.locator('.mk-timeline [data-kind]').first().waitFor({ timeout: 60_000 });
  await settle();
  await page.screenshot({ path: path.join(root, 'docs', 'screenshots', 'bench-quarter.png') });
  await context.close();
  return { responses };
}

function summarise(seed, responses, extra) {
  const rows = Object.entries(results).map(([name, ms]) => {
    const times = ms.map((m) => m.ms);
    const lts = ms.flatMap((m) => m.longTasks);
    return {
      name,
      n: ms.length,
      p50: pct(times, 50),
      p95: pct(times, 95),
      max: Math.max(...times),
      lt: lts.length,
      ltMax: lts.length ? Math.max(...lts) : 0,
      events: Math.round(ms.reduce((a, m) => a + m.events, 0) / ms.length),
      eventsMax: Math.max(...ms.map((m) => m.events)),
      timedOut: ms.filter((m) => m.timedOut).length,
    };
  });
  const byView = {};
  for (const r of responses) {
    const u = new URL(r.url, base);
    const days = Math.round(
      (Date.parse(u.searchParams.get('to')) - Date.parse(u.searchParams.get('from'))) / 86_400_000,
    );
    const k = days <= 1 ? 'day' : days <= 7 ? 'week' : days <= 31 ? 'month' : 'quarter';
    (byView[k] ??= []).push(r);
  }
  const sizes = Object.entries(byView).map(([k, rs]) => ({
    k,
    n: rs.length,
    bytesP50: pct(
      rs.map((r) => r.bytes),
      50,
    ),
    bytesMax: Math.max(...rs.map((r) => r.bytes)),
    busyMax: Math.max(...rs.map((r) => r.busy)),
    msP50: pct(
      rs.map((r) => r.ms),
      50,
    ),
    msP95: pct(
      rs.map((r) => r.ms),
      95,
    ),
  }));
  return { rows, sizes, seed, extra };
}

function markdown({ rows, sizes, seed, extra }) {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const lines = [
    '## Client timeline',
    '',
    `Written by \`npm run bench:client\` on ${when} UTC${process.env.BENCH_CLIENT_LABEL ? ` (${process.env.BENCH_CLIENT_LABEL})` : ''}: ${os.cpus().length} cores, Node ${process.version}, ` +
      `headless Chromium (\`/usr/bin/chromium\`, no GPU), viewport 1440×900, signed in as staff (every facility, every booking in detail), ` +
      `database ${process.env.MONGODB_URI ? 'from MONGODB_URI' : keepDir ? 'embedded, kept in BENCH_CLIENT_DATA_DIR (bookings reused when seeded before)' : 'embedded (throwaway)'}.`,
    `Data: the whole catalogue (${seed.facilities} facilities, ${seed.bookable} bookable), ${seed.created} bookings created through \`POST /api/bookings\` over the next ${DAYS} days ` +
      `(back to back per facility, holds with ${seed.secondHolds} 2nd holds on top, pending firm, ${seed.confirmed} confirmed, blackouts; ` +
      `${seed.tried - (seed.created - seed.secondHolds)} of ${seed.tried} tried refused by the rules — mostly time already blocked through a zone or set: ${JSON.stringify(seed.refused)}; ${seed.seconds.toFixed(0)} s).`,
    '',
    'Times in milliseconds, measured in the page with `performance.now()`: from the click to the frame after the last DOM change of the',
    'timeline panel, with no availability request in flight (so a step includes fetching the new range). First render: navigation',
    'start → events painted. Long tasks: `PerformanceObserver("longtask")` entries (> 50 ms) that started during the action.',
    '"events" is the number of event elements in the DOM afterwards (average / max).',
    '',
    '| action | n | p50 | p95 | max | long tasks (count, longest) | events (avg / max) |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.n} | ${r1(r.p50)} | ${r1(r.p95)} | ${r1(r.max)} | ${r.lt}, ${r1(r.ltMax)} | ${r.events} / ${r.eventsMax} |${r.timedOut ? ` (${r.timedOut} timed out)` : ''}`,
    ),
    '',
    'Availability responses seen by the page (`GET /api/availability`, one per visible range; sizes uncompressed):',
    '',
    '| range | responses | size p50 | size max | busy intervals max | fetch p50 / p95 (ms) |',
    '|---|---|---|---|---|---|',
    ...sizes.map(
      (s) =>
        `| ${s.k} | ${s.n} | ${(s.bytesP50 / 1024).toFixed(1)} KiB | ${(s.bytesMax / 1024).toFixed(1)} KiB | ${s.busyMax} | ${r1(s.msP50)} / ${r1(s.msP95)} |`,
    ),
    '',
  ];
  if (extra) lines.push(extra.trim(), '');
  return lines.join('\n');
}

/**
 * Replaces (or appends) only the run of the "## Client timeline" section: its text up to its first
 * "### " subsection. The subsections (findings, before/after comparisons of earlier runs) are kept.
 * The file is re-read right before writing.
 */
function writeSection(md) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.search(/^## Client timeline\s*$/m);
  let next;
  if (start < 0) next = `${current.trimEnd()}\n\n${md}`;
  else {
    const rest = current.slice(start + 1);
    const after = rest.search(/^## (?!#)/m);
    const end = after < 0 ? current.length : start + 1 + after;
    const sub = current.slice(start, end).search(/^### /m);
    const kept = sub < 0 ? '' : `\n${current.slice(start + sub, end).trimEnd()}\n`;
    next = `${current.slice(0, start)}${md.trimEnd()}\n${kept}${after < 0 ? '' : `\n${current.slice(end)}`}`;
  }
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

try {
  mkdirSync(path.join(root, 'docs', 'screenshots'), { recursive: true });
  log(`database: ${dataDir ? `embedded in ${dataDir}` : 'MONGODB_URI'}; port ${port}`);
  const reuse = seedMarker && existsSync(seedMarker) ? JSON.parse(readFileSync(seedMarker, 'utf8')) : null;
  if (!reuse) {
    const seeded = spawn(process.execPath, ['server/dist/cli/seed.js', '--demo'], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if ((await new Promise((r) => seeded.once('exit', r))) !== 0) throw new Error('seeding the demo users failed');
  }
  server = spawn(process.execPath, ['server/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitHealthy();
  log('server up');

  // Staff API client (cookie + CSRF token).
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'staff@demo.test', password }),
  });
  if (!login.ok) throw new Error(`staff login: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = await login.json();
  const api = {
    raw: async (method, url, body) => {
      const r = await fetch(`${base}${url}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await r.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: r.status, json };
    },
    call: async (method, url, body) => {
      const r = await api.raw(method, url, body);
      if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    },
  };
  const orgs = await api.call('GET', '/api/organisations');
  const org = orgs.find((o) => o.kind === 'production') ?? orgs[0];
  log(`booking for ${org.name?.ru ?? org.id}`);
  let seed = reuse;
  if (seed) log(`reusing the ${seed.created} bookings in ${keepDir} (seeded ${seed.date})`);
  else {
    seed = await seedBookings(api, org.id);
    seed.date = moscowToday();
    if (seedMarker) writeFileSync(seedMarker, JSON.stringify(seed));
  }

  // The server answers its first availability call only once its booking replicas are loaded (see the
  // server benchmark above); wait for that here so it does not land in a client measurement.
  const warm = Date.now();
  const year = await api.raw(
    'GET',
    `/api/availability?from=${encodeURIComponent(`${moscowToday()}T00:00:00+03:00`)}&to=${encodeURIComponent(`${addDays(moscowToday(), DAYS)}T00:00:00+03:00`)}`,
  );
  log(`warm-up availability call (a year, staff): ${year.status} in ${((Date.now() - warm) / 1000).toFixed(1)} s`);
  log('measuring in Chromium …');
  const { responses } = await measureClient();
  const summary = summarise(
    seed,
    responses,
    process.env.BENCH_CLIENT_EXTRA ? readFileSync(process.env.BENCH_CLIENT_EXTRA, 'utf8') : '',
  );
  const md = markdown(summary);
  console.log(`\n${md}`);
  writeFileSync(
    path.join(tmpdir(), 'bench-client-last.json'),
    JSON.stringify({ results, responses: summary.sizes, seed }, null, 2),
  );
  if (process.env.BENCH_CLIENT_NO_DOC !== '1') {
    writeSection(md);
    log('wrote the "Client timeline" section of docs/benchmarks.md; screenshot docs/screenshots/bench-quarter.png');
  }
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
