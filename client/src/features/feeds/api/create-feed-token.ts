import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateFeedTokenBody, FeedTokenCreated } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import { feedTokensQueryKey } from './get-feed-tokens';

/** `POST /api/feed-tokens` (crew: a private token, name only; admins: for a partner organisation). The token is in this answer only. */
export function createFeedToken(body: CreateFeedTokenBody): Promise<FeedTokenCreated> {
  return api.post<FeedTokenCreated>('/api/feed-tokens', body);
}

export function useCreateFeedToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createFeedToken,
    onSuccess: () => void qc.invalidateQueries({ queryKey: feedTokensQueryKey }),
  });
}
