import type { BookingUnit } from '@moskino/shared';

export const blackoutReasons = ['maintenance', 'set_rebuild', 'public_event'] as const;
export type BlackoutReason = (typeof blackoutReasons)[number];

const DAY_MS = 86_400_000;

/** Whole Moscow days `from`..`to` (inclusive) on the facility's grid: shifts run from 08:00, hours and days from midnight. */
export function blackoutSpan(from: string, to: string, unit: BookingUnit): { start: string; end: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || to < from) return null;
  const time = unit === 'shift' ? '08:00' : '00:00';
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { start: `${from}T${time}:00+03:00`, end: `${next}T${time}:00+03:00` };
}
