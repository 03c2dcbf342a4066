import { useMemo } from 'react';
import { INTL_LOCALE, useI18n } from './i18n';

export interface Units {
  /** A duration in the largest unit that keeps it readable: 840 ms, 12.4 s, 3.5 min. */
  duration(ms: number): string;
  days(n: number): string;
}

/** Units through Intl (ms/мс, s/с, d/дн.), never hard-coded suffixes. */
export function useUnits(): Units {
  const { locale } = useI18n();
  return useMemo(() => {
    const tag = INTL_LOCALE[locale];
    const f = (unit: string, max: number) =>
      new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: max });
    const ms = f('millisecond', 0);
    const s = f('second', 1);
    const min = f('minute', 1);
    const day = f('day', 1);
    return {
      duration: (n) =>
        n < 10_000 ? ms.format(n) : n < 120_000 ? s.format(n / 1000) : min.format(n / 60_000),
      days: (n) => day.format(n),
    };
  }, [locale]);
}
