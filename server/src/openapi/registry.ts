import { z } from 'zod';
import {
  acceptInvitationBodySchema,
  apiErrorBodySchema,
  apiKeyCreatedSchema,
  apiKeySchema,
  availabilityQuerySchema,
  availabilitySchema,
  bookingIdParamsSchema,
  bookingListQuerySchema,
  bookingSchema,
  conflictDetailsSchema,
  createApiKeyBodySchema,
  createBookingSchema,
  createFeedTokenBodySchema,
  createInvitationBodySchema,
  createOrganisationBodySchema,
  embedQuerySchema,
  facilityQuerySchema,
  facilitySchema,
  feedFacilityParamsSchema,
  feedSiteParamsSchema,
  feedTokenCreatedSchema,
  feedTokenIdParamsSchema,
  feedTokenParamsSchema,
  feedTokenSchema,
  feedZoneParamsSchema,
  freeSearchQuerySchema,
  freeSearchResultSchema,
  healthSchema,
  historyEntrySchema,
  invitationCreatedSchema,
  invitationInfoSchema,
  loginBodySchema,
  organisationSchema,
  patchBookingSchema,
  sessionInfoSchema,
  siteSchema,
  userListQuerySchema,
  userSchema,
  approvalItemSchema,
  decideBodySchema,
  decideResultSchema,
  reorderHoldBodySchema,
  staffCancelBodySchema,
  blackoutImpactBodySchema,
  blackoutImpactSchema,
  createBlackoutBodySchema,
  blackoutCreatedSchema,
  notificationSchema,
  auditQuerySchema,
  auditEntrySchema,
  utilisationQuerySchema,
  utilisationSchema,
  forecastQuerySchema,
  forecastSchema,
  revenueQuerySchema,
  revenueSchema,
  facilityInputSchema,
  facilityPatchSchema,
  retireBodySchema,
  catalogueExportQuerySchema,
  catalogueImportBodySchema,
  catalogueImportResultSchema,
  catalogueRowSchema,
  bookingInTheWaySchema,
} from '@moskino/shared';

/**
 * What the OpenAPI document says about each route of the table, keyed by `"METHOD /path"` exactly as
 * in `server/src/routes.ts`. Every schema comes from `@moskino/shared` (the same ones the server
 * validates with). `openapi.test.ts` fails when a route of the table has no entry here.
 */

export interface ResponseSpec {
  description: string;
  /** JSON body (output shape). */
  schema?: z.ZodType;
  /** Non-JSON body: content type and a plain description of the body. */
  contentType?: string;
}

export interface OperationSpec {
  tag: string;
  description?: string;
  /** Path parameters; without it each `:param` is a plain string. */
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Extra request headers. */
  headers?: Array<{ name: string; description: string; required?: boolean }>;
  responses: Record<number, ResponseSpec>;
}

/** Named schemas, emitted under `components.schemas` and referenced by `$ref` wherever used. `io`:
 * `input` for what clients send (before transforms), `output` for what the server answers. */
export const namedSchemas: Array<{ name: string; schema: z.ZodType; io: 'input' | 'output' }> = [
  { name: 'Error', schema: apiErrorBodySchema, io: 'output' },
  { name: 'Health', schema: healthSchema, io: 'output' },
  { name: 'Site', schema: siteSchema, io: 'output' },
  { name: 'Facility', schema: facilitySchema, io: 'output' },
  { name: 'Organisation', schema: organisationSchema, io: 'output' },
  { name: 'User', schema: userSchema, io: 'output' },
  { name: 'SessionInfo', schema: sessionInfoSchema, io: 'output' },
  { name: 'LoginBody', schema: loginBodySchema, io: 'input' },
  { name: 'CreateInvitationBody', schema: createInvitationBodySchema, io: 'input' },
  { name: 'InvitationCreated', schema: invitationCreatedSchema, io: 'output' },
  { name: 'InvitationInfo', schema: invitationInfoSchema, io: 'output' },
  { name: 'AcceptInvitationBody', schema: acceptInvitationBodySchema, io: 'input' },
  { name: 'CreateOrganisationBody', schema: createOrganisationBodySchema, io: 'input' },
  { name: 'Booking', schema: bookingSchema, io: 'output' },
  { name: 'CreateBookingBody', schema: createBookingSchema, io: 'input' },
  { name: 'PatchBookingBody', schema: patchBookingSchema, io: 'input' },
  { name: 'ConflictDetails', schema: conflictDetailsSchema, io: 'output' },
  { name: 'Availability', schema: availabilitySchema, io: 'output' },
  { name: 'HistoryEntry', schema: historyEntrySchema, io: 'output' },
  { name: 'CreateApiKeyBody', schema: createApiKeyBodySchema, io: 'input' },
  { name: 'ApiKey', schema: apiKeySchema, io: 'output' },
  { name: 'ApiKeyCreated', schema: apiKeyCreatedSchema, io: 'output' },
  { name: 'CreateFeedTokenBody', schema: createFeedTokenBodySchema, io: 'input' },
  { name: 'FeedToken', schema: feedTokenSchema, io: 'output' },
  { name: 'FeedTokenCreated', schema: feedTokenCreatedSchema, io: 'output' },
  { name: 'FreeSearchResult', schema: freeSearchResultSchema, io: 'output' },
];

