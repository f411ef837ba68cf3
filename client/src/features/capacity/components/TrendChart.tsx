import { useI18n } from '../../../lib/i18n';
import type { UtilCell } from '../lib/utilisation';
import { periodLabel } from './HeatMap';

const W = 720;
const H = 240;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };

const series = [
  { key: 'total', colour: '#101828', label: 'capacity.total' },
  { key: 'confirmed', colour: '#1570ef', label: 'capacity.confirmed' },
  { key: 'pending', colour: '#7a5af8', label: 'capacity.pending' },
  { key: 'held', colour: '#dc6803', label: 'capacity.heldWeighted' },
  { key: 'blackout', colour: '#667085', label: 'capacity.blackout' },
] as const;

/** Mean share of the catalogue taken per week, one line per status; weeks from `forecastFrom` on are the forecast (dashed). */
export function TrendChart({
  points,
  granularity,
  forecastFrom,
}: {
  points: UtilCell[];
  granularity: 'week' | 'month';
  forecastFrom?: string;
}) {
  const { t } = useI18n();
  const max = Math.max(0.1, ...points.map((p) => p.total));
  const top = Math.min(1, Math.ceil(max * 10) / 10);
  const x = (i: number) => PAD.left + (points.length <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (points.length - 1));
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const split = forecastFrom ? points.findIndex((p) => p.period >= forecastFrom) : -1;
  const ticks = [0, top / 2, top];
  return (
    <figure className="trend">
      <svg
        role="img"
        aria-label={t(granularity === 'week' ? 'capacity.trendLabel' : 'capacity.trendLabelMonths', {
          weeks: points.length,
        })}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        style={{ maxWidth: W }}
        data-testid="trend-chart"
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#eaecf0" />
            <text x={PAD.left - 6} y={y(v) + 4} fontSize="10" textAnchor="end" fill="#475467">
              {`${Math.round(v * 100)} %`}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % Math.max(1, Math.ceil(points.length / 10)) === 0 ? (
            <text key={p.period} x={x(i)} y={H - PAD.bottom + 16} fontSize="10" textAnchor="middle" fill="#475467">
              {periodLabel(p.period, granularity)}
            </text>
          ) : null,
        )}
        {split > 0 && (
          <g>
            <line x1={x(split)} x2={x(split)} y1={PAD.top} y2={H - PAD.bottom} stroke="#98a2b3" strokeDasharray="4 3" />
            <text x={x(split) + 4} y={PAD.top + 10} fontSize="10" fill="#475467">
              {t('capacity.forecast')}
            </text>
          </g>
        )}
        {series.map((s) => {
          const pts = points.map((p, i) => `${x(i).toFixed(1)},${y(p[s.key]).toFixed(1)}`);
          const past = split > 0 ? pts.slice(0, split + 1) : split === 0 ? [] : pts;
          const future = split >= 0 ? pts.slice(Math.max(0, split)) : [];
          return (
            <g key={s.key}>
              {past.length > 1 && (
                <polyline
                  points={past.join(' ')}
                  fill="none"
                  stroke={s.colour}
                  strokeWidth={s.key === 'total' ? 2.5 : 1.5}
                />
              )}
              {future.length > 1 && (
                <polyline
                  points={future.join(' ')}
                  fill="none"
                  stroke={s.colour}
                  strokeWidth={s.key === 'total' ? 2.5 : 1.5}
                  strokeDasharray="5 4"
                />
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="grid-legend">
          {series.map((s) => (
            <li key={s.key}>
              <span className="line-swatch" style={{ background: s.colour }} aria-hidden="true" />
              {t(s.label)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
