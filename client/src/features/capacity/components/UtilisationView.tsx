import { useEffect, useMemo } from 'react';
import { AppError, type DayRates } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';
import { useCatalogueBusy } from '../api/get-utilisation';
import { extremes, moscowMs, toCsv, trend, utilisation, weekStarts, type UtilRow } from '../lib/utilisation';
import { HeatMap } from './HeatMap';
import { TrendChart } from './TrendChart';
import './capacity.css';

export interface CapacityFacility {
  id: string;
  name: string;
  dayRates: DayRates | null;
  /** Day rates and figures without a public source. */
  estimated: boolean;
}

export interface UtilisationViewProps {
  facilities: CapacityFacility[];
  /** Monday of the first week shown and the current week (Moscow dates). */
  firstWeek: string;
  weeks: number;
  currentWeek: string;
  onRange: (firstWeek: string, weeks: number) => void;
}

const WEEK_MS = 7 * 86_400_000;

/** Utilisation by facility and week: heat map, trend, busiest/idlest, forecast and estimated revenue, CSV. */
export function UtilisationView({ facilities, firstWeek, weeks: count, currentWeek, onRange }: UtilisationViewProps) {
  const { t, formatNumber, formatDate } = useI18n();
  const weeks = useMemo(() => weekStarts(firstWeek, count), [firstWeek, count]);
  const range = {
    from: new Date(moscowMs(firstWeek)).toISOString(),
    to: new Date(moscowMs(firstWeek) + count * WEEK_MS).toISOString(),
  };
  const busy = useCatalogueBusy(range);
  const rows = useMemo(() => utilisation(busy.data, facilities, weeks), [busy.data, facilities, weeks]);
  const names = useMemo(() => new Map(facilities.map((f) => [f.id, f.name])), [facilities]);
  const name = (id: string) => names.get(id) ?? id;
  const points = useMemo(() => trend(rows, weeks), [rows, weeks]);
  const { busiest, idlest } = useMemo(() => extremes(rows), [rows]);
  const pct = (x: number) => `${formatNumber(Math.round(x * 1000) / 10)} %`;
  const forecast = points.filter((p) => p.week >= currentWeek);
  const csv = useMemo(() => toCsv(rows, name), [rows]); // eslint-disable-line react-hooks/exhaustive-deps
  const csvUrl = useMemo(
    () =>
      typeof URL.createObjectURL === 'function'
        ? URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
        : null,
    [csv],
  );
  useEffect(() => () => (csvUrl ? URL.revokeObjectURL(csvUrl) : undefined), [csvUrl]);
  const revenueRows = rows.filter((r) => (r.revenue ?? 0) > 0).sort((a, b) => (b.revenue ?? 0) - (a.revenue ?? 0));
  const revenueTotal = revenueRows.reduce((a, r) => a + (r.revenue ?? 0), 0);

  return (
    <section aria-labelledby="capacity-title">
      <h2 id="capacity-title">{t('capacity.title')}</h2>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t('capacity.period')}>
        <label>
          {t('capacity.firstWeek')}{' '}
          <input type="date" value={firstWeek} onChange={(e) => e.target.value && onRange(e.target.value, count)} />
        </label>
        <label>
          {t('capacity.weeks')}{' '}
          <select value={count} onChange={(e) => onRange(firstWeek, Number(e.target.value))}>
            {[8, 13, 16, 26, 52].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {csvUrl && (
          <a href={csvUrl} download={`utilisation-${firstWeek}-${count}w.csv`} className="button-link">
            {t('capacity.csv')}
          </a>
        )}
      </form>
      <p className="muted">{t('capacity.method')}</p>
      {busy.error ? (
        <p role="alert" className="notice error">
          {busy.error instanceof AppError && busy.error.status === 0 ? t('state.serverDown') : t('state.error')}
        </p>
      ) : busy.isPending ? (
        <p role="status" className="loading">
          {t('state.loading')}
        </p>
      ) : (
        <>
          <h3>{t('capacity.heatTitle')}</h3>
          <HeatMap rows={rows} weeks={weeks} name={name} forecastFrom={currentWeek} />
          <UtilTable rows={rows} weeks={weeks} name={name} pct={pct} />
          <h3>{t('capacity.trendTitle')}</h3>
          <TrendChart points={points} forecastFrom={currentWeek} />
          <div className="capacity-grid">
            <section className="card" aria-labelledby="busiest-title">
              <h3 id="busiest-title">{t('capacity.busiest')}</h3>
              <ol data-testid="busiest">
                {busiest.map((r) => (
                  <li key={r.facilityId}>
                    {name(r.facilityId)} — {pct(r.mean)}
                  </li>
                ))}
              </ol>
            </section>
            <section className="card" aria-labelledby="idlest-title">
              <h3 id="idlest-title">{t('capacity.idlest')}</h3>
              <ol data-testid="idlest">
                {idlest.map((r) => (
                  <li key={r.facilityId}>
                    {name(r.facilityId)} — {pct(r.mean)}
                  </li>
                ))}
              </ol>
            </section>
            <section className="card" aria-labelledby="forecast-title">
              <h3 id="forecast-title">{t('capacity.forecastTitle')}</h3>
              <p className="muted">{t('capacity.forecastNote')}</p>
              {forecast.length === 0 ? (
                <p className="empty">{t('capacity.noForecast')}</p>
              ) : (
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('capacity.week')}</th>
                      <th scope="col">{t('capacity.confirmed')}</th>
                      <th scope="col">{t('capacity.heldWeighted')}</th>
                      <th scope="col">{t('capacity.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {forecast.map((p) => (
                      <tr key={p.week}>
                        <td>{formatDate(`${p.week}T12:00:00+03:00`)}</td>
                        <td>{pct(p.confirmed + p.pending)}</td>
                        <td>{pct(p.held)}</td>
                        <td>{pct(p.total)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="card" aria-labelledby="revenue-title">
              <h3 id="revenue-title">
                {t('capacity.revenueTitle')} <span className="estimate-label">{t('capacity.estimate')}</span>
              </h3>
              <p className="muted">{t('capacity.revenueNote')}</p>
              <p data-testid="revenue-total">
                {t('capacity.revenueTotal')}: <strong>≈ {t('units.rub', { n: revenueTotal })}</strong>
              </p>
              <ol>
                {revenueRows.slice(0, 10).map((r) => (
                  <li key={r.facilityId}>
                    {name(r.facilityId)} — ≈ {t('units.rub', { n: r.revenue ?? 0 })}
                  </li>
                ))}
              </ol>
            </section>
          </div>
        </>
      )}
    </section>
  );
}

function UtilTable({
  rows,
  weeks,
  name,
  pct,
}: {
  rows: UtilRow[];
  weeks: string[];
  name: (id: string) => string;
  pct: (x: number) => string;
}) {
  const { t } = useI18n();
  return (
    <details className="table-fallback">
      <summary>{t('capacity.asTable')}</summary>
      <div className="chart-scroll">
        <table>
          <caption className="visually-hidden">{t('capacity.heatTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('approvals.facility')}</th>
              {weeks.map((w) => (
                <th key={w} scope="col">{`${w.slice(8)}.${w.slice(5, 7)}`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.facilityId}>
                <th scope="row">{name(r.facilityId)}</th>
                {r.cells.map((c) => (
                  <td key={c.week}>{pct(c.total)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
