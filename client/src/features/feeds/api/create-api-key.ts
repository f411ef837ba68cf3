import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKeyCreated, CreateApiKeyBody } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import { apiKeysQueryKey } from './get-api-keys';

/** `POST /api/api-keys` (admins, a partner organisation). The key is in this answer only. */
export function createApiKey(body: CreateApiKeyBody): Promise<ApiKeyCreated> {
  return api.post<ApiKeyCreated>('/api/api-keys', body);
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => void qc.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
