import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { facilitySchema, siteSchema } from '@moskino/shared';
import { api, startTestServer, type TestServer } from './helpers/test-server.js';
import { readCatalogueSeed, seedCatalogue } from '../src/features/catalogue/seed.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv.close();
});

describe('catalogue API against the real database', () => {
  it('lists the four sites', async () => {
    const res = await api(srv.baseUrl, 'GET', '/api/sites');
    expect(res.status).toBe(200);
    const sites = res.body.map((s: unknown) => siteSchema.parse(s));
    expect(sites.map((s: { slug: string }) => s.slug).sort()).toEqual([
      'gorky_eisenstein',
      'gorky_valdaisky',
      'kinopark',
      'kinozavod',
    ]);
  });

  it('lists every facility of the seed file in the API shape', async () => {
    const res = await api(srv.baseUrl, 'GET', '/api/facilities');
    expect(res.status).toBe(200);
    const list = res.body.map((f: unknown) => facilitySchema.parse(f));
    expect(list).toHaveLength(readCatalogueSeed().facilities.length);
    const bySlug = new Map(list.map((f: { slug: string }) => [f.slug, f]));
    const set = bySlug.get('kp-1940s-metro') as { parentId: string; rootId: string; estimated: boolean };
    const zone = bySlug.get('kp-moscow-1940s') as { id: string; parentId: null; rootId: string; estimated: boolean };
    expect(set.parentId).toBe(zone.id);
    expect(set.rootId).toBe(zone.id);
    expect(zone.parentId).toBeNull();
    expect(set.estimated).toBe(true);
    expect(zone.estimated).toBe(false);
    // Planned facilities are not bookable.
    expect((bySlug.get('kz-water-stage') as { bookable: boolean }).bookable).toBe(false);
  });

  it('filters by site, kind, feature, minimum area and height', async () => {
    const res = await api(
      srv.baseUrl,
      'GET',
      '/api/facilities?site=kinozavod&kind=pavilion&minArea=1000&minHeight=12&feature=soundproofing',
    );
    expect(res.status).toBe(200);
    const slugs = res.body.map((f: { slug: string }) => f.slug).sort();
    expect(slugs).toEqual(['kz-stage-1', 'kz-stage-2', 'kz-water-stage']);
    for (const f of res.body) {
      expect(f.site).toBe('kinozavod');
      expect(f.areaM2).toBeGreaterThanOrEqual(1000);
      expect(f.heightM).toBeGreaterThanOrEqual(12);
      expect(f.features).toContain('soundproofing');
    }
    const text = await api(srv.baseUrl, 'GET', `/api/facilities?q=${encodeURIComponent('москва 1940')}`);
    expect(text.body.map((f: { slug: string }) => f.slug)).toEqual(['kp-moscow-1940s']);
  });

  it('finds one facility by id and by slug', async () => {
    const bySlug = await api(srv.baseUrl, 'GET', '/api/facilities/kz-stage-1');
    expect(bySlug.status).toBe(200);
    const byId = await api(srv.baseUrl, 'GET', `/api/facilities/${bySlug.body.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(bySlug.body);
  });

  it('answers 404 for unknown ids and 400 for malformed ones, in the error shape', async () => {
    const unknownId = await api(srv.baseUrl, 'GET', `/api/facilities/${new mongoose.Types.ObjectId().toHexString()}`);
    expect(unknownId.status).toBe(404);
    expect(unknownId.body.error.code).toBe('not_found');
    const unknownSlug = await api(srv.baseUrl, 'GET', '/api/facilities/no-such-stage');
    expect(unknownSlug.status).toBe(404);
    const malformed = await api(srv.baseUrl, 'GET', '/api/facilities/%24where%20x');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_id');
  });

  it('answers 400 for malformed filters, never a 500', async () => {
    for (const q of [
      'minArea=abc',
      'minHeight=-1',
      'site=mosfilm',
      'kind=castle',
      'feature=Bad Tag',
      'unknown=1',
      'site=a&site=b',
      'site[$gt]=',
    ]) {
      const res = await api(srv.baseUrl, 'GET', `/api/facilities?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toMatch(/validation_failed|bad_request/);
      expect(typeof res.body.error.message).toBe('string');
    }
  });

  it('reloads the catalogue idempotently: same ids and same data on a second run', async () => {
    const before = await api(srv.baseUrl, 'GET', '/api/facilities');
    await seedCatalogue(readCatalogueSeed());
    const after = await api(srv.baseUrl, 'GET', '/api/facilities');
    expect(after.body).toEqual(before.body);
  });
});

describe('health', () => {
  it('answers 200 with db ok while the database answers', async () => {
    const res = await api(srv.baseUrl, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers unknown API paths with a 404 error body', async () => {
    const res = await api(srv.baseUrl, 'GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers malformed JSON with 400 and oversized bodies with 413', async () => {
    const bad = await api(srv.baseUrl, 'POST', '/api/facilities', '{"a":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('malformed_json');
    const big = await api(srv.baseUrl, 'POST', '/api/facilities', JSON.stringify({ x: 'a'.repeat(400_000) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
  });
});