const ok = (schema: z.ZodType, description = 'OK'): Record<number, ResponseSpec> => ({ 200: { description, schema } });
const created = (schema: z.ZodType, description = 'Created'): Record<number, ResponseSpec> => ({
  201: { description, schema },
});
const calendar: Record<number, ResponseSpec> = {
  200: { description: 'An iCalendar (RFC 5545) feed', contentType: 'text/calendar' },
  404: { description: 'Unknown or revoked token, or unknown facility/zone/site', schema: apiErrorBodySchema },
};
const bookingConflict: ResponseSpec = {
  description: '`booking_conflict` (details: ConflictDetails), `stale_version` or another conflict',
  schema: apiErrorBodySchema,
};
const idempotencyKey = {
  name: 'Idempotency-Key',
  description: 'Makes a retried request return the first result, never a duplicate (1 to 200 visible ASCII characters)',
};

export const operations: Record<string, OperationSpec> = {
  'GET /api/health': {
    tag: 'System',
    responses: { ...ok(healthSchema), 503: { description: 'The database is down', schema: healthSchema } },
  },
  'GET /api/openapi.json': {
    tag: 'System',
    responses: { 200: { description: 'This OpenAPI 3.1 document', contentType: 'application/json' } },
  },
  'GET /api/docs': {
    tag: 'System',
    responses: {
      200: {
        description: 'Readable documentation of this API, rendered from the OpenAPI document',
        contentType: 'text/html',
      },
    },
  },

  'GET /api/sites': { tag: 'Catalogue', responses: ok(z.array(siteSchema)) },
  'GET /api/facilities': { tag: 'Catalogue', query: facilityQuerySchema, responses: ok(z.array(facilitySchema)) },
  'GET /api/facilities/:id': {
    tag: 'Catalogue',
    params: z.object({ id: z.string().describe('A facility id (24 hex) or slug') }),
    responses: ok(facilitySchema),
  },

  'POST /api/auth/login': {
    tag: 'Accounts',
    body: loginBodySchema,
    responses: {
      ...ok(sessionInfoSchema),
      429: { description: 'Too many failed attempts (Retry-After)', schema: apiErrorBodySchema },
    },
  },
  'POST /api/auth/logout': { tag: 'Accounts', responses: { 204: { description: 'Signed out' } } },
  'GET /api/auth/me': { tag: 'Accounts', responses: ok(sessionInfoSchema) },
  'POST /api/invitations': {
    tag: 'Accounts',
    body: createInvitationBodySchema,
    responses: created(invitationCreatedSchema),
  },
  'GET /api/invitations/:token': {
    tag: 'Accounts',
    responses: { ...ok(invitationInfoSchema), 410: { description: 'Used or expired', schema: apiErrorBodySchema } },
  },
  'POST /api/invitations/:token/accept': {
    tag: 'Accounts',
    body: acceptInvitationBodySchema,
    responses: { ...created(sessionInfoSchema), 410: { description: 'Used or expired', schema: apiErrorBodySchema } },
  },
  'GET /api/users': { tag: 'Accounts', query: userListQuerySchema, responses: ok(z.array(userSchema)) },
  'POST /api/users/:id/deactivate': { tag: 'Accounts', responses: ok(userSchema) },
  'POST /api/users/:id/activate': { tag: 'Accounts', responses: ok(userSchema) },
  'GET /api/organisations': { tag: 'Accounts', responses: ok(z.array(organisationSchema)) },
  'POST /api/organisations': {
    tag: 'Accounts',
    body: createOrganisationBodySchema,
    responses: created(organisationSchema),
  },

  'POST /api/bookings': {
    tag: 'Bookings',
    body: createBookingSchema,
    headers: [idempotencyKey],
    responses: { ...created(bookingSchema), 409: bookingConflict },
  },
  'GET /api/bookings': { tag: 'Bookings', query: bookingListQuerySchema, responses: ok(z.array(bookingSchema)) },
  'GET /api/bookings/:id': { tag: 'Bookings', params: bookingIdParamsSchema, responses: ok(bookingSchema) },
  'PATCH /api/bookings/:id': {
    tag: 'Bookings',
    params: bookingIdParamsSchema,
    body: patchBookingSchema,
    responses: { ...ok(bookingSchema), 409: bookingConflict },
  },
  'POST /api/bookings/:id/cancel': {
    tag: 'Bookings',
    params: bookingIdParamsSchema,
    responses: { ...ok(bookingSchema), 409: bookingConflict },
  },
  'POST /api/bookings/:id/firm': {
    tag: 'Bookings',
    params: bookingIdParamsSchema,
    responses: { ...ok(bookingSchema), 409: bookingConflict },
  },
  'POST /api/bookings/:id/confirm': {
    tag: 'Bookings',
    params: bookingIdParamsSchema,
    responses: { ...ok(bookingSchema), 409: bookingConflict },
  },
  'POST /api/bookings/:id/reject': {
    tag: 'Bookings',
    params: bookingIdParamsSchema,
    responses: { ...ok(bookingSchema), 409: bookingConflict },
  },
  'GET /api/bookings/:id/history': {
    tag: 'Bookings',
    params: bookingIdParamsSchema,
    responses: ok(z.array(historyEntrySchema)),
  },
  'GET /api/availability': { tag: 'Bookings', query: availabilityQuerySchema, responses: ok(availabilitySchema) },

  'POST /api/api-keys': {
    tag: 'Partners',
    body: createApiKeyBodySchema,
    responses: created(apiKeyCreatedSchema, 'Created; the key is shown this once'),
  },
  'GET /api/api-keys': { tag: 'Partners', responses: ok(z.array(apiKeySchema)) },
  'POST /api/api-keys/:id/revoke': { tag: 'Partners', params: feedTokenIdParamsSchema, responses: ok(apiKeySchema) },
  'POST /api/feed-tokens': {
    tag: 'Partners',
    description:
      'Admins create a partner token for a partner organisation (`organisationId`); a crew member creates a private token for themselves.',
    body: createFeedTokenBodySchema,
    responses: created(feedTokenCreatedSchema, 'Created; the token is shown this once'),
  },
  'GET /api/feed-tokens': { tag: 'Partners', responses: ok(z.array(feedTokenSchema)) },
  'POST /api/feed-tokens/:id/revoke': {
    tag: 'Partners',
    params: feedTokenIdParamsSchema,
    responses: ok(feedTokenSchema),
  },
  'GET /api/feeds/:token/facilities/:facilityId.ics': {
    tag: 'Calendar feeds',
    params: feedFacilityParamsSchema,
    responses: calendar,
  },
  'GET /api/feeds/:token/zones/:zoneId.ics': {
    tag: 'Calendar feeds',
    params: feedZoneParamsSchema,
    responses: calendar,
  },
  'GET /api/feeds/:token/sites/:site.ics': { tag: 'Calendar feeds', params: feedSiteParamsSchema, responses: calendar },
  'GET /api/feeds/:token/own.ics': { tag: 'Calendar feeds', params: feedTokenParamsSchema, responses: calendar },
  'GET /api/embed/:token/facilities/:facilityId': {
    tag: 'Calendar feeds',
    params: feedFacilityParamsSchema,
    query: embedQuerySchema,
    responses: {
      200: { description: 'An embeddable HTML page (may be framed by any site)', contentType: 'text/html' },
      404: { description: 'Unknown or revoked token, or unknown facility', schema: apiErrorBodySchema },
    },
  },
  'GET /api/search/free': { tag: 'Partners', query: freeSearchQuerySchema, responses: ok(freeSearchResultSchema) },
  ...staffOperations(),
};

