import { z } from 'zod';

/** Text a person reads, always in both languages. */
export const localizedTextSchema = z.object({ ru: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const siteSlugs = ['kinozavod', 'kinopark', 'gorky_valdaisky', 'gorky_eisenstein'] as const;
export const siteSlugSchema = z.enum(siteSlugs);
export type SiteSlug = z.infer<typeof siteSlugSchema>;

export const facilityKinds = [
  'pavilion',
  'led_volume',
  'backlot_zone',
  'backlot_set',
  'studio_complex',
  'virtual_studio',
  'mocap_studio',
  'support_facility',
] as const;
export const facilityKindSchema = z.enum(facilityKinds);
export type FacilityKind = z.infer<typeof facilityKindSchema>;

/** Units a facility is booked in; times are aligned to them in Europe/Moscow. */
export const bookingUnits = ['hour', 'shift', 'day'] as const;
export const bookingUnitSchema = z.enum(bookingUnits);
export type BookingUnit = z.infer<typeof bookingUnitSchema>;

export const phaseTypes = ['build', 'prelight', 'shoot', 'strike'] as const;
export const phaseTypeSchema = z.enum(phaseTypes);
export type PhaseType = z.infer<typeof phaseTypeSchema>;

export const bookingRulesSchema = z.object({
  bookingUnit: bookingUnitSchema,
  /** Shortest and longest booking, in booking units (a booking's span from first start to last end). */
  minUnits: z.number().int().min(1),
  maxUnits: z.number().int().min(1),
  /** How long before its start a booking must be placed. */
  leadTimeHours: z.number().int().min(0),
  /** How far ahead a booking may end. */
  horizonDays: z.number().int().min(1),
  /** Turnaround time that must stay free between two different bookings. */
  bufferMinutes: z.number().int().min(0),
});
export type BookingRules = z.infer<typeof bookingRulesSchema>;

export const dayRatesSchema = z.object({
  build: z.number().nonnegative(),
  prelight: z.number().nonnegative(),
  shoot: z.number().nonnegative(),
  strike: z.number().nonnegative(),
});
export type DayRates = z.infer<typeof dayRatesSchema>;

export const siteSchema = z.object({
  id: z.string(),
  slug: siteSlugSchema,
  name: localizedTextSchema,
  address: localizedTextSchema,
  brand: z.enum(['moskino', 'gorky']),
});
export type Site = z.infer<typeof siteSchema>;

export const facilitySchema = z.object({
  id: z.string(),
  slug: z.string(),
  /** null at the top of a site. */
  parentId: z.string().nullable(),
  /** The top-most bookable facility of this one's branch; bookings under one root are serialised. */
  rootId: z.string(),
  site: siteSlugSchema,
  kind: facilityKindSchema,
  name: localizedTextSchema,
  areaM2: z.number().nullable(),
  heightM: z.number().nullable(),
  features: z.array(z.string()),
  /** Period or style of a set, as a feature tag (e.g. `period_1940s`, `medieval_fantasy`). */
  period: z.string().nullable(),
  bookable: z.boolean(),
  status: z.enum(['operating', 'planned', 'retired']),
  /** True when the figures have no public source (placeholders); shown as such in the product. */
  estimated: z.boolean(),
  source: z.string().nullable(),
  notes: z.string(),
  rules: bookingRulesSchema,
  /** Placeholder day rates in roubles, always an estimate. */
  dayRates: dayRatesSchema.nullable(),
});
export type Facility = z.infer<typeof facilitySchema>;

const optionalNumber = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative number')
  .transform(Number)
  .optional();

/** `GET /api/facilities` query; every value a plain string (arrays or objects are refused). */
export const facilityQuerySchema = z.strictObject({
  site: siteSlugSchema.optional(),
  kind: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(facilityKindSchema))
    .optional(),
  feature: z
    .string()
    .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, 'comma-separated feature tags')
    .transform((s) => s.split(','))
    .optional(),
  minArea: optionalNumber,
  minHeight: optionalNumber,
  bookable: z
    .enum(['true', 'false'])
    .transform((s) => s === 'true')
    .optional(),
  q: z.string().max(100).optional(),
});
export type FacilityQuery = z.infer<typeof facilityQuerySchema>;

/** Pure filter, used by the server and by the client's filter panel alike. */
export function matchesFacilityQuery(f: Facility, q: FacilityQuery): boolean {
  if (q.site && f.site !== q.site) return false;
  if (q.kind && !q.kind.includes(f.kind)) return false;
  if (q.feature && !q.feature.every((tag) => f.features.includes(tag))) return false;
  if (q.minArea !== undefined && (f.areaM2 ?? 0) < q.minArea) return false;
  if (q.minHeight !== undefined && (f.heightM ?? 0) < q.minHeight) return false;
  if (q.bookable !== undefined && f.bookable !== q.bookable) return false;
  if (q.q) {
    const needle = q.q.trim().toLocaleLowerCase('ru');
    const hay = `${f.name.ru} ${f.name.en} ${f.slug}`.toLocaleLowerCase('ru');
    if (!hay.includes(needle)) return false;
  }
  return true;
}

/** Ids of a facility's ancestors, nearest first. */
export function ancestorIds(byId: ReadonlyMap<string, Pick<Facility, 'id' | 'parentId'>>, id: string): string[] {
  const out: string[] = [];
  let cur = byId.get(id)?.parentId ?? null;
  while (cur && !out.includes(cur)) {
    out.push(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return out;
}

/** Ids of every facility below `id`. */
export function descendantIds(all: ReadonlyArray<Pick<Facility, 'id' | 'parentId'>>, id: string): string[] {
  const children = new Map<string, string[]>();
  for (const f of all) {
    if (!f.parentId) continue;
    const list = children.get(f.parentId) ?? [];
    list.push(f.id);
    children.set(f.parentId, list);
  }
  const out: string[] = [];
  const stack = [...(children.get(id) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.includes(next)) continue;
    out.push(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}
