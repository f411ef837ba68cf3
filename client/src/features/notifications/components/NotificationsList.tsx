import { useEffect, useState } from 'react';
import { AppError } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';
import { useNotifications } from '../api/get-notifications';
import { markSeen, useSeenAt } from '../lib/seen';

export interface NotificationsListProps {
  userId: string;
  /** Opens the booking a notification is about (the page composes the bookings drawer). */
  onOpenBooking?: (bookingId: string) => void;
}

/** The organisation's notifications, newest first, each with its reason; opening the list marks them seen. */
export function NotificationsList({ userId, onOpenBooking }: NotificationsListProps) {
  const { t, lang, formatDateTime } = useI18n();
  const q = useNotifications(true);
  const seenAt = useSeenAt(userId);
  // What was new when the page opened stays marked as new while it is shown.
  const [newSince] = useState(seenAt);
  const newest = q.data?.[0]?.at;
  useEffect(() => {
    if (newest) markSeen(userId, Math.max(Date.parse(newest), Date.now()));
  }, [newest, userId]);

  if (q.error)
    return (
      <p role="alert" className="notice error">
        {q.error instanceof AppError && q.error.status === 0 ? t('state.serverDown') : t('state.error')}
      </p>
    );
  if (!q.data)
    return (
      <p role="status" className="loading">
        {t('state.loading')}
      </p>
    );
  if (q.data.length === 0) return <p className="empty card">{t('notifications.none')}</p>;
  return (
    <ol className="notifications" data-testid="notifications">
      {q.data.map((n) => (
        <li key={n.id} className={`card notification notification-${n.kind}`}>
          <p>
            <time dateTime={n.at} className="muted">
              {formatDateTime(n.at)}
            </time>
            {Date.parse(n.at) > newSince && <span className="badge new">{t('notifications.new')}</span>}
          </p>
          <p className="notification-message">{n.message[lang]}</p>
          {n.reason && (
            <p data-testid="notification-reason">
              <strong>{t('notifications.reason')}:</strong> {n.reason}
            </p>
          )}
          {n.bookingId && onOpenBooking && (
            <button type="button" className="link" onClick={() => onOpenBooking(n.bookingId!)}>
              {t('notifications.open')}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}
