import { createBrowserRouter } from 'react-router-dom';
import { Layout } from './Layout';
import { TimelinePage } from './routes/TimelinePage';
import { FacilityPage } from './routes/FacilityPage';
import { BookingsPage } from './routes/BookingsPage';
import { LoginPage } from './routes/LoginPage';
import { InvitePage } from './routes/InvitePage';
import { NotFoundPage, RouteErrorPage } from './routes/NotFoundPage';

// Partner and staff pages are loaded only when opened (they are not on the initial path).
const availability = () => import('./routes/AvailabilityPage');
const free = () => import('./routes/FreeSearchPage');
const console_ = () => import('./routes/StaffConsole');
const notifications = () => import('./routes/NotificationsPage');

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <TimelinePage /> },
      { path: 'facilities/:idOrSlug', element: <FacilityPage /> },
      { path: 'bookings', element: <BookingsPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'invite/:token', element: <InvitePage /> },
      { path: 'availability', lazy: () => availability().then((m) => ({ Component: m.AvailabilityPage })) },
      { path: 'notifications', lazy: () => notifications().then((m) => ({ Component: m.NotificationsPage })) },
      { path: 'free', lazy: () => free().then((m) => ({ Component: m.FreeSearchPage })) },
      {
        path: 'staff',
        lazy: () => console_().then((m) => ({ Component: m.StaffConsole })),
        children: [
          { index: true, lazy: () => console_().then((m) => ({ Component: m.ApprovalsPage })) },
          { path: 'holds', lazy: () => console_().then((m) => ({ Component: m.HoldsPage })) },
          { path: 'blackouts', lazy: () => console_().then((m) => ({ Component: m.BlackoutsPage })) },
          { path: 'capacity', lazy: () => console_().then((m) => ({ Component: m.CapacityPage })) },
          { path: 'audit', lazy: () => console_().then((m) => ({ Component: m.AuditPage })) },
          { path: 'users', lazy: () => console_().then((m) => ({ Component: m.UsersPage })) },
          { path: 'partners', lazy: () => console_().then((m) => ({ Component: m.PartnersPage })) },
        ],
      },
      {
        path: 'admin',
        lazy: () => console_().then((m) => ({ Component: m.AdminConsole })),
        children: [{ path: 'catalogue', lazy: () => console_().then((m) => ({ Component: m.CatalogueAdminPage })) }],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
