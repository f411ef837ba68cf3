import { useMemo } from 'react';
import { AppError } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';
import { useMonthAvailability } from '../api/get-availability';
import { addMonths, moscowMidnightIso } from '../lib/dates';
import { summarise, toMonthGrid } from '../lib/month-grid';
import { MonthGrid, MonthGridLegend, type GridFacility } from './MonthGrid';

/** The month grid with its own data: one availability request for the month (and site, when chosen). */
export function MonthAvailability({
  facilities,
  month,
  site,
  onMonth,
}: {
  facilities: GridFacility[];
  month: string;
  site?: string;
  onMonth: (month: string) => void;
}) {
  const { t, lang } = useI18n();
  const range = { from: moscowMidnightIso(`${month}-01`), to: moscowMidnightIso(`${addMonths(month, 1)}-01`), site };
  const availability = useMonthAvailability(range);
  const ids = useMemo(() => facilities.map((f) => f.id), [facilities]);
  const rows = useMemo(() => toMonthGrid(availability.data, ids, month), [availability.data, ids, month]);
  const totals = summarise(rows);
  const monthName = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T00:00:00Z`));
  return (
    <section aria-labelledby="month-title">
      <div className="toolbar">
        <h2 id="month-title">{t('grid.title', { month: monthName })}</h2>
        <div role="group" className="segmented" aria-label={t('grid.monthNav')}>
          <button type="button" onClick={() => onMonth(addMonths(month, -1))} aria-label={t('grid.prev')}>
            ‹
          </button>
          <button type="button" onClick={() => onMonth(addMonths(month, 1))} aria-label={t('grid.next')}>
            ›
          </button>
        </div>
      </div>
      <MonthGridLegend />
      {availability.error ? (
        <p role="alert" className="notice error">
          {availability.error instanceof AppError && availability.error.status === 0
            ? t('state.serverDown')
            : t('state.error')}
        </p>
      ) : availability.isPending ? (
        <p role="status" className="loading">
          {t('state.loading')}
        </p>
      ) : facilities.length === 0 ? (
        <p className="empty card">{t('state.empty')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('grid.summary', {
              free: totals.free,
              held: totals.held,
              booked: totals.booked,
              blocked: totals.blocked,
            })}
          </p>
          <MonthGrid facilities={facilities} rows={rows} caption={t('grid.title', { month: monthName })} />
        </>
      )}
    </section>
  );
}
