import { useEffect } from 'react';
import { useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { AppError } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import type { Availability } from '../types';

export function getAvailability(range: { from: string; to: string }, signal?: AbortSignal): Promise<Availability> {
  return api.get<Availability>('/api/availability', { query: { from: range.from, to: range.to }, signal });
}

/** Busy time of the visible range only; the previous range stays on screen while the next loads. */
const staleTime = 30_000;

export function useAvailability(range: { from: string; to: string }, enabled = true) {
  return useQuery({
    queryKey: ['availability', range.from, range.to],
    queryFn: ({ signal }) => getAvailability(range, signal),
    placeholderData: keepPreviousData,
    staleTime,
    retry: (count, error) => count < 1 && !(error instanceof AppError && error.status < 500),
    enabled,
  });
}

/**
 * Fetches the given ranges (the neighbours of the visible one) into the cache once `enabled` (pass
 * "the visible range has loaded", so they never compete with it), so a step to the next or previous
 * range paints from the cache at once. Fresh entries are not fetched again.
 */
export function usePrefetchAvailability(ranges: readonly { from: string; to: string }[], enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    for (const range of ranges) {
      void queryClient.prefetchQuery({
        queryKey: ['availability', range.from, range.to],
        queryFn: ({ signal }) => getAvailability(range, signal),
        staleTime,
      });
    }
  }, [queryClient, ranges, enabled]);
}
