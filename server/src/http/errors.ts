import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { AppError } from '@moskino/shared';
import { loggablePath, type Logger } from '../logger.js';

function isDbUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const name = err.name;
  return (
    name === 'MongoServerSelectionError' ||
    name === 'MongoNetworkError' ||
    name === 'MongoNetworkTimeoutError' ||
    name === 'MongoNotConnectedError' ||
    name === 'MongoTopologyClosedError' ||
    name === 'MongoPoolClearedError' ||
    (name === 'MongooseError' &&
      /buffering timed out|before initial connection|Connection was force closed/i.test(err.message)) ||
    mongoose.connection.readyState !== 1
  );
}

/** Turns anything thrown into the API error shape. Internal messages and stacks never leave the server. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; name?: string; message?: string };
  if (e?.type === 'entity.parse.failed') return new AppError('malformed_json', 'The request body is not valid JSON');
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError('bad_request', 'Unsupported request encoding');
  if (e?.name === 'CastError' || e?.name === 'BSONError') return new AppError('invalid_id', 'Malformed id');
  if (e?.name === 'ValidationError' && err instanceof mongoose.Error.ValidationError)
    return new AppError('validation_failed', 'Invalid data', { fields: Object.keys(err.errors) });
  if (isDbUnavailable(err)) return new AppError('db_unavailable', 'The database is not reachable; try again shortly');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500)
    return new AppError('bad_request', 'Bad request', undefined, e.status);
  return new AppError('internal', 'Something went wrong on our side');
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    if (appError.status >= 500)
      log.error({ err, method: req.method, url: loggablePath(req.originalUrl) }, 'request failed');
    if (res.headersSent) return;
    if (
      appError.code === 'rate_limited' &&
      typeof (appError.details as { retryAfterSeconds?: number })?.retryAfterSeconds === 'number'
    ) {
      res.setHeader('Retry-After', String((appError.details as { retryAfterSeconds: number }).retryAfterSeconds));
    }
    res.status(appError.status).json(appError.toBody());
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No such endpoint: ${req.method} ${req.path}`));
};
