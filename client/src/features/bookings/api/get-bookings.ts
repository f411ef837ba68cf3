import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Booking } from '../types';

export interface BookingsFilter {
  from?: string;
  to?: string;
  facilityId?: string;
  status?: string;
}

export function getBookings(filter: BookingsFilter = {}): Promise<Booking[]> {
  return api
    .get<Booking[] | { bookings: Booking[] }>('/api/bookings', { query: { ...filter } })
    .then((b) => (Array.isArray(b) ? b : b.bookings));
}

export function useBookings(filter: BookingsFilter = {}, enabled = true) {
  return useQuery({ queryKey: ['bookings', filter], queryFn: () => getBookings(filter), enabled, retry: false });
}
