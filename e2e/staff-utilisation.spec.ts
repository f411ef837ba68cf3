import { expect, test } from '@playwright/test';
import { apiAs, dayBooking, facilityId, freeDays, moscowDate, run, signIn, DAY } from './staff-helpers';

// Utilisation (issue 6): a long confirmed booking makes its facility the busiest; the screen shows
// the heat map (a labelled SVG image) and the trend (a labelled Chart.js canvas), table fallbacks, the forecast, the estimated
// revenue (labelled as an estimate) and a CSV download.

test('staff read the utilisation screen: heat map, trend, busiest, forecast, estimated revenue, CSV', async ({
  page,
  baseURL,
}) => {
  const crew = await apiAs(baseURL!, 'crew@demo.test');
  const staff = await apiAs(baseURL!, 'staff@demo.test');
  const chambers = await facilityId(crew, 'kp-prince-andrey');
  const first = await freeDays(crew, [chambers], moscowDate(Date.now() + 3 * DAY), 60);
  const b = await crew.post('/api/bookings', dayBooking(chambers, `Долгая съёмка ${run}`, 'firm', first, 60));
  expect(b.status).toBe(201);
  const c = await staff.post(`/api/bookings/${b.body.id}/confirm`);
  expect(c.status).toBe(200);
  await crew.dispose();
  await staff.dispose();

  await signIn(page, 'staff@demo.test');
  await page.goto('/staff');
  await page.getByRole('link', { name: 'Загрузка' }).click();
  await expect(page.getByRole('heading', { name: 'Загрузка объектов' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Тепловая карта загрузки: \d+ строк × 16 недель/ })).toBeVisible();
  const trend = page.getByRole('img', { name: /График загрузки выбранных строк за 16 недель/ });
  await expect(trend).toBeVisible();
  await expect(page.locator('canvas[data-testid="trend-chart"]')).toBeVisible();
  // Cells of the booked weeks are coloured (bucket > 0) on the chambers' row.
  await expect(page.locator('[data-testid="heat-map"] rect[data-bucket="5"]').first()).toBeAttached();
  await expect(page.getByTestId('busiest')).toContainText('Палаты князя Андрея');
  await expect(page.getByRole('heading', { name: 'Прогноз на ближайшие месяцы' })).toBeVisible();
  await expect(page.getByTestId('forecast').locator('tbody tr')).toHaveCount(6);
  await expect(page.getByRole('heading', { name: /Выручка ОЦЕНКА/ })).toBeVisible();
  await expect(page.getByTestId('revenue-total')).toContainText('₽');

  // The same figures as a table, and the CSV.
  await page.getByText('Показать таблицей').click();
  await expect(page.getByRole('rowheader', { name: 'Палаты князя Андрея' })).toBeVisible();
  await page.getByText('Динамика таблицей').click();
  await expect(page.getByTestId('trend-table').locator('tbody tr')).toHaveCount(16);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Скачать CSV' }).click();
  const file = await download;
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(path!, 'utf8');
  expect(csv.split(/\r?\n/)[0]).toContain('confirmed_share');
  expect(csv).toContain(chambers);

  // By zone and month: the same screen, other rows.
  await page.getByLabel('Уровень').selectOption('zone');
  await page.getByLabel('Шаг').selectOption('month');
  await expect(page.getByRole('img', { name: /Тепловая карта загрузки: \d+ строк × 6 месяцев/ })).toBeVisible();
  await expect(page).toHaveURL(/level=zone/);
});
