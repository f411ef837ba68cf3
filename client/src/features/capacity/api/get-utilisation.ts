import { useQuery } from '@tanstack/react-query';
import type { Availability } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/**
 * Busy time of the whole catalogue over the weeks shown, in the staff view (statuses, ranks,
 * phases). The shares are worked out in the browser (`lib/utilisation.ts`) until the server's
 * capacity endpoint is available.
 */
export function getCatalogueBusy(range: { from: string; to: string }, signal?: AbortSignal): Promise<Availability> {
  return api.get<Availability>('/api/availability', { query: range, signal });
}

export function useCatalogueBusy(range: { from: string; to: string }) {
  return useQuery({
    queryKey: ['capacity', 'busy', range.from, range.to],
    queryFn: ({ signal }) => getCatalogueBusy(range, signal),
    staleTime: 60_000,
  });
}
