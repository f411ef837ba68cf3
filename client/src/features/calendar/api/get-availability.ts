import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { AppError } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import type { Availability } from '../types';

export function getAvailability(range: { from: string; to: string }, signal?: AbortSignal): Promise<Availability> {
  return api.get<Availability>('/api/availability', { query: { from: range.from, to: range.to }, signal });
}

/** Busy time of the visible range only; the previous range stays on screen while the next loads. */
export function useAvailability(range: { from: string; to: string }, enabled = true) {
  return useQuery({
    queryKey: ['availability', range.from, range.to],
    queryFn: ({ signal }) => getAvailability(range, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: (count, error) => count < 1 && !(error instanceof AppError && error.status < 500),
    enabled,
  });
}
