import { afterEach, beforeEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import { setCsrfToken } from '../lib/api-client';

/** A JSON answer as the server gives one. */
export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * Component tests only (end-to-end tests use the real server): replaces `fetch` with a fresh mock
 * before each test of the file, with a CSRF token set as after sign-in, and restores it after.
 */
export function stubFetch(csrfToken = 'csrf-1') {
  const fetchMock = vi.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken(csrfToken);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
  return fetchMock;
}
