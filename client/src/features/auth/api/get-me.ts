import { AppError } from '@moskino/shared';
import { api, setCsrfToken } from '../../../lib/api-client';
import { parseAuthBody, type Session } from '../types';

export const meQueryKey = ['auth', 'me'] as const;

export async function getMe(): Promise<Session> {
  try {
    const { user, csrfToken } = parseAuthBody(await api.get<unknown>('/api/auth/me'));
    setCsrfToken(csrfToken);
    return { user, available: true };
  } catch (e) {
    if (e instanceof AppError && e.status === 401) {
      setCsrfToken(null);
      return { user: null, available: true };
    }
    if (e instanceof AppError && e.status === 404) return { user: null, available: false };
    throw e;
  }
}
