import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { Utilisation } from '@moskino/shared';
import { I18nProvider } from '../../../lib/i18n';
import { heatBucket, toHeatRows, trend, windowOf } from '../lib/utilisation';
import { HeatMap } from './HeatMap';

afterEach(cleanup);

const share = (confirmed: number, pending = 0, held = 0, blackout = 0, bookableHours = 168) => ({
  bookableHours,
  confirmed,
  pending,
  held,
  blackout,
});
const utilisation: Utilisation = {
  from: '2027-03-01T00:00:00+03:00',
  to: '2027-03-15T00:00:00+03:00',
  granularity: 'week',
  level: 'facility',
  holdWeight: '1/rank',
  rows: [
    {
      key: 'a1',
      label: { ru: 'Павильон 1', en: 'Stage 1' },
      periods: [
        { start: '2027-03-01T00:00:00+03:00', end: '2027-03-08T00:00:00+03:00', ...share(0.5, 0.25, 0.5) },
        { start: '2027-03-08T00:00:00+03:00', end: '2027-03-15T00:00:00+03:00', ...share(0) },
      ],
      total: share(0.25, 0.125, 0.25, 0, 336),
    },
    {
      key: 'b2',
      label: { ru: 'Павильон 2', en: 'Stage 2' },
      periods: [
        { start: '2027-03-01T00:00:00+03:00', end: '2027-03-08T00:00:00+03:00', ...share(0.1) },
        { start: '2027-03-08T00:00:00+03:00', end: '2027-03-15T00:00:00+03:00', ...share(0, 0, 0, 0.3) },
      ],
      total: share(0.05, 0, 0, 0.15, 336),
    },
  ],
  busiest: [],
  idlest: [],
};

describe('heat map mapping', () => {
  it('maps server rows to cells in the UI language, totals capped at 100 %', () => {
    const rows = toHeatRows(utilisation, 'en');
    expect(rows.map((r) => r.name)).toEqual(['Stage 1', 'Stage 2']);
    expect(rows[0]!.cells.map((c) => c.period)).toEqual(['2027-03-01', '2027-03-08']);
    // 0.5 + 0.25 + 0.5 (weighted holds) > 1 → capped
    expect(rows[0]!.cells[0]!.total).toBe(1);
    expect(rows[0]!.cells[1]!.total).toBe(0);
    expect(rows[1]!.cells[1]!.total).toBeCloseTo(0.3);
    expect(rows[0]!.mean).toBeCloseTo(0.625);
    expect(toHeatRows(undefined, 'ru')).toEqual([]);
  });

  it('puts shares in six colour steps: nothing, then fifths', () => {
    expect([0, 0.0001, 0.19, 0.2, 0.39, 0.5, 0.79, 0.8, 1, 1.4].map(heatBucket)).toEqual([
      0, 1, 1, 2, 2, 3, 4, 5, 5, 5,
    ]);
    expect(heatBucket(Number.NaN)).toBe(0);
  });

  it('weights the trend by bookable hours', () => {
    const rows = toHeatRows(utilisation, 'en');
    rows[1]!.cells[0]!.bookableHours = 504; // three times the first row's
    const points = trend(rows);
    expect(points[0]!.confirmed).toBeCloseTo((0.5 * 168 + 0.1 * 504) / 672);
    expect(points[1]!.blackout).toBeCloseTo(0.15);
  });

  it('gives week and month windows in Moscow time', () => {
    expect(windowOf('2027-03-01', 2, 'week')).toEqual({
      from: '2027-03-01T00:00:00+03:00',
      to: '2027-03-15T00:00:00+03:00',
    });
    expect(windowOf('2027-11-17', 3, 'month')).toEqual({
      from: '2027-11-01T00:00:00+03:00',
      to: '2028-02-01T00:00:00+03:00',
    });
  });

  it('draws one coloured, titled rect per row and week in a labelled SVG image', () => {
    const rows = toHeatRows(utilisation, 'en');
    const { container } = render(
      <I18nProvider initial="en">
        <HeatMap rows={rows} periods={['2027-03-01', '2027-03-08']} granularity="week" forecastFrom="2027-03-08" />
      </I18nProvider>,
    );
    expect(screen.getByRole('img', { name: /Utilisation heat map: 2 rows × 2 weeks/ })).toBeTruthy();
    const rects = [...container.querySelectorAll('rect')];
    expect(rects).toHaveLength(4);
    expect(rects.map((r) => r.getAttribute('data-bucket'))).toEqual(['5', '0', '1', '2']);
    expect(rects[0]!.getAttribute('fill')).toBe('#194185');
    // The week still to come has a dashed outline; the past one none.
    expect(rects[0]!.getAttribute('stroke-dasharray')).toBeNull();
    expect(rects[1]!.getAttribute('stroke-dasharray')).toBe('2 2');
    expect(rects[0]!.querySelector('title')!.textContent).toMatch(
      /^Stage 1, week of 1 Mar 2027: 100 % \(Confirmed 50 %, Requests 25 %, Holds \(weighted\) 50 %, Blocked 0 %\)$/,
    );
  });
});
