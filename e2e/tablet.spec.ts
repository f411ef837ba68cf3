import { expect, test } from '@playwright/test';
import { signIn } from './staff-helpers';

// Readable on a tablet (portrait 768 × 1024): no page is wider than the screen; wide content (the
// timeline, the month grid, tables) scrolls inside its own box.
test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true });

const pages: [string, RegExp][] = [
  ['/', /Шахматка занятости/],
  ['/bookings', /Все брони/],
  ['/availability', /Свободные даты по всем площадкам/],
  ['/free', /Где свободен павильон/],
  ['/facilities/kz-stage-1', /Съёмочный павильон №1/],
  ['/staff', /Заявки на подтверждение/],
  ['/staff/holds', /Пульт диспетчера/],
  ['/staff/blackouts', /Закрыть объект на период/],
  ['/staff/capacity', /Пульт диспетчера/],
  ['/staff/audit', /Пульт диспетчера/],
  ['/staff/users', /Пользователи и приглашения/],
  ['/staff/partners', /Партнёры: календари и ключи API/],
  ['/admin/catalogue', /Пульт диспетчера|Каталог/],
];

test('no page is wider than a tablet held upright', async ({ page }) => {
  await signIn(page, 'admin@demo.test');
  for (const [url, heading] of pages) {
    await page.goto(url);
    await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${url} is ${overflow} px wider than the screen`).toBeLessThanOrEqual(0);
  }
});
