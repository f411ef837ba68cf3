import { z } from 'zod';

/**
 * The one error shape of the API: `{ "error": { "code", "message", "details" } }`. The server throws
 * `AppError`, the error middleware serialises it, and the client parses it back into an `AppError`,
 * so one type travels from server to client.
 */
export const errorCodes = [
  'bad_request',
  'validation_failed',
  'malformed_json',
  'invalid_id',
  'not_found',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'conflict',
  'booking_conflict',
  'stale_version',
  'payload_too_large',
  'rate_limited',
  'db_unavailable',
  'internal',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  malformed_json: 400,
  invalid_id: 400,
  not_found: 404,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  conflict: 409,
  booking_conflict: 409,
  stale_version: 409,
  payload_too_large: 413,
  rate_limited: 429,
  db_unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode | (string & {});
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode | (string & {}), message: string, details?: unknown, status?: number) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status ?? statusByCode[code as ErrorCode] ?? 500;
    this.details = details;
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }

  static fromBody(status: number, body: unknown): AppError {
    const parsed = apiErrorBodySchema.safeParse(body);
    if (!parsed.success) return new AppError('internal', `Unexpected response (HTTP ${status})`, undefined, status);
    const { code, message, details } = parsed.data.error;
    return new AppError(code, message, details, status);
  }
}

/** A zod failure turned into the error shape: one entry per bad field, with its path. */
export function validationError(error: z.ZodError, where: 'body' | 'query' | 'params' = 'body'): AppError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
  const first = issues[0];
  const summary = first ? `${first.path || where}: ${first.message}` : 'invalid input';
  return new AppError('validation_failed', `Invalid ${where}: ${summary}`, { in: where, issues });
}
