import { createBrowserRouter } from 'react-router-dom';
import { Layout } from './Layout';
import { TimelinePage } from './routes/TimelinePage';
import { FacilityPage } from './routes/FacilityPage';
import { BookingsPage } from './routes/BookingsPage';
import { LoginPage } from './routes/LoginPage';
import { InvitePage } from './routes/InvitePage';
import { NotFoundPage, RouteErrorPage } from './routes/NotFoundPage';

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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
