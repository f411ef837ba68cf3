import { z } from 'zod';
import { createBookingSchema } from '@moskino/shared';

/**
 * The booking form is checked with the server's own request schema (`createBookingSchema` from
 * `shared/src/booking`), plus the two phase rules that need no facility data: each phase ends after
 * it starts, and phases of one booking do not overlap. Grid, length, lead time and conflicts are the
 * server's answer (shown inline).
 */
export const bookingFormSchema = createBookingSchema.superRefine((b, ctx) => {
  b.phases.forEach((p, i) => {
    if (Date.parse(p.end) <= Date.parse(p.start))
      ctx.addIssue({ code: 'custom', message: 'booking.err.range', path: ['phases', i, 'end'] });
  });
  const sorted = b.phases.map((p, i) => ({ ...p, i })).sort((x, y) => Date.parse(x.start) - Date.parse(y.start));
  for (let k = 1; k < sorted.length; k++) {
    if (Date.parse(sorted[k]!.start) < Date.parse(sorted[k - 1]!.end)) {
      ctx.addIssue({ code: 'custom', message: 'booking.err.overlap', path: ['phases', sorted[k]!.i, 'start'] });
    }
  }
});

export type BookingFormValues = z.infer<typeof bookingFormSchema>;
