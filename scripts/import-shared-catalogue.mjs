// One-off maintainer script: converts the research catalogue (../shared/data/moskino-facilities.json)
// into the project's own seed file server/seed/catalogue.json. The app never reads ../shared.
// Usage: node scripts/import-shared-catalogue.mjs ../shared/data/moskino-facilities.json
import { readFileSync, writeFileSync } from 'node:fs';

const src = process.argv[2];
if (!src) {
  console.error('usage: node scripts/import-shared-catalogue.mjs <moskino-facilities.json>');
  process.exit(2);
}
const entries = JSON.parse(readFileSync(src, 'utf8'));

const sites = [
  {
    slug: 'kinozavod',
    name: { ru: 'Кинозавод «Москино»', en: 'Moskino Film Plant (Kinozavod)' },
    address: {
      ru: 'Москва, Рязанский проспект (бывший ВНИИМЕТМАШ)',
      en: 'Ryazansky prospekt, Moscow (former METMASH site)',
    },
    brand: 'moskino',
  },
  {
    slug: 'kinopark',
    name: { ru: 'Кинопарк «Москино»', en: 'Moskino Film Park (Kinopark)' },
    address: { ru: 'ТиНАО, село Красная Пахра', en: 'Krasnaya Pakhra, New Moscow' },
    brand: 'moskino',
  },
  {
    slug: 'gorky_valdaisky',
    name: { ru: 'Киностудия им. Горького — Валдайский проезд', en: 'Gorky Film Studio — Valdaisky proezd' },
    address: { ru: 'Москва, Валдайский проезд', en: 'Valdaisky proezd, Moscow' },
    brand: 'gorky',
  },
  {
    slug: 'gorky_eisenstein',
    name: { ru: 'Киностудия им. Горького — ул. Эйзенштейна', en: 'Gorky Film Studio — Eisenstein St' },
    address: { ru: 'Москва, ул. Сергея Эйзенштейна, 8', en: '8 Sergeya Eisensteina St, Moscow' },
    brand: 'gorky',
  },
];

// Booking rules are design assumptions ([E] in moskino-facts.md §7): stages by 12-hour shifts with a
// 1-hour turnaround, backlot by days with a 1-day turnaround after heavy dressing.
const indoorRules = {
  bookingUnit: 'shift',
  minUnits: 1,
  maxUnits: 120,
  leadTimeHours: 24,
  horizonDays: 730,
  bufferMinutes: 60,
};
const backlotRules = {
  bookingUnit: 'day',
  minUnits: 1,
  maxUnits: 180,
  leadTimeHours: 48,
  horizonDays: 730,
  bufferMinutes: 1440,
};
// Placeholder day rates in roubles ([E], moskino-facts.md §6.3): not Moskino prices.
function rates(kind, area) {
  if (kind === 'led_volume') return { shoot: 900000, prelight: 900000, build: 540000, strike: 540000 };
  if (kind === 'backlot_zone') return scale(Math.min(500000, 150000 + Math.round(area / 500) * 1000));
  if (kind === 'backlot_set') return scale(Math.min(200000, 40000 + Math.round(area / 100) * 1000));
  return scale(Math.min(350000, 150000 + Math.round(area / 10) * 100));
}
function scale(shoot) {
  return { shoot, prelight: shoot, build: Math.round(shoot * 0.6), strike: Math.round(shoot * 0.6) };
}
const styleTags = /^(period_.*|medieval.*|contemporary|fairy_tale|wild_west|middle_east|eastern_europe|rural)$/;

const facilities = entries.map((e) => {
  const notes = e.notes ?? '';
  const planned = /planned|under construction/i.test(notes) || /planned/.test(e.slug);
  const nonShooting = e.kind === 'support_facility' || e.kind === 'studio_complex';
  const outdoor = e.kind === 'backlot_zone' || e.kind === 'backlot_set';
  return {
    slug: e.slug,
    site: e.site,
    parentSlug: e.parent,
    kind: e.kind,
    name: { ru: e.name_ru, en: e.name_en },
    areaM2: e.area_m2 ?? null,
    heightM: e.height_m ?? null,
    features: e.features,
    period: e.features.find((f) => styleTags.test(f)) ?? null,
    bookable: !planned && !nonShooting,
    status: planned ? 'planned' : 'operating',
    estimated: e.source === 'estimated',
    source: e.source === 'estimated' ? null : e.source,
    notes,
    rules: outdoor ? backlotRules : indoorRules,
    dayRates: nonShooting ? null : rates(e.kind, e.area_m2 ?? 0),
  };
});

writeFileSync(
  new URL('../server/seed/catalogue.json', import.meta.url),
  JSON.stringify(
    { origin: 'moskino-facilities.json (research notes, see docs/catalogue.md)', sites, facilities },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${sites.length} sites and ${facilities.length} facilities`);
