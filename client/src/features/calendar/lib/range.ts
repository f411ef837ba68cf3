import { moscowToday } from '../../../lib/time';
import type { Zoom } from '../types';

/** Calendar arithmetic on `YYYY-MM-DD` strings (dates in Moscow), done in UTC so no zone leaks in. */
function parse(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}
export function addDays(date: string, n: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fmt(d);
}
export function addMonths(date: string, n: number): string {
  const d = parse(date);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + n);
  return fmt(d);
}

export function isDate(s: string | null | undefined): s is string {
  return !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(parse(s).getTime());
}

/** The visible range `[start, end)` of a zoom around an anchor date; weeks start on Monday. */
export function visibleRange(zoom: Zoom, anchor: string): { start: string; end: string } {
  const d = parse(anchor);
  switch (zoom) {
    case 'day':
      return { start: anchor, end: addDays(anchor, 1) };
    case 'week': {
      const start = addDays(anchor, -((d.getUTCDay() + 6) % 7));
      return { start, end: addDays(start, 7) };
    }
    case 'month': {
      const start = `${anchor.slice(0, 7)}-01`;
      return { start, end: addMonths(start, 1) };
    }
    case 'quarter': {
      const m = Math.floor(d.getUTCMonth() / 3) * 3;
      const start = `${d.getUTCFullYear()}-${String(m + 1).padStart(2, '0')}-01`;
      return { start, end: addMonths(start, 3) };
    }
  }
}

/** The anchor one step before/after (one visible range). */
export function step(zoom: Zoom, anchor: string, dir: -1 | 1): string {
  const { start } = visibleRange(zoom, anchor);
  switch (zoom) {
    case 'day':
      return addDays(start, dir);
    case 'week':
      return addDays(start, 7 * dir);
    case 'month':
      return addMonths(start, dir);
    case 'quarter':
      return addMonths(start, 3 * dir);
  }
}

/** A Moscow date range as ISO instants with offset, as `/api/availability` takes them. */
export function rangeToIso(range: { start: string; end: string }): { from: string; to: string } {
  return { from: `${range.start}T00:00:00+03:00`, to: `${range.end}T00:00:00+03:00` };
}

export { moscowToday };
