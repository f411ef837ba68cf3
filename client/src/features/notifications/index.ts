export { NotificationBell } from './components/NotificationBell';
export { NotificationsList, type NotificationsListProps } from './components/NotificationsList';
export { useNotifications } from './api/get-notifications';
export { countNew } from './lib/seen';
