import {
  AppError,
  createApiKeyBodySchema,
  createFeedTokenBodySchema,
  embedQuerySchema,
  feedTokenIdParamsSchema,
  freeSearchQuerySchema,
} from '@moskino/shared';
import type { Request, Response } from 'express';
import { requireCaller, type RouteDef } from '../../http/routes.js';
import { parseBody, parseQuery } from '../../http/validate.js';
import { openapiRoutes } from '../../openapi/routes.js';
import { apiKeyService } from './api-keys.js';
import { embedHeaders, renderEmbed } from './embed.js';
import { feedService, feedTokenService, type FeedFile } from './feeds.js';
import { searchService } from './search.js';

const param = (req: Request, name: string) => String(req.params[name] ?? '');

function idParam(req: Request, what: string): string {
  const parsed = feedTokenIdParamsSchema.safeParse({ ...req.params });
  if (!parsed.success) throw new AppError('invalid_id', `Malformed ${what} id`);
  return parsed.data.id;
}

function sendCalendar(res: Response, file: FeedFile): void {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `inline; filename="${file.filename.replace(/[^A-Za-z0-9_.-]/g, '_')}"`);
  res.send(file.body);
}

/** Issue 7: OpenAPI, API keys, calendar feeds, the free search and the embeddable page. */
export const partnerRoutes: RouteDef[] = [
  ...openapiRoutes,
  {
    method: 'post',
    path: '/api/api-keys',
    access: ['admin'],
    summary: 'Create an API key for a partner organisation; the key is shown once (only its hash is stored)',
    handler: async (req, res) => {
      res.status(201).json(await apiKeyService.create(requireCaller(res), parseBody(createApiKeyBodySchema, req)));
    },
  },
  {
    method: 'get',
    path: '/api/api-keys',
    access: ['admin'],
    summary: 'List API keys (prefix, organisation, created, revoked, last used)',
    handler: async (_req, res) => {
      res.json(await apiKeyService.list());
    },
  },
  {
    method: 'post',
    path: '/api/api-keys/:id/revoke',
    access: ['admin'],
    summary: 'Revoke an API key at once (idempotent)',
    handler: async (req, res) => {
      res.json(await apiKeyService.revoke(idParam(req, 'API key')));
    },
  },
  {
    method: 'post',
    path: '/api/feed-tokens',
    access: ['crew', 'admin'],
    summary: 'Create a calendar feed token (admin: for a partner organisation; crew: a private one); shown once',
    handler: async (req, res) => {
      res
        .status(201)
        .json(await feedTokenService.create(requireCaller(res), parseBody(createFeedTokenBodySchema, req)));
    },
  },
  {
    method: 'get',
    path: '/api/feed-tokens',
    access: ['crew', 'admin'],
    summary: 'Feed tokens (admin: all; crew: their own)',
    handler: async (_req, res) => {
      res.json(await feedTokenService.list(requireCaller(res)));
    },
  },
  {
    method: 'post',
    path: '/api/feed-tokens/:id/revoke',
    access: ['crew', 'admin'],
    summary: 'Revoke a feed token (admin: any; crew: their own); its feeds and pages answer 404 at once',
    handler: async (req, res) => {
      res.json(await feedTokenService.revoke(requireCaller(res), idParam(req, 'feed token')));
    },
  },
  {
    method: 'get',
    path: '/api/feeds/:token/facilities/:facilityId.ics',
    access: 'public',
    summary: 'iCalendar feed of what blocks one facility (secret token in the URL; privacy of the token)',
    handler: async (req, res) => {
      sendCalendar(res, await feedService.facility(param(req, 'token'), param(req, 'facilityId')));
    },
  },
  {
    method: 'get',
    path: '/api/feeds/:token/zones/:zoneId.ics',
    access: 'public',
    summary: 'iCalendar feed of a zone and every set in it',
    handler: async (req, res) => {
      sendCalendar(res, await feedService.zone(param(req, 'token'), param(req, 'zoneId')));
    },
  },
  {
    method: 'get',
    path: '/api/feeds/:token/sites/:site.ics',
    access: 'public',
    summary: 'iCalendar feed of every facility of a site',
    handler: async (req, res) => {
      sendCalendar(res, await feedService.site(param(req, 'token'), param(req, 'site')));
    },
  },
  {
    method: 'get',
    path: '/api/feeds/:token/own.ics',
    access: 'public',
    summary:
      "iCalendar feed of a crew token's own organisation's bookings, full details (cancellations as STATUS:CANCELLED)",
    handler: async (req, res) => {
      sendCalendar(res, await feedService.own(param(req, 'token')));
    },
  },
  {
    method: 'get',
    path: '/api/embed/:token/facilities/:facilityId',
    access: 'public',
    summary: 'Embeddable availability page of one facility (HTML, RU/EN, Moscow time; may be framed by any site)',
    handler: async (req, res) => {
      const query = parseQuery(embedQuerySchema, req);
      const html = await renderEmbed(param(req, 'token'), param(req, 'facilityId'), query);
      res.removeHeader('X-Frame-Options');
      for (const [name, value] of Object.entries(embedHeaders)) res.setHeader(name, value);
      res.send(html);
    },
  },
  {
    method: 'get',
    path: '/api/search/free',
    access: 'signed-in',
    summary:
      'Where is a stage free? Facilities free for the whole period, and those free for most of it with their free windows',
    handler: async (req, res) => {
      res.json(await searchService.free(parseQuery(freeSearchQuerySchema, req)));
    },
  },
];
