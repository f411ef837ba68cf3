import { expect, test } from '@playwright/test';
import { run, signIn } from './staff-helpers';

// Users and invitations in the staff console: an admin invites a new crew member, who opens the
// link in a browser of their own, sets a password and signs in; the admin then deactivates them,
// which ends their session at once (the next navigation lands on the sign-in page), and activates
// them again.

test('an admin invites a crew member, who signs up through the link; deactivation ends their session', async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `crew-${run}@demo.test`;
  const name = `Ирина Гримёр ${run}`;
  const password = `grim-${run}-secret`;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });

  // The admin opens the screen from the console tabs.
  await signIn(page, 'admin@demo.test');
  await page.getByRole('link', { name: 'Пульт диспетчера' }).click();
  await page.getByRole('link', { name: 'Пользователи', exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/users$/);
  await expect(page.getByRole('heading', { name: 'Пользователи и приглашения' })).toBeVisible();
  await expect(page.getByTestId('users-table')).toContainText('crew@demo.test');

  // Invite: the shared schema refuses a bad address before anything is sent.
  const invite = page.getByRole('form', { name: 'Пригласить пользователя' });
  await invite.getByLabel('Эл. почта').fill('not-an-address');
  await invite.getByRole('button', { name: 'Пригласить' }).click();
  await expect(invite.getByRole('alert')).toHaveText('Исправьте отмеченные поля');
  await expect(invite.getByLabel('Эл. почта')).toBeFocused();
  await invite.getByLabel('Эл. почта').fill(email);
  await invite.getByLabel('Имя (необязательно)').fill(name);
  await invite.getByLabel('Роль').selectOption({ label: 'съёмочная группа' });
  await invite.getByLabel('Организация').selectOption({ label: 'Демо Продакшн' });
  await invite.getByRole('button', { name: 'Пригласить' }).click();

  // The link, once, with its expiry in Moscow time; the copy button puts it on the clipboard.
  const created = page.getByTestId('invitation-link');
  await expect(created.getByRole('heading', { name: `Приглашение для ${email} создано` })).toBeFocused();
  await expect(created).toContainText(/Действует до \d{1,2} \S+ \d{4} г\., \d{2}:\d{2} \(МСК\)/);
  const link = await created.getByLabel('Ссылка-приглашение').inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]+$`));
  await created.getByRole('button', { name: 'Копировать ссылку' }).click();
  await expect(created.getByRole('status')).toHaveText('Ссылка скопирована.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await created.getByRole('button', { name: 'Готово, пригласить ещё' }).click();
  await expect(created).toHaveCount(0);
  await expect(page.getByText(link)).toHaveCount(0);

  // The invitee, in a browser of their own, opens the link, sets a password and is signed in.
  const theirs = await browser.newContext({ locale: 'ru-RU', timezoneId: 'America/New_York' });
  const invitee = await theirs.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`Приглашение для ${email}: съёмочная группа, Демо Продакшн`)).toBeVisible();
  await expect(invitee.getByLabel('Ваше имя')).toHaveValue(name);
  await invitee.getByLabel('Пароль (не короче 10 символов)').fill(password);
  await invitee.getByLabel('Пароль ещё раз').fill(password);
  await invitee.getByRole('button', { name: 'Создать учётную запись и войти' }).click();
  await expect(invitee.getByTestId('current-user')).toContainText(`${name}, Демо Продакшн (съёмочная группа)`);
  // …and signs in again with that password.
  await invitee.getByRole('button', { name: 'Выйти' }).click();
  await expect(invitee.getByRole('link', { name: 'Войти' })).toBeVisible();
  await invitee.goto('/login');
  await invitee.getByLabel('Эл. почта').fill(email);
  await invitee.getByLabel('Пароль').fill(password);
  await invitee.getByRole('button', { name: 'Войти' }).click();
  await expect(invitee.getByTestId('current-user')).toContainText(name);
  await invitee.getByRole('link', { name: 'Мои брони' }).click();
  await expect(invitee.getByRole('heading', { name: 'Мои брони' })).toBeVisible();

  // The admin finds the new user and deactivates them, after confirming.
  await page.reload();
  const filters = page.getByRole('search', { name: 'Отбор пользователей' });
  await filters.getByLabel('Имя или почта').fill(email);
  await expect(page.getByText('Показано: 1 из')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Демо Продакшн');
  await expect(row).toContainText('съёмочная группа');
  await expect(row).toContainText('Активен');
  await row.getByRole('button', { name: `Отключить: ${name}` }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Отключить пользователя?' });
  await expect(dialog).toContainText(`${name} (${email}) больше не сможет войти`);
  await dialog.getByRole('button', { name: 'Отключить' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name}: учётная запись отключена.` })).toBeVisible();
  await expect(row).toContainText('Отключён');

  // The invitee's session has ended: their next navigation shows the sign-in page, and the
  // password no longer lets them in.
  await invitee.getByRole('link', { name: 'Шахматка' }).click();
  await expect(invitee).toHaveURL(/\/login$/);
  await expect(invitee.getByRole('heading', { name: 'Вход' })).toBeVisible();
  await expect(invitee.getByText('Сеанс завершён — войдите снова.')).toBeVisible();
  await expect(invitee.getByTestId('current-user')).toHaveCount(0);
  await invitee.getByLabel('Эл. почта').fill(email);
  await invitee.getByLabel('Пароль').fill(password);
  await invitee.getByRole('button', { name: 'Войти' }).click();
  await expect(invitee.getByRole('alert')).toContainText('Неверная почта или пароль');

  // Activated again, the same password works.
  await row.getByRole('button', { name: `Включить: ${name}` }).click();
  await page
    .getByRole('alertdialog', { name: 'Включить пользователя?' })
    .getByRole('button', { name: 'Включить' })
    .click();
  await expect(row).toContainText('Активен');
  await invitee.getByRole('button', { name: 'Войти' }).click();
  await expect(invitee.getByTestId('current-user')).toContainText(name);
  await theirs.close();
});

test('staff see the users screen without deactivate or activate buttons, and may invite only crew and partners', async ({
  page,
}) => {
  await signIn(page, 'staff@demo.test');
  await page.goto('/staff/users');
  await expect(page.getByTestId('users-table')).toContainText('admin@demo.test');
  await expect(page.getByRole('columnheader', { name: 'Действия' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Отключить|Включить):/ })).toHaveCount(0);
  const role = page.getByRole('form', { name: 'Пригласить пользователя' }).getByLabel('Роль');
  await expect(role.getByRole('option')).toHaveText(['съёмочная группа', 'партнёр']);
  await expect(page.getByRole('form', { name: 'Новая организация' })).toBeVisible();
});
