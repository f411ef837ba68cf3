import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DecideResult } from '@moskino/shared';
import { api } from '../../../lib/api-client';

export type Decision = 'confirm' | 'reject';

export interface DecisionResult {
  id: string;
  ok: boolean;
  message?: string;
}

/** Confirm or reject one or several pending requests with a reason (sent to the requesters) in one
 * call; each succeeds or fails on its own. */
export async function decide(ids: string[], decision: Decision, reason?: string): Promise<DecisionResult[]> {
  const res = await api.post<DecideResult>('/api/staff/approvals/decide', {
    decisions: ids.map((bookingId) => ({ bookingId, decision, ...(reason ? { reason } : {}) })),
  });
  return res.results.map((r) => ({ id: r.bookingId, ok: r.ok, message: r.error?.message }));
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
