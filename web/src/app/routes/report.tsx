import { useMemo, useState, type FormEvent } from 'react';
import { ProblemMessage, Unavailable } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { hasRole, useUser } from '../../features/auth/auth-context';
import { sendIncident, useChannels, type IncidentReport } from '../../features/dialogue/api/dialogue-api';
import { useIdentity } from '../../features/node/api/get-identity';
import { scorePreview, useScoreModel } from '../../features/threat/api/threat-api';
import type { ScoreInputs } from '../../features/threat/api/types';
import { LiveScoreView } from '../../features/threat/components/live-score';
import { NcissInputs } from '../../features/threat/components/nciss-inputs';
import { newObservableRow, ObservablesInput } from '../../features/threat/components/observables-input';
import { checkObservableRows, type ObservableRow } from '../../features/threat/observables';
import { StixPreview } from '../../features/threat/components/stix-preview';
import { buildIncidentBundle, newIds } from '../../features/threat/stix-bundle';
import { useLiveScore } from '../../features/threat/use-live-score';
import { ApiError, isNotImplemented, type ProblemView } from '../../lib/api/problem';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/en';
import { Link } from '../../lib/router';
import { STIX_TAXONOMY, useSectorNames } from '../../lib/sector-names';

const TYPES = ['incident_notification', 'request_for_information', 'request_for_assistance'] as const;
const URGENCY = ['urgent', 'priority', 'routine'] as const;
const TLP = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
const ROLES = ['technical', 'diplomatic'] as const;

type Sent =
  | { s: 'idle' }
  | { s: 'busy' }
  | { s: 'sent'; seq: number; hash: string }
  | { s: 'unavailable' }
  | { s: 'invalid' }
  | { s: 'error'; p: ProblemView };

/**
 * A datetime-local value ("2026-12-01T12:00") is the user's wall-clock time: ECMAScript reads a
 * date-time without an offset as local time, so `new Date(value)` is right (appending "Z" was not).
 */
const localToIso = (v: string): string | undefined => {
  const d = new Date(v);
  return v && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
};

