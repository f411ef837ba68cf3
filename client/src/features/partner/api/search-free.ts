import { useQuery } from '@tanstack/react-query';
import type { FreeSearchResult } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** Query of `GET /api/search/free`, as the page keeps it in its URL (plain strings). */
export interface FreeSearchParams {
  from: string;
  to: string;
  site?: string;
  kind?: string;
  minArea?: string;
  minHeight?: string;
  feature?: string;
  minFreeShare?: string;
}

export function searchFree(params: FreeSearchParams, signal?: AbortSignal): Promise<FreeSearchResult> {
  return api.get<FreeSearchResult>('/api/search/free', { query: { ...params }, signal });
}

export function useFreeSearch(params: FreeSearchParams | null) {
  return useQuery({
    queryKey: ['search-free', params],
    queryFn: ({ signal }) => searchFree(params!, signal),
    enabled: params !== null,
    retry: false,
  });
}
