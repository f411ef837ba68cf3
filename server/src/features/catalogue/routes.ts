import { facilityQuerySchema } from '@moskino/shared';
import type { RouteDef } from '../../http/routes.js';
import { parseQuery } from '../../http/validate.js';
import { catalogueService } from './service.js';

// The catalogue is the cluster's public brochure: readable without signing in.
export const catalogueRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/api/sites',
    access: 'public',
    summary: 'List the sites of the cluster',
    handler: async (_req, res) => {
      res.json(await catalogueService.listSites());
    },
  },
  {
    method: 'get',
    path: '/api/facilities',
    access: 'public',
    summary: 'List facilities, filtered by site, kind, feature, minimum area and height, text',
    handler: async (req, res) => {
      const query = parseQuery(facilityQuerySchema, req);
      res.json(await catalogueService.listFacilities(query));
    },
  },
  {
    method: 'get',
    path: '/api/facilities/:id',
    access: 'public',
    summary: 'One facility by id or slug',
    handler: async (req, res) => {
      res.json(await catalogueService.getFacility(String(req.params.id)));
    },
  },
];
