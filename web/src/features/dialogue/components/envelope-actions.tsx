import { useId, useState, type FormEvent } from 'react';
import { ProblemMessage } from '../../../components/api-view';
import { ApiError, type ProblemView } from '../../../lib/api/problem';
import type { TimelineEnvelope } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { coSign, ping, respond, type ResponseStatus } from '../api/dialogue-api';

type Act = { s: 'idle' } | { s: 'busy' } | { s: 'sent'; seq: number } | { s: 'error'; p: ProblemView };
const STATUSES: ResponseStatus[] = ['answered', 'partial', 'declined', 'acknowledged'];

function useAct(onDone: () => void) {
  const [act, setAct] = useState<Act>({ s: 'idle' });
  const run = async (f: () => Promise<{ seq: number }>): Promise<void> => {
    setAct({ s: 'busy' });
    try {
      const r = await f();
      setAct({ s: 'sent', seq: r.seq });
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setAct({ s: 'error', p: e.problem });
    }
  };
  return { act, run };
}

function ActResult({ act }: { act: Act }) {
  const { t } = useI18n();
  return (
    <div aria-live="polite">
      {act.s === 'sent' ? <p className="notice notice-ok">{t('channels.sent', { seq: act.seq })}</p> : null}
      {act.s === 'error' ? <ProblemMessage problem={act.p} /> : null}
    </div>
  );
}

/** The response form: status and text, signed and sent as a `response` referring to `hash`. */
function RespondForm({ channel, hash, onDone }: { channel: string; hash: string; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const { act, run } = useAct(onDone);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<ResponseStatus>('answered');
  const [text, setText] = useState('');
  const submit = (ev: FormEvent): void => {
    ev.preventDefault();
    void run(() => respond(channel, hash, status, text));
  };
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('channels.respond')}
      </button>
      {open ? (
        <form onSubmit={submit} className="form">
          <label htmlFor={`${id}-status`}>{t('channels.respond.status')}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(x) => setStatus(x.target.value as ResponseStatus)}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`channels.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-text`}>{t('channels.respond.text')}</label>
          <textarea
            id={`${id}-text`}
            rows={3}
            required
            value={text}
            onChange={(x) => setText(x.target.value)}
          />
          <button type="submit" className="primary" disabled={act.s === 'busy' || !text}>
            {t('channels.respond.send')}
          </button>
        </form>
      ) : null}
      <ActResult act={act} />
    </>
  );
}

/**
 * An analyst's acts on one envelope of another party: respond to a request; acknowledge or
 * answer an incident notification; co-sign a statement. Receipts are the nodes' own proof of
 * delivery; a person's acknowledgement is a `response` with status `acknowledged` referring to
 * the notify (docs/protocol.md), which its sender sees as the answer its template asked for.
 */
export function EnvelopeActions({
  channel,
  e,
  onDone,
}: {
  channel: string;
  e: TimelineEnvelope;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { act, run } = useAct(onDone);
  if (e.kind === 'statement') {
    return (
      <div className="actions">
        <button
          type="button"
          disabled={act.s === 'busy'}
          onClick={() => void run(() => coSign(channel, e.hash))}
        >
          {t('channels.cosign')}
        </button>
        <ActResult act={act} />
      </div>
    );
  }
  if (e.kind === 'request') {
    return (
      <div className="actions">
        <RespondForm channel={channel} hash={e.hash} onDone={onDone} />
      </div>
    );
  }
  if (e.kind !== 'notify') return null;
  // Once a response is on record the acknowledgement is given; answering stays possible.
  const canAck = !e.responded_at || act.s !== 'idle';
  return (
    <div className="actions">
      {canAck ? (
        <button
          type="button"
          disabled={act.s === 'busy' || act.s === 'sent'}
          onClick={() => void run(() => respond(channel, e.hash, 'acknowledged', t('answers.ack.text')))}
        >
          {t('answers.acknowledge')}
        </button>
      ) : null}
      <ActResult act={act} />
      <RespondForm channel={channel} hash={e.hash} onDone={onDone} />
    </div>
  );
}

/** Sends a communication check in a channel. */
export function PingButton({ channel, onDone }: { channel: string; onDone: () => void }) {
  const { t } = useI18n();
  const { act, run } = useAct(onDone);
  return (
    <div className="actions">
      <button
        type="button"
        disabled={act.s === 'busy'}
        onClick={() => void run(() => ping(channel))}
        data-testid="ping"
      >
        {t('channels.ping')}
      </button>
      <ActResult act={act} />
    </div>
  );
}
