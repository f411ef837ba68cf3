import { expect, test } from '@playwright/test';

const password = process.env.DEMO_PASSWORD ?? 'moskino-demo';

test('crew signs in, sees their role and bookings navigation, and signs out', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Войти' }).click();
  await page.getByLabel('Эл. почта').fill('crew@demo.test');
  await page.getByLabel('Пароль').fill('wrong-password');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toContainText('Неверная почта или пароль');

  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('current-user')).toContainText('съёмочная группа');
  await expect(page.getByRole('link', { name: 'Мои брони' })).toBeVisible();
  await expect(page.getByText('Выделите диапазон в строке объекта, чтобы забронировать его.')).toBeVisible();

  // The session survives a reload (cookie + GET /api/auth/me).
  await page.reload();
  await expect(page.getByTestId('current-user')).toContainText('съёмочная группа');

  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByRole('link', { name: 'Войти' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Мои брони' })).toHaveCount(0);
});
