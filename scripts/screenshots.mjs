#!/usr/bin/env node
// `npm run screenshots`: builds everything, starts the built server on a throwaway database
// (embedded, with the demo users) and saves screenshots of the timeline and the booking form into
// docs/screenshots/, then prints the gzipped size of the initial JavaScript of the client.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });
const port = Number(process.env.SCREENSHOT_PORT ?? 3300);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'moskino-shots-'));
const env = { ...process.env, PORT: String(port), SEED_ON_EMPTY: 'true', NODE_ENV: 'development', MOSKINO_DATA_DIR: dataDir };
delete env.MONGODB_URI; // the embedded database seeds the demo users the form needs
const server = spawn(process.execPath, ['server/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });

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

let browser;
try {
  await waitHealthy();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' });
  const date = process.env.SCREENSHOT_DATE ?? '2026-06-01';
  await page.goto(`${base}/?view=week&date=${date}`);
  await page.getByText('Съёмочный павильон №1').first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(outDir, 'timeline.png') });
  console.log('saved docs/screenshots/timeline.png');

  // Booking form: sign in as the demo crew member, then select a range on a stage's row.
  const password = process.env.DEMO_PASSWORD ?? 'moskino-demo';
  await page.goto(`${base}/login`);
  await page.getByLabel('Эл. почта').fill('crew@demo.test');
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('button', { name: 'Выйти' }).waitFor({ timeout: 15_000 });
  await page.goto(`${base}/?view=week&date=${date}&site=kinozavod`);
  const cell = page.locator('[data-resource-id]').filter({ hasText: 'Съёмочный павильон №1' }).first();
  await cell.waitFor();
  const box = await cell.boundingBox();
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width + 140;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move(x0 + 120, y, { steps: 8 });
  await page.mouse.up();
  await page.getByRole('dialog').waitFor({ timeout: 10_000 });
  await page.getByLabel('Рабочее название').fill('Проект «Север»');
  await page.screenshot({ path: path.join(outDir, 'booking-form.png') });
  console.log('saved docs/screenshots/booking-form.png');
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
