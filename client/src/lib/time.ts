/** The cluster works in Moscow time whatever the browser's zone. Russia has had no DST since 2014. */
export const MOSCOW_TZ = 'Europe/Moscow';
export const MOSCOW_OFFSET = '+03:00';
const MOSCOW_OFFSET_MS = 3 * 3600_000;

/** `2026-05-04T10:00` (a wall-clock time in Moscow, as `<input type="datetime-local">` gives) → ISO with offset. */
export function moscowLocalToIso(local: string): string {
  const withSeconds = /T\d\d:\d\d$/.test(local) ? `${local}:00` : local;
  return `${withSeconds}${MOSCOW_OFFSET}`;
}

/** Any ISO instant → `YYYY-MM-DDTHH:mm` wall-clock in Moscow (for datetime-local inputs). */
export function isoToMoscowLocal(iso: string | Date): string {
  const ms = (iso instanceof Date ? iso.getTime() : Date.parse(iso)) + MOSCOW_OFFSET_MS;
  return new Date(ms).toISOString().slice(0, 16);
}

/** Any instant → the Moscow calendar date `YYYY-MM-DD`. */
export function moscowDate(d: Date | string): string {
  return isoToMoscowLocal(d).slice(0, 10);
}

/** Today's date in Moscow. */
export function moscowToday(now: Date = new Date()): string {
  return moscowDate(now);
}
