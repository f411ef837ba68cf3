import type { Health } from '@moskino/shared';
import type { RouteDef } from '../../http/routes.js';
import { pingDatabase } from '../../db/connection.js';

export const healthRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/api/health',
    access: 'public',
    summary: 'Liveness and database reachability (503 when the database is down)',
    handler: async (_req, res) => {
      const dbUp = await pingDatabase();
      const body: Health = dbUp ? { status: 'ok', db: 'ok' } : { status: 'degraded', db: 'down' };
      res.setHeader('Cache-Control', 'no-store');
      res.status(dbUp ? 200 : 503).json(body);
    },
  },
];
