import type { BookingUnit } from '../catalogue.js';

/**
 * Europe/Moscow has been UTC+03:00 all year since 26 October 2014 (no DST). Every booking is later
 * than that, so the grid uses this fixed offset; `time.test.ts` checks it against `Intl` (the IANA
 * database) for random instants from 2015 on. Should Moscow change its offset again, this constant
 * and that test are the one place to change.
 */
export const MOSCOW_OFFSET_MS = 3 * 3_600_000;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Length of one booking unit. */
export function unitMs(unit: BookingUnit): number {
  return unit === 'hour' ? HOUR_MS : unit === 'shift' ? 12 * HOUR_MS : DAY_MS;
}

/** Where the unit grid starts within a Moscow day: hours at :00, shifts at 08:00 and 20:00, days at 00:00. */
function gridPhaseMs(unit: BookingUnit): number {
  return unit === 'shift' ? 8 * HOUR_MS : 0;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** True when `t` (ms since epoch) is on the booking-unit grid in Europe/Moscow. */
export function isAligned(t: number, unit: BookingUnit): boolean {
  return mod(t + MOSCOW_OFFSET_MS - gridPhaseMs(unit), unitMs(unit)) === 0;
}

/** The grid point at or before `t`. */
export function floorToGrid(t: number, unit: BookingUnit): number {
  return t - mod(t + MOSCOW_OFFSET_MS - gridPhaseMs(unit), unitMs(unit));
}

/** The grid point at or after `t`. */
export function ceilToGrid(t: number, unit: BookingUnit): number {
  const f = floorToGrid(t, unit);
  return f === t ? t : f + unitMs(unit);
}

/** An instant written in Moscow time with its offset, e.g. `2026-05-01T08:00:00+03:00`. */
export function toMoscowIso(t: number): string {
  const d = new Date(t + MOSCOW_OFFSET_MS);
  return `${d.toISOString().slice(0, 19)}+03:00`;
}
