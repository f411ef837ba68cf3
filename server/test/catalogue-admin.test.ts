import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueImportResultSchema, facilitySchema } from '@moskino/shared';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { signInAs, type Session } from './helpers/auth.js';
import { day, facilityIds, H, iso } from './helpers/bookings.js';
import { parseCsv, toCsv } from '../src/features/catalogue-admin/csv.js';

let srv: TestServer;
let admin: Session;
let staff: Session;
let crew: Session;
let ids: Map<string, string>;
const f = (slug: string) => ids.get(slug)!;
const shifts = (from: number, n: number) => ({
  type: 'shoot',
  start: iso(from + 8 * H),
  end: iso(from + 8 * H + n * 12 * H),
});
const days = (from: number, n: number) => ({ type: 'shoot', start: iso(from), end: iso(from + n * 24 * H) });

const newSet = (slug: string, parentId: string | null, extra: Record<string, unknown> = {}) => ({
  slug,
  site: 'kinopark',
  parentId,
  kind: 'backlot_set',
  name: { ru: `Декорация ${slug}`, en: `Set ${slug}` },
  features: ['exterior'],
  bookable: true,
  rules: { bookingUnit: 'day', minUnits: 1, maxUnits: 60, leadTimeHours: 48, horizonDays: 730, bufferMinutes: 1440 },
  dayRates: { build: 10000, prelight: 10000, shoot: 20000, strike: 10000 },
  ...extra,
});

beforeAll(async () => {
  srv = await startTestServer();
  admin = await signInAs(srv.baseUrl, 'admin');
  staff = await signInAs(srv.baseUrl, 'staff');
  crew = await signInAs(srv.baseUrl, 'crew');
  ids = await facilityIds();
});
afterAll(async () => {
  await srv?.close();
});

async function book(body: Record<string, unknown>, s: Session = crew) {
  const r = await s.request('POST', '/api/bookings', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string };
}

