import { z } from 'zod';
import type { Access, RouteDef } from '../http/routes.js';
import { namedSchemas, operations, type OperationSpec } from './registry.js';

/**
 * The OpenAPI 3.1 document of the whole route table, generated from the shared zod schemas
 * (`z.toJSONSchema`, JSON Schema draft 2020-12, which is OpenAPI 3.1's schema dialect).
 */

type Json = Record<string, unknown>;
const REF = '#/components/schemas/';

/** `/api/bookings/:id` → `/api/bookings/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/** Drops `$schema` (the document's jsonSchemaDialect applies) and the registry's fragment `$id`s
 * (a 2020-12 `$id` may not carry a fragment, and would change the base of `$ref`s). */
function strip(schema: Json): Json {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** Component schemas: one registry per direction, so that named schemas refer to each other by `$ref`. */
function components(): { schemas: Record<string, Json>; byIo: Map<z.ZodType, string>[] } {
  const schemas: Record<string, Json> = {};
  const refs: Record<'input' | 'output', Map<z.ZodType, string>> = { input: new Map(), output: new Map() };
  for (const io of ['input', 'output'] as const) {
    const registry = z.registry<{ id: string }>();
    for (const n of namedSchemas.filter((x) => x.io === io)) {
      registry.add(n.schema, { id: n.name });
      refs[io].set(n.schema, n.name);
    }
    const out = z.toJSONSchema(registry, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      uri: (id) => `${REF}${id}`,
    });
    for (const [id, s] of Object.entries(out.schemas)) schemas[id] = strip(s as Json);
  }
  return { schemas, byIo: [refs.input, refs.output] };
}

export function buildOpenApiDocument(routeTable: readonly RouteDef[]): Json {
  const { schemas, byIo } = components();
  const [inputRefs, outputRefs] = byIo as [Map<z.ZodType, string>, Map<z.ZodType, string>];

  const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const named = (io === 'input' ? inputRefs : outputRefs).get(schema);
    if (named) return { $ref: `${REF}${named}` };
    if (schema instanceof z.ZodArray) return { type: 'array', items: schemaOf(schema.element as z.ZodType, io) };
    return strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json);
  };

  const paths: Record<string, Record<string, Json>> = {};
  const tags = new Set<string>();
  for (const def of routeTable) {
    const key = `${def.method.toUpperCase()} ${def.path}`;
    const spec: OperationSpec | undefined = operations[key];
    if (!spec) throw new Error(`No OpenAPI description for ${key} (server/src/openapi/registry.ts)`);
    tags.add(spec.tag);
    const parameters: Json[] = [];
    const paramSchema = spec.params ? (schemaOf(spec.params, 'input') as { properties?: Record<string, Json> }) : {};
    for (const name of pathParamNames(def.path)) {
      parameters.push({
        name,
        in: 'path',
        required: true,
        schema: paramSchema.properties?.[name] ?? { type: 'string' },
      });
    }
    if (spec.query) {
      const q = schemaOf(spec.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, s] of Object.entries(q.properties ?? {})) {
        const { description, ...rest } = s as Json & { description?: string };
        parameters.push({
          name,
          in: 'query',
          required: (q.required ?? []).includes(name),
          schema: rest,
          ...(description ? { description } : {}),
        });
      }
    }
    for (const h of spec.headers ?? [])
      parameters.push({
        name: h.name,
        in: 'header',
        required: h.required ?? false,
        description: h.description,
        schema: { type: 'string' },
      });

    const responses: Record<string, Json> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema
          ? { content: { 'application/json': { schema: schemaOf(r.schema, 'output') } } }
          : r.contentType
            ? {
                content: {
                  [r.contentType]: { schema: r.contentType.endsWith('json') ? { type: 'object' } : { type: 'string' } },
                },
              }
            : {}),
      };
    }
    const error = (description: string) => ({
      description,
      content: { 'application/json': { schema: { $ref: `${REF}Error` } } },
    });
    if (spec.body || spec.query || spec.params)
      responses['400'] ??= error('Invalid input (validation_failed, invalid_id, malformed_json, bad_request)');
    if (def.access !== 'public') responses['401'] ??= error('Not signed in, or an unknown or revoked API key');
    if (def.access !== 'public' || def.method !== 'get')
      responses['403'] ??= error(
        'The role may not do this, a missing CSRF token, or an API key on a state-changing route',
      );
    if (pathParamNames(def.path).length) responses['404'] ??= error('Not found');
    if (def.access !== 'public' && def.method === 'get') responses['429'] ??= error('API key rate limit (Retry-After)');

    const operation: Json = {
      operationId: operationId(def),
      tags: [spec.tag],
      summary: def.summary,
      description: [spec.description, `Access: ${accessText(def.access)}.`].filter(Boolean).join('\n\n'),
      'x-access': def.access,
      security: securityOf(def),
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(spec.body, 'input') } } } }
        : {}),
      responses,
    };
    const p = openApiPath(def.path);
    paths[p] ??= {};
    paths[p][def.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Moskino Booking API',
      version: '1.0.0',
      summary: 'Sound stages and backlot sets of the Moscow film cluster «Москино»',
      description:
        'JSON over HTTPS. Times are ISO 8601 with an offset (answers in Moscow time, +03:00). Errors have the shape `{"error":{"code","message","details"}}`.\n\n' +
        'Authentication: the browser session cookie (state-changing requests also send `X-CSRF-Token`), or `Authorization: Bearer <API key>` ' +
        '(partner organisations; read-only, GET only; partner privacy; rate-limited). Calendar feeds and embeddable pages use a secret token in the URL.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'moskino_session', description: 'Set by POST /api/auth/login' },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'The csrfToken of the session, on POST/PATCH/PUT/DELETE',
        },
        apiKey: { type: 'http', scheme: 'bearer', description: 'A partner API key (mkk_…): read-only, rate-limited' },
      },
    },
  };
}

function operationId(def: RouteDef): string {
  const words = def.path
    .replace(/^\/api\//, '')
    .replace(/\.ics$/, ' ics')
    .split(/[/\-.\s]+/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by ${w.slice(1)}` : w));
  const camel = [def.method, ...words.flatMap((w) => w.split(' '))]
    .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join('');
  return camel.replace(/[^A-Za-z0-9]/g, '');
}

export function accessText(access: Access): string {
  if (access === 'public') return 'public (no sign-in)';
  if (access === 'signed-in') return 'any signed-in user or API key';
  return `roles ${access.join(', ')}`;
}

function securityOf(def: RouteDef): Json[] {
  if (def.access === 'public') return [];
  const readOnly = def.method === 'get';
  const apiKeyAllowed = readOnly && (def.access === 'signed-in' || def.access.includes('partner'));
  return [readOnly ? { session: [] } : { session: [], csrf: [] }, ...(apiKeyAllowed ? [{ apiKey: [] }] : [])];
}
