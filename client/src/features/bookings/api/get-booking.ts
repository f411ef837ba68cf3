import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Booking, HistoryEntry } from '../types';

export function getBooking(id: string): Promise<Booking> {
  return api.get<Booking>(`/api/bookings/${encodeURIComponent(id)}`);
}
export function getBookingHistory(id: string): Promise<HistoryEntry[]> {
  return api
    .get<HistoryEntry[] | { history: HistoryEntry[] }>(`/api/bookings/${encodeURIComponent(id)}/history`)
    .then((h) => (Array.isArray(h) ? h : h.history));
}

export function useBooking(id: string | null) {
  return useQuery({ queryKey: ['bookings', 'one', id], queryFn: () => getBooking(id!), enabled: !!id, retry: false });
}
export function useBookingHistory(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['bookings', 'history', id],
    queryFn: () => getBookingHistory(id!),
    enabled: !!id && enabled,
    retry: false,
  });
}
