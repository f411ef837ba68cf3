import { readFileSync, statSync } from 'node:fs';

/**
 * The time the business rules run on (lead times, horizons, expiry, deadlines, reminders, session
 * and invitation lifetimes). Everything that decides by the calendar asks this clock, never
 * `Date.now()`, so that tests can move time instead of waiting. Timeouts and latency measurements
 * stay on the real clock.
 *
 * Outside production the clock can be shifted:
 * - `MOSKINO_CLOCK_OFFSET`: a fixed shift at start-up (`365d`, `-2h`, `90m`, `30s` or milliseconds),
 *   e.g. CI runs the suites once a year ahead;
 * - `MOSKINO_CLOCK_FILE`: a file holding a shift in milliseconds, re-read when it changes, so that a
 *   test can move the clock of several server processes at once;
 * - `setClockOffset()` in-process (integration tests that run the app in the test process).
 * In production (`NODE_ENV=production`) both variables are refused at start-up.
 */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `365d`, `-2h`, `+90m`, `30s`, `1500ms` or a plain number of milliseconds. */
export function parseOffset(text: string): number {
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!m) throw new Error(`not a time offset: ${JSON.stringify(text)} (e.g. 365d, -2h, 90m, 30s, 1500)`);
  return Math.round(Number(m[1]) * UNITS[m[2] ?? 'ms']!);
}

let fixedOffset = 0;
let inProcessOffset = 0;
let file: string | undefined;
let fileOffset = 0;
let fileCheckedAt = 0;
let fileMtime = -1;

/** Reads the environment once (called on import; exported for tests of this module). */
export function configureClock(env: NodeJS.ProcessEnv = process.env): void {
  const production = env.NODE_ENV === 'production';
  if (production && (env.MOSKINO_CLOCK_OFFSET || env.MOSKINO_CLOCK_FILE))
    throw new Error('MOSKINO_CLOCK_OFFSET and MOSKINO_CLOCK_FILE are for tests and are refused in production');
  fixedOffset = env.MOSKINO_CLOCK_OFFSET ? parseOffset(env.MOSKINO_CLOCK_OFFSET) : 0;
  file = env.MOSKINO_CLOCK_FILE || undefined;
  fileOffset = 0;
  fileCheckedAt = 0;
  fileMtime = -1;
}
configureClock();

function offsetFromFile(): number {
  if (!file) return 0;
  const real = Date.now();
  // Checked at most every 20 ms: cheap enough for every request, quick enough for a test.
  if (real - fileCheckedAt < 20) return fileOffset;
  fileCheckedAt = real;
  try {
    const mtime = statSync(file).mtimeMs;
    if (mtime !== fileMtime) {
      fileMtime = mtime;
      const text = readFileSync(file, 'utf8').trim();
      fileOffset = text ? parseOffset(text) : 0;
    }
  } catch {
    fileOffset = 0; // no file yet: no shift
  }
  return fileOffset;
}

export const clock = {
  /** Milliseconds since the epoch, business time. */
  now(): number {
    return Date.now() + fixedOffset + inProcessOffset + offsetFromFile();
  },
  date(): Date {
    return new Date(clock.now());
  },
  /** The current shift from the real clock (for `/api/health` and tests). */
  offsetMs(): number {
    return fixedOffset + inProcessOffset + offsetFromFile();
  },
};

/** Moves this process's clock (tests that run the app in-process). Not available in production. */
export function setClockOffset(ms: number): void {
  if (process.env.NODE_ENV === 'production') throw new Error('the clock cannot be moved in production');
  inProcessOffset = ms;
}
