import { useI18n } from '../../../lib/i18n';
import { heatBucket, heatColours, type UtilRow } from '../lib/utilisation';

const CELL_W = 26;
const CELL_H = 18;
const LABEL_W = 230;
const HEAD_H = 40;

export interface HeatMapProps {
  rows: UtilRow[];
  weeks: string[];
  name: (facilityId: string) => string;
  /** First week of the forecast (weeks from it on are drawn with a dashed outline). */
  forecastFrom?: string;
}

/** Facilities × weeks, the colour of each cell its share of the week taken (confirmed + pending + weighted holds + blackout). */
export function HeatMap({ rows, weeks, name, forecastFrom }: HeatMapProps) {
  const { t, formatNumber, formatDate } = useI18n();
  const width = LABEL_W + weeks.length * CELL_W + 4;
  const height = HEAD_H + rows.length * CELL_H + 4;
  const pct = (x: number) => `${formatNumber(Math.round(x * 1000) / 10)} %`;
  return (
    <div className="chart-scroll">
      <svg
        role="img"
        aria-label={t('capacity.heatLabel', { facilities: rows.length, weeks: weeks.length })}
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
          <g key={r.facilityId} transform={`translate(0, ${HEAD_H + j * CELL_H})`}>
            <text x={LABEL_W - 6} y={CELL_H - 5} fontSize="11" textAnchor="end" fill="#1d2939">
              {truncate(name(r.facilityId), 34)}
            </text>
            {r.cells.map((c, i) => {
              const bucket = heatBucket(c.total);
              const future = forecastFrom !== undefined && c.week >= forecastFrom;
              return (
                <rect
                  key={c.week}
                  x={LABEL_W + i * CELL_W}
                  y={1}
                  width={CELL_W - 2}
                  height={CELL_H - 2}
                  fill={heatColours[bucket]}
                  stroke={future ? '#667085' : 'none'}
                  strokeDasharray={future ? '2 2' : undefined}
                  data-bucket={bucket}
                  data-week={c.week}
                >
                  <title>{`${name(r.facilityId)}, ${t('capacity.weekOf', { date: formatDate(`${c.week}T12:00:00+03:00`) })}: ${pct(c.total)} (${t('capacity.confirmed')} ${pct(c.confirmed)}, ${t('capacity.pending')} ${pct(c.pending)}, ${t('capacity.heldWeighted')} ${pct(c.held)}, ${t('capacity.blackout')} ${pct(c.blackout)})`}</title>
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
  const labels = ['0 %', '1–20 %', '20–40 %', '40–60 %', '60–80 %', '80–100 %'];
  return (
    <ul className="grid-legend heat-legend" aria-label={t('capacity.legend')}>
      {heatColours.map((c, i) => (
        <li key={c}>
          <span className="heat-swatch" style={{ background: c }} aria-hidden="true" />
          {labels[i]}
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
