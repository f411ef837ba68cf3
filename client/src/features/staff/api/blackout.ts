import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BlackoutImpact, Booking } from '@moskino/shared';
import { api } from '../../../lib/api-client';

export interface Window {
  facilityId: string;
  start: string;
  end: string;
}

/** What a blackout would hit (on the facility, its parents and children, buffers included): firm bookings refuse it, holds would be released. */
export function getImpact(w: Window, signal?: AbortSignal): Promise<BlackoutImpact> {
  return api.post<BlackoutImpact>('/api/staff/blackouts/impact', w, { signal });
}

export function useImpact(w: Window | null) {
  return useQuery({
    queryKey: ['staff', 'impact', w],
    queryFn: ({ signal }) => getImpact(w!, signal),
    enabled: w !== null,
    retry: false,
  });
}

export interface BlackoutInput extends Window {
  reason: string;
  notes: string;
  /** Holds agreed to be released (their holders are told). */
  releaseHolds: boolean;
}

/** Place the blackout: refused over firm time, and over holds unless `releaseHolds` (released in the same write). */
export function createBlackout(input: BlackoutInput): Promise<{ blackout: Booking; released: string[] }> {
  return api.post<{ blackout: Booking; released: string[] }>('/api/staff/blackouts', input);
}

export function useCreateBlackout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createBlackout,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['availability'] });
      void qc.invalidateQueries({ queryKey: ['capacity'] });
    },
  });
}
