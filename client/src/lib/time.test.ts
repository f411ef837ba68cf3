import { describe, expect, it } from 'vitest';
import { toMoscowIso } from '@moskino/shared';
import { completeLocalToIso, joinLocal, snapDelta, snapRange, splitLocal, unitTimes } from './time';
import { createI18n, ordinal } from './i18n';

const at = (s: string) => Date.parse(s);
const snap = (a: string, b: string, unit: 'hour' | 'shift' | 'day', minUnits = 1) => {
  const r = snapRange(at(a), at(b), { bookingUnit: unit, minUnits });
  return [toMoscowIso(r.start), toMoscowIso(r.end)];
};

describe('snapping a timeline selection to the booking unit (Moscow grid)', () => {
  it('shifts: a week-view slot 12:00–24:00 becomes the day shift 08:00–20:00', () => {
    expect(snap('2026-12-07T12:00:00+03:00', '2026-12-08T00:00:00+03:00', 'shift')).toEqual([
      '2026-12-07T08:00:00+03:00',
      '2026-12-07T20:00:00+03:00',
    ]);
    // Already aligned: unchanged; a tiny drag still gives one whole shift.
    expect(snap('2026-12-07T08:00:00+03:00', '2026-12-07T20:00:00+03:00', 'shift')).toEqual([
      '2026-12-07T08:00:00+03:00',
      '2026-12-07T20:00:00+03:00',
    ]);
    expect(snap('2026-12-07T09:00:00+03:00', '2026-12-07T10:00:00+03:00', 'shift')).toEqual([
      '2026-12-07T08:00:00+03:00',
      '2026-12-07T20:00:00+03:00',
    ]);
  });

  it('days and hours, with the minimum length', () => {
    expect(snap('2026-12-07T00:00:00+03:00', '2026-12-07T12:00:00+03:00', 'day')).toEqual([
      '2026-12-07T00:00:00+03:00',
      '2026-12-08T00:00:00+03:00',
    ]);
    expect(snap('2026-12-07T00:00:00+03:00', '2026-12-08T00:00:00+03:00', 'day', 3)).toEqual([
      '2026-12-07T00:00:00+03:00',
      '2026-12-10T00:00:00+03:00',
    ]);
    expect(snap('2026-12-07T10:20:00+03:00', '2026-12-07T12:40:00+03:00', 'hour')).toEqual([
      '2026-12-07T10:00:00+03:00',
      '2026-12-07T13:00:00+03:00',
    ]);
  });

  it('moves by whole units and offers 24-hour times on the grid', () => {
    expect(snapDelta(13 * 3600_000, 'shift')).toBe(12 * 3600_000);
    expect(snapDelta(-30 * 3600_000, 'day')).toBe(-24 * 3600_000);
    expect(unitTimes('shift')).toEqual(['08:00', '20:00']);
    expect(unitTimes('day')).toEqual(['00:00']);
    expect(unitTimes('hour')).toHaveLength(24);
    expect(unitTimes('hour')[23]).toBe('23:00');
  });
});

describe('i18n: hold ranks and feature tags', () => {
  it('writes ranks as ordinals in both languages', () => {
    expect([1, 2, 3, 4, 11, 21, 22].map((n) => ordinal(n, 'en'))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '21st',
      '22nd',
    ]);
    expect(createI18n('en').t('status.holdN', { n: 2 })).toBe('2nd hold');
    expect(createI18n('en').t('status.holdN', { n: 3 })).toBe('3rd hold');
    expect(createI18n('ru').t('status.holdN', { n: 2 })).toBe('2-й холд');
    expect(createI18n('ru').t('status.hold1')).toBe('1-й холд');
  });

  it('translates catalogue feature tags and humanises unknown ones', () => {
    expect(createI18n('ru').feature('lighting_grid')).toBe('Световая решётка');
    expect(createI18n('en').feature('drive_in_doors')).toBe('Drive-in doors');
    expect(createI18n('en').feature('brand_new_tag')).toBe('Brand new tag');
  });

  it('formats times in Moscow, 24-hour, whatever the process time zone', () => {
    expect(createI18n('en').formatTime('2026-12-07T05:00:00Z')).toBe('08:00');
    expect(createI18n('en').formatTime('2026-12-07T17:00:00Z')).toBe('20:00');
  });
});

describe('the booking form’s date and time', () => {
  it('splits and joins Moscow wall-clock, keeping the time while the date is missing', () => {
    expect(splitLocal('2026-05-04T20:00')).toEqual({ date: '2026-05-04', time: '20:00' });
    expect(joinLocal('', '20:00')).toBe('T20:00');
    expect(splitLocal('T20:00')).toEqual({ date: '', time: '20:00' });
    expect(joinLocal('2026-05-05', '20:00')).toBe('2026-05-05T20:00');
    expect(joinLocal('', '')).toBe('');
    expect(splitLocal('')).toEqual({ date: '', time: '' });
    expect(completeLocalToIso('2026-05-04T20:00')).toBe('2026-05-04T20:00:00+03:00');
    expect(completeLocalToIso('T20:00')).toBe('');
    expect(completeLocalToIso('')).toBe('');
  });
});
