import { useId, useState, type FormEvent } from 'react';
import type { ComparisonStatus } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { abortComparison, acceptComparison, refuseComparison } from '../api/comparisons-api';
import { emptyList, formatOf, ListInput, type ListValue } from './list-input';
import { ActOutcome, useAct } from './use-act';

/** Accepting an offer means bringing this side's own list; it is blinded here before anything travels. */
export function AcceptForm({ c, onDone }: { c: ComparisonStatus; onDone: () => void }) {
  const { t } = useI18n();
  const [list, setList] = useState<ListValue>(emptyList);
  const { act, run } = useAct(onDone);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void run(() => acceptComparison(c.id, formatOf(list), list.text));
  };
  const title = t('psi.accept.title', {
    kind: t(`psi.kind.${c.kind}` as MessageKey),
    mode: t(`psi.modeShort.${c.mode}` as MessageKey),
  });
  return (
    <form className="form" onSubmit={submit} aria-label={title} data-testid="psi-accept">
      <h3>{title}</h3>
      <ListInput kind={c.kind} value={list} onChange={setList} />
      <button type="submit" className="primary" disabled={act.s === 'busy' || !list.text.trim()}>
        {t('psi.accept.submit')}
      </button>
      <ActOutcome act={act} done={t('psi.accept.sent')} />
    </form>
  );
}

/** A refusal is a signed psi-accept with decision "refuse"; the reason goes on the record. */
export function RefuseForm({ c, onDone }: { c: ComparisonStatus; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const { act, run } = useAct(onDone);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void run(() => refuseComparison(c.id, reason.trim()));
  };
  return (
    <form className="form" onSubmit={submit} aria-label={t('psi.refuse')} data-testid="psi-refuse">
      <label htmlFor={`${id}-reason`}>{t('psi.refuse.reason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit" className="primary" disabled={act.s === 'busy'}>
        {t('psi.refuse.submit')}
      </button>
      <ActOutcome act={act} done={t('psi.done')} />
    </form>
  );
}

/** Aborting erases this node's secret; the other side sees an aborted psi-result. */
export function AbortButton({ c, onDone }: { c: ComparisonStatus; onDone: () => void }) {
  const { t } = useI18n();
  const { act, run } = useAct(onDone);
  return (
    <>
      <button type="button" disabled={act.s === 'busy'} onClick={() => void run(() => abortComparison(c.id))}>
        {t('psi.abort')}
      </button>
      <ActOutcome act={act} done={t('psi.done')} />
    </>
  );
}
