import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateInvitationBody, InvitationCreated } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** `POST /api/invitations` (staff: crew and partners; admins: any role). The token is in the answer only. */
export function createInvitation(body: CreateInvitationBody): Promise<InvitationCreated> {
  return api.post<InvitationCreated>('/api/invitations', body);
}

export function useCreateInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    // The invitation is in the audit log; the user appears in the list once the link is used.
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['staff', 'audit'] }),
  });
}
