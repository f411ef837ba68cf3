import { z } from 'zod';
import { facilityKindSchema, facilitySchema, siteSlugSchema } from './catalogue.js';
import { isoInstantSchema, MAX_QUERY_WINDOW_DAYS } from './booking/schemas.js';

/**
 * API shapes of the partner features (issue 7): API keys, calendar feed tokens and the
 * "where is a stage free?" search. One schema per shape, shared by server and client.
 */

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id');
const keyName = z.string().trim().min(1).max(100);

// ---- API keys ----

export const createApiKeyBodySchema = z.strictObject({
  /** A partner organisation. */
  organisationId: objectId,
  name: keyName,
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  name: z.string(),
  /** The first characters of the key, for recognising it in lists (never enough to use it). */
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeyCreatedSchema = apiKeySchema.extend({
  /** Shown once: only its SHA-256 is stored. Send as `Authorization: Bearer <key>`. */
  key: z.string(),
});
export type ApiKeyCreated = z.infer<typeof apiKeyCreatedSchema>;

// ---- Calendar feed tokens ----

/** `partner`: created by an admin for a partner organisation, status-only feeds.
 * `crew`: a crew member's private token, full details of their own organisation's bookings. */
export const feedTokenKinds = ['partner', 'crew'] as const;
export const feedTokenKindSchema = z.enum(feedTokenKinds);

/** Admins give `organisationId` (a partner organisation); a crew member gives only a name and gets a
 * private token for themselves. */
export const createFeedTokenBodySchema = z.strictObject({
  organisationId: objectId.optional(),
  name: keyName,
});
export type CreateFeedTokenBody = z.infer<typeof createFeedTokenBodySchema>;

export const feedTokenSchema = z.object({
  id: z.string(),
  kind: feedTokenKindSchema,
  organisationId: z.string(),
  /** The crew member of a private token; null for partner tokens. */
  userId: z.string().nullable(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type FeedToken = z.infer<typeof feedTokenSchema>;

export const feedTokenCreatedSchema = feedTokenSchema.extend({
  /** Shown once: only its SHA-256 is stored. */
  token: z.string(),
  /** Paths of the feeds and the embeddable page, relative to the site's origin (`{facilityId}`,
   * `{zoneId}` and `{site}` to be filled in). */
  urls: z.object({
    facility: z.string(),
    zone: z.string(),
    site: z.string(),
    own: z.string().nullable(),
    embed: z.string(),
  }),
});
export type FeedTokenCreated = z.infer<typeof feedTokenCreatedSchema>;

export const feedTokenIdParamsSchema = z.object({ id: objectId });

/** Path parameters of the feeds (the token is checked by the service: unknown → 404). */
export const feedFacilityParamsSchema = z.object({ token: z.string(), facilityId: objectId });
export const feedZoneParamsSchema = z.object({ token: z.string(), zoneId: objectId });
export const feedSiteParamsSchema = z.object({ token: z.string(), site: siteSlugSchema });
export const feedTokenParamsSchema = z.object({ token: z.string() });

export const embedQuerySchema = z.strictObject({
  lang: z.enum(['ru', 'en']).optional(),
  /** First day shown (Moscow date); default today. */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-05-01')
    .optional(),
});

// ---- "Where is a stage free?" ----

const nonNegative = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative number')
  .transform(Number);

/** Longest period of a free search. */
export const MAX_FREE_SEARCH_DAYS = Math.min(MAX_QUERY_WINDOW_DAYS, 400);

export const freeSearchQuerySchema = z
  .strictObject({
    from: isoInstantSchema,
    to: isoInstantSchema,
    site: siteSlugSchema.optional(),
    kind: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(facilityKindSchema))
      .optional(),
    minArea: nonNegative.optional(),
    minHeight: nonNegative.optional(),
    feature: z
      .string()
      .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, 'comma-separated feature tags')
      .transform((s) => s.split(','))
      .optional(),
    /** Share of the period (0..1) a facility must be free for to be listed as "mostly free"; default 0.5. */
    minFreeShare: z
      .string()
      .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'a number from 0 to 1')
      .transform(Number)
      .optional(),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_FREE_SEARCH_DAYS * 86_400_000, {
    message: `the period may be at most ${MAX_FREE_SEARCH_DAYS} days`,
    path: ['to'],
  });
export type FreeSearchQuery = z.infer<typeof freeSearchQuerySchema>;

/** Public catalogue data of a facility in a search result. */
export const freeFacilitySchema = facilitySchema
  .pick({ id: true, slug: true, site: true, kind: true, name: true, areaM2: true, heightM: true, features: true })
  .extend({ bufferMinutes: z.number().int() });

export const freeWindowSchema = z.object({ start: z.string(), end: z.string() });

export const freeSearchResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Free for the whole period (turnaround buffers of neighbouring bookings included). */
  free: z.array(z.object({ facility: freeFacilitySchema })),
  /** Free for at least `minFreeShare` of the period, best first, with their free windows. */
  mostlyFree: z.array(
    z.object({
      facility: freeFacilitySchema,
      /** Free share of the period, 0..1 (rounded to 3 decimals). */
      freeShare: z.number(),
      freeWindows: z.array(freeWindowSchema),
    }),
  ),
});
export type FreeSearchResult = z.infer<typeof freeSearchResultSchema>;
