import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getMe, meQueryKey } from '../api/get-me';
import { login, type LoginInput } from '../api/login';
import { logout } from '../api/logout';

export function useSession() {
  return useQuery({ queryKey: meQueryKey, queryFn: getMe, staleTime: 60_000, retry: false });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => login(input),
    onSuccess: async () => {
      await qc.invalidateQueries();
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: async () => {
      qc.setQueryData(meQueryKey, { user: null, available: true });
      await qc.invalidateQueries();
    },
  });
}
