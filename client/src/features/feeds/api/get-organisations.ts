import { useQuery } from '@tanstack/react-query';
import type { Organisation } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** Same key as the users screen's list, so both share one cache entry. */
export const organisationsQueryKey = ['organisations'] as const;

/** `GET /api/organisations` (staff and admins see all); the screens here pick partner ones. */
export function getOrganisations(signal?: AbortSignal): Promise<Organisation[]> {
  return api.get<Organisation[]>('/api/organisations', { signal });
}

export function useOrganisations() {
  return useQuery({
    queryKey: organisationsQueryKey,
    queryFn: ({ signal }) => getOrganisations(signal),
    staleTime: 5 * 60_000,
  });
}
