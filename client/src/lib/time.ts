import { ceilToGrid, floorToGrid, unitMs, type BookingUnit } from '@moskino/shared';

/** The cluster works in Moscow time whatever the browser's zone. Russia has had no DST since 2014. */
export const MOSCOW_TZ = 'Europe/Moscow';
export const MOSCOW_OFFSET = '+03:00';
const MOSCOW_OFFSET_MS = 3 * 3600_000;

/** `2026-05-04T10:00` (a wall-clock time in Moscow) → ISO with offset. */
export function moscowLocalToIso(local: string): string {
  const withSeconds = /T\d\d:\d\d$/.test(local) ? `${local}:00` : local;
  return `${withSeconds}${MOSCOW_OFFSET}`;
}

/** Any ISO instant → `YYYY-MM-DDTHH:mm` wall-clock in Moscow (for the booking form's date and time). */
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

/**
 * Moscow wall-clock `YYYY-MM-DDTHH:mm` → `{date: 'YYYY-MM-DD', time: 'HH:mm'}` (for a date field and a
 * time select). While the date is missing (emptied, or not a date) the time is kept as `THH:mm`.
 */
export function splitLocal(local: string): { date: string; time: string } {
  const [date = '', time = ''] = local.split('T');
  return { date, time: time.slice(0, 5) };
}
export function joinLocal(date: string, time: string): string {
  return date || time ? `${date}T${time}` : '';
}
/** A whole Moscow wall-clock `YYYY-MM-DDTHH:mm` → ISO with offset; '' when the date or time is missing. */
export function completeLocalToIso(local: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(local) ? moscowLocalToIso(local) : '';
}

/** The times of day a booking unit allows (24-hour, Moscow): every hour, 08:00/20:00, or 00:00. */
export function unitTimes(unit: BookingUnit): string[] {
  if (unit === 'shift') return ['08:00', '20:00'];
  if (unit === 'day') return ['00:00'];
  return Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);
}

/** The grid point nearest to `t` (ties: `tie` decides, floor for a start, ceil for an end). */
export function roundToGrid(t: number, unit: BookingUnit, tie: 'floor' | 'ceil'): number {
  const f = floorToGrid(t, unit);
  const c = ceilToGrid(t, unit);
  if (f === c) return f;
  const df = t - f;
  const dc = c - t;
  return df < dc || (df === dc && tie === 'floor') ? f : c;
}

/**
 * A range selected or dragged on the timeline → the nearest range on the facility's booking grid
 * (shifts from 08:00/20:00, whole days, whole hours in Moscow), at least `minUnits` long.
 */
export function snapRange(
  startMs: number,
  endMs: number,
  rules: { bookingUnit: BookingUnit; minUnits?: number },
): { start: number; end: number } {
  const u = unitMs(rules.bookingUnit);
  const start = roundToGrid(startMs, rules.bookingUnit, 'floor');
  let end = roundToGrid(endMs, rules.bookingUnit, 'ceil');
  const min = Math.max(1, rules.minUnits ?? 1) * u;
  if (end - start < min) end = start + min;
  return { start, end };
}

/** A moved block: the shift rounded to whole booking units, so an aligned booking stays aligned. */
export function snapDelta(deltaMs: number, unit: BookingUnit): number {
  const u = unitMs(unit);
  return Math.round(deltaMs / u) * u;
}
