import { expect, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';

// Helpers of the staff console and partner specs: sign in through the UI, act through the API as
// another user, and find free days on a facility (the database may be reused between runs).

export const password = process.env.DEMO_PASSWORD ?? 'moskino-demo';
export const DAY = 86_400_000;
export const run = Date.now().toString(36);

export async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Эл. почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('button', { name: 'Выйти' })).toBeVisible();
}

export interface Api {
  ctx: APIRequestContext;
  post: (path: string, body?: unknown) => Promise<{ status: number; body: any }>;
  dispose: () => Promise<void>;
}

/** An API session of a demo user (cookie + CSRF token). */
export async function apiAs(baseURL: string, email: string): Promise<Api> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const res = await ctx.post('/api/auth/login', { data: { email, password } });
  expect(res.ok()).toBe(true);
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return {
    ctx,
    post: async (path, body) => {
      const r = await ctx.post(path, { data: body ?? {}, headers: { 'X-CSRF-Token': csrf } });
      return { status: r.status(), body: await r.json().catch(() => null) };
    },
    dispose: () => ctx.dispose(),
  };
}

export async function facilityId(api: Api, slug: string): Promise<string> {
  const res = await api.ctx.get(`/api/facilities/${slug}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { id: string }).id;
}

/** Moscow date of an instant. */
export const moscowDate = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10);
/** `2027-05-01` → `01.05.2027`: how a date field shows and takes a date in Russian, whatever the browser's locale. */
export const ruDate = (date: string) => date.split('-').reverse().join('.');
export const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The first Moscow date on or after `from` such that `days` days from it (and a day either side) are free on every facility given. */
export async function freeDays(api: Api, ids: string[], from: string, days: number): Promise<string> {
  const start = Date.parse(`${from}T00:00:00+03:00`);
  const res = await api.ctx.get('/api/availability', {
    params: {
      from: new Date(start).toISOString(),
      to: new Date(start + 380 * DAY).toISOString(),
      facilityIds: ids.join(','),
    },
  });
  expect(res.ok()).toBe(true);
  const busy = ((await res.json()) as { facilities: { busy: { start: string; end: string }[] }[] }).facilities.flatMap(
    (f) => f.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const),
  );
  for (let d = 1; d < 360 - days; d++) {
    const a = start + (d - 1) * DAY;
    const b = start + (d + days + 1) * DAY;
    if (!busy.some(([s, e]) => s < b && e > a)) return moscowDate(start + d * DAY + 12 * 3_600_000);
  }
  throw new Error('no free days found');
}

/** A booking of whole Moscow days `[first, first + days)` (day-unit facilities). */
export function dayBooking(facility: string, title: string, kind: 'hold' | 'firm', first: string, days: number) {
  return {
    facilityId: facility,
    title,
    kind,
    phases: [{ type: 'shoot', start: `${first}T00:00:00+03:00`, end: `${addDays(first, days)}T00:00:00+03:00` }],
  };
}
