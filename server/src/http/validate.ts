import type { Request } from 'express';
import type { z } from 'zod';
import { AppError, validationError } from '@moskino/shared';

/** Validate once at the edge; handlers get the parsed value and never touch req.body/req.query again. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) throw validationError(result.error, 'body');
  return result.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  // Express 5: req.query is a read-only getter; parse into a new object.
  const result = schema.safeParse({ ...req.query });
  if (!result.success) throw validationError(result.error, 'query');
  return result.data;
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse({ ...req.params });
  if (!result.success) throw validationError(result.error, 'params');
  return result.data;
}

/** Refuses query-operator injection anywhere in a request: keys starting with `$` or containing `.`,
 * at any depth. Zod schemas would reject most of it; this makes it impossible to forget. */
export function findOperatorKey(value: unknown, depth = 0): string | undefined {
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith('$') || key.includes('.') || key === '__proto__') return key;
    const found = findOperatorKey(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function assertNoOperators(req: Request): void {
  const key = findOperatorKey(req.body) ?? findOperatorKey(req.query);
  if (key) {
    throw new AppError('bad_request', `Field names may not start with "$" or contain "." (got "${key.slice(0, 40)}")`, {
      field: key.slice(0, 40),
    });
  }
}
