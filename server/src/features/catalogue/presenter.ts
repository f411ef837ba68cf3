import type { Facility, Site } from '@moskino/shared';
import type { FacilityDoc, SiteDoc } from './models.js';

export function presentSite(doc: SiteDoc): Site {
  return {
    id: String(doc._id),
    slug: doc.slug as Site['slug'],
    name: { ru: doc.name!.ru, en: doc.name!.en },
    address: { ru: doc.address!.ru, en: doc.address!.en },
    brand: doc.brand as Site['brand'],
  };
}

export function presentFacility(doc: FacilityDoc): Facility {
  const rules = doc.rules!;
  const rates = doc.dayRates as Facility['dayRates'] | null | undefined;
  return {
    id: String(doc._id),
    slug: doc.slug,
    parentId: doc.parentId ? String(doc.parentId) : null,
    rootId: String(doc.rootId),
    site: doc.site as Facility['site'],
    kind: doc.kind as Facility['kind'],
    name: { ru: doc.name!.ru, en: doc.name!.en },
    areaM2: doc.areaM2 ?? null,
    heightM: doc.heightM ?? null,
    features: [...doc.features],
    period: doc.period ?? null,
    bookable: doc.bookable,
    status: doc.status as Facility['status'],
    estimated: doc.estimated,
    source: doc.source ?? null,
    notes: doc.notes ?? '',
    rules: {
      bookingUnit: rules.bookingUnit as Facility['rules']['bookingUnit'],
      minUnits: rules.minUnits,
      maxUnits: rules.maxUnits,
      leadTimeHours: rules.leadTimeHours,
      horizonDays: rules.horizonDays,
      bufferMinutes: rules.bufferMinutes,
    },
    dayRates: rates ? { build: rates.build, prelight: rates.prelight, shoot: rates.shoot, strike: rates.strike } : null,
  };
}
