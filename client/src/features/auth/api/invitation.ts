import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptInvitationBody, InvitationInfo } from '@moskino/shared';
import { api, setCsrfToken } from '../../../lib/api-client';
import { meQueryKey } from './get-me';
import { parseAuthBody } from '../types';

/** Who an invitation is for (404 unknown, 410 used or expired). Public: no session needed. */
export function getInvitation(token: string): Promise<InvitationInfo> {
  return api.get<InvitationInfo>(`/api/invitations/${encodeURIComponent(token)}`);
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => getInvitation(token),
    retry: false,
    enabled: !!token,
  });
}

/** Accept: sets the password, creates the user and signs in (201 with the session, like login). */
export function useAcceptInvitation(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: AcceptInvitationBody) => {
      const { user, csrfToken } = parseAuthBody(
        await api.post<unknown>(`/api/invitations/${encodeURIComponent(token)}/accept`, body),
      );
      setCsrfToken(csrfToken);
      return user;
    },
    onSuccess: async (user) => {
      qc.setQueryData(meQueryKey, { user, available: true });
      await qc.invalidateQueries();
    },
  });
}
