import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKey } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import { apiKeysQueryKey } from './get-api-keys';

/** `POST /api/api-keys/:id/revoke` (admins; idempotent). Calls with the key answer 401 at once. */
export function revokeApiKey(id: string): Promise<ApiKey> {
  return api.post<ApiKey>(`/api/api-keys/${encodeURIComponent(id)}/revoke`);
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: (key) => {
      qc.setQueryData<ApiKey[]>(apiKeysQueryKey, (list) => list?.map((x) => (x.id === key.id ? key : x)));
      void qc.invalidateQueries({ queryKey: apiKeysQueryKey });
    },
  });
}
