import { expect, test, type Page } from '@playwright/test';

// Facilities appear as timeline rows with `data-resource-id`; FullCalendar's class names are hashed,
// so everything here is found by role, visible text or that attribute.
const rows = (page: Page) =>
  page
    .locator('[role="rowheader"][data-resource-id], td[data-resource-id], [data-resource-id]')
    .filter({ hasText: /\S/ });

// Only the rows in view are rendered (FullCalendar `virtualization`): Kinopark's rows are near the
// top of the full catalogue, Kinozavod's pavilions at the bottom.
async function openTimeline(page: Page, query = '') {
  await page.goto(`/${query}`);
  await expect(page.getByText('Аэропорт Юрово').first()).toBeVisible();
}

/** Scrolls the timeline's rows (the tallest scrolling element inside it) to the bottom. */
async function scrollRowsToEnd(page: Page) {
  await page.evaluate(() => {
    const scrollers = [...document.querySelectorAll<HTMLElement>('.mk-timeline *')].filter(
      (el) => el.scrollHeight > el.clientHeight + 20 && getComputedStyle(el).overflowY !== 'visible',
    );
    for (const el of scrollers) el.scrollTop = el.scrollHeight;
  });
}

test('the timeline renders the Moskino facilities grouped by site, in Russian by default', async ({ page }) => {
  await openTimeline(page);
  await expect(page.getByRole('heading', { name: /Шахматка занятости: / })).toBeVisible();
  await expect(page.locator('[data-resource-id="site:kinopark"]').first()).toContainText('Кинопарк «Москино»');
  await expect(page.getByText('Показано площадок: 71 из 71')).toBeVisible();
  // Zone → set nesting: a backlot zone and one of its sets.
  await expect(page.getByText('Аэропорт Юрово').first()).toBeVisible();
  await expect(page.getByText('Терминал аэропорта').first()).toBeVisible();
  // Legend with hold ranks and indirect blocking.
  await expect(page.getByText('1-й холд')).toBeVisible();
  await expect(page.getByText('Занято через связанный объект')).toBeVisible();
  // Rows far down are rendered when scrolled to.
  await expect(page.getByText('Съёмочный павильон №1')).toHaveCount(0);
  await scrollRowsToEnd(page);
  await expect(page.getByText('Съёмочный павильон №1').first()).toBeVisible();
  await expect(page.locator('[data-resource-id="site:kinozavod"]').first()).toContainText('Кинозавод «Москино»');
});

test('filters narrow the rows and live in the URL', async ({ page }) => {
  await openTimeline(page);
  await page.getByLabel('Площадка').selectOption('kinozavod');
  await page.getByLabel('Высота от, м').fill('13');
  await expect(page).toHaveURL(/site=kinozavod/);
  await expect(page).toHaveURL(/minHeight=13/);
  await expect(page.getByText(/Показано площадок: 3 из 71/)).toBeVisible();
  await expect(page.getByText('Съёмочный павильон №1').first()).toBeVisible();
  await expect(page.getByText('Съёмочный павильон №2')).toHaveCount(0);
  await expect(page.getByText('Аэропорт Юрово')).toHaveCount(0);

  // The same view from a shared link, with text search.
  await page.goto('/?q=%D1%81%D1%82%D0%B0%D0%BD%D1%86%D0%B8%D1%8F&view=month&date=2026-05-10');
  await expect(page.getByText('Станция метро').first()).toBeVisible();
  await expect(page.getByText(/Показано площадок: 1 из 71/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Месяц' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: /1 мая 2026 г\. – 31 мая 2026 г\./ })).toBeVisible();
  await expect(rows(page).filter({ hasText: 'Съёмочный павильон №1' })).toHaveCount(0);
});

test('language switch to English is applied everywhere and remembered', async ({ page }) => {
  await openTimeline(page);
  await page.getByLabel('Язык').selectOption('en');
  await expect(page.getByRole('heading', { name: /Availability timeline: / })).toBeVisible();
  await expect(page.locator('[data-resource-id="site:kinopark"]').first()).toContainText(
    'Moskino Film Park (Kinopark)',
  );
  await expect(page.getByText('Showing 71 of 71 facilities')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Week' })).toBeVisible();
  await expect(page.getByLabel('Language')).toHaveValue('en');
  await page.getByLabel('Language').selectOption('ru');
  await expect(page.getByRole('button', { name: 'Неделя' })).toBeVisible();
});

test('times are Moscow time even though the browser is in New York', async ({ page }) => {
  await openTimeline(page);
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
  await expect(page.getByText('Все время — московское (МСК, UTC+3)').first()).toBeVisible();
  const shown = await page.getByTestId('moscow-now').textContent();
  const now = Date.now();
  const fmt = (ms: number, timeZone: string) =>
    new Intl.DateTimeFormat('ru-RU', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  const moscow = [fmt(now, 'Europe/Moscow'), fmt(now - 60_000, 'Europe/Moscow')];
  expect(moscow).toContain(shown);
  expect(shown).not.toBe(fmt(now, 'America/New_York'));

  // A Moscow day view starts at 00:00 Moscow: the day header is the Moscow date of the URL, and
  // the slots run 00:00…23:00 whatever the browser's zone.
  await page.goto('/?view=day&date=2026-05-04');
  await expect(page.getByRole('heading', { name: /4 мая 2026 г\./ })).toBeVisible();
  await expect(page.getByText('00:00', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('23:00', { exact: true }).first()).toBeAttached();
});

test('the facility page shows specifications with estimated figures flagged', async ({ page }) => {
  await page.goto('/facilities/kz-stage-1');
  await expect(page.getByRole('heading', { level: 1, name: /Съёмочный павильон №1/ })).toBeVisible();
  await expect(page.getByText('Оценочные данные: у цифр нет публичного источника').first()).toBeVisible();
  await expect(page.getByText(/^1\s800 м²/)).toBeVisible();
  await page.goto('/facilities/no-such-facility');
  await expect(page.getByRole('heading', { name: 'Страница не найдена' })).toBeVisible();
});

test('the API being down shows a clear message, never a blank page', async ({ page }) => {
  await page.route('**/api/facilities', (route) => route.abort('connectionrefused'));
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('Сервер недоступен', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Повторить' })).toBeVisible();
});
