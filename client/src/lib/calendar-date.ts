/**
 * Calendar dates as `YYYY-MM-DD` strings: a day in Moscow, with no time and no zone. All arithmetic
 * is on UTC midnights, so the browser's own zone never shifts a day.
 */
import type { Lang } from './i18n';

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD` of a year, month (1–12) and day, or null when there is no such day. */
export function toCalendarDate(year: number, month: number, day: number): string | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** A well-formed `YYYY-MM-DD` naming a real day. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && toCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

/**
 * What a person typed or pasted → `YYYY-MM-DD`, or null. Day first in both languages
 * (`01.03.2027`, `01/03/2027`, `1.3.2027`, `01-03-2027`, `01 03 2027`, `01032027`), or ISO
 * `2027-03-01` (year first). The year has four digits.
 */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})\s*[-./\s]\s*(\d{1,2})\s*[-./\s]\s*(\d{1,2})$/.exec(s);
  if (m) return toCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*[-./\s]\s*(\d{1,2})\s*[-./\s]\s*(\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (m) return toCalendarDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** The app's numeric date: Russian `01.03.2027`, English (en-GB) `01/03/2027`; '' for no date. */
export function formatDateInput(date: string, lang: Lang): string {
  if (!isCalendarDate(date)) return '';
  const [y, m, d] = date.split('-');
  const sep = lang === 'ru' ? '.' : '/';
  return `${d}${sep}${m}${sep}${y}`;
}

/** The UTC midnight of a calendar date (for `Intl` with `timeZone: 'UTC'`). */
export function dateToUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, n: number): string {
  return new Date(dateToUtc(date).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `n` months on, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return toCalendarDate(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(d, last))!;
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayIndex(date: string): number {
  return (dateToUtc(date).getUTCDay() + 6) % 7;
}

/** The weeks (Monday first) of the month holding `date`; days of other months are null. */
export function monthWeeks(date: string): (string | null)[][] {
  const first = `${date.slice(0, 8)}01`;
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array<null>(weekdayIndex(first)).fill(null);
  for (let d = first; d.slice(0, 7) === first.slice(0, 7); d = addDays(d, 1)) {
    week.push(d);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array<null>(7 - week.length).fill(null)]);
  return weeks;
}

/** `date` kept within `min`…`max` (either may be ''). ISO dates compare as strings. */
export function clampDate(date: string, min = '', max = ''): string {
  if (min && date < min) return min;
  if (max && date > max) return max;
  return date;
}
