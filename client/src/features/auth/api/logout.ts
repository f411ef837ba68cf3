import { api, setCsrfToken } from '../../../lib/api-client';

export async function logout(): Promise<void> {
  try {
    await api.post<unknown>('/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}
