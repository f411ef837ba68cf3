import { expect, test } from '@playwright/test';
import { addDays, apiAs, dayBooking, facilityId, freeDays, moscowDate, run, signIn, DAY } from './staff-helpers';

// The timeline renders only the rows in view (FullCalendar `virtualization`, with
// scripts/patch-fullcalendar.mjs so that the whole time axis is always rendered). A row with stacked
// blocks must still grow to hold them, also when some of its blocks lie outside the columns on screen
// (a quarter is wider than the window): without the patch such a row kept a one-line height and its
// 2nd hold was drawn over the next row.
test('a row grows to hold its stacked holds in a quarter wider than the window', async ({ page, baseURL }) => {
  const crew = await apiAs(baseURL!, 'crew@demo.test');
  const town = await facilityId(crew, 'kp-uezd-town');
  const name = ((await (await crew.ctx.get(`/api/facilities/${town}`)).json()) as { name: { ru: string } }).name.ru;

  // Two overlapping holds early in a quarter (1st and 2nd hold, stacked) and one near its end, far
  // outside the columns that fit on screen.
  const first = await freeDays(crew, [town], moscowDate(Date.now() + 10 * DAY), 3);
  const quarterStart = `${first.slice(0, 5)}${String(Math.floor((Number(first.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const a = await crew.post('/api/bookings', dayBooking(town, `E2E stack A ${run}`, 'hold', first, 3));
  expect(a.status).toBe(201);
  const b = await crew.post('/api/bookings', dayBooking(town, `E2E stack B ${run}`, 'hold', addDays(first, 1), 2));
  expect(b.status).toBe(201);
  expect(b.body.holdRank).toBe(2);
  const late = await freeDays(crew, [town], addDays(quarterStart, 75), 1);
  const lateInQuarter = late < addDays(quarterStart, 92);
  if (lateInQuarter) {
    const c = await crew.post('/api/bookings', dayBooking(town, `E2E stack C ${run}`, 'hold', late, 1));
    expect(c.status).toBe(201);
  }
  await crew.dispose();

  await signIn(page, 'crew@demo.test');
  await page.goto(`/?view=quarter&date=${first}&q=${encodeURIComponent(name)}`);
  const lane = page.locator(`.mk-timeline [role="gridcell"][data-resource-id="${town}"]`);
  const blockA = lane.locator('.busy').filter({ hasText: `E2E stack A ${run}` });
  const blockB = lane.locator('.busy').filter({ hasText: `E2E stack B ${run}` });
  await expect(blockA).toBeVisible();
  await expect(blockB).toBeVisible();

  // Heights settle after FullCalendar measures the blocks: poll until the lane holds both lines.
  await expect
    .poll(async () => {
      const laneBox = await lane.boundingBox();
      const aBox = await blockA.boundingBox();
      const bBox = await blockB.boundingBox();
      if (!laneBox || !aBox || !bBox) return 'not rendered';
      if (Math.abs(aBox.y - bBox.y) < aBox.height / 2) return 'not stacked';
      const bottom = Math.max(aBox.y + aBox.height, bBox.y + bBox.height);
      return bottom <= laneBox.y + laneBox.height + 1
        ? 'inside'
        : `spills ${Math.round(bottom - laneBox.y - laneBox.height)} px`;
    })
    .toBe('inside');
  // The late block is rendered too (the whole time axis is), off to the right of the window.
  if (lateInQuarter) await expect(lane.locator('.busy').filter({ hasText: `E2E stack C ${run}` })).toHaveCount(1);
});
