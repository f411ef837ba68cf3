import { useQuery } from '@tanstack/react-query';
import type { Organisation } from '@moskino/shared';
import { api } from '../../../lib/api-client';

export const organisationsQueryKey = ['organisations'] as const;

/** Every organisation (`GET /api/organisations`; staff and admins see all). */
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
