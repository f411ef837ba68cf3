import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ru, type MessageKey } from './ru';
import { en } from './en';
import { MOSCOW_TZ } from '../time';
import { featureLabel } from './features';

export type Lang = 'ru' | 'en';
export type { MessageKey };
const dictionaries: Record<Lang, Record<MessageKey, string>> = { ru, en };
export const LANG_STORAGE_KEY = 'moskino.lang';
/** The `Intl` locale of each language: English is British (day first, 24-hour). */
export const LOCALES: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** Date and time in Moscow, e.g. «4 мая 2026 г., 10:00». */
  formatDateTime: (d: Date | string) => string;
  formatDate: (d: Date | string) => string;
  formatTime: (d: Date | string) => string;
  formatNumber: (n: number) => string;
  formatRange: (start: Date | string, end: Date | string) => string;
  /** A catalogue feature tag as a label (a humanised tag when the dictionary lacks it). */
  feature: (tag: string) => string;
}

const enOrdinal = new Intl.PluralRules('en-GB', { type: 'ordinal' });
const enSuffix: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
/** 1 → "1st" (English) / "1-й" (Russian). Messages use `{nth}` beside `{n}`. */
export function ordinal(n: number, lang: Lang): string {
  return lang === 'en' ? `${n}${enSuffix[enOrdinal.select(n)] ?? 'th'}` : `${n}-й`;
}

export function createI18n(lang: Lang, setLang: (l: Lang) => void = () => {}): I18n {
  const dict = dictionaries[lang];
  const locale = LOCALES[lang];
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: MOSCOW_TZ,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  });
  const date = new Intl.DateTimeFormat(locale, { timeZone: MOSCOW_TZ, dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: MOSCOW_TZ,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const number = new Intl.NumberFormat(locale);
  const toDate = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d);
  const formatNumber = (n: number) => number.format(n);
  return {
    lang,
    setLang,
    t: (key, vars) => {
      const text = dict[key] ?? key;
      if (!vars) return text;
      if (typeof vars.n === 'number' && text.includes('{nth}')) vars = { ...vars, nth: ordinal(vars.n, lang) };
      const vs = vars;
      return text.replace(/\{(\w+)\}/g, (_, name: string) => {
        const v = vs[name];
        return v === undefined ? `{${name}}` : typeof v === 'number' ? formatNumber(v) : v;
      });
    },
    formatDateTime: (d) => dateTime.format(toDate(d)),
    formatDate: (d) => date.format(toDate(d)),
    formatTime: (d) => time.format(toDate(d)),
    formatNumber,
    formatRange: (s, e) => dateTime.formatRange(toDate(s), toDate(e)),
    feature: (tag) => featureLabel(tag, lang),
  };
}

const I18nContext = createContext<I18n>(createI18n('ru'));

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(initial ?? initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = dictionaries[lang]['app.title'];
  }, [lang]);
  const value = useMemo(() => createI18n(lang, setLang), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
