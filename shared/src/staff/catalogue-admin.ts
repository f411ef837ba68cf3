import { z } from 'zod';
import {
  bookingRulesSchema,
  dayRatesSchema,
  facilityKindSchema,
  localizedTextSchema,
  siteSlugSchema,
} from '../catalogue.js';

/** Catalogue administration (admins): facilities and zones, import and export. */

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id');
export const facilitySlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'lower-case letters, digits, "-" and "_"');

const rulesSchema = bookingRulesSchema.refine((r) => r.maxUnits >= r.minUnits, {
  message: 'maxUnits must be at least minUnits',
  path: ['maxUnits'],
});

/** Every field of a facility as an admin sends it (no defaults: the base of the PATCH schema). */
const facilityFieldsSchema = z.strictObject({
  slug: facilitySlugSchema,
  site: siteSlugSchema,
  parentId: objectId.nullable(),
  kind: facilityKindSchema,
  name: localizedTextSchema,
  areaM2: z.number().nonnegative().nullable(),
  heightM: z.number().nonnegative().nullable(),
  features: z.array(z.string().regex(/^[a-z0-9_]+$/, 'feature tags: a-z, 0-9, _')).max(100),
  period: z.string().max(80).nullable(),
  bookable: z.boolean(),
  status: z.enum(['operating', 'planned', 'retired']),
  estimated: z.boolean(),
  source: z.string().max(500).nullable(),
  notes: z.string().max(4000),
  rules: rulesSchema,
  dayRates: dayRatesSchema.nullable(),
});

export const facilityInputSchema = facilityFieldsSchema.extend({
  areaM2: facilityFieldsSchema.shape.areaM2.default(null),
  heightM: facilityFieldsSchema.shape.heightM.default(null),
  features: facilityFieldsSchema.shape.features.default([]),
  period: facilityFieldsSchema.shape.period.default(null),
  status: facilityFieldsSchema.shape.status.default('operating'),
  estimated: facilityFieldsSchema.shape.estimated.default(true),
  source: facilityFieldsSchema.shape.source.default(null),
  notes: facilityFieldsSchema.shape.notes.default(''),
  dayRates: facilityFieldsSchema.shape.dayRates.default(null),
});
export type FacilityInput = z.infer<typeof facilityInputSchema>;

/** PATCH: any subset of the fields, with the reason for the audit trail. */
export const facilityPatchSchema = facilityFieldsSchema
  .omit({ rules: true })
  .partial()
  .extend({ rules: bookingRulesSchema.partial().optional(), reason: z.string().trim().max(1000).optional() })
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'reason'), 'nothing to change');
export type FacilityPatch = z.infer<typeof facilityPatchSchema>;

export const retireBodySchema = z.strictObject({ reason: z.string().trim().max(1000).optional() });

/** A row of the catalogue file (JSON or CSV): parents by slug, so a file can be imported into any database. */
export const catalogueRowSchema = facilityInputSchema
  .omit({ parentId: true })
  .extend({ parentSlug: facilitySlugSchema.nullable() });
export type CatalogueRow = z.infer<typeof catalogueRowSchema>;

export const catalogueExportQuerySchema = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

/** Body of `POST /api/admin/catalogue/import`: a JSON catalogue (`rows`) or the text of a CSV file. */
export const catalogueImportBodySchema = z.union([
  z.strictObject({
    format: z.literal('json'),
    rows: z.array(z.unknown()).min(1).max(5000),
    dryRun: z.boolean().optional(),
  }),
  z.strictObject({ format: z.literal('csv'), csv: z.string().min(1).max(2_000_000), dryRun: z.boolean().optional() }),
]);
export type CatalogueImportBody = z.infer<typeof catalogueImportBodySchema>;

export const importProblemSchema = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const catalogueImportResultSchema = z.object({
  imported: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  problems: z.array(importProblemSchema),
});
export type CatalogueImportResult = z.infer<typeof catalogueImportResultSchema>;

/** A catalogue change refused because of existing bookings. */
export const bookingInTheWaySchema = z.object({
  bookingId: z.string(),
  facilityId: z.string(),
  status: z.string(),
  start: z.string(),
  end: z.string(),
  problem: z.string(),
});
