import { useQuery } from '@tanstack/react-query';
import type { Facility } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** The whole catalogue (about 70 rows): fetched once, filtered in the browser with `matchesFacilityQuery`. */
export function getFacilities(): Promise<Facility[]> {
  return api.get<Facility[]>('/api/facilities');
}

export function useFacilities() {
  return useQuery({ queryKey: ['facilities'], queryFn: getFacilities, staleTime: 5 * 60_000 });
}
