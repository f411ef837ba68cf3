import { expect, test } from '@playwright/test';
import { apiAs, dayBooking, facilityId, freeDays, moscowDate, run, signIn, DAY } from './staff-helpers';

// The requester sees the outcome and the reason (issue 6): staff reject a crew request with a
// reason; the crew's bell counts it, the notifications page shows it with the reason, and the
// booking opened from there (and the bookings list) carries the reason too.

test('crew see a rejection with its reason: bell, notifications page, drawer and bookings list', async ({
  page,
  baseURL,
}) => {
  const crew = await apiAs(baseURL!, 'crew@demo.test');
  const staff = await apiAs(baseURL!, 'staff@demo.test');
  const village = await facilityId(crew, 'kp-partisan-village');
  const first = await freeDays(crew, [village], moscowDate(Date.now() + 5 * DAY), 2);
  const title = `Отклонённая заявка ${run}`;
  const reason = `Деревня на реконструкции ${run}`;
  const b = await crew.post('/api/bookings', dayBooking(village, title, 'firm', first, 2));
  expect(b.status).toBe(201);
  const d = await staff.post('/api/staff/approvals/decide', {
    decisions: [{ bookingId: b.body.id, decision: 'reject', reason }],
  });
  expect(d.status).toBe(200);
  await crew.dispose();
  await staff.dispose();

  await signIn(page, 'crew@demo.test');
  const bell = page.getByRole('link', { name: /Уведомления: \d+ новых/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page.getByRole('heading', { name: 'Уведомления', level: 1 })).toBeVisible();
  const item = page.getByTestId('notifications').getByRole('listitem').filter({ hasText: reason });
  await expect(item).toContainText(title);
  await expect(item).toContainText('отклонена');
  // Opening the list marks everything seen.
  await expect(page.getByRole('link', { name: 'Уведомления: новых нет' })).toBeVisible();

  await item.getByRole('button', { name: 'Открыть бронь' }).click();
  await expect(page.getByTestId('booking-status')).toContainText('Отклонено');
  await expect(page.getByRole('dialog').getByTestId('booking-reason')).toHaveText(reason);

  await page.goto('/bookings');
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row.getByTestId('booking-reason')).toContainText(reason);
});
