import {
  AppError,
  availabilityQuerySchema,
  bookingIdParamsSchema,
  bookingListQuerySchema,
  createBookingSchema,
  patchBookingSchema,
} from '@moskino/shared';
import type { Request } from 'express';
import { requireCaller, type RouteDef } from '../../http/routes.js';
import { parseBody, parseQuery } from '../../http/validate.js';
import { bookingService } from './service.js';

const bookers = ['crew', 'staff', 'admin'] as const;
const staff = ['staff', 'admin'] as const;

function bookingId(req: Request): string {
  const parsed = bookingIdParamsSchema.safeParse({ ...req.params });
  if (!parsed.success)
    throw new AppError('invalid_id', 'Malformed booking id', { id: String(req.params.id ?? '').slice(0, 80) });
  return parsed.data.id;
}

function idempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new AppError(
      'validation_failed',
      'Invalid header: Idempotency-Key must be 1 to 200 visible ASCII characters',
      {
        in: 'headers',
        issues: [{ path: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters', code: 'invalid' }],
      },
    );
  }
  return key;
}

function action(
  path: string,
  summary: string,
  access: RouteDef['access'],
  run: (typeof bookingService)['cancel'],
): RouteDef {
  return {
    method: 'post',
    path,
    access,
    summary,
    handler: async (req, res) => {
      res.json(await run(requireCaller(res), bookingId(req)));
    },
  };
}

export const bookingRoutes: RouteDef[] = [
  {
    method: 'post',
    path: '/api/bookings',
    access: bookers,
    summary:
      'Place a hold or request a firm booking (staff: also for another organisation, and blackouts); Idempotency-Key supported',
    handler: async (req, res) => {
      const caller = requireCaller(res);
      const key = idempotencyKey(req);
      const body = parseBody(createBookingSchema, req);
      const { booking, replayed } = await bookingService.create(caller, body, key);
      if (replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(201).json(booking);
    },
  },
  {
    method: 'get',
    path: '/api/bookings',
    access: bookers,
    summary: 'Bookings the caller may see in detail, filtered by window, facility and status',
    handler: async (req, res) => {
      res.json(await bookingService.list(requireCaller(res), parseQuery(bookingListQuerySchema, req)));
    },
  },
  {
    method: 'get',
    path: '/api/bookings/:id',
    access: bookers,
    summary: 'One booking (own organisation; staff: any)',
    handler: async (req, res) => {
      res.json(await bookingService.get(requireCaller(res), bookingId(req)));
    },
  },
  {
    method: 'patch',
    path: '/api/bookings/:id',
    access: bookers,
    summary: 'Change title, notes or phases; needs the version last seen (409 stale_version)',
    handler: async (req, res) => {
      const caller = requireCaller(res);
      const id = bookingId(req);
      res.json(await bookingService.patch(caller, id, parseBody(patchBookingSchema, req)));
    },
  },
  action(
    '/api/bookings/:id/cancel',
    'Cancel a booking (a hold is released); frees the time at once',
    bookers,
    bookingService.cancel,
  ),
  action(
    '/api/bookings/:id/firm',
    'Make the first hold firm (pending); releases the holds behind it',
    bookers,
    bookingService.firm,
  ),
  action('/api/bookings/:id/confirm', 'Confirm a pending request', staff, bookingService.confirm),
  action('/api/bookings/:id/reject', 'Reject a pending request', staff, bookingService.reject),
  {
    method: 'get',
    path: '/api/bookings/:id/history',
    access: staff,
    summary: 'Audit trail of one booking: who, when, what, before and after',
    handler: async (req, res) => {
      res.json(await bookingService.history(requireCaller(res), bookingId(req)));
    },
  },
  {
    method: 'get',
    path: '/api/availability',
    access: 'signed-in',
    summary: 'Busy time per facility (including through ancestors and descendants), with the privacy of the caller',
    handler: async (req, res) => {
      res.json(await bookingService.availability(requireCaller(res), parseQuery(availabilityQuerySchema, req)));
    },
  },
];
