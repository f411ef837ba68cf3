import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import { usersQueryKey } from './get-users';

/** `POST /api/users/:id/deactivate` or `/activate` (admins). Deactivation ends the user's sessions at once. */
export function setUserActive(id: string, active: boolean): Promise<User> {
  return api.post<User>(`/api/users/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`);
}

export function useSetUserActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => setUserActive(id, active),
    onSuccess: (user) => {
      qc.setQueryData<User[]>(usersQueryKey, (list) => list?.map((u) => (u.id === user.id ? user : u)));
      void qc.invalidateQueries({ queryKey: usersQueryKey });
      void qc.invalidateQueries({ queryKey: ['staff', 'audit'] });
    },
  });
}
