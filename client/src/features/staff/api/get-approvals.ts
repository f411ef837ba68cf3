import { useQuery } from '@tanstack/react-query';
import type { ApprovalItem } from '@moskino/shared';
import { api } from '../../../lib/api-client';

const byRequested = (a: ApprovalItem, b: ApprovalItem) =>
  Date.parse(a.requestedAt) - Date.parse(b.requestedAt) || a.booking.id.localeCompare(b.booking.id);

/** Pending firm requests, oldest first, with what competes for their time (holds behind them, requests on a parent or child). */
export async function getApprovals(signal?: AbortSignal): Promise<ApprovalItem[]> {
  const items = await api.get<ApprovalItem[]>('/api/staff/approvals', { signal });
  return [...items].sort(byRequested);
}

export function useApprovals() {
  return useQuery({
    queryKey: ['staff', 'approvals'],
    queryFn: ({ signal }) => getApprovals(signal),
    refetchInterval: 60_000,
  });
}
