import { expect, test } from '@playwright/test';
import { run, signIn } from './staff-helpers';

// Catalogue administration and the audit log (issue 6): an import with bad rows is refused with
// every problem by line and field; an edit (harmless: a note) saved with a reason shows up in the
// audit log search with before and after.

const header =
  'slug,site,parentSlug,kind,name_ru,name_en,areaM2,heightM,features,period,bookable,status,estimated,source,notes,bookingUnit,minUnits,maxUnits,leadTimeHours,horizonDays,bufferMinutes,rate_build,rate_prelight,rate_shoot,rate_strike';

test('admins see every bad row of an import, edit a facility with a reason and find the change in the audit log', async ({
  page,
}) => {
  await signIn(page, 'admin@demo.test');
  await page.getByRole('link', { name: 'Пульт диспетчера' }).click();
  await page.getByRole('link', { name: 'Каталог' }).click();
  await expect(page.getByRole('heading', { name: 'Каталог объектов' })).toBeVisible();

  // Two bad rows (lines 3 and 4 of the file): nothing is imported, each problem is listed.
  const csv = [
    header,
    `e2e-ok-${run},kinopark,,pavilion,Тестовый павильон,Test stage,100,10,,,true,planned,true,,,shift,1,10,24,365,0,1,1,1,1`,
    `e2e-bad-${run},kinopark,,spaceship,Плохой,Bad,100,10,,,true,planned,true,,,shift,1,10,24,365,0,1,1,1,1`,
    `e2e-bad2-${run},kinopark,,pavilion,Плохой 2,Bad 2,100,10,,,true,planned,true,,,fortnight,5,1,24,365,0,1,1,1,1`,
  ].join('\n');
  await page
    .getByLabel('Файл каталога (JSON или CSV)')
    .setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const result = page.getByTestId('import-result');
  await expect(result).toContainText(/Ошибки в строках: \d+\. Ничего не загружено/);
  const lines = await result.locator('tbody tr td:first-child').allTextContents();
  expect(lines).toContain('3');
  expect(lines).toContain('4');
  expect(lines).not.toContain('2');
  await expect(result.locator('tbody')).toContainText('kind');
  await expect(result.getByRole('button', { name: 'Загрузить каталог' })).toHaveCount(0);

  // Edit the notes of a set, with a reason.
  await expect(page.getByRole('button', { name: 'Изменить «Театр Гонзаги»' })).toBeVisible();
  await page.getByRole('button', { name: 'Изменить «Театр Гонзаги»' }).click();
  await expect(page.getByRole('heading', { name: 'Изменить: Театр Гонзаги' })).toBeVisible();
  const notes = page.getByLabel('Заметки');
  await notes.fill(`${await notes.inputValue()} Проверено ${run}.`.trim());
  await page.getByLabel('Причина изменения (для журнала)').fill(`Сверка паспорта ${run}`);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Сохранено.')).toBeVisible();

  // The audit log finds it by facility and kind of change.
  await page.getByRole('link', { name: 'Журнал' }).click();
  await expect(page.getByRole('heading', { name: 'Журнал изменений' })).toBeVisible();
  await page
    .getByRole('combobox', { name: 'Объект', exact: true })
    .selectOption({ label: 'Кинопарк «Москино» · Театр Гонзаги' });
  await page.getByRole('combobox', { name: 'Что менялось', exact: true }).selectOption('facility');
  await page.getByRole('button', { name: 'Найти' }).click();
  await expect(page).toHaveURL(/entity=facility/);
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText(`Сверка паспорта ${run}`);
  await expect(table).toContainText('Демо Администратор');
  await table
    .getByText(/Изменено полей: \d+ \(.*notes/)
    .first()
    .click();
  await expect(table).toContainText(`Проверено ${run}.`);
});
