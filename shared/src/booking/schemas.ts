import { z } from 'zod';
import { phaseTypeSchema, siteSlugSchema } from '../catalogue.js';

/** Every API shape of the booking engine, shared by the server (validation) and the client (typing). */

export const bookingKinds = ['hold', 'firm', 'blackout'] as const;
export const bookingKindSchema = z.enum(bookingKinds);
export type BookingKind = z.infer<typeof bookingKindSchema>;

/** `held` (kind hold), `pending`/`confirmed` (kind firm), `blackout` (kind blackout), then the
 * terminal ones, which free the time at once. */
export const bookingStatuses = [
  'held',
  'pending',
  'confirmed',
  'blackout',
  'cancelled',
  'rejected',
  'released',
  'expired',
] as const;
export const bookingStatusSchema = z.enum(bookingStatuses);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

export const liveStatuses: readonly BookingStatus[] = ['held', 'pending', 'confirmed', 'blackout'];
export const blockingStatuses: readonly BookingStatus[] = ['pending', 'confirmed', 'blackout'];

const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id');

/** ISO 8601 with an explicit offset (`Z` or `+03:00`), seconds optional. */
export const isoInstantSchema = z
  .string()
  .max(40)
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T08:00:00+03:00',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date-time');

export const phaseInputSchema = z.strictObject({
  type: phaseTypeSchema,
  start: isoInstantSchema,
  end: isoInstantSchema,
});
export type PhaseInput = z.infer<typeof phaseInputSchema>;

const titleSchema = z.string().trim().min(1, 'must not be empty').max(200);
const notesSchema = z.string().max(4000);
const phasesSchema = z.array(phaseInputSchema).min(1, 'at least one phase').max(20, 'at most 20 phases');

export const createBookingSchema = z.strictObject({
  facilityId: objectIdSchema,
  title: titleSchema,
  kind: bookingKindSchema,
  phases: phasesSchema,
  notes: notesSchema.optional(),
  /** Staff only: book for another organisation. */
  organisationId: objectIdSchema.optional(),
});
export type CreateBookingRequest = z.infer<typeof createBookingSchema>;

export const patchBookingSchema = z
  .strictObject({
    /** The version the client last saw; a mismatch answers 409 `stale_version`. */
    version: z.number().int().min(1),
    title: titleSchema.optional(),
    notes: notesSchema.optional(),
    phases: phasesSchema.optional(),
  })
  .refine(
    (p) => p.title !== undefined || p.notes !== undefined || p.phases !== undefined,
    'nothing to change: give title, notes or phases',
  );
export type PatchBookingRequest = z.infer<typeof patchBookingSchema>;

export const phaseSchema = z.object({ type: phaseTypeSchema, start: z.string(), end: z.string() });
export type Phase = z.infer<typeof phaseSchema>;

export const bookingSchema = z.object({
  id: z.string(),
  facilityId: z.string(),
  organisationId: z.string(),
  title: z.string(),
  notes: z.string(),
  kind: bookingKindSchema,
  status: bookingStatusSchema,
  /** 1 = first hold; only for live holds. */
  holdRank: z.number().int().min(1).nullable(),
  phases: z.array(phaseSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
  /** Why the last change was made, when staff gave a reason (a rejection, a confirmation, a move). */
  reason: z.string().optional(),
});
export type Booking = z.infer<typeof bookingSchema>;

export const bookingListQuerySchema = z.strictObject({
  from: isoInstantSchema.optional(),
  to: isoInstantSchema.optional(),
  facilityId: objectIdSchema.optional(),
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(bookingStatusSchema))
    .optional(),
});
export type BookingListQuery = z.infer<typeof bookingListQuerySchema>;

export const bookingIdParamsSchema = z.object({ id: objectIdSchema });

/** One interval in the way of a request. Ids and titles only where the caller may see them. */
export const conflictSchema = z.object({
  facilityId: z.string(),
  start: z.string(),
  end: z.string(),
  status: bookingStatusSchema,
  holdRank: z.number().int().optional(),
  bookingId: z.string().optional(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const windowSchema = z.object({ start: z.string(), end: z.string() });
export const conflictDetailsSchema = z.object({
  conflicts: z.array(conflictSchema),
  suggestions: z.array(windowSchema),
});
export type ConflictDetails = z.infer<typeof conflictDetailsSchema>;

/** Largest window of an availability or list query. */
export const MAX_QUERY_WINDOW_DAYS = 400;

export const availabilityQuerySchema = z
  .strictObject({
    from: isoInstantSchema,
    to: isoInstantSchema,
    facilityIds: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(objectIdSchema).min(1).max(200))
      .optional(),
    site: siteSlugSchema.optional(),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_QUERY_WINDOW_DAYS * 86_400_000, {
    message: `the window may be at most ${MAX_QUERY_WINDOW_DAYS} days`,
    path: ['to'],
  });
export type AvailabilityQuery = z.infer<typeof availabilityQuerySchema>;

export const busySchema = z.object({
  start: z.string(),
  end: z.string(),
  status: bookingStatusSchema,
  holdRank: z.number().int().optional(),
  /** `self`, or blocked through an ancestor (e.g. the whole zone) or a descendant (one set of it). */
  via: z.enum(['self', 'ancestor', 'descendant']),
  viaFacilityId: z.string().optional(),
  /** Only for bookings the caller may see in detail. */
  bookingId: z.string().optional(),
  title: z.string().optional(),
  organisationId: z.string().optional(),
  phase: z.string().optional(),
});
export type Busy = z.infer<typeof busySchema>;

export const availabilitySchema = z.object({
  from: z.string(),
  to: z.string(),
  facilities: z.array(z.object({ facilityId: z.string(), busy: z.array(busySchema) })),
});
export type Availability = z.infer<typeof availabilitySchema>;

export const historyEntrySchema = z.object({
  version: z.number().int(),
  action: z.string(),
  at: z.string(),
  by: z.object({ userId: z.string(), organisationId: z.string(), role: z.string() }),
  before: bookingSchema.nullable(),
  after: bookingSchema,
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
