import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Booking } from '../types';

export type BookingAction = 'cancel' | 'firm' | 'confirm' | 'reject';

export function bookingAction(id: string, action: BookingAction): Promise<Booking> {
  return api.post<Booking>(`/api/bookings/${encodeURIComponent(id)}/${action}`);
}

export function useBookingAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: BookingAction }) => bookingAction(id, action),
    onSuccess: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: ['availability'] }), qc.invalidateQueries({ queryKey: ['bookings'] })]);
    },
  });
}
