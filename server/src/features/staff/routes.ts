import {
  AppError,
  bookingIdParamsSchema,
  blackoutImpactBodySchema,
  createBlackoutBodySchema,
  decideBodySchema,
  patchBookingSchema,
  reorderHoldBodySchema,
  staffCancelBodySchema,
} from '@moskino/shared';
import type { Request } from 'express';
import { z } from 'zod';
import { requireCaller, type RouteDef } from '../../http/routes.js';
import { parseBody } from '../../http/validate.js';
import { bookingService } from '../bookings/service.js';
import { notificationService } from './notifications.js';
import { staffService } from './service.js';

const staff = ['staff', 'admin'] as const;

function bookingId(req: Request): string {
  const parsed = bookingIdParamsSchema.safeParse({ ...req.params });
  if (!parsed.success) throw new AppError('invalid_id', 'Malformed booking id');
  return parsed.data.id;
}

/** A staff move: the usual PATCH body plus the reason, for the audit trail. */
export const staffPatchBodySchema = z.intersection(
  patchBookingSchema,
  z.object({ reason: z.string().trim().min(1, 'say why').max(1000) }),
);

export const staffRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/api/staff/approvals',
    access: staff,
    summary: 'Pending firm requests, oldest first, with what else wants the same time',
    handler: async (_req, res) => {
      res.json(await staffService.approvals());
    },
  },
  {
    method: 'post',
    path: '/api/staff/approvals/decide',
    access: staff,
    summary: 'Confirm or reject pending requests (one or several), with a reason; answers per item',
    handler: async (req, res) => {
      res.json(await staffService.decide(requireCaller(res), parseBody(decideBodySchema, req)));
    },
  },
  {
    method: 'post',
    path: '/api/staff/holds/reorder',
    access: staff,
    summary: 'Move a hold in the queue (before another competing hold, or to the back), with a reason',
    handler: async (req, res) => {
      res.json(await staffService.reorderHold(requireCaller(res), parseBody(reorderHoldBodySchema, req)));
    },
  },
  {
    method: 'patch',
    path: '/api/staff/bookings/:id',
    access: staff,
    summary: 'Move or edit any organisation’s booking, with a reason (confirmed time stays confirmed)',
    handler: async (req, res) => {
      const id = bookingId(req);
      const { reason, ...patch } = parseBody(staffPatchBodySchema, req);
      res.json(await bookingService.patch(requireCaller(res), id, patch, reason));
    },
  },
  {
    method: 'post',
    path: '/api/staff/bookings/:id/cancel',
    access: staff,
    summary: 'Cancel any organisation’s booking, with a reason',
    handler: async (req, res) => {
      const id = bookingId(req);
      const { reason } = parseBody(staffCancelBodySchema, req);
      res.json(await bookingService.cancel(requireCaller(res), id, reason));
    },
  },
  {
    method: 'post',
    path: '/api/staff/blackouts/impact',
    access: staff,
    summary: 'Which bookings and holds a blackout would hit (facility, ancestors, descendants, buffers)',
    handler: async (req, res) => {
      const body = parseBody(blackoutImpactBodySchema, req);
      res.json(await staffService.impact(body.facilityId, body.start, body.end));
    },
  },
  {
    method: 'post',
    path: '/api/staff/blackouts',
    access: staff,
    summary: 'Block a facility or a whole zone: refused over firm time; over holds only with releaseHolds',
    handler: async (req, res) => {
      res
        .status(201)
        .json(await staffService.createBlackout(requireCaller(res), parseBody(createBlackoutBodySchema, req)));
    },
  },
  {
    method: 'get',
    path: '/api/notifications',
    access: 'signed-in',
    summary: 'What the signed-in user’s organisation has been told (decisions, released holds)',
    handler: async (_req, res) => {
      res.json(await notificationService.listFor(requireCaller(res)));
    },
  },
];
