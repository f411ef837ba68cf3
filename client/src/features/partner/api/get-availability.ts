import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Availability } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** Busy time of every facility in `[from, to)`, in the caller's privacy (a partner gets status only). */
export function getMonthAvailability(
  range: { from: string; to: string; site?: string },
  signal?: AbortSignal,
): Promise<Availability> {
  return api.get<Availability>('/api/availability', {
    query: { from: range.from, to: range.to, site: range.site },
    signal,
  });
}

export function useMonthAvailability(range: { from: string; to: string; site?: string }) {
  return useQuery({
    queryKey: ['partner', 'availability', range.from, range.to, range.site ?? ''],
    queryFn: ({ signal }) => getMonthAvailability(range, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
