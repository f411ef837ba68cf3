import { useQuery } from '@tanstack/react-query';
import type { ApiKey } from '@moskino/shared';
import { api } from '../../../lib/api-client';

export const apiKeysQueryKey = ['api-keys'] as const;

/** `GET /api/api-keys` (admins): prefix, organisation, created, last used, revoked. */
export function getApiKeys(signal?: AbortSignal): Promise<ApiKey[]> {
  return api.get<ApiKey[]>('/api/api-keys', { signal });
}

export function useApiKeys() {
  return useQuery({ queryKey: apiKeysQueryKey, queryFn: ({ signal }) => getApiKeys(signal) });
}
