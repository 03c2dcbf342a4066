import { useId } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import {
  MATCHABLE_TYPES,
  OBSERVABLE_TYPES,
  type ObservableProblem,
  type ObservableRow,
  type ObservableType,
} from '../observables';

const EXAMPLE: Record<ObservableType, string> = {
  'ipv4-addr': '198.51.100.7',
  'ipv6-addr': '2001:db8::1',
  'domain-name': 'mail.example.org',
  url: 'https://example.org/login',
  'autonomous-system': 'AS64500',
  'email-addr': 'name@example.org',
  'file-sha256': 'e3b0c442…b855',
};

export const newObservableRow = (): ObservableRow => ({
  key: crypto.randomUUID(),
  type: 'ipv4-addr',
  value: '',
});

/**
 * The report's observables: rows of type and value, added and removed at will, each checked as it
 * is typed (observables.ts) with the problem said in words next to the value.
 */
export function ObservablesInput({
  rows,
  problems,
  onChange,
}: {
  rows: readonly ObservableRow[];
  problems: ReadonlyMap<string, { problem: ObservableProblem; hint?: string }>;
  onChange: (rows: ObservableRow[]) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const update = (key: string, patch: Partial<ObservableRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field" data-testid="observables">
      <legend>{t('report.obs')}</legend>
      <p id={`${id}-intro`} className="small muted">
        {t('report.obs.intro')}
      </p>
      {rows.length === 0 ? <p className="muted">{t('report.obs.none')}</p> : null}
      <ol className="observables">
        {rows.map((r, i) => {
          const n = i + 1;
          const p = problems.get(r.key);
          const errId = `${id}-${r.key}-error`;
          return (
            <li key={r.key} className="field observable-row" data-testid="observable-row">
              <label htmlFor={`${id}-${r.key}-type`}>{t('report.obs.typeN', { n })}</label>
              <select
                id={`${id}-${r.key}-type`}
                value={r.type}
                onChange={(e) => update(r.key, { type: e.target.value as ObservableType })}
              >
                {OBSERVABLE_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`report.obs.type.${ty}` as MessageKey)} —{' '}
                    {t(MATCHABLE_TYPES.has(ty) ? 'report.obs.matchable' : 'report.obs.evidence')}
                  </option>
                ))}
              </select>
              <label htmlFor={`${id}-${r.key}-value`}>{t('report.obs.valueN', { n })}</label>
              <input
                id={`${id}-${r.key}-value`}
                value={r.value}
                placeholder={EXAMPLE[r.type]}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={p ? true : undefined}
                aria-describedby={p ? errId : `${id}-intro`}
                className="mono"
                onChange={(e) => update(r.key, { value: e.target.value })}
              />
              {p ? (
                <p id={errId} className="small vstate vstate-bad" data-testid="observable-error">
                  {t(`report.obs.problem.${p.problem}` as MessageKey, { max: p.hint ?? '' })}
                </p>
              ) : null}
              <button
                type="button"
                aria-label={t('report.obs.removeN', { n })}
                onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
              >
                {t('report.obs.remove')}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() => onChange([...rows, newObservableRow()])}
        data-testid="add-observable"
      >
        {t('report.obs.add')}
      </button>
    </fieldset>
  );
}
