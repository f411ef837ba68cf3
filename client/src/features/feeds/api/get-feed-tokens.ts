import { useQuery } from '@tanstack/react-query';
import type { FeedToken } from '@moskino/shared';
import { api } from '../../../lib/api-client';

export const feedTokensQueryKey = ['feed-tokens'] as const;

/** `GET /api/feed-tokens` (crew: their own private tokens; admins: all). */
export function getFeedTokens(signal?: AbortSignal): Promise<FeedToken[]> {
  return api.get<FeedToken[]>('/api/feed-tokens', { signal });
}

export function useFeedTokens() {
  return useQuery({ queryKey: feedTokensQueryKey, queryFn: ({ signal }) => getFeedTokens(signal) });
}
