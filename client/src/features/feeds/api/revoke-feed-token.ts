import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FeedToken } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import { feedTokensQueryKey } from './get-feed-tokens';

/** `POST /api/feed-tokens/:id/revoke` (crew: their own; admins: any). Its feeds answer 404 at once. */
export function revokeFeedToken(id: string): Promise<FeedToken> {
  return api.post<FeedToken>(`/api/feed-tokens/${encodeURIComponent(id)}/revoke`);
}

export function useRevokeFeedToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeFeedToken,
    onSuccess: (token) => {
      qc.setQueryData<FeedToken[]>(feedTokensQueryKey, (list) => list?.map((x) => (x.id === token.id ? token : x)));
      void qc.invalidateQueries({ queryKey: feedTokensQueryKey });
    },
  });
}
