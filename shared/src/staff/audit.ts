import { z } from 'zod';
import { isoInstantSchema } from '../booking/schemas.js';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id');

export const auditEntities = ['booking', 'blackout', 'user', 'organisation', 'facility', 'catalogue'] as const;

/**
 * Audit records of non-booking changes are written ahead of the change (docs/staff-console.md,
 * "Audit"): `applied` — the change happened; `pending` — written, the change not (yet) seen on its
 * record (in flight); `abandoned` — the change never happened (its writer died or gave up before
 * it). Booking versions are always `applied`: the version is the change.
 */
export const auditStates = ['applied', 'pending', 'abandoned'] as const;
export type AuditState = (typeof auditStates)[number];

/** `GET /api/staff/audit`: every filter optional; `from`/`to` bound the time of the change. */
export const auditQuerySchema = z.strictObject({
  user: objectId.optional(),
  organisation: objectId.optional(),
  facility: objectId.optional(),
  booking: objectId.optional(),
  from: isoInstantSchema.optional(),
  to: isoInstantSchema.optional(),
  action: z
    .string()
    .max(80)
    .regex(/^[a-z_:.-]+$/i, 'an action name')
    .optional(),
  entity: z.enum(auditEntities).optional(),
  /** `applied` when absent: the changes that happened. */
  state: z.enum(auditStates).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(1000))
    .optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  entity: z.enum(auditEntities),
  entityId: z.string(),
  action: z.string(),
  by: z.object({ userId: z.string(), organisationId: z.string(), role: z.string() }),
  /** The organisation the changed thing belongs to (a booking's, a user's), if any. */
  organisationId: z.string().nullable(),
  facilityId: z.string().nullable(),
  reason: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  state: z.enum(auditStates),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
