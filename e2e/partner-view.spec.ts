import { expect, test } from '@playwright/test';
import { addDays, apiAs, dayBooking, facilityId, freeDays, ruDate, run, signIn } from './staff-helpers';

// The partner view (issue 7): availability without secrets. Crew books two backlot sets in 2027
// through the API; the partner sees them in the month grid as held (with rank) and booked, never
// their titles or notes, neither on screen nor in any raw API response; then uses the free search.

const secretHold = `Секретный холд ${run}`;
const secretFirm = `Секретная заявка ${run}`;
const secretNotes = `Заметка только для своих ${run}`;

test('a partner sees the month grid and the free search, and no production details reach the browser', async ({
  page,
  baseURL,
}) => {
  const crew = await apiAs(baseURL!, 'crew@demo.test');
  const hobbit = await facilityId(crew, 'kp-hobbit-village');
  const cowboy = await facilityId(crew, 'kp-cowboy-town');
  const day = await freeDays(crew, [hobbit, cowboy], '2027-03-01', 4);
  const month = day.slice(0, 7);
  const hold = await crew.post('/api/bookings', {
    ...dayBooking(hobbit, secretHold, 'hold', day, 3),
    notes: secretNotes,
  });
  expect(hold.status).toBe(201);
  const firm = await crew.post('/api/bookings', {
    ...dayBooking(cowboy, secretFirm, 'firm', day, 2),
    notes: secretNotes,
  });
  expect(firm.status).toBe(201);
  await crew.dispose();

  // Every JSON answer the partner's browser receives, raw.
  // (A request the app aborted, e.g. on navigation, has no body to read: nothing of it reached the page.)
  const bodies: Array<{ url: string; text: string }> = [];
  const reads: Array<Promise<void>> = [];
  page.on('response', (res) => {
    if (!res.url().includes('/api/')) return;
    reads.push(
      res
        .text()
        .then((text) => {
          if (text) bodies.push({ url: res.url(), text });
        })
        .catch(() => undefined),
    );
  });

  await signIn(page, 'partner@demo.test');
  await expect(page.getByTestId('current-user')).toContainText('партнёр');

  // The timeline, as everyone has it (month view of the booked month).
  await page.goto(`/?view=month&date=${day}&q=${encodeURIComponent('Деревня хоббитов')}`);
  await expect(page.getByText('Деревня хоббитов').first()).toBeVisible();
  await expect(page.getByText(secretHold)).toHaveCount(0);

  // The month grid: held with its rank, booked, free.
  await page.getByRole('link', { name: 'Месячная сетка' }).click();
  await page.goto(`/availability?month=${month}`);
  await expect(page.getByRole('heading', { name: 'Свободные даты по всем площадкам' })).toBeVisible();
  await expect(page.getByText('Вы видите только занятость')).toBeVisible();
  const hobbitRow = page.locator(`tr[data-facility-id="${hobbit}"]`);
  const cowboyRow = page.locator(`tr[data-facility-id="${cowboy}"]`);
  await expect(hobbitRow.locator(`td[data-date="${day}"]`)).toHaveAttribute('data-state', 'held');
  await expect(hobbitRow.locator(`td[data-date="${day}"]`)).toContainText('1-й холд');
  await expect(cowboyRow.locator(`td[data-date="${day}"]`)).toHaveAttribute('data-state', 'booked');
  await expect(hobbitRow.locator('td[data-state="held"]')).toHaveCount(3);
  await expect(cowboyRow.locator('td[data-state="booked"]')).toHaveCount(2);
  await expect(page.getByTestId('month-grid')).not.toContainText(secretHold);

  // "Where is a stage free?" over the booked days: the hobbit village is not free all of it.
  await page.getByRole('link', { name: 'Где свободно?' }).click();
  await expect(page.getByRole('heading', { name: 'Где свободен павильон?' })).toBeVisible();
  // A pasted ISO date is taken too, and shown in Russian.
  await page.getByLabel('С (дата)').fill(day);
  await page.getByLabel('По (включительно)').fill(ruDate(addDays(day, 4)));
  await page.getByLabel('Площадка').selectOption('kinopark');
  await page.getByRole('button', { name: 'Найти' }).click();
  await expect(page).toHaveURL(/site=kinopark/);
  await expect(page.getByLabel('С (дата)')).toHaveValue(ruDate(day));
  await expect(page.getByRole('heading', { name: /Свободны весь период: \d+/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Свободны большую часть периода: \d+/ })).toBeVisible();
  await expect(page.getByTestId('free-whole')).not.toContainText('Деревня хоббитов');
  await expect(page.getByTestId('free-whole')).toContainText('Дом Деда Мороза');

  // Nothing secret in any raw answer; availability carries status only.
  await Promise.all(reads);
  expect(bodies.length).toBeGreaterThan(5);
  for (const b of bodies) {
    expect(b.text, b.url).not.toContain(secretHold);
    expect(b.text, b.url).not.toContain(secretFirm);
    expect(b.text, b.url).not.toContain(secretNotes);
  }
  const availability = bodies.filter((b) => b.url.includes('/api/availability'));
  expect(availability.length).toBeGreaterThan(0);
  for (const b of availability) {
    const json = JSON.parse(b.text) as { facilities: Array<{ busy: Array<Record<string, unknown>> }> };
    for (const f of json.facilities)
      for (const busy of f.busy) {
        expect(Object.keys(busy)).not.toContain('title');
        expect(Object.keys(busy)).not.toContain('bookingId');
        expect(Object.keys(busy)).not.toContain('organisationId');
      }
  }
});
