import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider, useI18n, type Lang } from '../lib/i18n';
import { moscowToday } from '../lib/time';
import { DateField, type DateFieldProps } from './DateField';

afterEach(cleanup);

function LangSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <button type="button" onClick={() => setLang(lang === 'ru' ? 'en' : 'ru')}>
      switch
    </button>
  );
}

/** A form keeping the value, as the app's forms do; every onChange is recorded. */
function setup({
  lang = 'en',
  initial = '',
  ...props
}: Partial<DateFieldProps> & { lang?: Lang; initial?: string } = {}) {
  const onChange = vi.fn();
  const onOuterKey = vi.fn();
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      // Stands for a dialog that closes on Escape.
      <div onKeyDown={(e) => onOuterKey(e.key)}>
        <DateField
          label="From"
          value={value}
          onChange={(v) => {
            onChange(v);
            setValue(v);
          }}
          {...props}
        />
        <output data-testid="value">{value}</output>
        <button type="button" onClick={() => setValue('2030-12-31')}>
          set from outside
        </button>
        <LangSwitch />
      </div>
    );
  }
  const user = userEvent.setup();
  render(
    <I18nProvider initial={lang}>
      <Harness />
    </I18nProvider>,
  );
  const input = screen.getByLabelText('From') as HTMLInputElement;
  const value = () => screen.getByTestId('value').textContent;
  return { user, input, onChange, onOuterKey, value };
}

/** onChange only ever gets a calendar date or ''. */
const onlyDates = (fn: ReturnType<typeof vi.fn>) =>
  expect(fn.mock.calls.every(([v]) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v as string))).toBe(true);

const describedBy = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' | ');

describe('DateField: display in the app language', () => {
  it('shows Russian dates as ДД.ММ.ГГГГ', () => {
    const { input } = setup({ lang: 'ru', initial: '2027-03-01' });
    expect(input.value).toBe('01.03.2027');
    expect(input.placeholder).toBe('ДД.ММ.ГГГГ');
    expect(input.type).toBe('text');
    expect(describedBy(input)).toContain('Дата в формате ДД.ММ.ГГГГ');
    expect(screen.getByRole('button', { name: 'Выбрать в календаре' })).toBeTruthy();
  });

  it('shows English dates as DD/MM/YYYY (en-GB), and follows a language switch', async () => {
    const { user, input } = setup({ lang: 'en', initial: '2027-03-01' });
    expect(input.value).toBe('01/03/2027');
    expect(input.placeholder).toBe('DD/MM/YYYY');
    await user.click(screen.getByRole('button', { name: 'switch' }));
    expect(input.value).toBe('01.03.2027');
    expect(input.placeholder).toBe('ДД.ММ.ГГГГ');
  });

  it('shows nothing for no date, and redraws a value set from outside', async () => {
    const { user, input } = setup();
    expect(input.value).toBe('');
    await user.click(screen.getByRole('button', { name: 'set from outside' }));
    expect(input.value).toBe('31/12/2030');
  });
});

