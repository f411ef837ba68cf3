import type { PhaseType } from '@moskino/shared';

/** Booking as issue 4 describes it; replaced by the shared schema's type once `shared/src/booking/` lands. */
export type BookingKind = 'hold' | 'firm' | 'blackout';
export type BookingStatus = 'hold' | 'pending' | 'confirmed' | 'blackout' | 'cancelled' | 'rejected' | 'released';

export interface Phase {
  type: PhaseType;
  start: string;
  end: string;
}

export interface Booking {
  id: string;
  facilityId: string;
  organisationId: string;
  title: string;
  kind: BookingKind;
  status: BookingStatus | (string & {});
  holdRank?: number | null;
  phases: Phase[];
  notes?: string;
  createdAt: string;
  version: number;
}

export interface CreateBookingInput {
  facilityId: string;
  title: string;
  kind: BookingKind;
  phases: Phase[];
  notes?: string;
}

export interface ConflictDetails {
  conflicts: { facilityId: string; start: string; end: string; status: string; bookingId?: string }[];
  suggestions: { start: string; end: string }[];
}

export interface HistoryEntry {
  at: string;
  by?: string;
  action: string;
  [k: string]: unknown;
}

export function parseConflictDetails(details: unknown): ConflictDetails {
  const d = (details ?? {}) as Partial<ConflictDetails>;
  return {
    conflicts: Array.isArray(d.conflicts) ? d.conflicts : [],
    suggestions: Array.isArray(d.suggestions) ? d.suggestions : [],
  };
}
