import { useMemo } from 'react';
import {
  CategoryScale,
  Chart as ChartJS,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
  type Plugin,
} from 'chart.js';
import { Line } from 'react-chartjs-2';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import type { UtilCell } from '../lib/utilisation';
import { periodLabel } from './HeatMap';

// Only what a line chart with a tooltip needs (tree-shaken: no bar, pie, legend or filler code).
ChartJS.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip);

export const trendSeries = [
  { key: 'total', colour: '#101828', label: 'capacity.total' },
  { key: 'confirmed', colour: '#1570ef', label: 'capacity.confirmed' },
  { key: 'pending', colour: '#7a5af8', label: 'capacity.pending' },
  { key: 'held', colour: '#dc6803', label: 'capacity.heldWeighted' },
  { key: 'blackout', colour: '#667085', label: 'capacity.blackout' },
] as const satisfies readonly { key: keyof UtilCell; colour: string; label: MessageKey }[];

/** Index of the first period still to come (the forecast part of the lines), or -1. */
export function forecastIndex(points: readonly UtilCell[], forecastFrom?: string): number {
  return forecastFrom ? points.findIndex((p) => p.period >= forecastFrom) : -1;
}

/** A dashed vertical line with a caption where the forecast starts (drawn on the canvas). */
function forecastLine(split: number, caption: string): Plugin<'line'> {
  return {
    id: 'moskinoForecastLine',
    afterDatasetsDraw(chart) {
      if (split <= 0) return;
      const { ctx, chartArea, scales } = chart;
      const x = scales.x!.getPixelForValue(split);
      ctx.save();
      ctx.strokeStyle = '#98a2b3';
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#475467';
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(caption, x + 4, chartArea.top + 12);
      ctx.restore();
    },
  };
}

/**
 * Mean share of the catalogue taken per week or month, one line per status (Chart.js); periods from
 * `forecastFrom` on are still to come (dashed). The canvas is an image with a label; the same figures
 * are in the table under it.
 */
export function TrendChart({
  points,
  granularity,
  forecastFrom,
}: {
  points: UtilCell[];
  granularity: 'week' | 'month';
  forecastFrom?: string;
}) {
  const { t, formatNumber, formatDate } = useI18n();
  const split = forecastIndex(points, forecastFrom);
  const pct = (x: number) => `${formatNumber(Math.round(x * 1000) / 10)} %`;
  const max = Math.max(0.1, ...points.map((p) => p.total));
  const top = Math.min(1, Math.ceil(max * 10) / 10);

  const data = useMemo<ChartData<'line', number[], string>>(
    () => ({
      labels: points.map((p) => periodLabel(p.period, granularity)),
      datasets: trendSeries.map((s) => ({
        label: t(s.label),
        data: points.map((p) => p[s.key]),
        borderColor: s.colour,
        backgroundColor: s.colour,
        borderWidth: s.key === 'total' ? 2.5 : 1.5,
        pointRadius: 0,
        pointHoverRadius: 3,
        tension: 0,
        // Segments that end in a period still to come are the forecast: dashed.
        segment: { borderDash: (ctx) => (split >= 0 && ctx.p0DataIndex >= split ? [5, 4] : undefined) },
      })),
    }),
    [points, granularity, split, t],
  );

  const options = useMemo<ChartOptions<'line'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        y: {
          min: 0,
          max: top,
          ticks: { stepSize: top / 2, callback: (v) => `${Math.round(Number(v) * 100)} %` },
          grid: { color: '#eaecf0' },
        },
        x: { grid: { display: false }, ticks: { autoSkip: true, maxTicksLimit: 10, maxRotation: 0 } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.dataset.label}: ${formatNumber(Math.round(Number(ctx.parsed.y) * 1000) / 10)} %`,
          },
        },
      },
    }),
    [top, formatNumber],
  );

  const plugins = useMemo(() => [forecastLine(split, t('capacity.forecast'))], [split, t]);
  const label = t(granularity === 'week' ? 'capacity.trendLabel' : 'capacity.trendLabelMonths', {
    weeks: points.length,
  });

  return (
    <figure className="trend">
      <div className="trend-canvas">
        <Line data={data} options={options} plugins={plugins} role="img" aria-label={label} data-testid="trend-chart">
          {label}
        </Line>
      </div>
      <figcaption>
        <ul className="grid-legend">
          {trendSeries.map((s) => (
            <li key={s.key}>
              <span className="line-swatch" style={{ background: s.colour }} aria-hidden="true" />
              {t(s.label)}
            </li>
          ))}
        </ul>
      </figcaption>
      <details className="table-fallback">
        <summary>{t('capacity.trendAsTable')}</summary>
        <div className="chart-scroll">
          <table data-testid="trend-table">
            <caption className="visually-hidden">{t('capacity.trendTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('capacity.period')}</th>
                {trendSeries.map((s) => (
                  <th key={s.key} scope="col">
                    {t(s.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.period}>
                  <th scope="row">
                    {formatDate(`${p.period}T12:00:00+03:00`)}
                    {split >= 0 && i >= split ? ` (${t('capacity.forecast')})` : ''}
                  </th>
                  {trendSeries.map((s) => (
                    <td key={s.key}>{pct(p[s.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
