import { useI18n } from '../../../lib/i18n/i18n';
import type { ScoreInputs, ScoreModelView } from '../api/types';
import { scoreName } from '../nciss-names';

/** One labelled select per category of the node's model; '' leaves the category to derivation. */
export function NcissInputs({
  model,
  value,
  onChange,
}: {
  model: ScoreModelView;
  value: ScoreInputs;
  onChange: (v: ScoreInputs) => void;
}) {
  const { t, locale } = useI18n();
  const set = (cat: string, option: string): void => {
    const next = { ...value };
    if (option) next[cat] = option;
    else delete next[cat];
    onChange(next);
  };
  return (
    <fieldset className="field" data-testid="nciss-inputs">
      <legend>{t('report.nciss')}</legend>
      <p className="small muted">{t('report.nciss.intro')}</p>
      {model.categories.map((c) => (
        <div className="field" key={c.id}>
          <label htmlFor={`nciss-${c.id}`}>{scoreName(locale, c.name, c.id)}</label>
          <select id={`nciss-${c.id}`} value={value[c.id] ?? ''} onChange={(e) => set(c.id, e.target.value)}>
            <option value="">{t('report.nciss.derived')}</option>
            {c.options.map((o) => (
              <option key={o.id} value={o.id}>
                {scoreName(locale, o.name, c.id, o.id)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </fieldset>
  );
}
