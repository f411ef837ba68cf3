import { facilityQuerySchema, matchesFacilityQuery, type Facility, type FacilityQuery } from '@moskino/shared';

export const filterParamNames = ['site', 'kind', 'feature', 'minArea', 'minHeight', 'q'] as const;
export type FilterParam = (typeof filterParamNames)[number];

/**
 * URL search params → a `FacilityQuery`, field by field with the shared schema, so a bad value in a
 * shared link drops that one filter instead of the whole view.
 */
export function filtersFromParams(params: URLSearchParams): FacilityQuery {
  const out: FacilityQuery = {};
  for (const name of filterParamNames) {
    const raw = params.get(name);
    if (raw === null || raw.trim() === '') continue;
    const parsed = facilityQuerySchema.safeParse({ [name]: raw.trim() });
    if (parsed.success) Object.assign(out, parsed.data);
  }
  return out;
}

export function hasFilters(q: FacilityQuery): boolean {
  return Object.values(q).some((v) => v !== undefined);
}

export function filterFacilities(all: readonly Facility[], q: FacilityQuery): Facility[] {
  return all.filter((f) => matchesFacilityQuery(f, q));
}

/** Every feature tag of the catalogue, sorted, for the features picker. */
export function allFeatures(all: readonly Facility[]): string[] {
  return [...new Set(all.flatMap((f) => f.features))].sort();
}
