import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AppError } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import type { Booking, PhaseInput } from '../types';

export type BookingAction = 'cancel' | 'firm' | 'confirm' | 'reject';

export function bookingAction(id: string, action: BookingAction): Promise<Booking> {
  return api.post<Booking>(`/api/bookings/${encodeURIComponent(id)}/${action}`);
}

export function patchBooking(
  id: string,
  patch: { version: number; title?: string; notes?: string; phases?: PhaseInput[] },
): Promise<Booking> {
  return api.patch<Booking>(`/api/bookings/${encodeURIComponent(id)}`, patch);
}

interface DecideAnswer {
  results: { bookingId: string; ok: boolean; booking?: Booking; error?: { code: string; message: string } }[];
}

/**
 * Staff decision on a pending request through `POST /api/staff/approvals/decide`: the reason is
 * recorded in the booking's audit trail and sent to the requester. A refusal of the one item comes
 * back as an `AppError` like any other answer.
 */
export async function decideBooking(id: string, decision: 'confirm' | 'reject', reason?: string): Promise<Booking> {
  const res = await api.post<DecideAnswer>('/api/staff/approvals/decide', {
    decisions: [{ bookingId: id, decision, ...(reason ? { reason } : {}) }],
  });
  const r = res.results[0];
  if (r?.ok && r.booking) return r.booking;
  throw new AppError(r?.error?.code ?? 'internal', r?.error?.message ?? 'No answer for this booking');
}

/** One action on a booking; staff confirm and reject (with its required reason) as a decision. */
export function useBookingAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: BookingAction; reason?: string }) =>
      action === 'confirm' || action === 'reject' ? decideBooking(id, action, reason) : bookingAction(id, action),
    onSettled: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['availability'] }),
        qc.invalidateQueries({ queryKey: ['bookings'] }),
      ]);
    },
  });
}

/** Staff change to any organisation's booking, with the reason the server requires (audited, sent to the requester). */
export function staffPatchBooking(
  id: string,
  patch: { version: number; title?: string; notes?: string; phases?: PhaseInput[]; reason: string },
): Promise<Booking> {
  return api.patch<Booking>(`/api/staff/bookings/${encodeURIComponent(id)}`, patch);
}

/**
 * Move or resize: new phases with the version last seen; the server re-checks them like a new
 * booking. With a `reason` (staff moving another organisation's booking) through the staff endpoint.
 */
export function usePatchBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      reason,
      ...patch
    }: {
      id: string;
      version: number;
      phases?: PhaseInput[];
      title?: string;
      notes?: string;
      reason?: string;
    }) => (reason ? staffPatchBooking(id, { ...patch, reason }) : patchBooking(id, patch)),
    onSettled: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['availability'] }),
        qc.invalidateQueries({ queryKey: ['bookings'] }),
      ]);
    },
  });
}
