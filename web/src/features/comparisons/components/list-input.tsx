import { useId, type ChangeEvent } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import { guessFormat, type ListFormat, type ListKind } from '../api/comparisons-api';

export interface ListValue {
  text: string;
  /** 'auto' follows the node's own rule (file name, then first character). */
  format: ListFormat | 'auto';
  fileName?: string;
}

export const emptyList: ListValue = { text: '', format: 'auto' };

/** The format to send for a value. */
export const formatOf = (v: ListValue): ListFormat =>
  v.format === 'auto' ? guessFormat(v.text, v.fileName) : v.format;

/**
 * The list, pasted or loaded from a file. The file is read in the browser and sent to this
 * party's own node only, like pasted text; it never goes anywhere else from here.
 */
export function ListInput({
  kind,
  value,
  onChange,
}: {
  kind: ListKind;
  value: ListValue;
  onChange: (v: ListValue) => void;
}) {
  const { t, number } = useI18n();
  const id = useId();
  const load = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const f = e.target.files?.[0];
    if (f) onChange({ ...value, text: await f.text(), fileName: f.name });
  };
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('psi.list')}</label>
        <textarea
          id={`${id}-text`}
          rows={6}
          className="mono"
          spellCheck={false}
          autoComplete="off"
          required
          aria-describedby={`${id}-help`}
          value={value.text}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
        />
        <p id={`${id}-help`} className="small muted">
          {t(kind === 'persons' ? 'psi.list.help.persons' : 'psi.list.help.indicators')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('psi.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.json,text/csv,application/json,text/plain"
          onChange={(e) => void load(e)}
        />
        {value.fileName ? (
          <p className="small" aria-live="polite">
            {t('psi.file.loaded', { name: value.fileName, size: number(value.text.length) })}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-format`}>{t('psi.format')}</label>
        <select
          id={`${id}-format`}
          value={value.format}
          onChange={(e) => onChange({ ...value, format: e.target.value as ListValue['format'] })}
        >
          <option value="auto">{t('psi.format.auto')}</option>
          <option value="csv">{t('psi.format.csv')}</option>
          <option value="json">{t('psi.format.json')}</option>
        </select>
      </div>
    </>
  );
}
