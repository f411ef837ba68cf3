import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AppError, type Availability, type BlackoutImpact, type Booking } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import { impactOf } from '../lib/blackout';

const missing = (e: unknown) => e instanceof AppError && e.status === 404 && e.code === 'not_found';

export interface Window {
  facilityId: string;
  start: string;
  end: string;
}

/** What a blackout would hit: `POST /api/staff/blackouts/impact`, or (older server) worked out from availability. */
export async function getImpact(w: Window, signal?: AbortSignal): Promise<BlackoutImpact> {
  try {
    return await api.post<BlackoutImpact>('/api/staff/blackouts/impact', w, { signal });
  } catch (e) {
    if (!missing(e)) throw e;
  }
  const a = await api.get<Availability>('/api/availability', {
    query: { from: w.start, to: w.end, facilityIds: [w.facilityId] },
    signal,
  });
  return { ...w, ...impactOf(a, w.facilityId, w) };
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
  holdIds: string[];
}

/** Place the blackout (the server refuses it over firm time, and over holds unless `releaseHolds`). */
export async function createBlackout(input: BlackoutInput): Promise<{ blackout: Booking; released: string[] }> {
  const { holdIds, ...body } = input;
  try {
    return await api.post<{ blackout: Booking; released: string[] }>('/api/staff/blackouts', body);
  } catch (e) {
    if (!missing(e)) throw e;
  }
  if (input.releaseHolds) for (const id of holdIds) await api.post<Booking>(`/api/bookings/${id}/cancel`);
  const blackout = await api.post<Booking>('/api/bookings', {
    facilityId: input.facilityId,
    title: input.reason,
    kind: 'blackout',
    notes: input.notes,
    phases: [{ type: 'build', start: input.start, end: input.end }],
  });
  return { blackout, released: input.releaseHolds ? holdIds : [] };
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
