import { useId } from 'react';
import { LOCALES, useI18n, type Locale } from '../lib/i18n/i18n';

const NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  return (
    <span className="lang">
      <label htmlFor={id}>{t('lang.label')}</label>
      <select
        id={id}
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        data-testid="language"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </span>
  );
}
