import { AppError } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useBookings } from '../api/get-bookings';
import { statusLabel } from './status-label';

/** Bookings the caller may see (a crew member: their organisation's). */
export function BookingsList({
  facilityName,
  onOpen,
}: {
  facilityName: (id: string) => string;
  onOpen: (id: string) => void;
}) {
  const { t, formatRange } = useI18n();
  const q = useBookings();
  if (q.isPending) return <p>{t('state.loading')}</p>;
  if (q.error)
    return (
      <p role="alert" className="error">
        {q.error instanceof AppError && q.error.status === 404
          ? t('booking.unavailable')
          : q.error instanceof AppError && q.error.status === 0
            ? t('state.serverDown')
            : t('state.error')}
      </p>
    );
  if (q.data.length === 0) return <p className="empty">{t('booking.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('booking.title')}</th>
            <th scope="col">{t('booking.facility')}</th>
            <th scope="col">{t('booking.status')}</th>
            <th scope="col">{t('booking.phases')}</th>
          </tr>
        </thead>
        <tbody>
          {q.data.map((b) => (
            <tr key={b.id}>
              <td>
                <button type="button" className="link" onClick={() => onOpen(b.id)}>
                  {b.title}
                </button>
              </td>
              <td>{facilityName(b.facilityId)}</td>
              <td>
                {statusLabel(t, b.status, b.holdRank)}
                {b.reason && (
                  <div className="muted" data-testid="booking-reason">
                    {t('booking.reason')}: {b.reason}
                  </div>
                )}
              </td>
              <td>
                {b.phases.map((p, i) => (
                  <div key={i}>
                    {t(`phase.${p.type}` as MessageKey)}: {formatRange(p.start, p.end)}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
