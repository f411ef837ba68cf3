import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  apiKeyCreatedSchema,
  availabilitySchema,
  feedTokenCreatedSchema,
  freeSearchResultSchema,
} from '@moskino/shared';
import { routeTable } from '../src/routes.js';
import { buildOpenApiDocument } from '../src/openapi/document.js';
import { apiKeyLimits } from '../src/features/partners/api-keys.js';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { createOrganisation, signInAs, type Session } from './helpers/auth.js';
import { day, facilityIds, H, iso } from './helpers/bookings.js';
import { icalUtc, parseIcal, type IcalComponent } from './helpers/ical.js';

/**
 * Issue 7 over the wire: OpenAPI, API keys, calendar feeds, the embeddable page and the privacy of
 * each (raw bodies are inspected for anything secret). The "where is it free" search is in
 * search-free.test.ts.
 */

let srv: TestServer;
let admin: Session;
let staff: Session;
let crewA: Session;
let crewA2: Session;
let crewB: Session;
let partner: Session;
let partnerOrg: string;
let ids: Map<string, string>;
const f = (slug: string) => ids.get(slug)!;

const SECRET_TITLE = 'Operation Nightingale';
const SECRET_NOTES = 'Star: Ivanova; stunt, pyro\nCall sheet v3';
const OTHER_TITLE = 'Project Kestrel';
let bookingA: { id: string; version: number };
let bookingB: { id: string };

