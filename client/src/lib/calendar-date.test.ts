import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  clampDate,
  formatDateInput,
  isCalendarDate,
  monthWeeks,
  parseDateInput,
  weekdayIndex,
} from './calendar-date';
import { LOCALES } from './i18n';

describe('calendar dates', () => {
  it('parses day-first input with any separator or none, and ISO', () => {
    for (const s of ['01.03.2027', '01/03/2027', '1.3.2027', '01-03-2027', '01 03 2027', ' 01032027 ', '2027-03-01'])
      expect(parseDateInput(s), s).toBe('2027-03-01');
    expect(parseDateInput('29.02.2028')).toBe('2028-02-29');
  });

  it('refuses what is no day', () => {
    for (const s of ['', '29.02.2027', '32.01.2027', '01.13.2027', '00.01.2027', '1.3.27', '0103207', '2027-3', 'abc'])
      expect(parseDateInput(s), s).toBeNull();
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-02-28')).toBe(true);
  });

  it('formats as the app’s languages do through Intl (ru-RU, en-GB)', () => {
    expect(formatDateInput('2027-03-01', 'ru')).toBe('01.03.2027');
    expect(formatDateInput('2027-03-01', 'en')).toBe('01/03/2027');
    expect(formatDateInput('', 'en')).toBe('');
    for (const lang of ['ru', 'en'] as const) {
      const intl = new Intl.DateTimeFormat(LOCALES[lang], {
        timeZone: 'UTC',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(new Date('2027-11-23T00:00:00Z'));
      expect(formatDateInput('2027-11-23', lang)).toBe(intl);
    }
  });

  it('steps days and months on UTC midnights', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonths('2027-03-15', -12)).toBe('2026-03-15');
    expect(weekdayIndex('2027-03-01')).toBe(0); // a Monday
    expect(weekdayIndex('2027-03-07')).toBe(6);
    expect(clampDate('2027-01-01', '2027-02-01', '')).toBe('2027-02-01');
    expect(clampDate('2027-05-01', '', '2027-04-30')).toBe('2027-04-30');
  });

  it('lays a month out in weeks from Monday', () => {
    const feb = monthWeeks('2027-02-14'); // 1 Feb 2027 is a Monday, 28 days: four full weeks
    expect(feb).toHaveLength(4);
    expect(feb[0]![0]).toBe('2027-02-01');
    const may = monthWeeks('2026-05-20'); // 1 May 2026 is a Friday
    expect(may[0]).toEqual([null, null, null, null, '2026-05-01', '2026-05-02', '2026-05-03']);
    expect(may.flat().filter(Boolean)).toHaveLength(31);
    expect(may.at(-1)).toEqual([
      '2026-05-25',
      '2026-05-26',
      '2026-05-27',
      '2026-05-28',
      '2026-05-29',
      '2026-05-30',
      '2026-05-31',
    ]);
  });
});
