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
    <NavLink
      to="/notifications"
      className="bell"
      aria-label={n > 0 ? t('notifications.bell', { n }) : t('notifications.bellNone')}
      data-testid="notification-bell"
    >
      <svg
        aria-hidden="true"
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {n > 0 && (
        <span className="bell-count" aria-hidden="true">
          {formatNumber(n)}
        </span>
      )}
    </NavLink>
  );
}
