import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { LOCALES, useI18n } from '../lib/i18n';
import { moscowToday } from '../lib/time';
import {
  addDays,
  addMonths,
  clampDate,
  dateToUtc,
  formatDateInput,
  isCalendarDate,
  monthWeeks,
  parseDateInput,
  weekdayIndex,
} from '../lib/calendar-date';
import './date-field.css';

export interface DateFieldProps {
  /**
   * The visible label (a `<label>` for the input). Without it, label the field otherwise: `id` and a
   * `<label htmlFor>` elsewhere, `aria-label` or `aria-labelledby`.
   */
  label?: ReactNode;
  /** `YYYY-MM-DD`, a calendar day in Moscow; '' for no date. */
  value: string;
  /**
   * Called with `YYYY-MM-DD` when a valid date within `min`…`max` is typed or picked, and with ''
   * when the field is left empty or with something that is not such a date; never with anything else.
   */
  onChange: (value: string) => void;
  id?: string;
  className?: string;
  required?: boolean;
  /** `YYYY-MM-DD` bounds, inclusive. */
  min?: string;
  max?: string;
  disabled?: boolean;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

type Problem = 'invalid' | 'required' | 'tooEarly' | 'tooLate';

/**
 * A date field in the app's language whatever the browser's locale: typed as `ДД.ММ.ГГГГ` /
 * `DD/MM/YYYY` (separators optional, ISO `YYYY-MM-DD` accepted for paste), checked when left, and a
 * month calendar in a popup (Monday first, names from `Intl`, arrow keys, PageUp/PageDown).
 */
export function DateField({
  label,
  value,
  onChange,
  id,
  className,
  required,
  min = '',
  max = '',
  disabled,
  'aria-label': ariaLabel,
  'aria-labelledby': ariaLabelledBy,
  'aria-describedby': ariaDescribedBy,
  'aria-invalid': ariaInvalid,
}: DateFieldProps) {
  const { t, lang } = useI18n();
  const auto = useId();
  const inputId = id ?? `${auto}-input`;
  const [text, setText] = useState(() => formatDateInput(value, lang));
  const [problem, setProblem] = useState<Problem | null>(null);
  /** Typed into since the last check. */
  const [dirty, setDirty] = useState(false);
  /** The value this field last reported (or was given): a new `value` other than this one came from outside. */
  const [reported, setReported] = useState(value);
  const [seen, setSeen] = useState({ value, lang });
  const [open, setOpen] = useState(false);
  /** The day with keyboard focus in the popup; its month is the one shown. */
  const [active, setActive] = useState('');
  const [focusGrid, setFocusGrid] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const gridRef = useRef<HTMLTableElement>(null);

  // A value set from outside (a reset, a suggestion applied) or a language switch redraws the text.
  if (seen.value !== value || seen.lang !== lang) {
    setSeen({ value, lang });
    if (value !== reported || (seen.lang !== lang && !problem)) {
      setText(formatDateInput(value, lang));
      setProblem(null);
      setDirty(false);
      setReported(value);
    }
  }

  const names = useMemo(() => {
    const locale = LOCALES[lang];
    const f = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...o });
    const short = f({ weekday: 'short' });
    const long = f({ weekday: 'long' });
    const monday = '2024-01-01';
    return {
      weekdays: Array.from({ length: 7 }, (_, i) => dateToUtc(addDays(monday, i))).map((d) => ({
        short: short.format(d),
        long: long.format(d),
      })),
      month: f({ month: 'long', year: 'numeric' }),
      day: f({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    };
  }, [lang]);

  useEffect(() => {
    if (open && focusGrid) gridRef.current?.querySelector<HTMLElement>('td[tabindex="0"]')?.focus();
  }, [open, focusGrid, active]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const outOfRange = (d: string) => (!!min && d < min) || (!!max && d > max);

  const report = (date: string) => {
    setReported(date);
    if (date !== value) onChange(date);
  };

  /** What the text says: a date in range, or the problem with it. */
  const check = (s: string, requireIt: boolean): { date: string; problem: Problem | null } => {
    if (!s.trim()) return { date: '', problem: requireIt ? 'required' : null };
    const date = parseDateInput(s);
    if (!date) return { date: '', problem: 'invalid' };
    if (min && date < min) return { date: '', problem: 'tooEarly' };
    if (max && date > max) return { date: '', problem: 'tooLate' };
    return { date, problem: null };
  };

  const type = (s: string) => {
    setText(s);
    setDirty(true);
    const r = check(s, false);
    // A whole valid date counts at once (a form sent with Enter gets it); anything else when left.
    if (r.date) {
      setProblem(null);
      report(r.date);
    }
  };

  /** Left or Enter: a valid date is shown in the app's format; anything else is an error and no date. */
  const commit = () => {
    if (!dirty) return;
    setDirty(false);
    const r = check(text, !!required);
    setProblem(r.problem);
    report(r.date);
    if (r.date) setText(formatDateInput(r.date, lang));
  };

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  const openCalendar = () => {
    const current = parseDateInput(text) ?? (isCalendarDate(value) ? value : '');
    setActive(current || clampDate(moscowToday(), min, max));
    setFocusGrid(true);
    setOpen(true);
  };

  const pick = (d: string) => {
    if (outOfRange(d)) return;
    setText(formatDateInput(d, lang));
    setProblem(null);
    setDirty(false);
    report(d);
    close(true);
  };

  const move = (d: string) => {
    setFocusGrid(true);
    setActive(d);
  };

  const onGridKey = (e: KeyboardEvent) => {
    const keys: Record<string, () => string> = {
      ArrowLeft: () => addDays(active, -1),
      ArrowRight: () => addDays(active, 1),
      ArrowUp: () => addDays(active, -7),
      ArrowDown: () => addDays(active, 7),
      Home: () => addDays(active, -weekdayIndex(active)),
      End: () => addDays(active, 6 - weekdayIndex(active)),
      PageUp: () => addMonths(active, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(active, e.shiftKey ? 12 : 1),
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(active);
    } else if (keys[e.key]) {
      e.preventDefault();
      move(keys[e.key]!());
    }
  };

  const onDialogKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      // Only the popup closes, not a dialog the field sits in.
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      const stops = [...e.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), td[tabindex="0"]')];
      const i = stops.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (i <= 0 ? stops.length - 1 : i - 1) : i === stops.length - 1 ? 0 : i + 1;
      e.preventDefault();
      setFocusGrid(stops[next]?.tagName === 'TD');
      stops[next]?.focus();
    }
  };

  const nav = (n: number) => () => {
    setFocusGrid(false);
    setActive(addMonths(active, n));
  };

  const today = moscowToday();
  const month = open ? names.month.format(dateToUtc(active)) : '';
  const hintId = `${auto}-hint`;
  const errorId = `${auto}-error`;
  const titleId = `${auto}-title`;
  const dialogId = `${auto}-calendar`;
  const message =
    problem === 'tooEarly'
      ? t('date.tooEarly', { date: formatDateInput(min, lang) })
      : problem === 'tooLate'
        ? t('date.tooLate', { date: formatDateInput(max, lang) })
        : problem && t(problem === 'invalid' ? 'date.invalid' : 'date.required');

  return (
    <div className={className ? `date-field ${className}` : 'date-field'} ref={rootRef}>
      {label !== undefined && (
        <label htmlFor={inputId} className="date-field-label">
          {label}
        </label>
      )}
      <div className="date-field-control">
        <input
          id={inputId}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          size={10}
          placeholder={t('date.format')}
          value={text}
          onChange={(e) => type(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            else if (e.key === 'Escape' && open) close(false);
            else if (e.key === 'ArrowDown' && e.altKey) {
              e.preventDefault();
              openCalendar();
            }
          }}
          required={required}
          disabled={disabled}
          aria-label={ariaLabel}
          aria-labelledby={ariaLabelledBy}
          aria-describedby={[ariaDescribedBy, problem ? errorId : '', hintId].filter(Boolean).join(' ')}
          aria-invalid={problem || ariaInvalid ? true : undefined}
        />
        <button
          ref={buttonRef}
          type="button"
          className="date-field-button"
          aria-label={t('date.open')}
          title={t('date.open')}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={open ? dialogId : undefined}
          disabled={disabled}
          onClick={() => (open ? close(false) : openCalendar())}
        >
          <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
            <path d="M2 3.5h12v10.5H2zM2 6.5h12M5 1.5v3M11 1.5v3" fill="none" stroke="currentColor" strokeWidth="1.4" />
          </svg>
        </button>
      </div>
      <span id={hintId} className="visually-hidden">
        {t('date.hint')}
      </span>
      {message && (
        <span id={errorId} className="error date-field-error">
          {message}
        </span>
      )}
      {open && (
        <div
          id={dialogId}
          role="dialog"
          aria-modal="true"
          aria-label={t('date.calendar')}
          className="date-field-popup"
          onKeyDown={onDialogKey}
        >
          <div className="date-field-nav">
            <button type="button" onClick={nav(-12)} aria-label={t('date.prevYear')} title={t('date.prevYear')}>
              «
            </button>
            <button type="button" onClick={nav(-1)} aria-label={t('date.prevMonth')} title={t('date.prevMonth')}>
              ‹
            </button>
            <span id={titleId} className="date-field-title" aria-live="polite">
              {month.charAt(0).toLocaleUpperCase(LOCALES[lang]) + month.slice(1)}
            </span>
            <button type="button" onClick={nav(1)} aria-label={t('date.nextMonth')} title={t('date.nextMonth')}>
              ›
            </button>
            <button type="button" onClick={nav(12)} aria-label={t('date.nextYear')} title={t('date.nextYear')}>
              »
            </button>
          </div>
          <table role="grid" aria-labelledby={titleId} ref={gridRef} onKeyDown={onGridKey}>
            <thead>
              <tr>
                {names.weekdays.map((w) => (
                  <th key={w.long} scope="col" abbr={w.long}>
                    {w.short}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(active).map((week, i) => (
                <tr key={i}>
                  {week.map((d, j) =>
                    d ? (
                      <td
                        key={d}
                        role="gridcell"
                        data-date={d}
                        tabIndex={d === active ? 0 : -1}
                        aria-label={names.day.format(dateToUtc(d))}
                        aria-selected={d === value}
                        aria-disabled={outOfRange(d) || undefined}
                        aria-current={d === today ? 'date' : undefined}
                        onClick={() => pick(d)}
                      >
                        {Number(d.slice(8))}
                      </td>
                    ) : (
                      <td key={`-${j}`} role="gridcell" />
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="date-field-keys">{t('date.keys')}</p>
        </div>
      )}
    </div>
  );
}
