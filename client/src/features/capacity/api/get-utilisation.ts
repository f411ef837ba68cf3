import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Utilisation } from '@moskino/shared';
import { api, toQueryString } from '../../../lib/api-client';

export interface UtilisationParams {
  from: string;
  to: string;
  granularity: 'week' | 'month';
  level: 'facility' | 'zone' | 'site';
}

/** Utilisation computed by the server: rows (facility, zone or site) × periods, busiest and idlest. */
export function getUtilisation(q: UtilisationParams, signal?: AbortSignal): Promise<Utilisation> {
  return api.get<Utilisation>('/api/staff/utilisation', { query: { ...q }, signal });
}

export function useUtilisation(q: UtilisationParams) {
  return useQuery({
    queryKey: ['capacity', 'utilisation', q],
    queryFn: ({ signal }) => getUtilisation(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** The same figures as a CSV download (the browser sends the session cookie with the link). */
export function utilisationCsvHref(q: UtilisationParams): string {
  return `/api/staff/utilisation${toQueryString({ ...q, format: 'csv' })}`;
}
