import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { ru } from './ru';

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
const CATALOGUES = { en, ru } as const;
/** The Intl locale of each UI language: English uses day-month order and a 24-hour clock. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };
const STORAGE_KEY = 'parley.locale';

export interface I18n {
  readonly locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Date and time in the locale's own form. */
  dateTime(iso: string): string;
  number(n: number): string;
  /** "in 3 hours" / "через 3 часа" from now to `iso` (negative: "3 hours ago"). */
  relative(iso: string, now?: number): string;
  /** An envelope kind in words (the raw kind when unknown). */
  kind(kind: string): string;
}

const Ctx = createContext<I18n | undefined>(undefined);

function initialLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'ru') return stored;
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const msgs = CATALOGUES[locale];
    const tag = INTL_LOCALE[locale];
    const dtf = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const nf = new Intl.NumberFormat(tag);
    const rtf = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
    return {
      locale,
      setLocale,
      t: (key, vars) => {
        let s: string = msgs[key] ?? en[key] ?? key;
        if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
      dateTime: (iso) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dtf.format(d);
      },
      number: (n) => nf.format(n),
      kind: (k) => (msgs as Record<string, string>)[`kind.${k}`] ?? k,
      relative: (iso, now = Date.now()) => {
        const diff = Date.parse(iso) - now;
        for (const [unit, ms] of UNITS)
          if (Math.abs(diff) >= ms || unit === 'minute') return rtf.format(Math.round(diff / ms), unit);
        return rtf.format(0, 'minute');
      },
    };
  }, [locale, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
