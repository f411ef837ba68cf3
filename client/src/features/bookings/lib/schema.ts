import { z } from 'zod';
import { phaseTypeSchema } from '@moskino/shared';

/**
 * Client-side check of the booking form, mirroring the rules of issue 4 that need no server
 * (title present, end after start, phases of one booking not overlapping). The server re-checks
 * everything; swap in the shared booking schema from `shared/src/booking/` once it exists.
 */
export const bookingFormSchema = z
  .object({
    facilityId: z.string().min(1),
    title: z.string().trim().min(1, 'booking.err.title').max(200),
    kind: z.enum(['hold', 'firm', 'blackout']),
    notes: z.string().max(2000).optional(),
    phases: z
      .array(
        z
          .object({ type: phaseTypeSchema, start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) })
          .refine((p) => Date.parse(p.end) > Date.parse(p.start), { message: 'booking.err.range', path: ['end'] }),
      )
      .min(1, 'booking.err.phases'),
  })
  .superRefine((b, ctx) => {
    const sorted = b.phases.map((p, i) => ({ ...p, i })).sort((x, y) => Date.parse(x.start) - Date.parse(y.start));
    for (let k = 1; k < sorted.length; k++) {
      if (Date.parse(sorted[k]!.start) < Date.parse(sorted[k - 1]!.end)) {
        ctx.addIssue({ code: 'custom', message: 'booking.err.overlap', path: ['phases', sorted[k]!.i, 'start'] });
      }
    }
  });

export type BookingFormValues = z.infer<typeof bookingFormSchema>;
