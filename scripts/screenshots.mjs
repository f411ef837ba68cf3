#!/usr/bin/env node
// `npm run screenshots`: builds everything, starts the built server on a throwaway database
// (embedded, with the demo users), places demo bookings of every status through the API, and saves
// screenshots of the timeline, the booking form, a conflict with its suggested windows, the crew's
// notifications, the staff console (approvals, utilisation with the charts, users and invitations) and the partner month
// grid into docs/screenshots/, then prints the gzipped size of the initial JavaScript of the client.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });
const port = Number(process.env.SCREENSHOT_PORT ?? 3300);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'moskino-shots-'));
const env = {
  ...process.env,
  PORT: String(port),
  SEED_ON_EMPTY: 'true',
  NODE_ENV: 'development',
  MOSKINO_DATA_DIR: dataDir,
};
delete env.MONGODB_URI; // the embedded database seeds the demo users the form needs
// Demo users (crew@demo.test, staff@demo.test …) first, as the e2e web server does, then the server.
const seeded = spawn(process.execPath, ['server/dist/cli/seed.js', '--demo'], {
  cwd: root,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if ((await new Promise((r) => seeded.once('exit', r))) !== 0) throw new Error('seeding the demo users failed');
const server = spawn(process.execPath, ['server/dist/main.js'], {
  cwd: root,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function waitHealthy() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

function initialJsGzip() {
  const html = readFileSync(path.join(root, 'client/dist/index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.map((f) => ({ file: f, gzip: gzipSync(readFileSync(path.join(root, 'client/dist', f))).length }));
}

/** The first Monday at least three days ahead (Moscow), so every demo booking is past the lead times. */
function nextMonday() {
  const d = new Date(Date.now() + 3 * 3_600_000 + 3 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}
const addDays = (date, n) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const shiftOn = (date, type = 'shoot', night = false) =>
  night
    ? { type, start: `${date}T20:00:00+03:00`, end: `${addDays(date, 1)}T08:00:00+03:00` }
    : { type, start: `${date}T08:00:00+03:00`, end: `${date}T20:00:00+03:00` };

/** A signed-in API client (a browser context of its own, so its cookie is its own). */
async function apiAs(email, password) {
  const ctx = await browser.newContext({ baseURL: base });
  const res = await ctx.request.post('/api/auth/login', { data: { email, password } });
  if (!res.ok()) throw new Error(`login ${email}: ${res.status()}`);
  const { csrfToken } = await res.json();
  const call = async (method, url, data) => {
    const r = await ctx.request.fetch(url, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
    if (!r.ok()) throw new Error(`${method} ${url}: ${r.status()} ${await r.text()}`);
    return r.json();
  };
  return { ctx, call };
}

let browser;
try {
  await waitHealthy();
  browser = await chromium.launch(chromiumLaunchOptions);
  const password = process.env.DEMO_PASSWORD ?? 'moskino-demo';
  const monday = process.env.SCREENSHOT_DATE ?? nextMonday();

  // Demo bookings of every status on the Kinozavod stages, that week.
  const crew = await apiAs('crew@demo.test', password);
  const staff = await apiAs('staff@demo.test', password);
  const facilities = await crew.call('GET', '/api/facilities');
  const bySlug = (slug) => facilities.find((f) => f.slug === slug).id;
  const [stage1, stage2, stage3, water] = ['kz-stage-1', 'kz-stage-2', 'kz-stage-3', 'kz-led-volume'].map(bySlug);
  const tue = addDays(monday, 1);
  const wed = addDays(monday, 2);
  const thu = addDays(monday, 3);
  const confirmed = await crew.call('POST', '/api/bookings', {
    facilityId: stage1,
    title: '«Северный ветер»',
    kind: 'firm',
    phases: [shiftOn(tue, 'build'), shiftOn(wed), shiftOn(thu, 'strike')],
  });
  await staff.call('POST', `/api/bookings/${confirmed.id}/confirm`);
  await crew.call('POST', '/api/bookings', {
    facilityId: stage2,
    title: 'Проект «Омега»',
    kind: 'hold',
    phases: [shiftOn(tue), shiftOn(wed)],
  });
  await staff.call('POST', '/api/bookings', {
    facilityId: stage2,
    title: 'Реклама банка',
    kind: 'hold',
    phases: [shiftOn(wed)],
  });
  await crew.call('POST', '/api/bookings', {
    facilityId: stage3,
    title: 'Клип «Полночь»',
    kind: 'firm',
    phases: [shiftOn(wed, 'prelight'), shiftOn(wed, 'shoot', true)],
  });
  await staff.call('POST', '/api/bookings', {
    facilityId: water,
    title: 'Калибровка LED-экрана',
    kind: 'blackout',
    phases: [{ type: 'build', start: `${monday}T08:00:00+03:00`, end: `${wed}T08:00:00+03:00` }],
  });
  // For the staff console: a request to decide (and one rejected with a reason, so the crew has a
  // notification), and six weeks of bookings on the shift-based stages so the utilisation trend moves.
  await crew.call('POST', '/api/bookings', {
    facilityId: stage1,
    title: 'Сериал «Метро»',
    kind: 'firm',
    phases: [shiftOn(addDays(monday, 4)), shiftOn(addDays(monday, 5))],
  });
  const rejected = await crew.call('POST', '/api/bookings', {
    facilityId: stage3,
    title: 'Реклама «Вектор»',
    kind: 'firm',
    phases: [shiftOn(addDays(monday, 5))],
  });
  await staff.call('POST', '/api/staff/approvals/decide', {
    decisions: [
      {
        bookingId: rejected.id,
        decision: 'reject',
        reason: 'Павильон 3 занят монтажом декораций; свободен со следующего понедельника',
      },
    ],
  });
  const shiftStages = facilities
    .filter((f) => f.bookable !== false && f.rules?.bookingUnit === 'shift' && f.slug.startsWith('kz-'))
    .slice(0, 8);
  for (let week = 1; week <= 6; week++) {
    for (const [i, f] of shiftStages.entries()) {
      const days = Math.min(f.rules.maxUnits ?? 5, ((i + week) % 4) + 1 + (week % 2));
      const start = addDays(monday, 7 * week + (i % 3));
      const kind = (i + week) % 3 === 0 ? 'hold' : 'firm';
      try {
        const b = await crew.call('POST', '/api/bookings', {
          facilityId: f.id,
          title: `Съёмки, неделя ${week}`,
          kind,
          phases: Array.from({ length: days }, (_, d) => shiftOn(addDays(start, d))),
        });
        if (kind === 'firm' && (i + week) % 2 === 0) await staff.call('POST', `/api/bookings/${b.id}/confirm`);
      } catch {
        /* a parent or child is taken that week: skip */
      }
    }
  }
  await crew.ctx.close();
  await staff.ctx.close();

  /** A page of its own, signed in as `email`, Russian, browser in New York (Moscow times anyway). */
  const signedIn = async (email) => {
    const p = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    await p.goto(`${base}/login`);
    await p.getByLabel('Эл. почта').fill(email);
    await p.getByLabel('Пароль').fill(password);
    await p.getByRole('button', { name: 'Войти' }).click();
    await p.getByRole('button', { name: 'Выйти' }).waitFor({ timeout: 15_000 });
    return p;
  };
  const page = await signedIn('crew@demo.test');
  await page.goto(`${base}/?view=week&date=${monday}&site=kinozavod`);
  await page.getByText('«Северный ветер»').first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(outDir, 'timeline.png') });
  console.log('saved docs/screenshots/timeline.png');

  // Booking form: drag over Friday's 12:00 slot on Stage 2 (snapped to the 08:00–20:00 shift).
  // A drag on a row from a Moscow day+hour to another, placed by the row's lane (it spans the whole week).
  const select = async (facilityId, date, fromHour, toHour) => {
    const lane = await page.locator(`[role="gridcell"][data-resource-id="${facilityId}"]`).first().boundingBox();
    const x = (h) =>
      lane.x +
      lane.width * (((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${monday}T00:00:00Z`)) / 3_600_000 + h) / (7 * 24));
    const y = lane.y + lane.height / 2;
    await page.mouse.move(x(fromHour), y);
    await page.mouse.down();
    await page.mouse.move(x(toHour), y, { steps: 8 });
    await page.mouse.up();
    await page.getByRole('dialog').waitFor({ timeout: 10_000 });
  };
  // 12:00–24:00 on the week's 12-hour slots, snapped to the 08:00–20:00 shift.
  await select(stage2, addDays(monday, 4), 13, 23);
  await page.getByLabel('Рабочее название').fill('Проект «Север»');
  await page.screenshot({ path: path.join(outDir, 'booking-form.png') });
  console.log('saved docs/screenshots/booking-form.png');
  await page.getByRole('button', { name: 'Закрыть' }).click();

  // Conflict: the same on Stage 1 over the confirmed Wednesday, answered with the nearest free windows.
  await select(stage1, wed, 21.5, 13);
  await page.getByLabel('Рабочее название').fill('Проект «Север»');
  await page.getByRole('button', { name: 'Забронировать' }).click();
  await page.getByTestId('conflict').waitFor();
  await page.getByTestId('conflict').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(outDir, 'booking-conflict.png') });
  console.log('saved docs/screenshots/booking-conflict.png');
  await page.getByRole('dialog').getByRole('button', { name: 'Закрыть' }).click();

  // The crew's notifications: the rejection with the booking office's reason.
  await page.goto(`${base}/notifications`);
  await page.getByTestId('notification-reason').first().waitFor();
  await page.screenshot({ path: path.join(outDir, 'notifications.png') });
  console.log('saved docs/screenshots/notifications.png');

  // Staff console: the approvals queue, then utilisation by site with the heat map and the trend chart.
  const staffPage = await signedIn('staff@demo.test');
  await staffPage.goto(`${base}/staff`);
  await staffPage.getByRole('heading', { name: /Заявки на подтверждение/ }).waitFor();
  await staffPage.getByText('Сериал «Метро»').first().waitFor();
  await staffPage.waitForTimeout(300);
  await staffPage.screenshot({ path: path.join(outDir, 'staff-approvals.png') });
  console.log('saved docs/screenshots/staff-approvals.png');
  await staffPage.goto(`${base}/staff/capacity?level=site&from=${addDays(monday, -21)}&n=13`);
  await staffPage.getByTestId('trend-chart').waitFor();
  await staffPage.waitForTimeout(500);
  await staffPage.screenshot({ path: path.join(outDir, 'staff-utilisation.png'), fullPage: true });
  console.log('saved docs/screenshots/staff-utilisation.png');
  // Admin: users and invitations (the demo users of every role, the invitation form).
  const adminPage = await signedIn('admin@demo.test');
  await adminPage.goto(`${base}/staff/users`);
  await adminPage.getByRole('heading', { name: 'Пользователи и приглашения' }).waitFor();
  await adminPage.getByText('crew@demo.test').first().waitFor();
  await adminPage.waitForTimeout(300);
  await adminPage.screenshot({ path: path.join(outDir, 'staff-users.png'), fullPage: true });
  console.log('saved docs/screenshots/staff-users.png');

  // Partner: the month grid at Kinozavod of the month after the demo week (the six weeks of bookings), busy time without names.
  const partnerPage = await signedIn('partner@demo.test');
  await partnerPage.goto(`${base}/availability?site=kinozavod&month=${addDays(monday, 7).slice(0, 7)}`);
  await partnerPage.getByRole('heading', { name: 'Свободные даты по всем площадкам' }).waitFor();
  await partnerPage.waitForLoadState('networkidle');
  await partnerPage.waitForTimeout(500);
  await partnerPage.screenshot({ path: path.join(outDir, 'partner-month-grid.png'), fullPage: true });
  console.log('saved docs/screenshots/partner-month-grid.png');
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

const js = initialJsGzip();
const total = js.reduce((s, f) => s + f.gzip, 0);
for (const f of js) console.log(`initial JS ${f.file}: ${(f.gzip / 1024).toFixed(1)} KiB gzipped`);
console.log(`initial JS total: ${(total / 1024).toFixed(1)} KiB gzipped`);
