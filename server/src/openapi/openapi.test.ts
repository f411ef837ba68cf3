import { describe, expect, it } from 'vitest';
import { routeTable } from '../routes.js';
import { buildOpenApiDocument, openApiPath, pathParamNames } from './document.js';
import { operations } from './registry.js';
import { renderDocsPage } from './docs-page.js';

/**
 * No OpenAPI validator package is installed, so this checks the OpenAPI 3.1 essentials in code:
 * version, info, paths and operations, responses, parameters (path params declared and present),
 * unique operationIds, security schemes used are defined, and every `$ref` resolves.
 */

type Json = Record<string, any>;
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !(key in (cur as Json))) return undefined;
    cur = (cur as Json)[key];
  }
  return cur;
}

/** Every problem of the document, as readable strings (empty: valid). */
export function validateOpenApi31(doc: Json): string[] {
  const problems: string[] = [];
  const p = (msg: string) => problems.push(msg);
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi))
    p(`openapi must be 3.1.x, got ${doc.openapi}`);
  if (!doc.info || typeof doc.info.title !== 'string' || !doc.info.title) p('info.title is required');
  if (!doc.info || typeof doc.info.version !== 'string' || !doc.info.version) p('info.version is required');
  if (doc.info?.license && !doc.info.license.name) p('info.license.name is required');
  if (!doc.paths && !doc.webhooks && !doc.components) p('one of paths, webhooks, components is required');
  const schemes = doc.components?.securitySchemes ?? {};
  for (const [name, s] of Object.entries(schemes as Record<string, Json>)) {
    if (!['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'].includes(s.type))
      p(`securityScheme ${name}: bad type`);
    if (s.type === 'apiKey' && (!s.name || !['query', 'header', 'cookie'].includes(s.in)))
      p(`securityScheme ${name}: apiKey needs name and in`);
    if (s.type === 'http' && !s.scheme) p(`securityScheme ${name}: http needs scheme`);
  }
  const opIds = new Set<string>();
  const templates = new Map<string, string>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    if (!path.startsWith('/')) p(`path ${path} must start with /`);
    const template = path.replace(/\{[^}]+\}/g, '{}');
    if (templates.has(template)) p(`paths ${path} and ${templates.get(template)} are the same template`);
    templates.set(template, path);
    const declared = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!methods.includes(method)) {
        if (!['summary', 'description', 'servers', 'parameters', '$ref'].includes(method))
          p(`${path}: unknown field ${method}`);
        continue;
      }
      if (!op.responses || typeof op.responses !== 'object' || !Object.keys(op.responses).length)
        p(`${where}: responses required`);
      for (const [status, r] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) p(`${where}: bad response key ${status}`);
        if (!r.$ref && typeof r.description !== 'string') p(`${where} ${status}: description required`);
        for (const [media, m] of Object.entries((r.content ?? {}) as Record<string, Json>)) {
          if (!/^[\w.+-]+\/[\w.+-]+$/.test(media)) p(`${where} ${status}: bad media type ${media}`);
          if (m.schema !== undefined && (typeof m.schema !== 'object' || m.schema === null))
            p(`${where} ${status}: schema must be an object`);
        }
      }
      if (op.operationId !== undefined) {
        if (opIds.has(op.operationId)) p(`${where}: duplicate operationId ${op.operationId}`);
        opIds.add(op.operationId);
      }
      const params = (op.parameters ?? []) as Json[];
      const seen = new Set<string>();
      for (const prm of params) {
        if (!prm.name || !['query', 'header', 'path', 'cookie'].includes(prm.in))
          p(`${where}: parameter needs name and in`);
        if (seen.has(`${prm.in}:${prm.name}`)) p(`${where}: duplicate parameter ${prm.in}:${prm.name}`);
        seen.add(`${prm.in}:${prm.name}`);
        if (!('schema' in prm) && !('content' in prm)) p(`${where}: parameter ${prm.name} needs schema or content`);
        if (prm.in === 'path' && prm.required !== true) p(`${where}: path parameter ${prm.name} must be required`);
        if (prm.in === 'path' && !declared.includes(prm.name))
          p(`${where}: path parameter ${prm.name} not in the path`);
      }
      for (const name of declared)
        if (!params.some((x) => x.in === 'path' && x.name === name))
          p(`${where}: path parameter {${name}} not declared`);
      if (op.requestBody && (!op.requestBody.content || !Object.keys(op.requestBody.content).length))
        p(`${where}: requestBody needs content`);
      for (const req of (op.security ?? []) as Json[])
        for (const name of Object.keys(req)) if (!(name in schemes)) p(`${where}: unknown security scheme ${name}`);
    }
  }
  // Every $ref anywhere resolves inside the document.
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${at}/${i}`));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Json)) {
      if (k === '$id' && typeof v === 'string' && v.includes('#')) p(`${at}: $id may not contain a fragment`);
      if (k === '$ref') {
        if (typeof v !== 'string' || resolvePointer(doc, v) === undefined)
          p(`${at}: $ref ${String(v)} does not resolve`);
      } else walk(v, `${at}/${k}`);
    }
  };
  walk(doc, '#');
  return problems;
}

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument(routeTable) as Json;

  it('describes EVERY route of the table (a new route without a registry entry fails here)', () => {
    const missing = routeTable.map((d) => `${d.method.toUpperCase()} ${d.path}`).filter((k) => !operations[k]);
    expect(missing, 'routes without an entry in server/src/openapi/registry.ts').toEqual([]);
    for (const def of routeTable) {
      const op = doc.paths[openApiPath(def.path)]?.[def.method];
      expect(op, `${def.method} ${def.path}`).toBeDefined();
      expect(op['x-access']).toEqual(def.access);
      expect(op.parameters?.filter((x: Json) => x.in === 'path').map((x: Json) => x.name) ?? []).toEqual(
        pathParamNames(def.path),
      );
    }
  });

  it('has no stale registry entries', () => {
    const keys = new Set(routeTable.map((d) => `${d.method.toUpperCase()} ${d.path}`));
    expect(Object.keys(operations).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('validates as OpenAPI 3.1', () => {
    expect(validateOpenApi31(doc)).toEqual([]);
  });

  it('uses the shared schemas (bodies, queries, responses) with $refs into components', () => {
    const create = doc.paths['/api/bookings'].post;
    expect(create.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateBookingBody',
    });
    expect(create.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Booking',
    });
    expect(doc.components.schemas.CreateBookingBody.required).toEqual(
      expect.arrayContaining(['facilityId', 'title', 'kind', 'phases']),
    );
    const availability = doc.paths['/api/availability'].get;
    expect(availability.parameters.map((x: Json) => x.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'facilityIds', 'site']),
    );
    expect(availability.parameters.find((x: Json) => x.name === 'from').required).toBe(true);
    expect(doc.paths['/api/feeds/{token}/facilities/{facilityId}.ics'].get.responses['200'].content).toHaveProperty(
      'text/calendar',
    );
  });

  it('the validator catches broken documents', () => {
    const broken = structuredClone(doc);
    broken.openapi = '3.0.3';
    broken.paths['/api/bookings/{id}'].get.parameters = [];
    broken.paths['/api/health'].get.responses = {};
    broken.paths['/api/sites'].get.responses['200'].content['application/json'].schema = {
      $ref: '#/components/schemas/Nope',
    };
    const problems = validateOpenApi31(broken).join('\n');
    expect(problems).toMatch(/openapi must be 3\.1/);
    expect(problems).toMatch(/\{id\} not declared/);
    expect(problems).toMatch(/GET \/api\/health: responses required/);
    expect(problems).toMatch(/Nope does not resolve/);
  });

  it('renders a readable docs page: tags, methods, paths, access, schemas; no scripts or remote resources', () => {
    const html = renderDocsPage(doc);
    expect(html).toContain('<h2 class="tag" id="tag-Bookings">');
    expect(html).toContain('/api/bookings/{id}/history');
    expect(html).toContain('roles: staff, admin');
    expect(html).toContain('id="schema-Booking"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/i);
  });
});
