import { useCallback, useSyncExternalStore } from 'react';

/** When the user last opened the notifications page (per user, in this browser): newer ones count as new. */
const key = (userId: string) => `moskino.notifications.seen.${userId}`;
const listeners = new Set<() => void>();

function read(userId: string): number {
  try {
    return Number(globalThis.localStorage?.getItem(key(userId)) ?? 0) || 0;
  } catch {
    return 0;
  }
}

export function markSeen(userId: string, at: number): void {
  try {
    globalThis.localStorage?.setItem(key(userId), String(at));
  } catch {
    /* private mode: nothing remembered */
  }
  listeners.forEach((l) => l());
}

export function useSeenAt(userId: string | undefined): number {
  const subscribe = useCallback((l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return useSyncExternalStore(subscribe, () => (userId ? read(userId) : 0));
}

/** How many notifications arrived after `seenAt`. */
export function countNew(list: readonly { at: string }[] | undefined, seenAt: number): number {
  return (list ?? []).filter((n) => Date.parse(n.at) > seenAt).length;
}
