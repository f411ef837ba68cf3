import { useQuery } from '@tanstack/react-query';
import { AppError, type ApprovalItem, type Availability, type Booking, type Organisation } from '@moskino/shared';
import { api } from '../../../lib/api-client';
import { competingFor, envelope, toCompetitor } from '../lib/competition';

const byRequested = (a: ApprovalItem, b: ApprovalItem) =>
  Date.parse(a.requestedAt) - Date.parse(b.requestedAt) || a.booking.id.localeCompare(b.booking.id);

/** Before `GET /api/staff/approvals` exists on a server: pending bookings, organisations and the busy time around them. */
async function assembleApprovals(signal?: AbortSignal): Promise<ApprovalItem[]> {
  const body = await api.get<Booking[] | { bookings: Booking[] }>('/api/bookings', {
    query: { status: 'pending' },
    signal,
  });
  const pending = Array.isArray(body) ? body : body.bookings;
  const [orgs, busy] = await Promise.all([
    api.get<Organisation[]>('/api/organisations', { signal }).catch(() => [] as Organisation[]),
    (() => {
      const w = envelope(pending);
      return w
        ? api.get<Availability>('/api/availability', {
            query: { ...w, facilityIds: [...new Set(pending.map((b) => b.facilityId))].slice(0, 200) },
            signal,
          })
        : undefined;
    })(),
  ]);
  return pending
    .map((b): ApprovalItem => {
      const org = orgs.find((o) => o.id === b.organisationId);
      return {
        booking: b,
        facility: { id: b.facilityId, slug: '', name: { ru: b.facilityId, en: b.facilityId } },
        organisation: org ? { id: org.id, name: org.name } : null,
        requestedAt: b.createdAt,
        competing: competingFor(b, busy).map((c) => toCompetitor(c, b.facilityId)),
      };
    })
    .sort(byRequested);
}

/** Pending firm requests, oldest first, with what competes for their time. */
export async function getApprovals(signal?: AbortSignal): Promise<ApprovalItem[]> {
  try {
    const items = await api.get<ApprovalItem[] | { items: ApprovalItem[] }>('/api/staff/approvals', { signal });
    return [...(Array.isArray(items) ? items : items.items)].sort(byRequested);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return assembleApprovals(signal);
    throw e;
  }
}

export function useApprovals() {
  return useQuery({
    queryKey: ['staff', 'approvals'],
    queryFn: ({ signal }) => getApprovals(signal),
    refetchInterval: 60_000,
  });
}
