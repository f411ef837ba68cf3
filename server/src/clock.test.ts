import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clock, configureClock, parseOffset, setClockOffset } from './clock.js';

afterEach(() => {
  setClockOffset(0);
  configureClock({ NODE_ENV: 'test' });
});

describe('business clock', () => {
  it('parses offsets with units', () => {
    expect(parseOffset('365d')).toBe(365 * 86_400_000);
    expect(parseOffset('-2h')).toBe(-7_200_000);
    expect(parseOffset('+90m')).toBe(5_400_000);
    expect(parseOffset('30s')).toBe(30_000);
    expect(parseOffset('1500')).toBe(1500);
    expect(parseOffset('1500ms')).toBe(1500);
    expect(() => parseOffset('tomorrow')).toThrow(/not a time offset/);
  });

  it('adds the environment shift, the in-process shift and the file shift', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clock-'));
    const file = path.join(dir, 'offset');
    configureClock({ NODE_ENV: 'test', MOSKINO_CLOCK_OFFSET: '1d', MOSKINO_CLOCK_FILE: file });
    setClockOffset(1000);
    expect(clock.offsetMs()).toBe(86_400_000 + 1000);
    writeFileSync(file, '2h');
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.offsetMs()).toBe(86_400_000 + 1000 + 7_200_000);
    const real = Date.now();
    expect(clock.now() - real).toBeGreaterThanOrEqual(86_400_000 + 1000 + 7_200_000 - 5);
  });

  it('refuses shifts in production', () => {
    expect(() => configureClock({ NODE_ENV: 'production', MOSKINO_CLOCK_OFFSET: '1d' })).toThrow(
      /refused in production/,
    );
  });
});
