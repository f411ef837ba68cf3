import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Booking, CreateBookingInput } from '../types';

export function createBooking(input: CreateBookingInput, idempotencyKey: string): Promise<Booking> {
  return api.post<Booking>('/api/bookings', input, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useCreateBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: CreateBookingInput; key: string }) => createBooking(input, key),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['availability'] }),
        qc.invalidateQueries({ queryKey: ['bookings'] }),
      ]);
    },
  });
}
