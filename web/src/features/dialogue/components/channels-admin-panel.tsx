import { useState, type FormEvent } from 'react';
import { ApiView, ProblemMessage } from '../../../components/api-view';
import { ApiError, type ProblemView } from '../../../lib/api/problem';
import type { ChannelInviteRequest, ChannelSummary } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { useChannels } from '../api/dialogue-api';
import { acceptChannel, inviteChannel, leaveChannel } from '../api/channels-admin-api';

type Tlp = NonNullable<ChannelInviteRequest['tlp_ceiling']>;
const TLPS: Tlp[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

/** Settings → Channels (admin): invite peers to a channel, accept an invitation, leave a channel. */
export function ChannelsAdminPanel() {
  const { t } = useI18n();
  const channels = useChannels();
  const [name, setName] = useState('');
  const [peers, setPeers] = useState('');
  const [receiptH, setReceiptH] = useState('1');
  const [responseH, setResponseH] = useState('72');
  const [tlp, setTlp] = useState<Tlp>('TLP:AMBER');
  const [problem, setProblem] = useState<ProblemView | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const act = async (fn: () => Promise<string>): Promise<void> => {
    setProblem(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      setDone(await fn());
      channels.reload();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.problem);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void act(async () => {
      const r = await inviteChannel({
        name: name.trim(),
        peers: peers
          .split('\n')
          .map((p) => p.trim())
          .filter(Boolean),
        receipt_deadline_s: Math.round(Number(receiptH) * 3600),
        response_time_s: Math.round(Number(responseH) * 3600),
        tlp_ceiling: tlp,
      });
      setName('');
      setPeers('');
      return t('chadmin.sent', { id: r.channel });
    });
  };

  return (
    <div data-testid="channels-admin">
      <ApiView state={channels}>
        {(d) =>
          d.channels.length === 0 ? (
            <p className="muted">{t('chadmin.none')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>{t('chadmin.list')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('chadmin.col.name')}</th>
                    <th scope="col">{t('chadmin.col.state')}</th>
                    <th scope="col">{t('chadmin.col.members')}</th>
                    <th scope="col">{t('chadmin.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.channels.map((c) => (
                    <ChannelRow
                      key={c.id}
                      c={c}
                      busy={busy}
                      onAccept={() =>
                        void act(async () => {
                          await acceptChannel(c.id);
                          return t('chadmin.accepted', { name: c.name });
                        })
                      }
                      onLeave={(reason) =>
                        void act(async () => {
                          await leaveChannel(c.id, reason);
                          return t('chadmin.left', { name: c.name });
                        })
                      }
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ApiView>
      <form className="inline-form" onSubmit={submit}>
        <h3>{t('chadmin.invite')}</h3>
        <div className="field">
          <label htmlFor="chadmin-name">{t('chadmin.name')}</label>
          <input
            id="chadmin-name"
            autoComplete="off"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="chadmin-peers">{t('chadmin.peers')}</label>
          <textarea
            id="chadmin-peers"
            required
            rows={3}
            placeholder="https://cert.example.org"
            value={peers}
            onChange={(e) => setPeers(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="chadmin-receipt">{t('chadmin.receiptDeadline')}</label>
          <input
            id="chadmin-receipt"
            type="number"
            min="0.01"
            step="any"
            required
            value={receiptH}
            onChange={(e) => setReceiptH(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="chadmin-response">{t('chadmin.responseTime')}</label>
          <input
            id="chadmin-response"
            type="number"
            min="0.01"
            step="any"
            required
            value={responseH}
            onChange={(e) => setResponseH(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="chadmin-tlp">{t('chadmin.tlpCeiling')}</label>
          <select id="chadmin-tlp" value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)}>
            {TLPS.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('chadmin.send')}
        </button>
      </form>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {done ? (
        <p role="status" className="notice notice-ok" data-testid="chadmin-done">
          {done}
        </p>
      ) : null}
    </div>
  );
}

function ChannelRow({
  c,
  busy,
  onAccept,
  onLeave,
}: {
  c: ChannelSummary;
  busy: boolean;
  onAccept: () => void;
  onLeave: (reason: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [leaving, setLeaving] = useState(false);
  const [sure, setSure] = useState(false);
  const [reason, setReason] = useState('');
  const idBase = `chadmin-${c.id}`;
  return (
    <tr data-channel={c.id} data-state={c.state}>
      <th scope="row">{c.name}</th>
      <td>{t(`chadmin.state.${c.state}` as MessageKey)}</td>
      <td>
        {c.members.map((m, i) => (
          <span key={m.party}>
            {i ? ', ' : ''}
            {m.name} ({t(`chadmin.member.${m.state}` as MessageKey)})
          </span>
        ))}
      </td>
      <td>
        {c.state === 'invited' ? (
          <button type="button" className="primary" disabled={busy} onClick={onAccept}>
            {t('chadmin.accept', { name: c.name })}
          </button>
        ) : null}
        {c.state === 'active' && !leaving ? (
          <button type="button" disabled={busy} onClick={() => setLeaving(true)}>
            {t('chadmin.leave', { name: c.name })}
          </button>
        ) : null}
        {c.state === 'active' && leaving ? (
          <div className="inline-form">
            <div className="field">
              <label htmlFor={`${idBase}-reason`}>{t('chadmin.leave.reason', { name: c.name })}</label>
              <input id={`${idBase}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <div className="field">
              <input
                id={`${idBase}-sure`}
                type="checkbox"
                checked={sure}
                onChange={(e) => setSure(e.target.checked)}
              />
              <label htmlFor={`${idBase}-sure`}>{t('chadmin.leave.confirm', { name: c.name })}</label>
            </div>
            <button
              type="button"
              disabled={busy || !sure}
              onClick={() => onLeave(reason.trim() || undefined)}
            >
              {t('chadmin.leave.do', { name: c.name })}
            </button>{' '}
            <button
              type="button"
              onClick={() => {
                setLeaving(false);
                setSure(false);
              }}
            >
              {t('chadmin.leave.cancel')}
            </button>
          </div>
        ) : null}
      </td>
    </tr>
  );
}
