import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Booking, PhaseInput } from '../types';

export type BookingAction = 'cancel' | 'firm' | 'confirm' | 'reject';

export function bookingAction(id: string, action: BookingAction): Promise<Booking> {
  return api.post<Booking>(`/api/bookings/${encodeURIComponent(id)}/${action}`);
}

export function patchBooking(id: string, patch: { version: number; title?: string; notes?: string; phases?: PhaseInput[] }): Promise<Booking> {
  return api.patch<Booking>(`/api/bookings/${encodeURIComponent(id)}`, patch);
}

/**
 * One action on a booking. A rejection with a reason: the server's `/reject` takes no body, so the
 * reason is first written into the booking's notes (PATCH with the version seen, so it lands in the
 * audit trail), then the request is rejected.
 */
export function useBookingAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action, version, notes }: { id: string; action: BookingAction; version?: number; notes?: string }) => {
      if (action === 'reject' && notes !== undefined && version !== undefined) await patchBooking(id, { version, notes });
      return bookingAction(id, action);
    },
    onSettled: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: ['availability'] }), qc.invalidateQueries({ queryKey: ['bookings'] })]);
    },
  });
}

/** Move or resize: new phases with the version last seen; the server re-checks them like a new booking. */
export function usePatchBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; version: number; phases?: PhaseInput[]; title?: string; notes?: string }) => patchBooking(id, patch),
    onSettled: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: ['availability'] }), qc.invalidateQueries({ queryKey: ['bookings'] })]);
    },
  });
}
