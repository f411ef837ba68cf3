import { Suspense, lazy, useMemo } from 'react';
import { AppError } from '@moskino/shared';
import { DateField } from '../../../components/DateField';
import { useI18n } from '../../../lib/i18n';
import { useUtilisation, utilisationCsvHref, type UtilisationParams } from '../api/get-utilisation';
import { useForecast } from '../api/get-forecast';
import { useRevenue } from '../api/get-revenue';
import { toHeatRows, trend, windowOf } from '../lib/utilisation';
import { HeatMap } from './HeatMap';
import './capacity.css';

// Chart.js is loaded only when the utilisation page draws its trend (its own chunk).
const TrendChart = lazy(() => import('./TrendChart').then((m) => ({ default: m.TrendChart })));

export interface UtilisationSettings {
  /** First period: a Monday (weeks) or any day of the first month (months), Moscow date. */
  first: string;
  count: number;
  granularity: 'week' | 'month';
  level: 'facility' | 'zone' | 'site';
}

export interface UtilisationViewProps {
  settings: UtilisationSettings;
  /** The start of the current week or month (Moscow date): periods from it on are still to come. */
  current: string;
  onChange: (s: UtilisationSettings) => void;
  /** Facility names by id (for the busiest, idlest and revenue lists). */
  facilityName: (id: string) => string;
}

const counts = { week: [8, 13, 16, 26, 52], month: [3, 6, 12, 13] } as const;

