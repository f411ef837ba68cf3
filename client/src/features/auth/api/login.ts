import { api, setCsrfToken } from '../../../lib/api-client';
import { parseAuthBody, type CurrentUser } from '../types';

export interface LoginInput {
  email: string;
  password: string;
}

export async function login(input: LoginInput): Promise<CurrentUser | null> {
  const { user, csrfToken } = parseAuthBody(await api.post<unknown>('/api/auth/login', input));
  setCsrfToken(csrfToken);
  return user;
}
