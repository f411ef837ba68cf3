import { facilityInputSchema, type Facility, type FacilityInput } from '@moskino/shared';

/** The editor's fields as strings (what inputs hold). */
export interface FacilityDraft {
  slug: string;
  site: string;
  parentId: string;
  kind: string;
  nameRu: string;
  nameEn: string;
  areaM2: string;
  heightM: string;
  features: string;
  period: string;
  bookable: boolean;
  status: string;
  estimated: boolean;
  source: string;
  notes: string;
  bookingUnit: string;
  minUnits: string;
  maxUnits: string;
  leadTimeHours: string;
  horizonDays: string;
  bufferMinutes: string;
  hasRates: boolean;
  rateBuild: string;
  ratePrelight: string;
  rateShoot: string;
  rateStrike: string;
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function draftOf(f?: Facility): FacilityDraft {
  return {
    slug: f?.slug ?? '',
    site: f?.site ?? 'kinopark',
    parentId: f?.parentId ?? '',
    kind: f?.kind ?? 'pavilion',
    nameRu: f?.name.ru ?? '',
    nameEn: f?.name.en ?? '',
    areaM2: str(f?.areaM2),
    heightM: str(f?.heightM),
    features: f?.features.join(', ') ?? '',
    period: f?.period ?? '',
    bookable: f?.bookable ?? true,
    status: f?.status ?? 'operating',
    estimated: f?.estimated ?? true,
    source: f?.source ?? '',
    notes: f?.notes ?? '',
    bookingUnit: f?.rules.bookingUnit ?? 'shift',
    minUnits: str(f?.rules.minUnits ?? 1),
    maxUnits: str(f?.rules.maxUnits ?? 60),
    leadTimeHours: str(f?.rules.leadTimeHours ?? 24),
    horizonDays: str(f?.rules.horizonDays ?? 365),
    bufferMinutes: str(f?.rules.bufferMinutes ?? 0),
    hasRates: !!f?.dayRates || !f,
    rateBuild: str(f?.dayRates?.build ?? 0),
    ratePrelight: str(f?.dayRates?.prelight ?? 0),
    rateShoot: str(f?.dayRates?.shoot ?? 0),
    rateStrike: str(f?.dayRates?.strike ?? 0),
  };
}

const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/** Draft → the API body, validated with the shared schema: field errors keyed by path (`rules.minUnits`, `name.ru`…). */
export function toInput(
  d: FacilityDraft,
): { ok: true; value: FacilityInput } | { ok: false; errors: Record<string, string> } {
  const raw = {
    slug: d.slug.trim(),
    site: d.site,
    parentId: d.parentId || null,
    kind: d.kind,
    name: { ru: d.nameRu.trim(), en: d.nameEn.trim() },
    areaM2: num(d.areaM2),
    heightM: num(d.heightM),
    features: d.features
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    period: d.period.trim() || null,
    bookable: d.bookable,
    status: d.status,
    estimated: d.estimated,
    source: d.source.trim() || null,
    notes: d.notes,
    rules: {
      bookingUnit: d.bookingUnit,
      minUnits: num(d.minUnits),
      maxUnits: num(d.maxUnits),
      leadTimeHours: num(d.leadTimeHours),
      horizonDays: num(d.horizonDays),
      bufferMinutes: num(d.bufferMinutes),
    },
    dayRates: d.hasRates
      ? { build: num(d.rateBuild), prelight: num(d.ratePrelight), shoot: num(d.rateShoot), strike: num(d.rateStrike) }
      : null,
  };
  const parsed = facilityInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
