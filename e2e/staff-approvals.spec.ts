import { expect, test } from '@playwright/test';
import { apiAs, dayBooking, facilityId, freeDays, run, signIn } from './staff-helpers';

// Staff console (issue 6): a crew's firm request on a backlot set in 2027 is confirmed in the
// approvals queue, another is rejected with a reason; both leave the queue.

test('staff approve one request and reject another with a reason from the approvals queue', async ({
  page,
  baseURL,
}) => {
  const crew = await apiAs(baseURL!, 'crew@demo.test');
  const reichstag = await facilityId(crew, 'kp-reichstag');
  const castle = await facilityId(crew, 'kp-castle-ruins');
  const day = await freeDays(crew, [reichstag, castle], '2027-04-01', 4);
  const approveTitle = `Заявка на подтверждение ${run}`;
  const rejectTitle = `Заявка на отказ ${run}`;
  const a = await crew.post('/api/bookings', dayBooking(reichstag, approveTitle, 'firm', day, 3));
  expect(a.status).toBe(201);
  expect(a.body.status).toBe('pending');
  const r = await crew.post('/api/bookings', dayBooking(castle, rejectTitle, 'firm', day, 2));
  expect(r.status).toBe(201);

  await signIn(page, 'staff@demo.test');
  await page.getByRole('link', { name: 'Пульт диспетчера' }).click();
  await expect(page.getByRole('heading', { name: 'Пульт диспетчера' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Заявки на подтверждение: \d+/ })).toBeVisible();

  const row = page.locator(`tr[data-booking-id="${a.body.id}"]`);
  await expect(row).toContainText(approveTitle);
  await expect(row).toContainText('Рейхстаг');
  await expect(row).toContainText('Демо Продакшн');
  await expect(row).toContainText('Съёмка');
  await row.getByRole('button', { name: `Подтвердить «${approveTitle}»` }).click();
  await expect(page.getByTestId('approval-results')).toContainText('Подтверждено: 1');
  await expect(row).toHaveCount(0);

  // Reject with a reason, through the selection.
  const other = page.locator(`tr[data-booking-id="${r.body.id}"]`);
  await other.getByRole('checkbox', { name: `Выбрать «${rejectTitle}»` }).check();
  await page.getByRole('button', { name: 'Отклонить выбранные…' }).click();
  const dialog = page.getByRole('dialog', { name: /Отклонить заявки: 1/ });
  await dialog.getByRole('button', { name: 'Отклонить' }).click();
  await expect(dialog.getByText('Укажите причину')).toBeVisible();
  await dialog.getByLabel('Причина (её увидит заявитель)').fill('Площадка на реконструкции');
  await dialog.getByRole('button', { name: 'Отклонить' }).click();
  await expect(page.getByTestId('approval-results')).toContainText('Отклонено: 1');
  await expect(other).toHaveCount(0);

  // The requester sees the outcome.
  const mine = await crew.ctx.get(`/api/bookings/${a.body.id}`);
  expect(((await mine.json()) as { status: string }).status).toBe('confirmed');
  const rejected = await crew.ctx.get(`/api/bookings/${r.body.id}`);
  expect(((await rejected.json()) as { status: string }).status).toBe('rejected');
  await crew.dispose();
});