function TimeField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: MessageKey;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const iso = localToIso(value);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <input
        id={id}
        type="datetime-local"
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-hint`} className="small muted" data-testid={`${id}-hint`}>
        {iso ? t('report.time.hint', { zone, utc: iso.slice(0, 16).replace('T', ' ') }) : zone}
      </p>
    </div>
  );
}

function ReportForm() {
  const { t } = useI18n();
  const channels = useChannels();
  const model = useScoreModel();
  const identity = useIdentity();
  const [channel, setChannel] = useState('');
  const [form, setForm] = useState<IncidentReport>({
    sender_state: '',
    sender_poc_role: 'technical',
    recipient_state: '',
    recipient_poc_role: 'technical',
    communication_type: 'incident_notification',
    urgency: 'priority',
    incident_description: '',
    affected_sectors: [],
    requested_action: '',
    handling: 'TLP:AMBER',
    acknowledgement_requested: true,
  });
  const [sectors, setSectors] = useState('');
  const [deadline, setDeadline] = useState('');
  const [firstSeen, setFirstSeen] = useState('');
  const [inputs, setInputs] = useState<ScoreInputs>({});
  const [victim, setVictim] = useState({ name: '', sector: '' });
  const [observables, setObservables] = useState<ObservableRow[]>(() => [newObservableRow()]);
  const checked = useMemo(() => checkObservableRows(observables), [observables]);
  // Fixed for the life of the form so that the preview shows the ids that will be sent.
  const [ids, setIds] = useState(newIds);
  const [created] = useState(() => new Date().toISOString());
  const [sent, setSent] = useState<Sent>({ s: 'idle' });
  const set = <K extends keyof IncidentReport>(k: K, v: IncidentReport[K]): void =>
    setForm((f) => ({ ...f, [k]: v }));
  const m = model.status === 'ok' ? model.data : undefined;
  const facts = useMemo(() => ({ sectors: victim.sector ? [victim.sector] : [] }), [victim.sector]);
  const live = useLiveScore(inputs, facts, m !== undefined);
  const sectorNames = useSectorNames(
    STIX_TAXONOMY,
    (m?.victim_sectors ?? []).map((s) => s.id),
  );
  const bundleOf = (claim?: { score: number; level: number }) =>
    m
      ? buildIncidentBundle({
          ids,
          created,
          ...(identity.status === 'ok' ? { author: identity.data.party_id } : {}),
          description: form.incident_description,
          model: { id: m.id, version: m.version },
          inputs,
          ...(claim ? { claim } : {}),
          victimName: victim.name,
          victimSector: victim.sector,
          tlp: form.handling,
          ...(localToIso(firstSeen) ? { firstSeen: localToIso(firstSeen)! } : {}),
          observables: checked.scos,
        })
      : undefined;
  const preview = bundleOf(live.s === 'ok' ? live.score : undefined);
  const channelList =
    channels.status === 'ok' ? channels.data.channels.filter((c) => c.state === 'active') : [];
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (checked.problems.size > 0) {
      setSent({ s: 'invalid' });
      // The first value to correct takes focus; its problem is said next to it.
      document
        .querySelector<HTMLInputElement>('[data-testid="observables"] input[aria-invalid="true"]')
        ?.focus();
      return;
    }
    setSent({ s: 'busy' });
    try {
      // The claim travels with the answers; computed now so it matches them exactly.
      const claim = m ? await scorePreview(inputs, facts) : undefined;
      const deadlineIso = localToIso(deadline);
      const firstIso = localToIso(firstSeen);
      const body: IncidentReport = {
        ...form,
        affected_sectors: sectors
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        ...(deadlineIso ? { response_deadline: deadlineIso } : {}),
        ...(firstIso ? { incident_first_seen: firstIso } : {}),
        ...(m ? { bundle: bundleOf(claim) } : {}),
      };
      const r = await sendIncident(channel, body);
      setSent({ s: 'sent', seq: r.seq, hash: r.hash });
      setIds(newIds());
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setSent(isNotImplemented(err.problem) ? { s: 'unavailable' } : { s: 'error', p: err.problem });
    }
  };
  return (
    <form className="form" onSubmit={submit} data-testid="report-form">
      <p className="muted">{t('report.intro')}</p>
      <div className="field">
        <label htmlFor="r-channel">{t('report.channel')}</label>
        {channels.status === 'unavailable' || (channels.status === 'ok' && channelList.length === 0) ? (
          <p id="r-channel" className="notice notice-unavailable">
            {t('report.noChannels')}
          </p>
        ) : (
          <select id="r-channel" required value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">—</option>
            {channelList.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </div>
      <fieldset className="field">
        <legend>{t('report.parties')}</legend>
        <p id="r-state-hint" className="small muted">
          {t('report.state.hint')}
        </p>
        {(['sender', 'recipient'] as const).map((who) => (
          <div key={who} className="field">
            <label htmlFor={`r-${who}-state`}>{t(`report.${who}State`)}</label>
            <input
              id={`r-${who}-state`}
              required
              pattern="[A-Z]{3}"
              maxLength={3}
              aria-describedby="r-state-hint"
              value={form[`${who}_state`]}
              onChange={(e) => set(`${who}_state`, e.target.value.toUpperCase())}
            />
            <label htmlFor={`r-${who}-role`}>{t(`report.${who}Role`)}</label>
            <select
              id={`r-${who}-role`}
              value={form[`${who}_poc_role`]}
              onChange={(e) => set(`${who}_poc_role`, e.target.value)}
            >
              {ROLES.map((v) => (
                <option key={v} value={v}>
                  {t(`report.role.${v}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="r-type">{t('report.type')}</label>
        <select
          id="r-type"
          value={form.communication_type}
          onChange={(e) => set('communication_type', e.target.value)}
        >
          {TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`report.type.${v}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>{t('report.urgency')}</legend>
        {URGENCY.map((v) => (
          <label key={v} className="radio">
            <input
              type="radio"
              name="urgency"
              value={v}
              checked={form.urgency === v}
              onChange={() => set('urgency', v)}
            />{' '}
            {t(`report.urgency.${v}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="r-desc">{t('report.description')}</label>
        <textarea
          id="r-desc"
          rows={5}
          required
          value={form.incident_description}
          onChange={(e) => set('incident_description', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="r-sectors">{t('report.sectors')}</label>
        <input
          id="r-sectors"
          aria-describedby="r-sectors-hint"
          value={sectors}
          onChange={(e) => setSectors(e.target.value)}
        />
        <p id="r-sectors-hint" className="small muted">
          {t('report.sectors.hint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="r-victim">{t('report.victim')}</label>
        <input
          id="r-victim"
          value={victim.name}
          onChange={(e) => setVictim({ ...victim, name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="r-victim-sector">{t('report.victimSector')}</label>
        <select
          id="r-victim-sector"
          value={victim.sector}
          onChange={(e) => setVictim({ ...victim, sector: e.target.value })}
        >
          <option value="">{t('report.victimSector.none')}</option>
          {(m?.victim_sectors ?? []).map((s) => {
            // The node's name in the page's language once known; its English name (marked) meanwhile.
            const n = sectorNames.get(s.id);
            const name = n.text === s.id ? { text: s.name, lang: 'en' as const } : n;
            return (
              <option key={s.id} value={s.id} lang={name.lang}>
                {name.text} ({s.id})
              </option>
            );
          })}
        </select>
      </div>
      <div className="field">
        <label htmlFor="r-action">{t('report.action')}</label>
        <input
          id="r-action"
          value={form.requested_action}
          onChange={(e) => set('requested_action', e.target.value)}
        />
      </div>
      <TimeField id="r-first-seen" label="report.firstSeen" value={firstSeen} onChange={setFirstSeen} />
      <TimeField id="r-deadline" label="report.deadline" value={deadline} onChange={setDeadline} />
      <div className="field">
        <label htmlFor="r-tlp">{t('report.tlp')}</label>
        <select id="r-tlp" value={form.handling} onChange={(e) => set('handling', e.target.value)}>
          {TLP.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={form.acknowledgement_requested}
          onChange={(e) => set('acknowledgement_requested', e.target.checked)}
        />{' '}
        {t('report.ack')}
      </label>
      <ObservablesInput rows={observables} problems={checked.problems} onChange={setObservables} />
      {m ? <NcissInputs model={m} value={inputs} onChange={setInputs} /> : null}
      {model.status === 'unavailable' || model.status === 'error' ? (
        <p className="notice notice-unavailable">{t('report.model.missing')}</p>
      ) : null}
      {m ? <LiveScoreView state={live} /> : null}
      {preview ? <StixPreview bundle={preview} /> : null}
      <button
        type="submit"
        className="primary"
        disabled={sent.s === 'busy' || !channel || !form.incident_description}
        data-testid="send-incident"
      >
        {sent.s === 'busy' ? t('report.sending') : t('report.submit')}
      </button>
      <div aria-live="polite">
        {sent.s === 'sent' ? (
          <p className="notice notice-ok">
            <span>{t('report.sent')}</span>{' '}
            <Link href={`/incidents/${sent.hash}`}>{t('report.sent.open')}</Link>
          </p>
        ) : null}
        {sent.s === 'unavailable' ? <Unavailable endpoint="POST /api/v1/channels/{id}/incidents" /> : null}
        {sent.s === 'error' ? <ProblemMessage problem={sent.p} /> : null}
        {sent.s === 'invalid' && checked.problems.size > 0 ? (
          <p role="alert" className="notice notice-error" data-testid="observables-fix">
            {t('report.obs.fix')}
          </p>
        ) : null}
      </div>
    </form>
  );
}

export function ReportPage() {
  const { t } = useI18n();
  const user = useUser();
  return (
    <div className="grid">
      <Panel title={t('report.form')} wide>
        {hasRole(user, 'analyst') ? (
          <ReportForm />
        ) : (
          <p className="notice" data-testid="report-forbidden">
            {t('report.viewer')}
          </p>
        )}
      </Panel>
    </div>
  );
}
