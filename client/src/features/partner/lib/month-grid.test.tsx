import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { Availability } from '@moskino/shared';
import { I18nProvider } from '../../../lib/i18n';
import { summarise, toMonthGrid } from './month-grid';
import { MonthGrid } from '../components/MonthGrid';

afterEach(cleanup);

const availability: Availability = {
  from: '2027-02-01T00:00:00+03:00',
  to: '2027-03-01T00:00:00+03:00',
  facilities: [
    {
      facilityId: 'set',
      busy: [
        // Two holds on the 3rd and 4th: the best rank shows, with the count.
        {
          start: '2027-02-03T00:00:00+03:00',
          end: '2027-02-05T00:00:00+03:00',
          status: 'held',
          holdRank: 2,
          via: 'self',
        },
        {
          start: '2027-02-04T00:00:00+03:00',
          end: '2027-02-05T00:00:00+03:00',
          status: 'held',
          holdRank: 1,
          via: 'self',
        },
        // A confirmed shift from 08:00 to 20:00 on the 10th: booked, part of the day.
        { start: '2027-02-10T08:00:00+03:00', end: '2027-02-10T20:00:00+03:00', status: 'confirmed', via: 'self' },
        // The whole zone blacked out on the 20th (through the parent): blocked, indirect.
        {
          start: '2027-02-20T00:00:00+03:00',
          end: '2027-02-21T00:00:00+03:00',
          status: 'blackout',
          via: 'ancestor',
          viaFacilityId: 'zone',
        },
        // A hold under the blackout does not weaken it.
        {
          start: '2027-02-20T00:00:00+03:00',
          end: '2027-02-21T00:00:00+03:00',
          status: 'held',
          holdRank: 1,
          via: 'self',
        },
        // Cancelled time is free.
        { start: '2027-02-25T00:00:00+03:00', end: '2027-02-26T00:00:00+03:00', status: 'cancelled', via: 'self' },
        // A request reaching in from January, in UTC: covers 1 Feb until 03:00 Moscow.
        { start: '2027-01-30T00:00:00Z', end: '2027-02-01T00:00:00Z', status: 'pending', via: 'self' },
      ],
    },
  ],
};

describe('month grid mapping', () => {
  const [row] = toMonthGrid(availability, ['set', 'other'], '2027-02');
  const day = (d: number) => row!.days[d - 1]!;

  it('has one cell per Moscow day of the month, free by default', () => {
    expect(row!.days).toHaveLength(28);
    expect(day(1).date).toBe('2027-02-01');
    expect(day(2)).toEqual({ date: '2027-02-02', state: 'free', partial: false, indirect: false });
  });

  it('shows holds with their best rank and how many there are', () => {
    expect(day(3)).toMatchObject({ state: 'held', holdRank: 2, holds: 1, partial: false });
    expect(day(4)).toMatchObject({ state: 'held', holdRank: 1, holds: 2 });
  });

  it('booked beats held, blocked beats both; partial days and indirect blocking are marked', () => {
    expect(day(10)).toMatchObject({ state: 'booked', partial: true, indirect: false });
    expect(day(10).holdRank).toBeUndefined();
    expect(day(20)).toMatchObject({ state: 'blocked', partial: false, indirect: false });
    expect(day(25).state).toBe('free');
    // Pending counts as booked; in Moscow it ends at 03:00 on the 1st.
    expect(day(1)).toMatchObject({ state: 'booked', partial: true });
  });

  it('gives every facility a row, in the order asked, even without busy time', () => {
    const rows = toMonthGrid(availability, ['other', 'set'], '2027-02');
    expect(rows.map((r) => r.facilityId)).toEqual(['other', 'set']);
    expect(rows[0]!.days.every((d) => d.state === 'free')).toBe(true);
    expect(summarise(rows)).toEqual({ free: 28 + 23, held: 2, booked: 2, blocked: 1 });
  });

  it('marks indirect when the only busy time comes through a related facility', () => {
    const [r] = toMonthGrid(
      { ...availability, facilities: [{ facilityId: 'set', busy: [availability.facilities[0]!.busy[3]!] }] },
      ['set'],
      '2027-02',
    );
    expect(r!.days[19]).toMatchObject({ state: 'blocked', indirect: true });
  });

  it('renders states as cells with readable labels, no production names', () => {
    render(
      <I18nProvider initial="en">
        <MonthGrid
          facilities={[{ id: 'set', name: 'Hobbit village', group: 'Kinopark', depth: 1 }]}
          rows={[row!]}
          caption="February"
        />
      </I18nProvider>,
    );
    const table = screen.getByRole('table', { name: 'February' });
    expect(within(table).getByRole('rowheader', { name: 'Hobbit village' })).toBeTruthy();
    const cell = (d: string) => table.querySelector(`td[data-date="${d}"]`)!;
    expect(cell('2027-02-04').getAttribute('data-state')).toBe('held');
    expect(cell('2027-02-04').textContent).toContain('1st hold, 2 holds in all');
    expect(cell('2027-02-10').textContent).toContain('Booked (part of the day)');
    expect(cell('2027-02-20').textContent).toContain('Blocked');
    expect(cell('2027-02-02').textContent).toContain('Free');
  });
});