describe('DateField: typing', () => {
  it.each([
    ['ru', '15.04.2027'],
    ['ru', '15042027'],
    ['ru', '15/04/2027'],
    ['en', '15/04/2027'],
    ['en', '15042027'],
    ['en', '15-04-2027'],
  ] as const)('%s: %s → 2027-04-15', async (lang, typed) => {
    const { user, input, onChange, value } = setup({ lang });
    await user.type(input, typed);
    // A whole date counts while typing (so a form sent with Enter has it).
    expect(value()).toBe('2027-04-15');
    await user.tab();
    expect(input.value).toBe(lang === 'ru' ? '15.04.2027' : '15/04/2027');
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('accepts one-digit day and month', async () => {
    const { user, input, value } = setup({ lang: 'ru' });
    await user.type(input, '1.4.2027');
    await user.tab();
    expect(value()).toBe('2027-04-01');
    expect(input.value).toBe('01.04.2027');
  });

  it('accepts a pasted ISO date and shows it localized', async () => {
    const { user, input, value, onChange } = setup({ lang: 'ru' });
    await user.click(input);
    await user.paste('2027-04-15');
    expect(value()).toBe('2027-04-15');
    await user.tab();
    expect(input.value).toBe('15.04.2027');
    expect(onChange).toHaveBeenCalledWith('2027-04-15');
  });

  it('replaces a date typed over, and clearing reports no date', async () => {
    const { user, input, value } = setup({ lang: 'en', initial: '2027-03-01' });
    await user.clear(input);
    await user.type(input, '02032027');
    expect(value()).toBe('2027-03-02');
    await user.clear(input);
    await user.tab();
    expect(value()).toBe('');
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });
});

describe('DateField: invalid input', () => {
  it.each(['31.02.2027', '2027', 'завтра', '01.13.2027', '1.3.27'])(
    '%s: an error on leaving, described, and no garbage reported',
    async (typed) => {
      const { user, input, onChange, value } = setup({ lang: 'ru', initial: '2027-03-01' });
      await user.clear(input);
      await user.type(input, typed);
      expect(input.getAttribute('aria-invalid')).toBeNull();
      await user.tab();
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(describedBy(input)).toContain('Такой даты нет: введите в формате ДД.ММ.ГГГГ');
      // What is typed stays to be corrected; the form holds no date meanwhile.
      expect(input.value).toBe(typed);
      expect(value()).toBe('');
      onlyDates(onChange);
      // Corrected: the error goes.
      await user.clear(input);
      await user.type(input, '02.03.2027');
      expect(input.getAttribute('aria-invalid')).toBeNull();
      expect(value()).toBe('2027-03-02');
    },
  );

  it('translates the error (English)', async () => {
    const { user, input } = setup({ lang: 'en' });
    await user.type(input, '99/99/9999');
    await user.tab();
    expect(describedBy(input)).toContain('Not a date: enter it as DD/MM/YYYY');
  });

  it('a required field left empty says so', async () => {
    const { user, input, value } = setup({ lang: 'ru', initial: '2027-03-01', required: true });
    expect(input.required).toBe(true);
    await user.clear(input);
    await user.tab();
    expect(value()).toBe('');
    expect(describedBy(input)).toContain('Укажите дату');
  });

  it('merges the caller’s aria-invalid and aria-describedby', () => {
    render(
      <I18nProvider initial="en">
        <p id="outer">outer note</p>
        <DateField label="To" value="" onChange={() => {}} aria-invalid aria-describedby="outer" id="to-date" />
      </I18nProvider>,
    );
    const input = screen.getByLabelText('To');
    expect(input.id).toBe('to-date');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(input)).toContain('outer note');
  });
});

describe('DateField: min and max', () => {
  it('refuses typed dates out of range, naming the bound', async () => {
    const { user, input, onChange, value } = setup({ lang: 'ru', min: '2027-03-01', max: '2027-03-31' });
    await user.type(input, '28.02.2027');
    await user.tab();
    expect(describedBy(input)).toContain('Не раньше 01.03.2027');
    expect(value()).toBe('');
    await user.clear(input);
    await user.type(input, '01.04.2027');
    await user.tab();
    expect(describedBy(input)).toContain('Не позже 31.03.2027');
    expect(onChange).not.toHaveBeenCalled();
    await user.clear(input);
    await user.type(input, '31.03.2027');
    expect(value()).toBe('2027-03-31');
  });

  it('greys out days out of range in the calendar; they cannot be picked', async () => {
    const { user, onChange } = setup({ lang: 'en', initial: '2027-03-10', min: '2027-03-05', max: '2027-03-20' });
    await user.click(screen.getByRole('button', { name: 'Choose from the calendar' }));
    const grid = screen.getByRole('grid');
    const cell = (d: string) => grid.querySelector(`td[data-date="${d}"]`) as HTMLElement;
    expect(cell('2027-03-04').getAttribute('aria-disabled')).toBe('true');
    expect(cell('2027-03-05').getAttribute('aria-disabled')).toBeNull();
    expect(cell('2027-03-21').getAttribute('aria-disabled')).toBe('true');
    await user.click(cell('2027-03-04'));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeTruthy();
    await user.click(cell('2027-03-20'));
    expect(onChange).toHaveBeenCalledWith('2027-03-20');
  });
});

describe('DateField: the calendar popup', () => {
  it('opens on the chosen month, Monday first, names from Intl in the app language', async () => {
    const { user } = setup({ lang: 'ru', initial: '2027-03-10' });
    const button = screen.getByRole('button', { name: 'Выбрать в календаре' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const dialog = screen.getByRole('dialog', { name: 'Календарь' });
    const grid = within(dialog).getByRole('grid', { name: 'Март 2027 г.' });
    const heads = within(grid).getAllByRole('columnheader');
    expect(heads.map((h) => h.textContent)).toEqual(['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс']);
    expect(heads[0]!.getAttribute('abbr')).toBe('понедельник');
    // 1 March 2027 is a Monday: the first cell of the first week.
    const firstRow = within(grid).getAllByRole('row')[1]!;
    expect(within(firstRow).getAllByRole('gridcell')[0]!.textContent).toBe('1');
    const selected = grid.querySelector('td[aria-selected="true"]') as HTMLElement;
    expect(selected.dataset.date).toBe('2027-03-10');
    expect(selected.getAttribute('aria-label')).toBe('среда, 10 марта 2027 г.');
    expect(document.activeElement).toBe(selected);
    expect(within(dialog).getByText(/Стрелки — день и неделя/)).toBeTruthy();
  });

  it('English month and weekday names', async () => {
    const { user } = setup({ lang: 'en', initial: '2027-03-10' });
    await user.click(screen.getByRole('button', { name: 'Choose from the calendar' }));
    const grid = screen.getByRole('grid', { name: 'March 2027' });
    expect(within(grid).getAllByRole('columnheader')[0]!.textContent).toBe('Mon');
    expect(within(grid).getAllByRole('columnheader')[6]!.getAttribute('abbr')).toBe('Sunday');
  });

  it('opens on today in Moscow when there is no date', async () => {
    const { user } = setup({ lang: 'en' });
    await user.click(screen.getByRole('button', { name: 'Choose from the calendar' }));
    expect((document.activeElement as HTMLElement).dataset.date).toBe(moscowToday());
    expect(document.activeElement!.getAttribute('aria-current')).toBe('date');
  });

  it('keyboard: arrows move a day or a week, Home/End the week, PageUp/PageDown a month, Shift a year; Enter picks', async () => {
    const { user, onChange, value, input } = setup({ lang: 'en', initial: '2027-03-10' });
    const button = screen.getByRole('button', { name: 'Choose from the calendar' });
    await user.click(button);
    const focused = () => (document.activeElement as HTMLElement).dataset.date;
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe('2027-03-11');
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe('2027-03-18');
    await user.keyboard('{ArrowLeft}{ArrowUp}');
    expect(focused()).toBe('2027-03-10');
    await user.keyboard('{Home}');
    expect(focused()).toBe('2027-03-08');
    await user.keyboard('{End}');
    expect(focused()).toBe('2027-03-14');
    await user.keyboard('{PageDown}');
    expect(focused()).toBe('2027-04-14');
    expect(screen.getByRole('grid', { name: 'April 2027' })).toBeTruthy();
    await user.keyboard('{PageUp}{PageUp}');
    expect(focused()).toBe('2027-02-14');
    await user.keyboard('{Shift>}{PageDown}{/Shift}');
    expect(focused()).toBe('2028-02-14');
    // Crossing a month's edge shows the next month.
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(focused()).toBe('2028-03-06');
    expect(screen.getByRole('grid', { name: 'March 2028' })).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledWith('2028-03-06');
    expect(value()).toBe('2028-03-06');
    expect(input.value).toBe('06/03/2028');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('PageDown from the 31st lands on the last day of a shorter month', async () => {
    const { user } = setup({ lang: 'en', initial: '2027-01-31' });
    await user.click(screen.getByRole('button', { name: 'Choose from the calendar' }));
    await user.keyboard('{PageDown}');
    expect((document.activeElement as HTMLElement).dataset.date).toBe('2027-02-28');
  });

  it('month and year buttons move the view, keeping focus on the button', async () => {
    const { user } = setup({ lang: 'en', initial: '2027-03-10' });
    await user.click(screen.getByRole('button', { name: 'Choose from the calendar' }));
    const next = screen.getByRole('button', { name: 'Next month' });
    await user.click(next);
    expect(screen.getByRole('grid', { name: 'April 2027' })).toBeTruthy();
    expect(document.activeElement).toBe(next);
    await user.click(screen.getByRole('button', { name: 'Previous year' }));
    expect(screen.getByRole('grid', { name: 'April 2026' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next year' }));
    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    expect(screen.getByRole('grid', { name: 'March 2027' })).toBeTruthy();
  });

  it('Escape closes it, returns focus to the button, changes nothing and goes no further', async () => {
    const { user, onChange, onOuterKey } = setup({ lang: 'en', initial: '2027-03-10' });
    const button = screen.getByRole('button', { name: 'Choose from the calendar' });
    await user.click(button);
    await user.keyboard('{ArrowRight}{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(onChange).not.toHaveBeenCalled();
    expect(onOuterKey).not.toHaveBeenCalledWith('Escape');
  });

  it('Tab stays within the popup', async () => {
    const { user } = setup({ lang: 'en', initial: '2027-03-10' });
    await user.click(screen.getByRole('button', { name: 'Choose from the calendar' }));
    const day = document.activeElement;
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Previous year' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(day);
  });

  it('a click picks a day; a click outside closes', async () => {
    const { user, value, input } = setup({ lang: 'ru', initial: '2027-03-10' });
    const button = screen.getByRole('button', { name: 'Выбрать в календаре' });
    await user.click(button);
    await user.click(screen.getByRole('gridcell', { name: 'пятница, 19 марта 2027 г.' }));
    expect(value()).toBe('2027-03-19');
    expect(input.value).toBe('19.03.2027');
    await user.click(button);
    await user.click(document.body);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(value()).toBe('2027-03-19');
  });

  it('Alt+ArrowDown in the field opens it; disabled fields offer nothing', async () => {
    const { user, input } = setup({ lang: 'en', initial: '2027-03-10' });
    await user.click(input);
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(screen.getByRole('dialog')).toBeTruthy();
    cleanup();
    setup({ disabled: true });
    expect((screen.getByLabelText('From') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Choose from the calendar' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