/** Issue 6: staff console, audit, capacity and catalogue administration. */
function staffOperations(): Record<string, OperationSpec> {
  const conflict = (description: string): ResponseSpec => ({ description, schema: apiErrorBodySchema });
  const catalogueConflict = conflict(
    '`catalogue_conflict`: existing bookings are in the way (details.bookings: ' +
      Object.keys(bookingInTheWaySchema.shape).join(', ') +
      ')',
  );
  return {
    'GET /api/staff/approvals': { tag: 'Staff', responses: ok(z.array(approvalItemSchema)) },
    'POST /api/staff/approvals/decide': {
      tag: 'Staff',
      body: decideBodySchema,
      responses: ok(decideResultSchema, 'One result per decision'),
    },
    'POST /api/staff/holds/reorder': {
      tag: 'Staff',
      body: reorderHoldBodySchema,
      responses: { ...ok(bookingSchema), 409: conflict('Not a live hold, or not competing') },
    },
    'PATCH /api/staff/bookings/:id': {
      tag: 'Staff',
      params: bookingIdParamsSchema,
      body: z.intersection(patchBookingSchema, z.object({ reason: z.string() })),
      responses: { ...ok(bookingSchema), 409: bookingConflict },
    },
    'POST /api/staff/bookings/:id/cancel': {
      tag: 'Staff',
      params: bookingIdParamsSchema,
      body: staffCancelBodySchema,
      responses: ok(bookingSchema),
    },
    'POST /api/staff/blackouts/impact': {
      tag: 'Staff',
      body: blackoutImpactBodySchema,
      responses: ok(blackoutImpactSchema),
    },
    'POST /api/staff/blackouts': {
      tag: 'Staff',
      body: createBlackoutBodySchema,
      responses: {
        ...created(blackoutCreatedSchema),
        409: conflict(
          '`booking_conflict` (firm time in the way) or `holds_in_the_way` (details.holds; send releaseHolds: true)',
        ),
      },
    },
    'GET /api/notifications': { tag: 'Staff', responses: ok(z.array(notificationSchema)) },
    'GET /api/staff/audit': { tag: 'Audit', query: auditQuerySchema, responses: ok(z.array(auditEntrySchema)) },
    'GET /api/staff/utilisation': {
      tag: 'Capacity',
      query: utilisationQuerySchema,
      responses: ok(utilisationSchema, 'JSON, or CSV (text/csv) with format=csv'),
    },
    'GET /api/staff/forecast': { tag: 'Capacity', query: forecastQuerySchema, responses: ok(forecastSchema) },
    'GET /api/staff/revenue': {
      tag: 'Capacity',
      query: revenueQuerySchema,
      responses: ok(revenueSchema, 'An estimate'),
    },
    'POST /api/admin/facilities': {
      tag: 'Catalogue admin',
      body: facilityInputSchema,
      responses: { ...created(facilitySchema), 409: conflict('Slug taken') },
    },
    'PATCH /api/admin/facilities/:id': {
      tag: 'Catalogue admin',
      body: facilityPatchSchema,
      responses: { ...ok(facilitySchema), 409: catalogueConflict },
    },
    'POST /api/admin/facilities/:id/retire': {
      tag: 'Catalogue admin',
      body: retireBodySchema,
      responses: { ...ok(facilitySchema), 409: catalogueConflict },
    },
    'GET /api/admin/catalogue/export': {
      tag: 'Catalogue admin',
      query: catalogueExportQuerySchema,
      responses: ok(z.object({ rows: z.array(catalogueRowSchema) }), 'JSON rows, or CSV (text/csv) with format=csv'),
    },
    'POST /api/admin/catalogue/import': {
      tag: 'Catalogue admin',
      body: catalogueImportBodySchema,
      responses: {
        ...ok(catalogueImportResultSchema, 'Imported (or a clean dry run)'),
        400: {
          description: 'Bad rows: every problem by line and field; nothing imported',
          schema: catalogueImportResultSchema,
        },
      },
    },
  };
}
