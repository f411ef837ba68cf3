import { useI18n } from '../../../lib/i18n';
import { heatBucket, heatColours, heatLabels, type UtilRow } from '../lib/utilisation';

const CELL_W = 26;
const CELL_H = 18;
const LABEL_W = 230;
const HEAD_H = 40;

export interface HeatMapProps {
  rows: UtilRow[];
  /** Start dates of the periods (weeks or months), `YYYY-MM-DD`. */
  periods: string[];
  granularity: 'week' | 'month';
  /** Periods starting on or after it are still to come (drawn with a dashed outline). */
  forecastFrom?: string;
}

/** Short column label: `05.10` for a week, `10.26` (month.year) for a month. */
export function periodLabel(period: string, granularity: 'week' | 'month'): string {
  return granularity === 'week'
    ? `${period.slice(8)}.${period.slice(5, 7)}`
    : `${period.slice(5, 7)}.${period.slice(2, 4)}`;
}

/** Rows × periods, the colour of each cell its share of bookable time taken (confirmed + pending + weighted holds + blackout). */
export function HeatMap({ rows, periods, granularity, forecastFrom }: HeatMapProps) {
  const weeks = periods;
  const { t, formatNumber, formatDate } = useI18n();
  const width = LABEL_W + weeks.length * CELL_W + 4;
  const height = HEAD_H + rows.length * CELL_H + 4;
  const pct = (x: number) => `${formatNumber(Math.round(x * 1000) / 10)} %`;
  return (
    <div className="chart-scroll">
      <svg
        role="img"
        aria-label={t(granularity === 'week' ? 'capacity.heatLabel' : 'capacity.heatLabelMonths', {
          facilities: rows.length,
          weeks: weeks.length,
        })}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        data-testid="heat-map"
      >
        {weeks.map((w, i) =>
          i % 2 === 0 ? (
            <text
              key={w}
              x={LABEL_W + i * CELL_W + CELL_W / 2}
              y={HEAD_H - 8}
              fontSize="10"
              textAnchor="middle"
              fill="#475467"
            >
              {`${w.slice(8)}.${w.slice(5, 7)}`}
            </text>
          ) : null,
        )}
        {rows.map((r, j) => (
          <g key={r.key} transform={`translate(0, ${HEAD_H + j * CELL_H})`} data-row={r.key}>
            <text x={LABEL_W - 6} y={CELL_H - 5} fontSize="11" textAnchor="end" fill="#1d2939">
              {truncate(r.name, 34)}
            </text>
            {r.cells.map((c, i) => {
              const bucket = heatBucket(c.total);
              const future = forecastFrom !== undefined && c.period >= forecastFrom;
              return (
                <rect
                  key={c.period}
                  x={LABEL_W + i * CELL_W}
                  y={1}
                  width={CELL_W - 2}
                  height={CELL_H - 2}
                  fill={heatColours[bucket]}
                  stroke={future ? '#667085' : 'none'}
                  strokeDasharray={future ? '2 2' : undefined}
                  data-bucket={bucket}
                  data-period={c.period}
                >
                  <title>{`${r.name}, ${t(granularity === 'week' ? 'capacity.weekOf' : 'capacity.monthOf', { date: formatDate(`${c.period}T12:00:00+03:00`) })}: ${pct(c.total)} (${t('capacity.confirmed')} ${pct(c.confirmed)}, ${t('capacity.pending')} ${pct(c.pending)}, ${t('capacity.heldWeighted')} ${pct(c.held)}, ${t('capacity.blackout')} ${pct(c.blackout)})`}</title>
                </rect>
              );
            })}
          </g>
        ))}
      </svg>
      <HeatLegend />
    </div>
  );
}

export function HeatLegend() {
  const { t } = useI18n();
  return (
    <ul className="grid-legend heat-legend" aria-label={t('capacity.legend')}>
      {heatColours.map((c, i) => (
        <li key={c}>
          <span className="heat-swatch" style={{ background: c }} aria-hidden="true" />
          {heatLabels[i]}
        </li>
      ))}
      <li>
        <span className="heat-swatch forecast" aria-hidden="true" />
        {t('capacity.forecastCells')}
      </li>
    </ul>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
