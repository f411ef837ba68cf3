import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry, User } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** Filters of the audit search as the page keeps them (plain strings; empty = any). */
export interface AuditFilters {
  user?: string;
  organisation?: string;
  facility?: string;
  booking?: string;
  entity?: string;
  action?: string;
  /** Moscow dates, inclusive. */
  from?: string;
  to?: string;
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function searchAudit(f: AuditFilters, signal?: AbortSignal): Promise<AuditEntry[]> {
  return api.get<AuditEntry[]>('/api/staff/audit', {
    query: {
      user: f.user,
      organisation: f.organisation,
      facility: f.facility,
      booking: f.booking,
      entity: f.entity,
      action: f.action,
      from: f.from ? `${f.from}T00:00:00+03:00` : undefined,
      to: f.to ? `${nextDay(f.to)}T00:00:00+03:00` : undefined,
      limit: 200,
    },
    signal,
  });
}

export function useAuditSearch(f: AuditFilters) {
  return useQuery({
    queryKey: ['staff', 'audit', f],
    queryFn: ({ signal }) => searchAudit(f, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Users (staff and admins see all), for the "who" filter and names. */
export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api.get<User[]>('/api/users', { signal }),
    staleTime: 5 * 60_000,
  });
}
