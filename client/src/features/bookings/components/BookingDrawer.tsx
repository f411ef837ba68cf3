import { useEffect, useId, useRef, useState } from 'react';
import { AppError, type HistoryEntry, type Role } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useBooking, useBookingHistory } from '../api/get-booking';
import { useBookingAction, type BookingAction } from '../api/booking-action';
import { allowedActions } from '../lib/actions';
import { bookingErrorMessage } from '../lib/errors';
import { parseConflictDetails } from '../types';
import { ConflictNotice } from './ConflictNotice';
import { statusLabel } from './status-label';

function historyLine(
  t: ReturnType<typeof useI18n>['t'],
  formatRange: ReturnType<typeof useI18n>['formatRange'],
  h: HistoryEntry,
): string {
  const key = `history.${h.action}` as MessageKey;
  const translated = t(key);
  const action = h.action.startsWith('released') ? t('history.released') : translated === key ? h.action : translated;
  const parts = [action];
  const before = h.before;
  const after = h.after;
  if (before && before.status !== after.status) {
    parts.push(
      t('history.status', {
        from: statusLabel(t, before.status, before.holdRank),
        to: statusLabel(t, after.status, after.holdRank),
      }),
    );
  }
  const span = (b: NonNullable<HistoryEntry['before']>) =>
    formatRange(b.phases[0]!.start, b.phases[b.phases.length - 1]!.end);
  if (before && before.phases.length && after.phases.length && span(before) !== span(after))
    parts.push(t('history.time', { from: span(before), to: span(after) }));
  if (before && before.notes !== after.notes && after.notes) parts.push(t('history.notes', { notes: after.notes }));
  return parts.join('; ');
}

type DrawerProps = {
  bookingId: string;
  role?: Role;
  onClose: () => void;
  facilityName?: (id: string) => string | undefined;
};

/** Side drawer with one booking: phases, status, rank, history (staff), allowed actions. Its state
 * (a reason being typed, the last answer) starts afresh for each booking opened. */
export function BookingDrawer(props: DrawerProps) {
  return <Drawer key={props.bookingId} {...props} />;
}

function Drawer({ bookingId, role, onClose, facilityName }: DrawerProps) {
  const { t, formatRange, formatDateTime } = useI18n();
  const id = useId();
  const q = useBooking(bookingId);
  const staff = role === 'staff' || role === 'admin';
  const history = useBookingHistory(bookingId, staff);
  const action = useBookingAction();
  const closeRef = useRef<HTMLButtonElement>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => closeRef.current?.focus(), [bookingId]);
  const b = q.data;

  const run = (a: BookingAction) => {
    if (!b) return;
    if (a === 'reject' && !rejecting) {
      setRejecting(true);
      return;
    }
    if (a === 'reject' && !reason.trim()) {
      setReasonError(true);
      return;
    }
    setDone(null);
    action.mutate(
      { id: b.id, action: a, reason: a === 'reject' ? reason.trim() : undefined },
      {
        onSuccess: (nb) => {
          setRejecting(false);
          setDone(t('booking.done', { status: statusLabel(t, nb.status, nb.holdRank) }));
        },
      },
    );
  };

  const err = action.error;
  const conflict =
    err instanceof AppError && err.code === 'booking_conflict' ? parseConflictDetails(err.details) : null;

  return (
    <aside
      className="drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <header>
        <h2 id={`${id}-title`}>{b ? `${t('booking.details')}: ${b.title}` : t('booking.details')}</h2>
        <button ref={closeRef} type="button" onClick={onClose}>
          {t('booking.cancel')}
        </button>
      </header>
      {q.isPending && <p>{t('state.loading')}</p>}
      {q.error && (
        <p role="alert" className="error">
          {q.error instanceof AppError && q.error.status === 404
            ? t('booking.unavailable')
            : bookingErrorMessage(t, q.error)}
        </p>
      )}
      {b && (
        <>
          <dl className="specs">
            {facilityName?.(b.facilityId) && (
              <>
                <dt>{t('booking.facility')}</dt>
                <dd>{facilityName(b.facilityId)}</dd>
              </>
            )}
            <dt>{t('booking.status')}</dt>
            <dd data-testid="booking-status">
              <span className={`status-pill status-${b.status}`}>{statusLabel(t, b.status, b.holdRank)}</span>
            </dd>
            {b.reason && (
              <>
                <dt>{t('booking.reason')}</dt>
                <dd data-testid="booking-reason">{b.reason}</dd>
              </>
            )}
            <dt>{t('booking.kind')}</dt>
            <dd>{b.kind === 'blackout' ? t('status.blackout') : t(`booking.kind.${b.kind}` as MessageKey)}</dd>
            <dt>{t('booking.created.at')}</dt>
            <dd>{formatDateTime(b.createdAt)}</dd>
          </dl>
          <h3>{t('booking.phases')}</h3>
          <ul className="plain" data-testid="booking-phases">
            {b.phases.map((p, i) => (
              <li key={i}>
                {t(`phase.${p.type}` as MessageKey)}: {formatRange(p.start, p.end)}
              </li>
            ))}
          </ul>
          {b.notes && <p className="notes">{b.notes}</p>}
          <div className="actions" role="group" aria-label={t('booking.actions')}>
            {allowedActions(b, role).map((a) => (
              <button
                key={a}
                type="button"
                className={a === 'confirm' || a === 'firm' ? 'primary' : undefined}
                disabled={action.isPending}
                onClick={() => run(a)}
                aria-expanded={a === 'reject' ? rejecting : undefined}
              >
                {t(`booking.action.${a}` as MessageKey)}
              </button>
            ))}
          </div>
          {rejecting && (
            <form
              className="form reject-form"
              onSubmit={(e) => {
                e.preventDefault();
                run('reject');
              }}
            >
              <label>
                {t('booking.reject.reason')}
                <textarea
                  rows={2}
                  value={reason}
                  autoFocus
                  onChange={(e) => {
                    setReason(e.target.value);
                    setReasonError(false);
                  }}
                  aria-invalid={reasonError}
                  aria-describedby={reasonError ? `${id}-reason-err` : undefined}
                />
              </label>
              {reasonError && (
                <p id={`${id}-reason-err`} className="error">
                  {t('booking.reject.required')}
                </p>
              )}
              <button type="submit" disabled={action.isPending}>
                {t('booking.reject.submit')}
              </button>
            </form>
          )}
          {done && !err && (
            <p role="status" className="ok">
              {done}
            </p>
          )}
          {conflict ? (
            <ConflictNotice
              details={conflict}
              title={bookingErrorMessage(t, err)}
              facilityId={b.facilityId}
              facilityName={facilityName}
            />
          ) : err ? (
            <p role="alert" className="error">
              {bookingErrorMessage(t, err)}
            </p>
          ) : null}
          {staff && (
            <section aria-labelledby={`${id}-history`}>
              <h3 id={`${id}-history`}>{t('booking.history')}</h3>
              {history.isPending && <p>{t('state.loading')}</p>}
              {history.error && <p className="error">{bookingErrorMessage(t, history.error)}</p>}
              {history.data && history.data.length === 0 && <p className="empty">{t('history.empty')}</p>}
              {history.data && history.data.length > 0 && (
                <ol className="history" data-testid="booking-history">
                  {history.data.map((h, i) => (
                    <li key={i}>
                      <time dateTime={h.at}>{formatDateTime(h.at)}</time> — {historyLine(t, formatRange, h)} (
                      {t(`role.${h.by.role}` as MessageKey)})
                    </li>
                  ))}
                </ol>
              )}
            </section>
          )}
        </>
      )}
    </aside>
  );
}
