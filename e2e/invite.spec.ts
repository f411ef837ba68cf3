import { expect, test } from '@playwright/test';

const password = process.env.DEMO_PASSWORD ?? 'moskino-demo';

test('an invited crew member opens the link, sets a password and is signed in; the link then is used up', async ({
  page,
  browser,
}) => {
  // Staff invite a new crew member into the demo production company (through the API).
  const staff = await browser.newContext();
  const login = await staff.request.post('/api/auth/login', { data: { email: 'staff@demo.test', password } });
  expect(login.ok()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const orgs = (await (await staff.request.get('/api/organisations')).json()) as { id: string; kind: string }[];
  const production = orgs.find((o) => o.kind === 'production')!;
  const email = `invitee-${Date.now().toString(36)}@demo.test`;
  const inv = await staff.request.post('/api/invitations', {
    data: { email, role: 'crew', organisationId: production.id, name: 'Анна Монтажёр' },
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(inv.status()).toBe(201);
  const { inviteUrl } = (await inv.json()) as { inviteUrl: string };
  await staff.close();

  await page.goto(inviteUrl);
  await expect(page.getByRole('heading', { name: 'Приглашение' })).toBeVisible();
  await expect(page.getByText(`Приглашение для ${email}: съёмочная группа`)).toBeVisible();
  await expect(page.getByLabel('Ваше имя')).toHaveValue('Анна Монтажёр');
  await page.getByLabel('Пароль (не короче 10 символов)').fill('short');
  await page.getByLabel('Пароль ещё раз').fill('short');
  await page.getByRole('button', { name: 'Создать учётную запись и войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Пароль слишком короткий');
  await page.getByLabel('Пароль (не короче 10 символов)').fill('invited-and-happy');
  await page.getByLabel('Пароль ещё раз').fill('invited-and-happy');
  await page.getByRole('button', { name: 'Создать учётную запись и войти' }).click();
  await expect(page.getByTestId('current-user')).toContainText('Анна Монтажёр');
  await expect(page).toHaveURL(/\/$/);

  // Used: the same link now says so.
  await page.goto(inviteUrl);
  await expect(page.getByRole('alert')).toHaveText('Приглашение уже использовано или истекло');
  await page.goto('/invite/not-a-real-token');
  await expect(page.getByRole('alert')).toHaveText(/Такого приглашения нет|Приглашение уже использовано или истекло/);
});
