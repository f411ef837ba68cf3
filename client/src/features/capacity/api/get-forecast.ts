import { useQuery } from '@tanstack/react-query';
import type { Forecast } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** The coming months from the pipeline: confirmed + pending + holds weighted by rank. */
export function getForecast(months: number, signal?: AbortSignal): Promise<Forecast> {
  return api.get<Forecast>('/api/staff/forecast', { query: { months }, signal });
}

export function useForecast(months = 6) {
  return useQuery({
    queryKey: ['capacity', 'forecast', months],
    queryFn: ({ signal }) => getForecast(months, signal),
    staleTime: 60_000,
  });
}