describe('facilities: create, edit, retire', () => {
  it('creates a set under a zone (root = the zone), refuses duplicates, unknown parents, other sites; admins only', async () => {
    const res = await admin.request('POST', '/api/admin/facilities', newSet('kp-test-alley', f('kp-modern-moscow')));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const created = facilitySchema.parse(res.body);
    expect(created).toMatchObject({
      parentId: f('kp-modern-moscow'),
      rootId: f('kp-modern-moscow'),
      status: 'operating',
      estimated: true,
    });
    expect((await api(srv.baseUrl, 'GET', '/api/facilities/kp-test-alley')).body.name.en).toBe('Set kp-test-alley');
    expect((await admin.request('POST', '/api/admin/facilities', newSet('kp-test-alley', null))).status).toBe(409);
    const unknown = await admin.request(
      'POST',
      '/api/admin/facilities',
      newSet('kp-test-x', '0123456789abcdef01234567'),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].path).toBe('parentId');
    const otherSite = await admin.request('POST', '/api/admin/facilities', newSet('kp-test-y', f('kz-stage-1')));
    expect(otherSite.status).toBe(400);
    const badRules = await admin.request(
      'POST',
      '/api/admin/facilities',
      newSet('kp-test-z', null, {
        rules: { bookingUnit: 'day', minUnits: 5, maxUnits: 2, leadTimeHours: 0, horizonDays: 10, bufferMinutes: 0 },
      }),
    );
    expect(badRules.status).toBe(400);
    expect((await staff.request('POST', '/api/admin/facilities', newSet('kp-test-s', null))).status).toBe(403);
    // The engine books it at once.
    await book({ facilityId: created.id, title: 'Alley', kind: 'hold', phases: [days(day(30), 1)] });
  });

  it('edits names, features, rates and safe rules; shrinking a buffer is fine; a cycle is refused', async () => {
    const res = await admin.request('PATCH', `/api/admin/facilities/${f('kz-stage-3')}`, {
      name: { ru: 'Павильон 3 (новый)', en: 'Stage 3 (new)' },
      features: ['soundproof', 'cyclorama'],
      dayRates: { build: 1, prelight: 2, shoot: 3, strike: 4 },
      rules: { bufferMinutes: 0, leadTimeHours: 12 },
      estimated: false,
      reason: 'Survey 2026',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      name: { en: 'Stage 3 (new)' },
      features: ['soundproof', 'cyclorama'],
      estimated: false,
      rules: { bufferMinutes: 0, leadTimeHours: 12, bookingUnit: 'shift' },
    });
    const cycle = await admin.request('PATCH', `/api/admin/facilities/${f('kp-moscow-1940s')}`, {
      parentId: f('kp-1940s-mur'),
    });
    expect(cycle.status).toBe(400);
    expect((await admin.request('PATCH', `/api/admin/facilities/${f('kz-stage-3')}`, {})).status).toBe(400);
  });

  it('refuses growing a buffer that would make existing bookings overlap, with them', async () => {
    const d0 = day(50);
    const a = await book({ facilityId: f('kz-stage-1'), title: 'A', kind: 'firm', phases: [shifts(d0, 2)] });
    // On the shift grid with a 60-minute buffer, the next booking starts one shift (12 h) after A ends.
    const next = await book({
      facilityId: f('kz-stage-1'),
      title: 'B',
      kind: 'firm',
      phases: [shifts(d0 + 36 * H, 2)],
    });
    expect(
      (await admin.request('PATCH', `/api/admin/facilities/${f('kz-stage-1')}`, { rules: { bufferMinutes: 720 } }))
        .status,
    ).toBe(200);
    const res = await admin.request('PATCH', `/api/admin/facilities/${f('kz-stage-1')}`, {
      rules: { bufferMinutes: 780 },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('catalogue_conflict');
    const inWay = res.body.error.details.bookings.map((x: { bookingId: string }) => x.bookingId);
    expect(inWay).toEqual(expect.arrayContaining([a.id, next.id]));
    expect(
      (await admin.request('PATCH', `/api/admin/facilities/${f('kz-stage-1')}`, { rules: { bufferMinutes: 0 } }))
        .status,
    ).toBe(200);
  });

  it('refuses a booking unit that would leave existing bookings off the grid', async () => {
    const d0 = day(60);
    const a = await book({ facilityId: f('kz-stage-2'), title: 'Shift work', kind: 'hold', phases: [shifts(d0, 1)] });
    const res = await admin.request('PATCH', `/api/admin/facilities/${f('kz-stage-2')}`, {
      rules: { bookingUnit: 'day' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.bookings).toEqual([
      expect.objectContaining({ bookingId: a.id, problem: expect.stringMatching(/day grid/) }),
    ]);
    expect(
      (await admin.request('PATCH', `/api/admin/facilities/${f('kz-stage-2')}`, { rules: { bookingUnit: 'hour' } }))
        .status,
    ).toBe(200);
  });

  it('moves a set without bookings under another zone (root recomputed, engine follows); refuses one with bookings', async () => {
    // kp-europe-trattoria has no bookings: move it under the Arkanar zone.
    const moved = await admin.request('PATCH', `/api/admin/facilities/${f('kp-europe-trattoria')}`, {
      parentId: f('kp-arkanar'),
      reason: 'Relocated',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.rootId).toBe(f('kp-arkanar'));
    const d0 = day(70);
    await book({ facilityId: f('kp-arkanar'), title: 'Whole zone', kind: 'firm', phases: [days(d0, 2)] });
    const clash = await crew.request('POST', '/api/bookings', {
      facilityId: f('kp-europe-trattoria'),
      title: 'Now a set of Arkanar',
      kind: 'hold',
      phases: [days(d0, 1)],
    });
    expect(clash.status).toBe(409);

    // A set with a booking cannot change root.
    const withBooking = await book({
      facilityId: f('kp-brest-church'),
      title: 'Church',
      kind: 'hold',
      phases: [days(d0, 1)],
    });
    const refused = await admin.request('PATCH', `/api/admin/facilities/${f('kp-brest-church')}`, {
      parentId: f('kp-arkanar'),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.bookings).toContainEqual(
      expect.objectContaining({ bookingId: withBooking.id, problem: expect.stringMatching(/root/) }),
    );
    // Nor can its zone become unbookable (the sets would become roots of their own).
    const zone = await admin.request('PATCH', `/api/admin/facilities/${f('kp-brest-fortress')}`, { bookable: false });
    expect(zone.status).toBe(409);
    // Moving a set into a zone where its bookings would overlap the zone's (no root change: sets without a bookable zone are their own roots) is covered by the root rule.
  });

  it('retires a facility only when no bookings are still to come on it', async () => {
    const busy = await book({
      facilityId: f('kp-castle-ruins'),
      title: 'Ruins',
      kind: 'firm',
      phases: [days(day(40), 1)],
    });
    const refused = await admin.request('POST', `/api/admin/facilities/${f('kp-castle-ruins')}/retire`, {
      reason: 'Demolished',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.bookings[0]).toMatchObject({
      bookingId: busy.id,
      problem: expect.stringMatching(/retired/),
    });
    const ok = await admin.request('POST', `/api/admin/facilities/${f('kp-father-frost')}/retire`, {
      reason: 'Demolished',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'retired', bookable: false });
    const after = await crew.request('POST', '/api/bookings', {
      facilityId: f('kp-father-frost'),
      title: 'x',
      kind: 'hold',
      phases: [days(day(40), 1)],
    });
    expect(after.status).toBe(400);
  });
});

describe('import and export', () => {
  it('exports JSON and CSV; re-importing the export changes nothing', async () => {
    const json = await admin.request('GET', '/api/admin/catalogue/export');
    expect(json.status).toBe(200);
    expect(json.body.rows.length).toBe(ids.size + 1);
    const csv = await admin.request('GET', '/api/admin/catalogue/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = csv.body as string;
    expect(text.split('\r\n')[0]).toMatch(/^slug,site,parentSlug,kind,name_ru,name_en/);
    const again = await admin.request('POST', '/api/admin/catalogue/import', { format: 'csv', csv: text });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(catalogueImportResultSchema.parse(again.body)).toMatchObject({
      imported: true,
      created: 0,
      updated: 0,
      problems: [],
    });
    const againJson = await admin.request('POST', '/api/admin/catalogue/import', {
      format: 'json',
      rows: json.body.rows,
      dryRun: true,
    });
    expect(againJson.body).toMatchObject({ imported: false, created: 0, updated: 0, problems: [] });
    expect((await staff.request('GET', '/api/admin/catalogue/export')).status).toBe(403);
  });

  it('reports every bad row by line and field and imports nothing', async () => {
    const csv = (await admin.request('GET', '/api/admin/catalogue/export?format=csv')).body as string;
    const records = parseCsv(csv).map((r) => r.fields);
    const header = records[0]!;
    const col = (name: string) => header.indexOf(name);
    const row = (i: number) => [...records[i - 1]!];
    const file = (rows: string[][]) => toCsv(header, rows);
    // Lines 2..: change a name (fine), break a kind, a number and a parent, and add a new facility.
    const good = row(2);
    good[col('notes')] = 'updated by import';
    const badKind = row(3);
    badKind[col('kind')] = 'spaceship';
    const badNumber = row(4);
    badNumber[col('minUnits')] = 'many';
    const badParent = row(5);
    badParent[col('parentSlug')] = 'no-such-zone';
    const fresh = [...row(2)];
    fresh[col('slug')] = 'kz-new-stage';
    const body = file([good, badKind, badNumber, badParent, fresh]);
    const res = await admin.request('POST', '/api/admin/catalogue/import', { format: 'csv', csv: body });
    expect(res.status).toBe(400);
    const result = catalogueImportResultSchema.parse(res.body);
    expect(result.imported).toBe(false);
    expect(result.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'kind'],
      [4, 'rules.minUnits'],
      [5, 'parentSlug'],
    ]);
    expect((await api(srv.baseUrl, 'GET', '/api/facilities/kz-new-stage')).status).toBe(404);
    const json = await admin.request('POST', '/api/admin/catalogue/import', {
      format: 'json',
      rows: [{ slug: 'Bad Slug' }, { ...JSON.parse('{}') }],
    });
    expect(json.status).toBe(400);
    expect(json.body.problems.some((p: { line: number; field: string }) => p.line === 1 && p.field === 'slug')).toBe(
      true,
    );
    expect(json.body.problems.some((p: { line: number }) => p.line === 2)).toBe(true);

    // The same file without the bad rows imports: one created, one updated.
    const fixed = file([good, fresh]);
    const ok = await admin.request('POST', '/api/admin/catalogue/import', { format: 'csv', csv: fixed });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ imported: true, created: 1, updated: 1 });
    expect((await api(srv.baseUrl, 'GET', '/api/facilities/kz-new-stage')).status).toBe(200);
  });

  it('refuses an import that would put bookings in a forbidden state, naming the row', async () => {
    const rows = (await admin.request('GET', '/api/admin/catalogue/export')).body.rows as Array<Record<string, any>>;
    const i = rows.findIndex((r) => r.slug === 'kp-castle-ruins');
    const changed = rows.map((r, k) => (k === i ? { ...r, status: 'retired', bookable: false } : r));
    const res = await admin.request('POST', '/api/admin/catalogue/import', { format: 'json', rows: changed });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ line: i + 1, field: 'facility', message: expect.stringMatching(/retired/) }),
    ]);
  });
});
