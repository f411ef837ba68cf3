import { expect, test } from '@playwright/test';
import { addDays, apiAs, dayBooking, facilityId, freeDays, ruDate, run, signIn } from './staff-helpers';

// Blackouts (issue 6): the impact is shown before saving; over a hold staff must agree to release
// it, over a firm booking the blackout is refused.

test('a blackout shows its impact: refused over a firm request, saved over a hold once its release is agreed', async ({
  page,
  baseURL,
}) => {
  const crew = await apiAs(baseURL!, 'crew@demo.test');
  const partisan = await facilityId(crew, 'kp-partisan-village');
  const remote = await facilityId(crew, 'kp-remote-village');
  const day = await freeDays(crew, [partisan, remote], '2027-05-01', 6);
  const hold = await crew.post(
    '/api/bookings',
    dayBooking(partisan, `Холд под закрытие ${run}`, 'hold', addDays(day, 1), 2),
  );
  expect(hold.status).toBe(201);
  const firm = await crew.post(
    '/api/bookings',
    dayBooking(remote, `Твёрдая заявка ${run}`, 'firm', addDays(day, 1), 2),
  );
  expect(firm.status).toBe(201);

  await signIn(page, 'staff@demo.test');
  await page.goto('/staff/blackouts');
  await expect(page.getByRole('heading', { name: 'Закрыть объект на период' })).toBeVisible();

  // Over the firm request: refused, nothing to save.
  await page.getByLabel('Объект или зона').selectOption({ label: 'Кинопарк «Москино» · Глухая деревня' });
  // Dates in Russian in an en-US browser: typed as ДД.ММ.ГГГГ (or digits only), or picked in the calendar.
  const from = page.getByLabel('С (дата)');
  await expect(from).toHaveAttribute('placeholder', 'ДД.ММ.ГГГГ');
  await from.fill(ruDate(day));
  const to = page.getByLabel('По (включительно)');
  await to.fill('31.02.2027');
  await to.blur();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Такой даты нет: введите в формате ДД.ММ.ГГГГ')).toBeVisible();
  await to.fill(ruDate(addDays(day, 2)).replaceAll('.', ''));
  await to.blur();
  await expect(to).toHaveValue(ruDate(addDays(day, 2)));
  await expect(to).not.toHaveAttribute('aria-invalid', 'true');
  // One day on in the calendar: → and Enter.
  await page.getByRole('button', { name: 'Выбрать в календаре' }).nth(1).click();
  const calendar = page.getByRole('dialog', { name: 'Календарь' });
  await expect(calendar.getByRole('columnheader').first()).toHaveText('пн');
  await expect(calendar.locator(`td[data-date="${addDays(day, 2)}"]`)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(calendar).toHaveCount(0);
  await expect(to).toHaveValue(ruDate(addDays(day, 3)));
  await page.getByRole('button', { name: 'Показать последствия' }).click();
  const impact = page.getByTestId('blackout-impact');
  await expect(impact).toContainText('Закрыть нельзя');
  await expect(impact).toContainText(`Твёрдая заявка ${run}`);
  await expect(impact.getByRole('button', { name: /Закрыть объект/ })).toHaveCount(0);

  // Over the hold: its release must be agreed first.
  await page.getByLabel('Объект или зона').selectOption({ label: 'Кинопарк «Москино» · Партизанская деревня' });
  await page.getByLabel('Подробности').fill(`ремонт кровли ${run}`);
  await page.getByRole('button', { name: 'Показать последствия' }).click();
  await expect(impact).toContainText('Будут сняты холды: 1');
  await expect(impact).toContainText(`Холд под закрытие ${run}`);
  const save = impact.getByRole('button', { name: 'Снять холды и закрыть объект' });
  await expect(save).toBeDisabled();
  await impact.getByLabel(/Снять эти холды \(1\)/).check();
  await save.click();
  await expect(page.getByTestId('blackout-saved')).toContainText('Снято холдов: 1');

  // The hold is released and the facility is blocked.
  const after = await crew.ctx.get(`/api/bookings/${hold.body.id}`);
  expect(['cancelled', 'released']).toContain(((await after.json()) as { status: string }).status);
  const busy = await crew.ctx.get('/api/availability', {
    params: { from: `${day}T00:00:00+03:00`, to: `${addDays(day, 4)}T00:00:00+03:00`, facilityIds: partisan },
  });
  const statuses = (
    (await busy.json()) as { facilities: Array<{ busy: Array<{ status: string }> }> }
  ).facilities[0]!.busy.map((b) => b.status);
  expect(statuses).toContain('blackout');
  await crew.dispose();
});
