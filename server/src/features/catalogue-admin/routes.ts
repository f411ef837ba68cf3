import {
  AppError,
  catalogueExportQuerySchema,
  catalogueImportBodySchema,
  facilityInputSchema,
  facilityPatchSchema,
  retireBodySchema,
} from '@moskino/shared';
import type { Request } from 'express';
import { requireCaller, type RouteDef } from '../../http/routes.js';
import { parseBody, parseQuery } from '../../http/validate.js';
import { catalogueAdminService } from './service.js';

const admin = ['admin'] as const;

function facilityId(req: Request): string {
  const id = String(req.params.id ?? '');
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new AppError('invalid_id', 'Malformed facility id');
  return id;
}

export const catalogueAdminRoutes: RouteDef[] = [
  {
    method: 'post',
    path: '/api/admin/facilities',
    access: admin,
    summary: 'Create a facility or zone',
    handler: async (req, res) => {
      res.status(201).json(await catalogueAdminService.create(requireCaller(res), parseBody(facilityInputSchema, req)));
    },
  },
  {
    method: 'patch',
    path: '/api/admin/facilities/:id',
    access: admin,
    summary: 'Edit a facility or zone; refused (409 catalogue_conflict) when existing bookings are in the way',
    handler: async (req, res) => {
      const id = facilityId(req);
      res.json(await catalogueAdminService.update(requireCaller(res), id, parseBody(facilityPatchSchema, req)));
    },
  },
  {
    method: 'post',
    path: '/api/admin/facilities/:id/retire',
    access: admin,
    summary: 'Retire a facility or zone; refused while bookings are still to come on it',
    handler: async (req, res) => {
      const id = facilityId(req);
      res.json(await catalogueAdminService.retire(requireCaller(res), id, parseBody(retireBodySchema, req).reason));
    },
  },
  {
    method: 'get',
    path: '/api/admin/catalogue/export',
    access: admin,
    summary: 'The catalogue as JSON rows or CSV (parents by slug)',
    handler: async (req, res) => {
      const { format } = parseQuery(catalogueExportQuerySchema, req);
      if (format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', 'attachment; filename="catalogue.csv"');
        res.send(await catalogueAdminService.exportCsv());
      } else {
        res.json({ rows: await catalogueAdminService.exportRows() });
      }
    },
  },
  {
    method: 'post',
    path: '/api/admin/catalogue/import',
    access: admin,
    summary:
      'Import a catalogue (JSON rows or CSV text): every bad row reported by line and field, nothing imported if any',
    handler: async (req, res) => {
      const body = parseBody(catalogueImportBodySchema, req);
      const caller = requireCaller(res);
      const { rows, problems } =
        body.format === 'csv'
          ? catalogueAdminService.rowsFromCsv(body.csv)
          : { rows: body.rows.map((value, i) => ({ line: i + 1, value })), problems: [] };
      const result = await catalogueAdminService.import(caller, rows, {
        dryRun: body.dryRun,
        initialProblems: problems,
      });
      res.status(result.imported || body.dryRun ? 200 : 400).json(result);
    },
  },
];
