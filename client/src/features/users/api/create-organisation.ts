import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateOrganisationBody, Organisation } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import { organisationsQueryKey } from '../../../lib/organisations';

/** `POST /api/organisations` (staff and admins): a production company, a partner or a cluster unit. */
export function createOrganisation(body: CreateOrganisationBody): Promise<Organisation> {
  return api.post<Organisation>('/api/organisations', body);
}

export function useCreateOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createOrganisation,
    onSuccess: (org) => {
      qc.setQueryData<Organisation[]>(organisationsQueryKey, (list) => (list ? [...list, org] : list));
      void qc.invalidateQueries({ queryKey: organisationsQueryKey });
    },
  });
}
