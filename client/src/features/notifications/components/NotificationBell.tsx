import { NavLink } from 'react-router-dom';
import { useI18n } from '../../../lib/i18n';
import { useNotifications } from '../api/get-notifications';
import { countNew, useSeenAt } from '../lib/seen';

/** A bell in the top bar with the number of notifications since the list was last opened. */
export function NotificationBell({ userId }: { userId: string }) {
  const { t, formatNumber } = useI18n();
  const q = useNotifications(true);
  const n = countNew(q.data, useSeenAt(userId));
  return (
    <NavLink to="/notifications" className="bell" aria-label={n > 0 ? t('notifications.bell', { n }) : t('notifications.bellNone')} data-testid="notification-bell">
      <span aria-hidden="true">🔔</span>
      {n > 0 && (
        <span className="bell-count" aria-hidden="true">
          {formatNumber(n)}
        </span>
      )}
    </NavLink>
  );
}
