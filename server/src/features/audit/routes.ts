import { auditQuerySchema } from '@moskino/shared';
import type { RouteDef } from '../../http/routes.js';
import { parseQuery } from '../../http/validate.js';
import { auditService } from './service.js';

export const auditRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/api/staff/audit',
    access: ['staff', 'admin'],
    summary: 'Search the audit log (bookings, blackouts, users, organisations, catalogue) with before and after',
    handler: async (req, res) => {
      res.json(await auditService.search(parseQuery(auditQuerySchema, req)));
    },
  },
];
