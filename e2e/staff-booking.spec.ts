import { expect, test } from '@playwright/test';
import { addDays, apiAs, facilityId, freeDays, moscowDate, run, signIn, DAY } from './staff-helpers';

// Staff create and move bookings for any organisation (issue 6): staff drag a crew's hold on the
// timeline; the move asks for a reason (cancel puts the block back), goes through the staff endpoint,
// and the booking carries the reason. Then staff book for the crew's organisation from the form.

const shift = (date: string) => ({ type: 'shoot', start: `${date}T08:00:00+03:00`, end: `${date}T20:00:00+03:00` });

test('staff move a crew booking with a reason and book for another organisation', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const crew = await apiAs(baseURL!, 'crew@demo.test');
  const hall = await facilityId(crew, 'kp-vitebsky-hall');
  // A free stretch starting on a Monday (the week view shows Monday–Sunday).
  let monday = await freeDays(crew, [hall], moscowDate(Date.now() + 8 * DAY), 9);
  while (new Date(`${monday}T12:00:00Z`).getUTCDay() !== 1)
    monday = await freeDays(crew, [hall], addDays(monday, 1), 9);
  const tue = addDays(monday, 1);
  const title = `Холд группы ${run}`;
  const created = await crew.post('/api/bookings', { facilityId: hall, title, kind: 'hold', phases: [shift(tue)] });
  expect(created.status).toBe(201);
  const crewOrg = created.body.organisationId as string;

  await signIn(page, 'staff@demo.test');
  await page.goto(`/?view=week&date=${tue}&q=${encodeURIComponent('вокзала')}`);
  const block = page.locator('.busy-editable').filter({ hasText: title });
  await expect(block).toBeVisible();
  await block.scrollIntoViewIfNeeded();
  const slotWidth =
    (await page.locator(`[role="gridcell"][data-resource-id="${hall}"]`).first().boundingBox())!.width / 14;
  const before = (await block.boundingBox())!;
  const drag = async (fromX: number, dx: number, y: number) => {
    await page.mouse.move(fromX, y);
    await page.mouse.down();
    await page.mouse.move(fromX + dx / 2, y, { steps: 5 });
    await page.mouse.move(fromX + dx, y, { steps: 5 });
    await page.mouse.up();
  };

  // Cancelled: the block goes back, nothing is sent.
  await drag(before.x + before.width / 2, 2 * slotWidth, before.y + before.height / 2);
  const dialog = page.getByRole('dialog', { name: 'Перенос брони другой организации' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Не переносить' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await block.boundingBox())?.x).toBeCloseTo(before.x, 0);

  // With a reason: moved one day later through PATCH /api/staff/bookings/:id.
  await drag(before.x + before.width / 2, 2 * slotWidth, before.y + before.height / 2);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Перенести' }).click();
  await expect(dialog.getByText('Без причины перенос не сохранить')).toBeVisible();
  const reason = `Освобождаем вторник под монтаж ${run}`;
  await dialog.getByLabel('Причина переноса').fill(reason);
  await dialog.getByRole('button', { name: 'Перенести' }).click();
  await expect(page.getByTestId('move-feedback')).toContainText(`Бронь перенесена: ${title}`);
  const moved = (await (await crew.ctx.get(`/api/bookings/${created.body.id}`)).json()) as {
    version: number;
    reason?: string;
    phases: { start: string }[];
  };
  expect(moved.version).toBe(2);
  expect(moved.reason).toBe(reason);
  expect(Date.parse(moved.phases[0]!.start)).toBe(Date.parse(shift(addDays(monday, 2)).start));

  // Staff book Saturday for the crew's organisation from the form.
  const sat = addDays(monday, 5);
  await page.goto(`/?view=day&date=${sat}&q=${encodeURIComponent('вокзала')}`);
  const lane = (await page.locator(`[role="gridcell"][data-resource-id="${hall}"]`).first().boundingBox())!;
  const x = (h: number) => lane.x + (lane.width * (h + 0.5)) / 24;
  await page.mouse.move(x(9), lane.y + lane.height / 2);
  await page.mouse.down();
  await page.mouse.move(x(18), lane.y + lane.height / 2, { steps: 10 });
  await page.mouse.up();
  const form = page.getByRole('dialog', { name: 'Новая бронь' });
  await expect(form).toBeVisible();
  await form.getByLabel('Организация').selectOption({ label: 'Демо Продакшн' });
  const forCrew = `Бронь диспетчера для группы ${run}`;
  await form.getByLabel('Рабочее название').fill(forCrew);
  await form.getByRole('button', { name: 'Забронировать' }).click();
  await expect(form).toBeHidden();
  const list = (await (
    await crew.ctx.get(
      `/api/bookings?facilityId=${hall}&from=${encodeURIComponent(`${sat}T00:00:00+03:00`)}&to=${encodeURIComponent(`${addDays(sat, 1)}T00:00:00+03:00`)}`,
    )
  ).json()) as { title: string; organisationId: string; status: string }[];
  const mine = list.find((b) => b.title === forCrew);
  expect(mine?.organisationId).toBe(crewOrg);
  expect(mine?.status).toBe('held');
  await crew.dispose();
});
