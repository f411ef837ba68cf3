import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nProvider } from '../../../lib/i18n';
import type { UtilCell } from '../lib/utilisation';

// jsdom has no canvas: the Chart.js component is replaced by a canvas carrying the props it was given.
const seen: { data?: { labels: string[]; datasets: { label: string; data: number[] }[] } } = {};
vi.mock('react-chartjs-2', () => ({
  Line: ({
    data,
    children,
    role,
    'aria-label': label,
  }: {
    data: typeof seen.data;
    children?: ReactNode;
    role?: string;
    'aria-label'?: string;
  }) => {
    seen.data = data;
    return (
      <canvas role={role} aria-label={label}>
        {children}
      </canvas>
    );
  },
}));

const { TrendChart, forecastIndex } = await import('./TrendChart');

afterEach(cleanup);

const cell = (period: string, confirmed: number, held = 0): UtilCell => ({
  period,
  confirmed,
  pending: 0,
  held,
  blackout: 0,
  total: confirmed + held,
  bookableHours: 168,
});
const points = [cell('2027-03-01', 0.5, 0.25), cell('2027-03-08', 0.1), cell('2027-03-15', 0)];

describe('TrendChart (Chart.js)', () => {
  it('draws one line per status with the periods as labels, as a labelled image with a table of the same figures', () => {
    render(
      <I18nProvider>
        <TrendChart points={points} granularity="week" forecastFrom="2027-03-08" />
      </I18nProvider>,
    );
    expect(screen.getByRole('img', { name: /График загрузки выбранных строк за 3 недель/ })).toBeTruthy();
    expect(seen.data?.labels).toEqual(['01.03', '08.03', '15.03']);
    expect(seen.data?.datasets.map((d) => d.label)).toEqual([
      'Всего',
      'Подтверждено',
      'Заявки',
      'Холды (с весом)',
      'Закрыто',
    ]);
    expect(seen.data?.datasets[0]?.data).toEqual([0.75, 0.1, 0]);
    const table = screen.getByTestId('trend-table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]?.textContent).toContain('75 %');
    expect(rows[2]?.textContent).toContain('прогноз');
    expect(rows[1]?.textContent).not.toContain('прогноз');
  });

  it('finds where the forecast starts', () => {
    expect(forecastIndex(points, '2027-03-08')).toBe(1);
    expect(forecastIndex(points, '2027-04-01')).toBe(-1);
    expect(forecastIndex(points)).toBe(-1);
  });
});
