import { z } from 'zod';
import { isoInstantSchema } from '../booking/schemas.js';

/** Capacity: utilisation, forecast, estimated revenue (issue 6). Shares are 0..1. */

export const utilisationQuerySchema = z
  .strictObject({
    from: isoInstantSchema,
    to: isoInstantSchema,
    granularity: z.enum(['week', 'month']).default('week'),
    level: z.enum(['facility', 'zone', 'site']).default('facility'),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
    message: 'the window may be at most 400 days',
    path: ['to'],
  });
export type UtilisationQuery = z.infer<typeof utilisationQuerySchema>;

export const shareSchema = z.object({
  /** Bookable time in hours (the period length, per facility). */
  bookableHours: z.number(),
  confirmed: z.number(),
  pending: z.number(),
  /** Held time weighted by rank: a hold of rank r counts 1/r. */
  held: z.number(),
  blackout: z.number(),
});
export type Share = z.infer<typeof shareSchema>;

export const utilisationRowSchema = z.object({
  key: z.string(),
  label: z.object({ ru: z.string(), en: z.string() }),
  periods: z.array(z.object({ start: z.string(), end: z.string() }).and(shareSchema)),
  total: shareSchema,
});
export const utilisationSchema = z.object({
  from: z.string(),
  to: z.string(),
  granularity: z.enum(['week', 'month']),
  level: z.enum(['facility', 'zone', 'site']),
  holdWeight: z.string(),
  rows: z.array(utilisationRowSchema),
  /** Facilities by confirmed + pending share over the whole window. */
  busiest: z.array(z.object({ facilityId: z.string(), share: z.number() })),
  idlest: z.array(z.object({ facilityId: z.string(), share: z.number() })),
});
export type Utilisation = z.infer<typeof utilisationSchema>;

export const forecastQuerySchema = z.strictObject({
  months: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(13))
    .default(6),
});
export const forecastSchema = z.object({
  holdWeight: z.string(),
  months: z.array(
    z.object({
      start: z.string(),
      end: z.string(),
      bookableHours: z.number(),
      confirmedHours: z.number(),
      pendingHours: z.number(),
      weightedHeldHours: z.number(),
      /** (confirmed + pending + weighted holds) / bookable. */
      expectedShare: z.number(),
    }),
  ),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const revenueQuerySchema = z
  .strictObject({
    from: isoInstantSchema,
    to: isoInstantSchema,
    granularity: z.enum(['week', 'month']).default('month'),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
    message: 'the window may be at most 400 days',
    path: ['to'],
  });

export const revenueSchema = z.object({
  estimate: z.literal(true),
  note: z.string(),
  currency: z.literal('RUB'),
  rows: z.array(
    z.object({
      facilityId: z.string(),
      periods: z.array(z.object({ start: z.string(), end: z.string(), confirmed: z.number(), pending: z.number() })),
      confirmed: z.number(),
      pending: z.number(),
    }),
  ),
  totalConfirmed: z.number(),
  totalPending: z.number(),
});
export type Revenue = z.infer<typeof revenueSchema>;
