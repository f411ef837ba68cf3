import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Booking } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** Live holds of a facility overlapping a window (staff see every organisation's), by rank. */
export async function getHolds(
  q: { facilityId: string; from: string; to: string },
  signal?: AbortSignal,
): Promise<Booking[]> {
  const body = await api.get<Booking[] | { bookings: Booking[] }>('/api/bookings', {
    query: { ...q, status: 'held' },
    signal,
  });
  const list = Array.isArray(body) ? body : body.bookings;
  return [...list].sort(
    (a, b) =>
      (a.holdRank ?? 99) - (b.holdRank ?? 99) || Date.parse(a.phases[0]!.start) - Date.parse(b.phases[0]!.start),
  );
}

export function useHolds(q: { facilityId: string; from: string; to: string } | null) {
  return useQuery({
    queryKey: ['staff', 'holds', q],
    queryFn: ({ signal }) => getHolds(q!, signal),
    enabled: q !== null,
  });
}

/** Move a hold before another competing hold, or to the back (`beforeBookingId: null`); or cancel it. Always with a reason (audited). */
export function useHoldActions() {
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['staff'] });
    void qc.invalidateQueries({ queryKey: ['availability'] });
  };
  const reorder = useMutation({
    mutationFn: (b: { bookingId: string; beforeBookingId: string | null; reason: string }) =>
      api.post<Booking>('/api/staff/holds/reorder', b),
    onSuccess: done,
  });
  const cancel = useMutation({
    mutationFn: (b: { bookingId: string; reason: string }) =>
      api.post<Booking>(`/api/staff/bookings/${b.bookingId}/cancel`, { reason: b.reason }),
    onSuccess: done,
  });
  return { reorder, cancel };
}
