import { conflictDetailsSchema, type ConflictDetails } from '@moskino/shared';

/** Booking shapes come from the shared booking schemas (issue 4). */
export type {
  Booking,
  BookingKind,
  BookingStatus,
  Phase,
  PhaseInput,
  HistoryEntry,
  ConflictDetails,
  CreateBookingRequest as CreateBookingInput,
} from '@moskino/shared';

export function parseConflictDetails(details: unknown): ConflictDetails {
  const parsed = conflictDetailsSchema.safeParse(details);
  return parsed.success ? parsed.data : { conflicts: [], suggestions: [] };
}
