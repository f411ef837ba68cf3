import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CatalogueImportBody,
  CatalogueImportResult,
  Facility,
  FacilityInput,
  FacilityPatch,
} from '@moskino/shared';
import { api } from '../../../lib/api-client';

export function createFacility(input: FacilityInput): Promise<Facility> {
  return api.post<Facility>('/api/admin/facilities', input);
}

export function patchFacility(id: string, patch: FacilityPatch): Promise<Facility> {
  return api.patch<Facility>(`/api/admin/facilities/${id}`, patch);
}

export function retireFacility(id: string, reason?: string): Promise<Facility> {
  return api.post<Facility>(`/api/admin/facilities/${id}/retire`, reason ? { reason } : {});
}

/** Check (`dryRun`) or import a catalogue file; every bad row is reported and nothing is imported if any. */
export function importCatalogue(body: CatalogueImportBody): Promise<CatalogueImportResult> {
  return api.post<CatalogueImportResult>('/api/admin/catalogue/import', body);
}

export const exportHref = (format: 'json' | 'csv') => `/api/admin/catalogue/export?format=${format}`;

/** Catalogue changes refresh every list of facilities. */
export function useCatalogueMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['facilities'] });
      void qc.invalidateQueries({ queryKey: ['facility'] });
    },
  });
}
