import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

// End-to-end tests in Debian's Chromium against the real server and database. The server is the
// built one (`npm test` builds the client first): `MONGODB_URI` from the environment when set (CI
// runs FerretDB), else the embedded database in a throwaway directory.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const serverEnv: Record<string, string> = { PORT: String(port), SEED_ON_EMPTY: 'true', NODE_ENV: 'development' };
if (process.env.MONGODB_URI) serverEnv.MONGODB_URI = process.env.MONGODB_URI;
else serverEnv.MOSKINO_DATA_DIR = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'moskino-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? 'list' : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    ...devices['Desktop Chrome'],
    viewport: { width: 1400, height: 900 },
    // Not Moscow, on purpose: the calendar must still show Moscow time.
    timezoneId: 'America/New_York',
    locale: 'en-US',
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
  webServer: {
    // Demo users (crew@demo.test …) for the sign-in flows, then the server.
    command: 'node server/dist/cli/seed.js --demo && node server/dist/main.js',
    url: `${baseURL}/api/health`,
    env: serverEnv,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
