import { useQuery } from '@tanstack/react-query';
import type { Revenue } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** Estimated revenue per facility and period from the day rates and phases (always an estimate). */
export function getRevenue(
  q: { from: string; to: string; granularity: 'week' | 'month' },
  signal?: AbortSignal,
): Promise<Revenue> {
  return api.get<Revenue>('/api/staff/revenue', { query: { ...q }, signal });
}

export function useRevenue(q: { from: string; to: string; granularity: 'week' | 'month' }) {
  return useQuery({
    queryKey: ['capacity', 'revenue', q],
    queryFn: ({ signal }) => getRevenue(q, signal),
    staleTime: 60_000,
  });
}