/** Utilisation by facility, zone or site and week or month (computed by the server): heat map, trend, busiest/idlest, forecast, estimated revenue, CSV. */
export function UtilisationView({ settings, current, onChange, facilityName }: UtilisationViewProps) {
  const { t, lang, formatNumber, formatDate } = useI18n();
  const { from, to } = windowOf(settings.first, settings.count, settings.granularity);
  const params: UtilisationParams = { from, to, granularity: settings.granularity, level: settings.level };
  const util = useUtilisation(params);
  const forecast = useForecast(6);
  const revenue = useRevenue({ from, to, granularity: settings.granularity });
  const rows = useMemo(() => toHeatRows(util.data, lang), [util.data, lang]);
  const periods = rows[0]?.cells.map((c) => c.period) ?? [];
  const points = useMemo(() => trend(rows), [rows]);
  const pct = (x: number) => `${formatNumber(Math.round(x * 1000) / 10)} %`;
  const rub = (n: number) => t('units.rub', { n: Math.round(n) });
  const currentPeriod = settings.granularity === 'week' ? current : `${current.slice(0, 7)}-01`;

  return (
    <section aria-labelledby="capacity-title">
      <h2 id="capacity-title">{t('capacity.title')}</h2>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t('capacity.period')}>
        <label>
          {t('capacity.level')}{' '}
          <select
            value={settings.level}
            onChange={(e) => onChange({ ...settings, level: e.target.value as UtilisationSettings['level'] })}
          >
            <option value="facility">{t('capacity.level.facility')}</option>
            <option value="zone">{t('capacity.level.zone')}</option>
            <option value="site">{t('capacity.level.site')}</option>
          </select>
        </label>
        <label>
          {t('capacity.granularity')}{' '}
          <select
            value={settings.granularity}
            onChange={(e) => {
              const g = e.target.value as UtilisationSettings['granularity'];
              onChange({ ...settings, granularity: g, count: g === 'week' ? 16 : 6 });
            }}
          >
            <option value="week">{t('capacity.byWeek')}</option>
            <option value="month">{t('capacity.byMonth')}</option>
          </select>
        </label>
        <DateField
          className="toolbar-date"
          label={t('capacity.firstPeriod')}
          value={settings.first}
          onChange={(d) => d && onChange({ ...settings, first: d })}
          required
        />
        <label>
          {settings.granularity === 'week' ? t('capacity.weeks') : t('capacity.months')}{' '}
          <select value={settings.count} onChange={(e) => onChange({ ...settings, count: Number(e.target.value) })}>
            {counts[settings.granularity].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <a href={utilisationCsvHref(params)} download className="button-link">
          {t('capacity.csv')}
        </a>
      </form>
      <p className="muted">{t('capacity.method')}</p>
      {util.error ? (
        <p role="alert" className="notice error">
          {util.error instanceof AppError && util.error.status === 0 ? t('state.serverDown') : t('state.error')}
        </p>
      ) : !util.data ? (
        <p role="status" className="loading">
          {t('state.loading')}
        </p>
      ) : (
        <>
          <h3>{t('capacity.heatTitle')}</h3>
          <HeatMap rows={rows} periods={periods} granularity={settings.granularity} forecastFrom={currentPeriod} />
          <details className="table-fallback">
            <summary>{t('capacity.asTable')}</summary>
            <div className="chart-scroll">
              <table>
                <caption className="visually-hidden">{t('capacity.heatTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`capacity.level.${settings.level}`)}</th>
                    {periods.map((p) => (
                      <th key={p} scope="col">
                        {formatDate(`${p}T12:00:00+03:00`)}
                      </th>
                    ))}
                    <th scope="col">{t('capacity.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.name}</th>
                      {r.cells.map((c) => (
                        <td key={c.period}>{pct(c.total)}</td>
                      ))}
                      <td>{pct(r.mean)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <h3>{t('capacity.trendTitle')}</h3>
          <Suspense
            fallback={
              <p role="status" className="loading">
                {t('state.loading')}
              </p>
            }
          >
            <TrendChart points={points} granularity={settings.granularity} forecastFrom={currentPeriod} />
          </Suspense>
          <div className="capacity-grid">
            <section className="card" aria-labelledby="busiest-title">
              <h3 id="busiest-title">{t('capacity.busiest')}</h3>
              <p className="muted">{t('capacity.firmShare')}</p>
              <ol data-testid="busiest">
                {util.data.busiest.map((r) => (
                  <li key={r.facilityId}>
                    {facilityName(r.facilityId)} — {pct(r.share)}
                  </li>
                ))}
              </ol>
            </section>
            <section className="card" aria-labelledby="idlest-title">
              <h3 id="idlest-title">{t('capacity.idlest')}</h3>
              <p className="muted">{t('capacity.firmShare')}</p>
              <ol data-testid="idlest">
                {util.data.idlest.map((r) => (
                  <li key={r.facilityId}>
                    {facilityName(r.facilityId)} — {pct(r.share)}
                  </li>
                ))}
              </ol>
            </section>
            <section className="card" aria-labelledby="forecast-title">
              <h3 id="forecast-title">{t('capacity.forecastTitle')}</h3>
              <p className="muted">{t('capacity.forecastNote')}</p>
              {forecast.error ? (
                <p role="alert" className="error">
                  {t('state.error')}
                </p>
              ) : !forecast.data ? (
                <p role="status">{t('state.loading')}</p>
              ) : (
                <div className="table-scroll">
                  <table className="table" data-testid="forecast">
                    <thead>
                      <tr>
                        <th scope="col">{t('capacity.month')}</th>
                        <th scope="col">{t('capacity.confirmed')}</th>
                        <th scope="col">{t('capacity.pending')}</th>
                        <th scope="col">{t('capacity.heldWeighted')}</th>
                        <th scope="col">{t('capacity.expected')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {forecast.data.months.map((m) => {
                        const h = m.bookableHours || 1;
                        return (
                          <tr key={m.start}>
                            <td>
                              {new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
                                month: 'long',
                                year: 'numeric',
                                timeZone: 'Europe/Moscow',
                              }).format(new Date(m.start))}
                            </td>
                            <td>{pct(m.confirmedHours / h)}</td>
                            <td>{pct(m.pendingHours / h)}</td>
                            <td>{pct(m.weightedHeldHours / h)}</td>
                            <td>
                              <strong>{pct(m.expectedShare)}</strong>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section className="card" aria-labelledby="revenue-title">
              <h3 id="revenue-title">
                {t('capacity.revenueTitle')} <span className="estimate-label">{t('capacity.estimate')}</span>
              </h3>
              <p className="muted">{t('capacity.revenueNote')}</p>
              {revenue.error ? (
                <p role="alert" className="error">
                  {t('state.error')}
                </p>
              ) : !revenue.data ? (
                <p role="status">{t('state.loading')}</p>
              ) : (
                <>
                  <p data-testid="revenue-total">
                    {t('capacity.revenueConfirmed')}: <strong>≈ {rub(revenue.data.totalConfirmed)}</strong>
                    <br />
                    {t('capacity.revenuePending')}: ≈ {rub(revenue.data.totalPending)}
                  </p>
                  <ol>
                    {[...revenue.data.rows]
                      .filter((r) => r.confirmed + r.pending > 0)
                      .sort((a, b) => b.confirmed + b.pending - (a.confirmed + a.pending))
                      .slice(0, 10)
                      .map((r) => (
                        <li key={r.facilityId}>
                          {facilityName(r.facilityId)} — ≈ {rub(r.confirmed + r.pending)}
                        </li>
                      ))}
                  </ol>
                </>
              )}
            </section>
          </div>
        </>
      )}
    </section>
  );
}
