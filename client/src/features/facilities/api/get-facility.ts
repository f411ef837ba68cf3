import { useQuery } from '@tanstack/react-query';
import type { Facility } from '@moskino/shared';
import { api } from '../../../lib/api-client';

export function getFacility(idOrSlug: string): Promise<Facility> {
  return api.get<Facility>(`/api/facilities/${encodeURIComponent(idOrSlug)}`);
}

export function useFacility(idOrSlug: string) {
  return useQuery({ queryKey: ['facility', idOrSlug], queryFn: () => getFacility(idOrSlug), staleTime: 5 * 60_000 });
}
