import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { KINDS, MODES, startComparison, type CompareMode, type ListKind } from '../api/comparisons-api';
import { emptyList, formatOf, ListInput, type ListValue } from './list-input';
import { ActOutcome, useAct } from './use-act';

/** Offers a comparison in a channel: the offer is a signed psi-offer envelope; the list stays here. */
export function StartForm({
  channels,
  onDone,
}: {
  channels: readonly { id: string; name: string }[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [channel, setChannel] = useState(channels[0]?.id ?? '');
  const [kind, setKind] = useState<ListKind>('persons');
  const [mode, setMode] = useState<CompareMode>('both');
  const [list, setList] = useState<ListValue>(emptyList);
  const { act, run } = useAct(() => {
    setList(emptyList);
    onDone();
  });
  if (channels.length === 0) return <p className="muted">{t('psi.noChannels')}</p>;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void run(() => startComparison({ channel, kind, mode, format: formatOf(list), list: list.text }));
  };
  return (
    <form className="form" onSubmit={submit} data-testid="psi-start">
      <div className="field">
        <label htmlFor="psi-channel">{t('psi.channel')}</label>
        <select id="psi-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>{t('psi.kind')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="psi-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(`psi.kind.${k}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t('psi.mode')}</legend>
        {MODES.map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="psi-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(`psi.mode.${m}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <ListInput kind={kind} value={list} onChange={setList} />
      <button type="submit" className="primary" disabled={act.s === 'busy' || !channel || !list.text.trim()}>
        {t('psi.offer.submit')}
      </button>
      <ActOutcome act={act} done={t('psi.offer.sent')} />
    </form>
  );
}
