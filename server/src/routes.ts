import type { RouteDef } from './http/routes.js';
import { healthRoutes } from './features/health/routes.js';
import { catalogueRoutes } from './features/catalogue/routes.js';
import { authRoutes } from './features/auth/routes.js';
import { bookingRoutes } from './features/bookings/routes.js';
import { partnerRoutes } from './features/partners/routes.js';
import { staffRoutes } from './features/staff/routes.js';
import { auditRoutes } from './features/audit/routes.js';
import { catalogueAdminRoutes } from './features/catalogue-admin/routes.js';
import { capacityRoutes } from './features/capacity/routes.js';

/** The whole API, one table. A route that is not here does not exist; every row has an access rule. */
export const routeTable: readonly RouteDef[] = [
  ...healthRoutes,
  ...catalogueRoutes,
  ...authRoutes,
  ...bookingRoutes,
  ...partnerRoutes,
  ...staffRoutes,
  ...auditRoutes,
  ...catalogueAdminRoutes,
  ...capacityRoutes,
];
