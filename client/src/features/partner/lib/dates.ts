/** Calendar arithmetic on Moscow dates `YYYY-MM-DD`, done in UTC so the browser's zone never leaks in. */
const DAY_MS = 86_400_000;
const MOSCOW_OFFSET_MS = 3 * 3_600_000;

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function addMonths(month: string, n: number): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
}

/** Days of a month `YYYY-MM`. */
export function daysOfMonth(month: string): string[] {
  const first = `${month.slice(0, 7)}-01`;
  const next = `${addMonths(month, 1)}-01`;
  const out: string[] = [];
  for (let d = first; d < next; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Midnight of a Moscow date as epoch ms. */
export function moscowMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - MOSCOW_OFFSET_MS;
}

/** ISO instant of a Moscow midnight, with the Moscow offset. */
export function moscowMidnightIso(date: string): string {
  return `${date}T00:00:00+03:00`;
}

export function isMonth(s: string | null | undefined): s is string {
  return !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function isDay(s: string | null | undefined): s is string {
  return !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

/** Weekday 0 = Monday … 6 = Sunday of a date. */
export function weekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}
