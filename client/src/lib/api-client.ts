import { AppError } from '@moskino/shared';

/**
 * The one way the client talks to the API. JSON in, JSON out; any non-2xx answer becomes an
 * `AppError` parsed from the server's error body (`AppError.fromBody`), and a network failure
 * becomes an `AppError` with code `network` and status 0, so screens can tell "server down" apart.
 * The CSRF token (from login and `GET /api/auth/me`) is kept here and sent on state-changing calls.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}

export type QueryValue = string | number | boolean | undefined | null | readonly string[];

export function toQueryString(params: Record<string, QueryValue> | undefined): string {
  if (!params) return '';
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) sp.set(key, value.join(','));
    } else sp.set(key, String(value));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new AppError('network', 'The server cannot be reached', undefined, 0);
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!res.ok) throw AppError.fromBody(res.status, body);
  return body as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
};

/** Server unreachable or answering with a gateway/DB error: worth a "server down" message. */
export function isServerDown(error: unknown): boolean {
  return (
    error instanceof AppError &&
    (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504)
  );
}
