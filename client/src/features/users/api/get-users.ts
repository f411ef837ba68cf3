import { useQuery } from '@tanstack/react-query';
import type { User } from '@moskino/shared';
import { api } from '../../../lib/api-client';

export const usersQueryKey = ['users'] as const;

/** Every user (`GET /api/users`, staff and admins), sorted by email by the server. */
export function getUsers(signal?: AbortSignal): Promise<User[]> {
  return api.get<User[]>('/api/users', { signal });
}

export function useUsers() {
  return useQuery({ queryKey: usersQueryKey, queryFn: ({ signal }) => getUsers(signal), staleTime: 60_000 });
}
