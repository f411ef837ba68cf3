import type { RouteDef } from '../http/routes.js';
import { buildOpenApiDocument } from './document.js';
import { renderDocsPage } from './docs-page.js';

let cached: Record<string, unknown> | undefined;

/** The document of the whole route table (imported lazily: the table includes these routes). */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  if (!cached) {
    const { routeTable } = await import('../routes.js');
    cached = buildOpenApiDocument(routeTable);
  }
  return cached;
}

export const openapiRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/api/openapi.json',
    access: 'public',
    summary: 'The OpenAPI 3.1 description of this API, generated from the shared schemas',
    handler: async (_req, res) => {
      res.json(await openApiDocument());
    },
  },
  {
    method: 'get',
    path: '/api/docs',
    access: 'public',
    summary: 'Readable documentation of this API (HTML, rendered from the OpenAPI document)',
    handler: async (_req, res) => {
      res.type('html').send(renderDocsPage(await openApiDocument()));
    },
  },
];
