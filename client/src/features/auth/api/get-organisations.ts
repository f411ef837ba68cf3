import { useQuery } from '@tanstack/react-query';
import type { Organisation } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** Organisations: staff and admins see all, everybody else their own (`GET /api/organisations`). */
export function getOrganisations(signal?: AbortSignal): Promise<Organisation[]> {
  return api.get<Organisation[]>('/api/organisations', { signal });
}

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: ['organisations'],
    queryFn: ({ signal }) => getOrganisations(signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}
