import { forecastQuerySchema, revenueQuerySchema, utilisationQuerySchema } from '@moskino/shared';
import type { RouteDef } from '../../http/routes.js';
import { parseQuery } from '../../http/validate.js';
import { capacityService } from './service.js';

const staff = ['staff', 'admin'] as const;

export const capacityRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/api/staff/utilisation',
    access: staff,
    summary:
      'Share of bookable time confirmed, pending, held (weighted by rank) and blacked out, per facility, zone or site and week or month; CSV with format=csv',
    handler: async (req, res) => {
      const q = parseQuery(utilisationQuerySchema, req);
      const u = await capacityService.utilisation(q);
      if (q.format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', 'attachment; filename="utilisation.csv"');
        res.send(capacityService.utilisationCsv(u));
      } else res.json(u);
    },
  },
  {
    method: 'get',
    path: '/api/staff/forecast',
    access: staff,
    summary: 'Forecast of the coming months from the pipeline: confirmed + pending + holds weighted by rank',
    handler: async (req, res) => {
      res.json(await capacityService.forecast(parseQuery(forecastQuerySchema, req).months));
    },
  },
  {
    method: 'get',
    path: '/api/staff/revenue',
    access: staff,
    summary: 'Estimated revenue per facility and period from day rates and phases (an estimate)',
    handler: async (req, res) => {
      const q = parseQuery(revenueQuerySchema, req);
      res.json(await capacityService.revenue(q.from, q.to, q.granularity));
    },
  },
];
