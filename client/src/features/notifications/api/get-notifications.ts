import { useQuery } from '@tanstack/react-query';
import type { Notification } from '@moskino/shared';
import { api } from '../../../lib/api-client';

/** What the signed-in user's organisation has been told (decisions with their reason, released holds), newest first. */
export function getNotifications(signal?: AbortSignal): Promise<Notification[]> {
  return api.get<Notification[]>('/api/notifications', { signal });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: ({ signal }) => getNotifications(signal),
    enabled,
    staleTime: 30_000,
    refetchInterval: enabled ? 60_000 : false,
  });
}
