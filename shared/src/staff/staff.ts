import { z } from 'zod';
import { bookingSchema, isoInstantSchema, phaseSchema } from '../booking/schemas.js';

/** Staff console: approvals, hold order, blackouts and notifications (issue 6). */

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id');
const reasonSchema = z.string().trim().max(1000);

/** Something else that wants the time of a pending request. */
export const competitorSchema = z.object({
  bookingId: z.string(),
  facilityId: z.string(),
  organisationId: z.string(),
  title: z.string(),
  status: z.string(),
  holdRank: z.number().int().nullable(),
  /** `hold` behind the request on a related facility, or another `request` on a parent or child. */
  relation: z.enum(['hold', 'request']),
  via: z.enum(['self', 'ancestor', 'descendant']),
  phases: z.array(phaseSchema),
});
export type Competitor = z.infer<typeof competitorSchema>;

export const approvalItemSchema = z.object({
  booking: bookingSchema,
  facility: z.object({ id: z.string(), slug: z.string(), name: z.object({ ru: z.string(), en: z.string() }) }),
  organisation: z.object({ id: z.string(), name: z.object({ ru: z.string(), en: z.string() }) }).nullable(),
  /** When the request was made (became pending). */
  requestedAt: z.string(),
  competing: z.array(competitorSchema),
});
export type ApprovalItem = z.infer<typeof approvalItemSchema>;

export const decisionSchema = z.strictObject({
  bookingId: objectId,
  decision: z.enum(['confirm', 'reject']),
  reason: reasonSchema.optional(),
});
export const decideBodySchema = z
  .strictObject({
    decisions: z.array(decisionSchema).min(1, 'at least one decision').max(200, 'at most 200 decisions'),
  })
  .superRefine((b, ctx) => {
    b.decisions.forEach((d, i) => {
      if (d.decision === 'reject' && !d.reason)
        ctx.addIssue({ code: 'custom', path: ['decisions', i, 'reason'], message: 'a rejection needs a reason' });
    });
  });
export type DecideBody = z.infer<typeof decideBodySchema>;

/** One answer per decision, in order: the booking after the decision, or the error that stopped it. */
export const decideResultSchema = z.object({
  results: z.array(
    z.object({
      bookingId: z.string(),
      ok: z.boolean(),
      booking: bookingSchema.optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
export type DecideResult = z.infer<typeof decideResultSchema>;

/** Move a hold in the queue of its facility: directly before another hold competing with it, or to the back (`beforeBookingId: null`). */
export const reorderHoldBodySchema = z.strictObject({
  bookingId: objectId,
  beforeBookingId: objectId.nullable(),
  reason: reasonSchema.min(1, 'say why'),
});
export type ReorderHoldBody = z.infer<typeof reorderHoldBodySchema>;

/** A staff change with a reason: cancel any booking. */
export const staffCancelBodySchema = z.strictObject({ reason: reasonSchema.min(1, 'say why') });

const windowRefine = <T extends { start: string; end: string }>(s: z.ZodType<T>) =>
  s.refine((b) => Date.parse(b.end) > Date.parse(b.start), { message: 'end must be after start', path: ['end'] });

export const blackoutImpactBodySchema = windowRefine(
  z.strictObject({ facilityId: objectId, start: isoInstantSchema, end: isoInstantSchema }),
);
export type BlackoutImpactBody = z.infer<typeof blackoutImpactBodySchema>;

export const impactItemSchema = z.object({
  bookingId: z.string(),
  facilityId: z.string(),
  organisationId: z.string(),
  title: z.string(),
  status: z.string(),
  holdRank: z.number().int().nullable(),
  via: z.enum(['self', 'ancestor', 'descendant']),
  phases: z.array(phaseSchema),
});
export const blackoutImpactSchema = z.object({
  facilityId: z.string(),
  start: z.string(),
  end: z.string(),
  /** Firm bookings and blackouts in the way: a blackout here is refused. */
  firm: z.array(impactItemSchema),
  /** Holds in the way: a blackout here releases them (`releaseHolds: true`). */
  holds: z.array(impactItemSchema),
});
export type BlackoutImpact = z.infer<typeof blackoutImpactSchema>;

export const createBlackoutBodySchema = windowRefine(
  z.strictObject({
    facilityId: objectId,
    start: isoInstantSchema,
    end: isoInstantSchema,
    reason: z.string().trim().min(1, 'say why').max(200),
    notes: z.string().max(4000).optional(),
    releaseHolds: z.boolean().optional(),
  }),
);
export type CreateBlackoutBody = z.infer<typeof createBlackoutBodySchema>;

export const blackoutCreatedSchema = z.object({ blackout: bookingSchema, released: z.array(z.string()) });

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  bookingId: z.string().nullable(),
  message: z.object({ ru: z.string(), en: z.string() }),
  reason: z.string(),
  at: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;