async function raw(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(srv.baseUrl + path, { headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** Nothing of the other productions may appear in a partner's view. */
function expectNoSecrets(folded: string, also: string[] = []) {
  const text = folded.replace(/\r\n[ \t]/g, ''); // iCalendar folding could split a secret across lines
  for (const secret of [
    SECRET_TITLE,
    'Nightingale',
    'Ivanova',
    'Call sheet',
    OTHER_TITLE,
    'Kestrel',
    crewA.organisation.id,
    crewB.organisation.id,
    bookingA.id,
    bookingB.id,
    ...also,
  ]) {
    expect(text, `leaks ${secret}`).not.toContain(secret);
  }
}

const events = (cal: IcalComponent) => cal.children.filter((c) => c.type === 'VEVENT');

/** The same feed through a standard RFC 5545 parser (ical.js): it must parse, and agree with ours. */
function standardEvents(
  text: string,
): Array<{ uid: string; summary: string; start: number; end: number; status: string | null }> {
  const cal = new ICAL.Component(ICAL.parse(text));
  expect(cal.name).toBe('vcalendar');
  expect(cal.getFirstPropertyValue('version')).toBe('2.0');
  expect(cal.getFirstPropertyValue('prodid')).toBeTruthy();
  return cal.getAllSubcomponents('vevent').map((c) => {
    const ev = new ICAL.Event(c);
    expect(c.getFirstPropertyValue('dtstamp')).toBeTruthy();
    return {
      uid: ev.uid,
      summary: ev.summary,
      start: ev.startDate.toJSDate().getTime(),
      end: ev.endDate.toJSDate().getTime(),
      status: (c.getFirstPropertyValue('status') as string | null) ?? null,
    };
  });
}

function expectStandardAgrees(text: string): void {
  const ours = events(parseIcal(text));
  const std = standardEvents(text);
  expect(std.map((e) => e.uid).sort()).toEqual(ours.map((e) => e.get('UID')).sort());
  for (const e of ours) {
    const twin = std.find((x) => x.uid === e.get('UID'))!;
    expect(twin.summary).toBe(e.get('SUMMARY'));
    expect(twin.start).toBe(icalUtc(e.get('DTSTART')!));
    expect(twin.end).toBe(icalUtc(e.get('DTEND')!));
  }
}

beforeAll(async () => {
  srv = await startTestServer();
  admin = await signInAs(srv.baseUrl, 'admin');
  staff = await signInAs(srv.baseUrl, 'staff');
  crewA = await signInAs(srv.baseUrl, 'crew');
  crewA2 = await signInAs(srv.baseUrl, 'crew', { organisationId: crewA.organisation.id });
  crewB = await signInAs(srv.baseUrl, 'crew');
  partnerOrg = (await createOrganisation('partner', 'Film Commission of Nowhere')).id;
  partner = await signInAs(srv.baseUrl, 'partner', { organisationId: partnerOrg });
  ids = await facilityIds();

  const d0 = day(40);
  const a = await crewA.request('POST', '/api/bookings', {
    facilityId: f('kp-europe-trattoria'),
    title: SECRET_TITLE,
    notes: SECRET_NOTES,
    kind: 'hold',
    phases: [
      { type: 'build', start: iso(d0), end: iso(d0 + 24 * H) },
      { type: 'shoot', start: iso(d0 + 24 * H), end: iso(d0 + 72 * H) },
    ],
  });
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  bookingA = { id: a.body.id, version: a.body.version };
  const b = await crewB.request('POST', '/api/bookings', {
    facilityId: f('kp-europe-carlo-workshop'),
    title: OTHER_TITLE,
    notes: 'private B',
    kind: 'firm',
    phases: [{ type: 'shoot', start: iso(d0 + 10 * 24 * H), end: iso(d0 + 12 * 24 * H) }],
  });
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  bookingB = { id: b.body.id };
});
afterAll(async () => {
  await srv?.close();
});

describe('OpenAPI over HTTP', () => {
  it('serves the document of the whole route table publicly, and a readable docs page', async () => {
    const res = await api(srv.baseUrl, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(routeTable))));
    expect(res.body.openapi).toBe('3.1.0');
    // A standard validator of the OpenAPI 3.1 schema, on top of our own structural checks.
    const validation = await new Validator().validate(res.body);
    expect(validation.errors ?? [], JSON.stringify(validation.errors)).toEqual([]);
    expect(validation.valid).toBe(true);
    const docs = await raw('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(docs.text).toContain('/api/feeds/{token}/facilities/{facilityId}.ics');
    expect(docs.text).not.toMatch(/<script|<link rel="stylesheet"/);
  });
});

describe('API keys', () => {
  let key: string;
  let keyId: string;

  it('admins create a key for a partner organisation; it is shown once, only a prefix is listed', async () => {
    const res = await admin.request('POST', '/api/api-keys', {
      organisationId: partnerOrg,
      name: 'Commission website',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const created = apiKeyCreatedSchema.parse(res.body);
    key = created.key;
    keyId = created.id;
    expect(key).toMatch(/^mkk_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(created.prefix)).toBe(true);
    const list = await admin.request('GET', '/api/api-keys');
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(10));
    expect(text).not.toMatch(/[0-9a-f]{64}/); // no hash either
    expect(list.body.find((k: { id: string }) => k.id === keyId)).toMatchObject({
      prefix: created.prefix,
      revokedAt: null,
    });
  });

  it('refuses keys for non-partner organisations and non-admins', async () => {
    expect(
      (await admin.request('POST', '/api/api-keys', { organisationId: crewA.organisation.id, name: 'x' })).status,
    ).toBe(400);
    expect((await staff.request('POST', '/api/api-keys', { organisationId: partnerOrg, name: 'x' })).status).toBe(403);
    expect((await partner.request('GET', '/api/api-keys')).status).toBe(403);
  });

  it('a key reads with the privacy of a partner: availability without titles, notes, organisations or booking ids', async () => {
    const d0 = day(40);
    const path = `/api/availability?from=${encodeURIComponent(iso(d0 - 24 * H))}&to=${encodeURIComponent(iso(d0 + 20 * 24 * H))}&facilityIds=${f('kp-europe-towns')},${f('kp-europe-trattoria')}`;
    const res = await raw(path, { authorization: `Bearer ${key}` });
    expect(res.status, res.text).toBe(200);
    const body = availabilitySchema.parse(JSON.parse(res.text));
    const statuses = body.facilities.flatMap((x) => x.busy.map((b) => b.status));
    expect(statuses).toEqual(expect.arrayContaining(['held', 'pending']));
    expect(body.facilities.flatMap((x) => x.busy).find((b) => b.status === 'held')?.holdRank).toBe(1);
    expectNoSecrets(res.text, ['private B']);
    // The same as a signed-in partner sees.
    const asPartner = await partner.request('GET', path);
    expect(asPartner.body).toEqual(body);
  });

  it('a key is read-only: every state-changing request is 403, and it has no user (/api/auth/me 403)', async () => {
    const h = { authorization: `Bearer ${key}` };
    for (const [method, path, body] of [
      ['POST', '/api/bookings', { facilityId: f('kz-stage-1'), title: 'x', kind: 'hold', phases: [] }],
      ['POST', '/api/api-keys', { organisationId: partnerOrg, name: 'more' }],
      ['POST', `/api/bookings/${bookingA.id}/cancel`, {}],
      ['PATCH', `/api/bookings/${bookingA.id}`, { version: 1, title: 'x' }],
      ['POST', '/api/auth/logout', {}],
    ] as const) {
      const res = await api(srv.baseUrl, method, path, body, h);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await api(srv.baseUrl, 'GET', '/api/auth/me', undefined, h)).status).toBe(403);
    // Routes a partner may not use stay closed to a key.
    expect((await api(srv.baseUrl, 'GET', '/api/bookings', undefined, h)).status).toBe(403);
    expect((await api(srv.baseUrl, 'GET', `/api/bookings/${bookingA.id}`, undefined, h)).status).toBe(403);
    const orgs = await api(srv.baseUrl, 'GET', '/api/organisations', undefined, h);
    expect(orgs.status).toBe(200);
    expect(orgs.body.map((o: { id: string }) => o.id)).toEqual([partnerOrg]);
  });

  it('unknown, malformed and revoked keys are 401', async () => {
    const probe = (k: string) => api(srv.baseUrl, 'GET', '/api/organisations', undefined, { authorization: k });
    expect((await probe(`Bearer mkk_${'A'.repeat(43)}`)).status).toBe(401);
    expect((await probe('Bearer nonsense')).status).toBe(401);
    expect((await probe(`Basic ${Buffer.from('a:b').toString('base64')}`)).status).toBe(401);
    expect((await probe(`Bearer ${key}`)).status).toBe(200);
    const revoked = await admin.request('POST', `/api/api-keys/${keyId}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await probe(`Bearer ${key}`);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    expect((await admin.request('POST', `/api/api-keys/${keyId}/revoke`, {})).status).toBe(200); // idempotent
    expect((await admin.request('POST', '/api/api-keys/not-an-id/revoke', {})).status).toBe(400);
  });

  it('is rate-limited per key: 429 with Retry-After, other keys unaffected', async () => {
    const mk = async (name: string) =>
      (await admin.request('POST', '/api/api-keys', { organisationId: partnerOrg, name })).body.key as string;
    const k1 = await mk('limited');
    const k2 = await mk('other');
    const saved = apiKeyLimits.perWindow;
    apiKeyLimits.perWindow = 5;
    try {
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          api(srv.baseUrl, 'GET', '/api/sites', undefined, { authorization: `Bearer ${k1}` }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
      const refused = answers.find((a) => a.status === 429)!;
      expect(refused).toBeDefined();
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body.error.code).toBe('rate_limited');
      expect((await api(srv.baseUrl, 'GET', '/api/sites', undefined, { authorization: `Bearer ${k2}` })).status).toBe(
        200,
      );
    } finally {
      apiKeyLimits.perWindow = saved;
    }
  });
});

describe('calendar feeds', () => {
  let partnerToken: { id: string; token: string };
  let crewToken: { id: string; token: string };
  let crewBToken: { id: string; token: string };

  it('admins create partner tokens, crew members private ones; shown once, listed without the secret', async () => {
    const p = await admin.request('POST', '/api/feed-tokens', {
      organisationId: partnerOrg,
      name: 'Commission calendar',
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const pc = feedTokenCreatedSchema.parse(p.body);
    expect(pc.kind).toBe('partner');
    expect(pc.urls.own).toBeNull();
    partnerToken = { id: pc.id, token: pc.token };
    const c = await crewA.request('POST', '/api/feed-tokens', { name: 'My phone' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ kind: 'crew', organisationId: crewA.organisation.id, userId: crewA.user.id });
    crewToken = { id: c.body.id, token: c.body.token };
    const cb = await crewB.request('POST', '/api/feed-tokens', { name: 'B phone' });
    crewBToken = { id: cb.body.id, token: cb.body.token };
    // Admin needs a partner organisation; a crew member cannot make a token for another organisation.
    expect((await admin.request('POST', '/api/feed-tokens', { name: 'x' })).status).toBe(400);
    expect(
      (await admin.request('POST', '/api/feed-tokens', { organisationId: crewA.organisation.id, name: 'x' })).status,
    ).toBe(400);
    expect(
      (await crewA.request('POST', '/api/feed-tokens', { organisationId: crewB.organisation.id, name: 'x' })).status,
    ).toBe(403);
    expect((await partner.request('POST', '/api/feed-tokens', { name: 'x' })).status).toBe(403);
    // Lists: admin all, crew their own; never a secret.
    const all = await admin.request('GET', '/api/feed-tokens');
    expect(all.body.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining([partnerToken.id, crewToken.id, crewBToken.id]),
    );
    const mine = await crewB.request('GET', '/api/feed-tokens');
    expect(mine.body.map((t: { id: string }) => t.id)).toEqual([crewBToken.id]);
    for (const text of [JSON.stringify(all.body), JSON.stringify(mine.body)]) {
      for (const t of [partnerToken.token, crewToken.token, crewBToken.token]) expect(text).not.toContain(t);
    }
  });

  it('a partner feed of a zone is valid iCalendar: text/calendar, CRLF, folded, UTC, stable UIDs, status only', async () => {
    const path = `/api/feeds/${partnerToken.token}/facilities/${f('kp-europe-towns')}.ics`;
    const res = await raw(path);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const cal = parseIcal(res.text);
    expect(cal.get('METHOD')).toBe('PUBLISH');
    const evs = events(cal);
    // A's hold has two phases, B's request one: all block the zone (through its sets).
    expect(evs.length).toBe(3);
    const d0 = day(40);
    const starts = evs.map((e) => icalUtc(e.get('DTSTART')!)).sort((a, b) => a - b);
    expect(starts).toEqual([d0, d0 + 24 * H, d0 + 10 * 24 * H]);
    const held = evs.filter((e) => e.get('X-MOSKINO-STATUS') === 'held');
    expect(held.map((e) => e.get('SUMMARY'))).toEqual(['Бронь №1 / Hold #1', 'Бронь №1 / Hold #1']);
    expect(held.every((e) => e.get('STATUS') === 'TENTATIVE')).toBe(true);
    expect(evs.find((e) => e.get('X-MOSKINO-STATUS') === 'pending')!.get('SUMMARY')).toBe('Запрошено / Requested');
    expectNoSecrets(res.text, ['private B', 'Phase:']);
    // Long bilingual names are folded (the parser has checked every line is at most 75 octets).
    expect(res.text).toMatch(/\r\n [^\r]/);
    expectStandardAgrees(res.text);
    // Stable: the same UIDs on the next fetch.
    const again = parseIcal((await raw(path)).text);
    expect(
      events(again)
        .map((e) => e.get('UID'))
        .sort(),
    ).toEqual(evs.map((e) => e.get('UID')).sort());
  });

  it('zone and site feeds list each booking once per facility; crew tokens see their own titles only', async () => {
    const zone = parseIcal((await raw(`/api/feeds/${partnerToken.token}/zones/${f('kp-europe-towns')}.ics`)).text);
    expect(events(zone).length).toBe(3);
    expect(
      events(zone)
        .map((e) => e.get('LOCATION'))
        .sort(),
    ).toEqual(
      [
        expect.stringContaining('Carlo'),
        expect.stringContaining('Trattoria'),
        expect.stringContaining('Trattoria'),
      ].sort(),
    );
    const siteRes = await raw(`/api/feeds/${partnerToken.token}/sites/kinopark.ics`);
    expect(siteRes.status).toBe(200);
    expect(events(parseIcal(siteRes.text)).length).toBe(3);
    expectStandardAgrees(siteRes.text);
    expectNoSecrets(siteRes.text, ['private B']);

    const asA = await raw(`/api/feeds/${crewToken.token}/zones/${f('kp-europe-towns')}.ics`);
    const aEvents = events(parseIcal(asA.text));
    expect(aEvents.filter((e) => e.get('SUMMARY')!.startsWith(SECRET_TITLE)).length).toBe(2);
    expect(asA.text).not.toContain(OTHER_TITLE);
    expect(asA.text).not.toContain(crewB.organisation.id);
    const asB = await raw(`/api/feeds/${crewBToken.token}/zones/${f('kp-europe-towns')}.ics`);
    expect(asB.text).toContain(OTHER_TITLE);
    expect(asB.text).not.toContain(SECRET_TITLE);
    expect(asB.text).not.toContain('Ivanova');
  });

  it("a crew member's private feed has their organisation's bookings in full, escaped; not the others'", async () => {
    const res = await raw(`/api/feeds/${crewToken.token}/own.ics`);
    expect(res.status).toBe(200);
    const evs = events(parseIcal(res.text));
    expect(evs.length).toBe(2);
    expectStandardAgrees(res.text);
    // Escaped text comes back intact through the standard parser too.
    expect(standardEvents(res.text).every((e) => e.summary.includes(SECRET_TITLE))).toBe(true);
    for (const e of evs) {
      expect(e.get('SUMMARY')).toContain(SECRET_TITLE);
      expect(e.get('DESCRIPTION')).toContain(`Notes: ${SECRET_NOTES}`); // round-trips ; , and newline
      expect(e.get('X-MOSKINO-BOOKING-ID')).toBe(bookingA.id);
    }
    expect(res.text.replace(/\r\n /g, '')).toContain('Ivanova\\; stunt\\, pyro\\nCall sheet');
    expect(res.text).not.toContain(OTHER_TITLE);
    // A partner token has no own feed; B's own feed has nothing of A.
    expect((await raw(`/api/feeds/${partnerToken.token}/own.ics`)).status).toBe(404);
    const b = await raw(`/api/feeds/${crewBToken.token}/own.ics`);
    expect(b.text).toContain(OTHER_TITLE);
    expect(b.text).not.toContain(SECRET_TITLE);
  });

  it('changes keep the UIDs; cancellations vanish from partner feeds and show as CANCELLED in the own feed', async () => {
    const partnerPath = `/api/feeds/${partnerToken.token}/facilities/${f('kp-europe-trattoria')}.ics`;
    const ownPath = `/api/feeds/${crewToken.token}/own.ics`;
    const before = events(parseIcal((await raw(partnerPath)).text));
    const ownBefore = events(parseIcal((await raw(ownPath)).text));
    expect(before.length).toBe(2);
    const d1 = day(42);
    const moved = await crewA.request('PATCH', `/api/bookings/${bookingA.id}`, {
      version: bookingA.version,
      phases: [
        { type: 'build', start: iso(d1), end: iso(d1 + 24 * H) },
        { type: 'shoot', start: iso(d1 + 24 * H), end: iso(d1 + 72 * H) },
      ],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const after = events(parseIcal((await raw(partnerPath)).text));
    expect(after.map((e) => e.get('UID'))).toEqual(before.map((e) => e.get('UID')));
    expect(after.map((e) => icalUtc(e.get('DTSTART')!))).toEqual([d1, d1 + 24 * H]);
    const ownAfter = events(parseIcal((await raw(ownPath)).text));
    expect(ownAfter.map((e) => e.get('UID'))).toEqual(ownBefore.map((e) => e.get('UID')));
    expect(Number(ownAfter[0]!.get('SEQUENCE'))).toBeGreaterThan(Number(ownBefore[0]!.get('SEQUENCE')));

    expect((await crewA2.request('POST', `/api/bookings/${bookingA.id}/cancel`, {})).status).toBe(200);
    expect(events(parseIcal((await raw(partnerPath)).text))).toEqual([]);
    const ownCancelled = events(parseIcal((await raw(ownPath)).text));
    expect(ownCancelled.map((e) => e.get('UID'))).toEqual(ownBefore.map((e) => e.get('UID')));
    expect(ownCancelled.map((e) => e.get('STATUS'))).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('unknown, malformed and revoked tokens are 404, never 500; crew revoke only their own', async () => {
    const fac = f('kp-europe-towns');
    expect((await raw(`/api/feeds/mkf_${'x'.repeat(43)}/facilities/${fac}.ics`)).status).toBe(404);
    expect((await raw(`/api/feeds/garbage/facilities/${fac}.ics`)).status).toBe(404);
    expect((await raw(`/api/feeds/${partnerToken.token}/facilities/${'0'.repeat(24)}.ics`)).status).toBe(404);
    expect((await raw(`/api/feeds/${partnerToken.token}/facilities/not-an-id.ics`)).status).toBe(404);
    expect((await raw(`/api/feeds/${partnerToken.token}/sites/atlantis.ics`)).status).toBe(404);
    expect((await crewB.request('POST', `/api/feed-tokens/${crewToken.id}/revoke`, {})).status).toBe(404);
    expect((await raw(`/api/feeds/${crewToken.token}/own.ics`)).status).toBe(200);
    expect((await crewA.request('POST', `/api/feed-tokens/${crewToken.id}/revoke`, {})).status).toBe(200);
    expect((await admin.request('POST', `/api/feed-tokens/${partnerToken.id}/revoke`, {})).status).toBe(200);
    for (const path of [
      `/api/feeds/${crewToken.token}/own.ics`,
      `/api/feeds/${partnerToken.token}/facilities/${fac}.ics`,
      `/api/embed/${partnerToken.token}/facilities/${fac}`,
    ]) {
      const res = await raw(path);
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain('BEGIN:VCALENDAR');
    }
  });
});

describe('embeddable availability page', () => {
  let token: string;
  beforeAll(async () => {
    token = (await admin.request('POST', '/api/feed-tokens', { organisationId: partnerOrg, name: 'Website widget' }))
      .body.token;
  });

  it('is server-rendered HTML, bilingual, in Moscow time, frameable by any site, with no secrets', async () => {
    const from = iso(day(40)).slice(0, 10);
    const res = await raw(`/api/embed/${token}/facilities/${f('kp-europe-towns')}?from=${from}`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.text).toContain('Свободно');
    expect(res.text).toContain('Free');
    expect(res.text).toContain('UTC+3');
    expect(res.text).toMatch(/Занято|Запрошено/);
    expect(res.text).not.toMatch(/<script/i);
    expectNoSecrets(res.text, ['private B']);
    const en = await raw(`/api/embed/${token}/facilities/${f('kp-europe-towns')}?lang=en`);
    expect(en.text).toContain('<html lang="en">');
    // Every other route stays unframeable.
    for (const path of ['/api/docs', '/api/health'])
      expect((await raw(path)).headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('bad tokens and bad input are 404/400, not 500', async () => {
    expect((await raw(`/api/embed/nope/facilities/${f('kp-europe-towns')}`)).status).toBe(404);
    expect((await raw(`/api/embed/${token}/facilities/${'0'.repeat(24)}`)).status).toBe(404);
    expect((await raw(`/api/embed/${token}/facilities/${f('kp-europe-towns')}?lang=de`)).status).toBe(400);
    expect((await raw(`/api/embed/${token}/facilities/${f('kp-europe-towns')}?from=2026-13-45`)).status).toBeLessThan(
      500,
    );
  });
});

describe('free search privacy', () => {
  it('answers partners and crews with facilities and windows only', async () => {
    const d0 = day(40);
    const q = `/api/search/free?from=${encodeURIComponent(iso(d0))}&to=${encodeURIComponent(iso(d0 + 20 * 24 * H))}&site=kinopark`;
    for (const who of [partner, crewA]) {
      const res = await who.request('GET', q);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      freeSearchResultSchema.parse(res.body);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(OTHER_TITLE);
      expect(text).not.toContain(crewB.organisation.id);
      expect(text).not.toContain(bookingB.id);
    }
    expect((await api(srv.baseUrl, 'GET', q)).status).toBe(401);
  });
});
