import { useQuery } from '@tanstack/react-query';
import type { Site } from '@moskino/shared';
import { api } from '../../../lib/api-client';

export function getSites(): Promise<Site[]> {
  return api.get<Site[]>('/api/sites');
}

export function useSites() {
  return useQuery({ queryKey: ['sites'], queryFn: getSites, staleTime: 5 * 60_000 });
}
