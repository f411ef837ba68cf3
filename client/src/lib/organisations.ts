import { useQuery } from '@tanstack/react-query';
import type { Organisation } from '@moskino/shared';
import { api } from './api-client';

// `GET /api/organisations`, used by several features (the timeline's "book for", the staff console,
// the users screen), so it lives here rather than in one of them (features never import each other).

export const organisationsQueryKey = ['organisations'] as const;

/** Organisations: staff and admins see all, everybody else their own. */
export function getOrganisations(signal?: AbortSignal): Promise<Organisation[]> {
  return api.get<Organisation[]>('/api/organisations', { signal });
}

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: organisationsQueryKey,
    queryFn: ({ signal }) => getOrganisations(signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}
