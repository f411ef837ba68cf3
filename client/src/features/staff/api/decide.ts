import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AppError, type DecideResult } from '@moskino/shared';
import { api } from '../../../lib/api-client';

export type Decision = 'confirm' | 'reject';

export interface DecisionResult {
  id: string;
  ok: boolean;
  message?: string;
}

/**
 * Confirm or reject one or several pending requests with a reason (sent to the requesters), in
 * one call to `POST /api/staff/approvals/decide`; each succeeds or fails on its own. A server
 * without that route gets one call per booking.
 */
export async function decide(ids: string[], decision: Decision, reason?: string): Promise<DecisionResult[]> {
  try {
    const res = await api.post<DecideResult>('/api/staff/approvals/decide', {
      decisions: ids.map((bookingId) => ({ bookingId, decision, ...(reason ? { reason } : {}) })),
    });
    return res.results.map((r) => ({ id: r.bookingId, ok: r.ok, message: r.error?.message }));
  } catch (e) {
    if (!(e instanceof AppError && e.status === 404 && e.code === 'not_found')) throw e;
  }
  const out: DecisionResult[] = [];
  for (const id of ids) {
    try {
      await api.post(`/api/bookings/${id}/${decision}`, reason ? { reason } : undefined);
      out.push({ id, ok: true });
    } catch (error) {
      out.push({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, decision, reason }: { ids: string[]; decision: Decision; reason?: string }) =>
      decide(ids, decision, reason),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['staff'] });
      void qc.invalidateQueries({ queryKey: ['bookings'] });
      void qc.invalidateQueries({ queryKey: ['availability'] });
    },
  });
}
