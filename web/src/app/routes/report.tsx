import { useState, type FormEvent } from 'react';
import { ProblemMessage, Unavailable } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { hasRole, useUser } from '../../features/auth/auth-context';
import { sendIncident, useChannels, type IncidentReport } from '../../features/dialogue/api/dialogue-api';
import { ApiError, isNotImplemented, type ProblemView } from '../../lib/api/problem';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/en';

const TYPES = ['incident_notification', 'request_for_information', 'request_for_assistance'] as const;
const URGENCY = ['urgent', 'priority', 'routine'] as const;
const TLP = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;

type Sent =
  | { s: 'idle' }
  | { s: 'busy' }
  | { s: 'sent'; seq: number }
  | { s: 'unavailable' }
  | { s: 'error'; p: ProblemView };

function ReportForm() {
  const { t } = useI18n();
  const channels = useChannels();
  const [channel, setChannel] = useState('');
  const [form, setForm] = useState<IncidentReport>({
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
  const [sent, setSent] = useState<Sent>({ s: 'idle' });
  const set = <K extends keyof IncidentReport>(k: K, v: IncidentReport[K]): void =>
    setForm((f) => ({ ...f, [k]: v }));
  const channelList =
    channels.status === 'ok' ? channels.data.channels.filter((c) => c.state === 'active') : [];
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSent({ s: 'busy' });
    const body: IncidentReport = {
      ...form,
      affected_sectors: sectors
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      ...(deadline ? { response_deadline: new Date(`${deadline}Z`).toISOString() } : {}),
    };
    try {
      const r = await sendIncident(channel, body);
      setSent({ s: 'sent', seq: r.seq });
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
        <label htmlFor="r-action">{t('report.action')}</label>
        <input
          id="r-action"
          value={form.requested_action}
          onChange={(e) => set('requested_action', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="r-deadline">{t('report.deadline')}</label>
        <input
          id="r-deadline"
          type="datetime-local"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
        />
      </div>
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
      <div className="field">
        <p className="label">{t('report.score')}</p>
        <p className="small muted">{t('report.score.unavailable')}</p>
      </div>
      <button
        type="submit"
        className="primary"
        disabled={sent.s === 'busy' || !channel || !form.incident_description}
        data-testid="send-incident"
      >
        {sent.s === 'busy' ? t('report.sending') : t('report.submit')}
      </button>
      <div aria-live="polite">
        {sent.s === 'sent' ? <p className="notice notice-ok">{t('report.sent')}</p> : null}
        {sent.s === 'unavailable' ? <Unavailable endpoint="POST /api/v1/channels/{id}/incidents" /> : null}
        {sent.s === 'error' ? <ProblemMessage problem={sent.p} /> : null}
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
