import { expect, request as playwrightRequest, test } from '@playwright/test';
import { run, signIn } from './staff-helpers';

// Calendar feeds and API keys in the UI: a crew member creates a private feed on "My bookings" and
// the link shown once is a live iCalendar feed; an admin creates an API key for a partner on the
// "Partners" tab, the key reads the availability, and after revoking it the same call answers 401.

test('crew create a private calendar feed; the link answers text/calendar; revoking it ends it', async ({
  page,
  baseURL,
}) => {
  const name = `Календарь ${run}`;
  await signIn(page, 'crew@demo.test');
  await page.goto('/bookings');
  const card = page.getByTestId('crew-feed-card');
  await expect(card.getByRole('heading', { name: 'Календарь', exact: true })).toBeVisible();
  await card.getByLabel('Название').fill(name);
  await card.getByRole('button', { name: 'Создать ссылку на календарь' }).click();

  const created = card.getByTestId('feed-created');
  await expect(created).toContainText('Google');
  const url = await created.getByRole('textbox', { name: 'Ссылка на календарь' }).inputValue();
  expect(url).toMatch(new RegExp(`^${baseURL}/api/feeds/mkf_[^/]+/own\\.ics$`));
  const res = await page.request.get(url);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/calendar');
  expect(await res.text()).toContain('BEGIN:VCALENDAR');

  // Shown once: "done" hides it for good.
  await created.getByRole('button', { name: 'Готово, скрыть' }).click();
  await expect(page.getByTestId('feed-created')).toHaveCount(0);

  // Listed, and revoked after a confirmation; the feed is gone at once.
  await card.getByRole('button', { name: `Отозвать: ${name}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Отозвать' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'отозван' })).toBeVisible();
  await expect(card.getByRole('row', { name: new RegExp(name) })).toContainText('Отозван');
  expect((await page.request.get(url)).status()).toBe(404);
});

test('an admin creates an API key for a partner; it reads the availability until revoked', async ({
  page,
  baseURL,
}) => {
  const name = `Ключ ${run}`;
  await signIn(page, 'admin@demo.test');
  await page.getByRole('link', { name: 'Пульт диспетчера' }).click();
  await page.getByRole('link', { name: 'Партнёры', exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/partners$/);

  const form = page.getByRole('form', { name: 'Создать ключ API' });
  await form.getByLabel('Организация').selectOption({ label: 'Демо Партнёр' });
  await form.getByLabel('Название').fill(name);
  await form.getByRole('button', { name: 'Создать ключ API' }).click();
  const created = page.getByTestId('api-key-created');
  const key = await created.getByRole('textbox', { name: 'Ключ API' }).inputValue();
  expect(key).toMatch(/^mkk_/);

  // A client of its own, without the admin's session: only the key.
  const partner = await playwrightRequest.newContext({ baseURL });
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const call = () =>
    partner.get('/api/availability', { params: { from, to }, headers: { Authorization: `Bearer ${key}` } });
  expect((await call()).status()).toBe(200);

  await created.getByRole('button', { name: 'Готово, скрыть' }).click();
  await expect(page.getByTestId('api-key-created')).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);
  const row = page.getByTestId('api-keys').getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Демо Партнёр');
  await row.getByRole('button', { name: `Отозвать: ${name}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Отозвать' }).click();
  await expect(row).toContainText('Отозван');
  expect((await call()).status()).toBe(401);
  await partner.dispose();
});
