import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

// The booking flow against the real server and database, browser in New York. The database may be
// reused between runs, so each test first asks the API for a day that is free on its own pavilion
// (no other spec books these two), and titles carry a per-run suffix.

const password = process.env.DEMO_PASSWORD ?? 'moskino-demo';
const DAY = 86_400_000;
const run = Date.now().toString(36);

async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Эл. почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('button', { name: 'Выйти' })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByRole('link', { name: 'Войти' })).toBeVisible();
}

/** Moscow calendar date of an instant. */
const moscowDate = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10);

async function facilityId(request: APIRequestContext, slug: string): Promise<string> {
  const res = await request.get(`/api/facilities/${slug}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { id: string }).id;
}

/**
 * The first Moscow day D, at least a week ahead, such that D-2 … D+2 are free on the facility
 * (room for the booking, its buffers and the suggested neighbours). Needs a signed-in page.
 */
async function freeDay(request: APIRequestContext, id: string, days = 5): Promise<string> {
  const start = Date.parse(`${moscowDate(Date.now() + 7 * DAY)}T00:00:00+03:00`);
  const res = await request.get(
    `/api/availability?from=${encodeURIComponent(new Date(start).toISOString())}&to=${encodeURIComponent(new Date(start + 300 * DAY).toISOString())}&facilityIds=${id}`,
  );
  expect(res.ok()).toBe(true);
  const busy = (
    (await res.json()) as { facilities: { busy: { start: string; end: string }[] }[] }
  ).facilities[0]!.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)]);
  for (let d = 2; d < 290; d++) {
    const from = start + (d - 2) * DAY;
    const to = from + days * DAY;
    if (!busy.some(([s, e]) => s! < to && e! > from)) return moscowDate(start + d * DAY);
  }
  throw new Error('no free day found');
}

/**
 * Drag on a facility's row in the day view from one Moscow hour to another. Positions come from the
 * row's lane (its box spans the whole day, scrolled or not), never from header cells.
 */
async function selectHours(page: Page, facilityRowId: string, date: string, fromHour: number, toHour: number) {
  const lane = page.locator(`[role="gridcell"][data-resource-id="${facilityRowId}"]`).first();
  const l = (await lane.boundingBox())!;
  expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const x = (h: number) => l.x + (l.width * (h + 0.5)) / 24;
  const y = l.y + l.height / 2;
  await page.mouse.move(x(fromHour), y);
  await page.mouse.down();
  await page.mouse.move(x(toHour), y, { steps: 10 });
  await page.mouse.up();
}

test('crew holds a pavilion from the timeline, makes it firm; staff confirm; a conflicting attempt takes a suggestion; Moscow times in English', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'crew@demo.test');
  const id = await facilityId(page.request, 'kp-stage-interiors');
  const day = await freeDay(page.request, id);
  const title = `E2E hold ${run}`;

  // Find the pavilion by filter.
  await page.goto('/');
  await page.getByLabel('Тип').selectOption('pavilion');
  await page.getByLabel('Поиск по названию').fill('интерьерных');
  await expect(page.getByText(/Показано площадок: 1 из 71/)).toBeVisible();
  await expect(page).toHaveURL(/kind=pavilion/);
  // The same filtered view on the chosen day (filters stay in the URL).
  await page.goto(`${new URL(page.url()).pathname}${new URL(page.url()).search}&view=day&date=${day}`);
  await expect(page.locator(`[role="rowheader"][data-resource-id="${id}"]`)).toContainText(
    'Павильон интерьерных декораций',
  );

  // Drag 09:00 → 18:00: snapped to the facility's 12-hour shift, 08:00–20:00 Moscow.
  await selectHours(page, id, day, 9, 18);
  const form = page.getByRole('dialog', { name: 'Новая бронь' });
  await expect(form).toBeVisible();
  // The date in Russian (ДД.ММ.ГГГГ) although the browser is en-US.
  await expect(form.getByLabel('Дата начала')).toHaveValue(day.split('-').reverse().join('.'));
  await expect(form.getByLabel('Время начала, МСК')).toHaveValue('08:00');
  await expect(form.getByLabel('Время окончания, МСК')).toHaveValue('20:00');
  await form.getByLabel('Рабочее название').fill(title);
  await form.getByRole('button', { name: 'Забронировать' }).click();

  // The drawer opens on the new hold with its rank; the timeline shows it too.
  const drawer = page.getByRole('dialog', { name: new RegExp(title) });
  await expect(drawer.getByTestId('booking-status')).toHaveText('1-й холд');
  await expect(drawer.getByTestId('booking-phases')).toContainText('08:00');
  await expect(page.locator('.busy-hold1').filter({ hasText: title })).toBeVisible();
  await drawer.getByRole('button', { name: 'Сделать твёрдой' }).click();
  await expect(drawer.getByTestId('booking-status')).toHaveText('Ожидает подтверждения');
  await expect(page.locator('.busy-pending').filter({ hasText: title })).toBeVisible();
  const viewUrl = page.url();
  await signOut(page);

  // Staff confirm it from the drawer, and see its history.
  await signIn(page, 'staff@demo.test');
  await page.goto(viewUrl);
  await page.locator('.busy-pending').filter({ hasText: title }).click();
  const staffDrawer = page.getByRole('dialog', { name: new RegExp(title) });
  await expect(staffDrawer.getByTestId('booking-history')).toContainText('Сделана твёрдой');
  await staffDrawer.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(staffDrawer.getByTestId('booking-status')).toHaveText('Подтверждено');
  await expect(staffDrawer.getByTestId('booking-history')).toContainText('Подтверждена');
  await staffDrawer.getByRole('button', { name: 'Закрыть' }).click();
  await expect(page.locator('.busy-confirmed').filter({ hasText: title })).toBeVisible();

  // A conflicting attempt on the same shift (dragged from the free evening back over the booking):
  // the conflict and the nearest free windows, inline.
  await selectHours(page, id, day, 21, 10);
  const form2 = page.getByRole('dialog', { name: 'Новая бронь' });
  await form2.getByLabel('Рабочее название').fill(`E2E second ${run}`);
  await form2.getByRole('button', { name: 'Забронировать' }).click();
  const conflict = form2.getByTestId('conflict');
  await expect(conflict).toContainText('Время занято');
  await expect(conflict).toContainText('Подтверждено');
  await expect(conflict).toContainText('08:00');
  const suggestion = conflict.locator('.suggestions button').first();
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(conflict).toHaveCount(0);
  const suggestedDate = await form2.getByLabel('Дата начала').inputValue();
  expect(suggestedDate).toMatch(/^\d\d\.\d\d\.\d{4}$/);
  expect(suggestedDate).not.toBe(day.split('-').reverse().join('.'));
  await expect(form2.getByLabel('Время начала, МСК')).toHaveValue('08:00');
  await form2.getByRole('button', { name: 'Забронировать' }).click();
  const drawer2 = page.getByRole('dialog', { name: new RegExp(`E2E second ${run}`) });
  await expect(drawer2.getByTestId('booking-status')).toHaveText('1-й холд');

  // Switch language: the rank in English, times still Moscow (08:00–20:00, not New York's 00:00–12:00).
  await page.getByLabel('Язык').selectOption('en');
  await expect(drawer2.getByTestId('booking-status')).toHaveText('1st hold');
  await expect(drawer2.getByTestId('booking-phases')).toContainText(/08:00\D+20:00/);
  await expect(drawer2.getByTestId('booking-phases')).not.toContainText('00:00');
  await expect(page.getByText('All times are Moscow time (MSK, UTC+3)').first()).toBeVisible();

  // Cancelling the hold releases it at once.
  await drawer2.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(drawer2.getByTestId('booking-status')).toHaveText('Released');
  await expect(page.locator('.busy').filter({ hasText: `E2E second ${run}` })).toHaveCount(0);
  await page.getByLabel('Language').selectOption('ru');
});

/** A Monday at least a week ahead whose whole week is free on the facility. */
async function freeWeek(request: APIRequestContext, id: string): Promise<string> {
  const today = Date.parse(`${moscowDate(Date.now() + 7 * DAY)}T00:00:00+03:00`);
  const monday = today + ((8 - new Date(today + 3 * 3_600_000).getUTCDay()) % 7) * DAY;
  const res = await request.get(
    `/api/availability?from=${encodeURIComponent(new Date(monday).toISOString())}&to=${encodeURIComponent(new Date(monday + 350 * DAY).toISOString())}&facilityIds=${id}`,
  );
  expect(res.ok()).toBe(true);
  const busy = (
    (await res.json()) as { facilities: { busy: { start: string; end: string }[] }[] }
  ).facilities[0]!.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)]);
  for (let w = 0; w < 48; w++) {
    const from = monday + w * 7 * DAY - DAY;
    const to = from + 9 * DAY;
    if (!busy.some(([s, e]) => s! < to && e! > from)) return moscowDate(monday + w * 7 * DAY);
  }
  throw new Error('no free week found');
}

async function createBooking(
  request: APIRequestContext,
  body: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const me = (await (await request.get('/api/auth/me')).json()) as { csrfToken: string };
  const res = await request.post('/api/bookings', { data: body, headers: { 'X-CSRF-Token': me.csrfToken } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; version: number };
}

const shift = (date: string, plusDays = 0) => {
  const d = moscowDate(Date.parse(`${date}T12:00:00+03:00`) + plusDays * DAY);
  return { type: 'shoot', start: `${d}T08:00:00+03:00`, end: `${d}T20:00:00+03:00` };
};

test('crew move and resize their own booking by drag; a refused move puts the block back and says why', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, 'crew@demo.test');
  const id = await facilityId(page.request, 'kp-vitebsky-hall');
  const monday = await freeWeek(page.request, id);
  const tue = moscowDate(Date.parse(`${monday}T12:00:00+03:00`) + DAY);
  await createBooking(page.request, { facilityId: id, title: `E2E wall ${run}`, kind: 'firm', phases: [shift(tue)] });
  const mover = await createBooking(page.request, {
    facilityId: id,
    title: `E2E mover ${run}`,
    kind: 'hold',
    phases: [shift(tue, 1)],
  });

  await page.goto(`/?view=week&date=${tue}&q=${encodeURIComponent('вокзала')}`);
  const block = page.locator('.busy-editable').filter({ hasText: `E2E mover ${run}` });
  await expect(block).toBeVisible();
  await block.scrollIntoViewIfNeeded();
  // A 12-hour slot: the lane spans the whole week (14 slots).
  const slotWidth =
    (await page.locator(`[role="gridcell"][data-resource-id="${id}"]`).first().boundingBox())!.width / 14;
  const before = (await block.boundingBox())!;
  const drag = async (fromX: number, dx: number, y: number) => {
    await page.mouse.move(fromX, y);
    await page.mouse.down();
    await page.mouse.move(fromX + dx / 2, y, { steps: 5 });
    await page.mouse.move(fromX + dx, y, { steps: 5 });
    await page.mouse.up();
  };

  // One day earlier is the pending booking's shift: 409, the block returns, the reason is shown.
  await drag(before.x + before.width / 2, -2 * slotWidth, before.y + before.height / 2);
  const feedback = page.getByTestId('move-feedback');
  await expect(feedback).toContainText('Бронь не перенесена');
  await expect(feedback).toContainText('Ожидает подтверждения');
  await expect.poll(async () => (await block.boundingBox())?.x).toBeCloseTo(before.x, 0);

  // One day later is free: moved on the server (version 2), on the shift grid.
  const back = (await block.boundingBox())!;
  await drag(back.x + back.width / 2, 2 * slotWidth, back.y + back.height / 2);
  await expect(feedback).toContainText(`Бронь перенесена: E2E mover ${run}`);
  const thu = shift(tue, 2);
  const moved = (await (await page.request.get(`/api/bookings/${mover.id}`)).json()) as {
    version: number;
    phases: { start: string; end: string }[];
  };
  expect(Date.parse(moved.phases[0]!.start)).toBe(Date.parse(thu.start));
  expect(moved.version).toBe(2);

  // Resize: pull the right edge one day further: the booking now ends at 20:00 on Friday.
  const movedBlock = page.locator('.busy-editable').filter({ hasText: `E2E mover ${run}` });
  const box = (await movedBlock.boundingBox())!;
  await movedBlock.hover();
  await drag(box.x + box.width - 2, 2 * slotWidth, box.y + box.height / 2);
  await expect(feedback).toContainText(`Бронь перенесена: E2E mover ${run}`);
  await expect
    .poll(async () =>
      Date.parse(
        ((await (await page.request.get(`/api/bookings/${mover.id}`)).json()) as { phases: { end: string }[] })
          .phases[0]!.end,
      ),
    )
    .toBe(Date.parse(shift(tue, 3).end));
});
