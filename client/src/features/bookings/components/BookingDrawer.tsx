import { useEffect, useRef } from 'react';
import { AppError, type Role } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useBooking, useBookingHistory } from '../api/get-booking';
import { useBookingAction } from '../api/booking-action';
import { allowedActions } from '../lib/actions';
import { statusLabel } from './status-label';

/** Side drawer with one booking: phases, status, rank, history (staff), allowed actions. */
export function BookingDrawer({ bookingId, role, onClose }: { bookingId: string; role?: Role; onClose: () => void }) {
  const { t, formatRange, formatDateTime } = useI18n();
  const q = useBooking(bookingId);
  const staff = role === 'staff' || role === 'admin';
  const history = useBookingHistory(bookingId, staff);
  const action = useBookingAction();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const b = q.data;
  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby="drawer-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header>
        <h2 id="drawer-title">{b ? `${t('booking.details')}: ${b.title}` : t('booking.details')}</h2>
        <button ref={closeRef} type="button" onClick={onClose}>
          {t('booking.cancel')}
        </button>
      </header>
      {q.isPending && <p>{t('state.loading')}</p>}
      {q.error && <p role="alert" className="error">{q.error instanceof AppError && q.error.status === 404 ? t('booking.unavailable') : t('state.error')}</p>}
      {b && (
        <>
          <dl className="specs">
            <dt>{t('booking.status')}</dt>
            <dd>{statusLabel(t, b.status, b.holdRank)}</dd>
            {b.holdRank ? (
              <>
                <dt>{t('booking.rank')}</dt>
                <dd>{b.holdRank}</dd>
              </>
            ) : null}
            <dt>{t('booking.created.at')}</dt>
            <dd>{formatDateTime(b.createdAt)}</dd>
          </dl>
          <h3>{t('booking.phases')}</h3>
          <ul className="plain">
            {b.phases.map((p, i) => (
              <li key={i}>
                {t(`phase.${p.type}` as MessageKey)}: {formatRange(p.start, p.end)}
              </li>
            ))}
          </ul>
          {b.notes && <p>{b.notes}</p>}
          <div className="actions" role="group" aria-label={t('booking.actions')}>
            {allowedActions(b, role).map((a) => (
              <button key={a} type="button" disabled={action.isPending} onClick={() => action.mutate({ id: b.id, action: a })}>
                {t(`booking.action.${a}` as MessageKey)}
              </button>
            ))}
          </div>
          {action.error && <p role="alert" className="error">{action.error.message}</p>}
          {staff && history.data && (
            <>
              <h3>{t('booking.history')}</h3>
              <ol className="plain">
                {history.data.map((h, i) => (
                  <li key={i}>
                    {formatDateTime(h.at)} — {h.action} ({t(`role.${h.by.role}` as MessageKey)})
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </aside>
  );
}
