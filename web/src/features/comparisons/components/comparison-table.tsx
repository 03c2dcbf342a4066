import { Fragment, useState } from 'react';
import type { ComparisonStatus } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { AbortButton, AcceptForm, RefuseForm } from './comparison-actions';
import { ComparisonResultView } from './comparison-result';

type Open = 'accept' | 'refuse' | 'result';

const STATE_CLASS: Record<ComparisonStatus['state'], string> = {
  offered: 'vstate-muted',
  'awaiting-acceptance': 'vstate-wait',
  running: 'vstate-muted',
  complete: 'vstate-ok',
  refused: 'vstate-bad',
  aborted: 'vstate-bad',
  failed: 'vstate-bad',
};

function Progress({ c }: { c: ComparisonStatus }) {
  const { t, number, dateTime } = useI18n();
  const { sent, received, total } = c.progress;
  const vars = { sent: number(sent), received: number(received), total: number(total ?? 0) };
  return (
    <>
      {total ? (
        <progress
          value={Math.min(sent + received, total)}
          max={total}
          aria-label={t('psi.progress.label', { date: dateTime(c.created) })}
        />
      ) : null}
      <span className="small block" data-testid="psi-progress">
        {t(total ? 'psi.progress' : 'psi.progress.open', vars)}
      </span>
    </>
  );
}

/** Every comparison this node knows, with the acts open to this user on each. */
export function ComparisonTable({
  rows,
  canAct,
  name,
  onDone,
}: {
  rows: ComparisonStatus[];
  canAct: boolean;
  name: (party: string) => string;
  onDone: () => void;
}) {
  const { t, number, dateTime } = useI18n();
  const [open, setOpen] = useState<{ id: string; what: Open } | undefined>();
  if (rows.length === 0) return <p className="muted">{t('psi.empty')}</p>;
  const toggle = (id: string, what: Open): void =>
    setOpen(open?.id === id && open.what === what ? undefined : { id, what });
  const button = (c: ComparisonStatus, what: Open, label: MessageKey) => (
    <button
      type="button"
      aria-expanded={open?.id === c.id && open.what === what}
      // The detail row exists only while open; a reference to a missing id would mislead.
      aria-controls={open?.id === c.id ? `psi-detail-${c.id}` : undefined}
      onClick={() => toggle(c.id, what)}
    >
      {what === 'result' && open?.id === c.id && open.what === what ? t('psi.result.hide') : t(label)}
    </button>
  );
  return (
    <div className="table-wrap">
      <table data-testid="psi-table">
        <thead>
          <tr>
            <th scope="col">{t('psi.col.offered')}</th>
            <th scope="col">{t('psi.col.between')}</th>
            <th scope="col">{t('psi.col.list')}</th>
            <th scope="col" className="num">
              {t('psi.col.sizes')}
            </th>
            <th scope="col">{t('psi.col.state')}</th>
            <th scope="col">{t('psi.col.progress')}</th>
            {canAct ? <th scope="col">{t('psi.col.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const answerable = c.role === 'responder' && c.state === 'awaiting-acceptance';
            const waiting = c.state === 'offered' || c.state === 'awaiting-acceptance';
            const learnt = c.role !== undefined && (c.state === 'complete' || c.state === 'running');
            const shown = open?.id === c.id ? open.what : undefined;
            return (
              <Fragment key={c.id}>
                <tr data-comparison={c.id} data-state={c.state}>
                  <td>
                    {dateTime(c.created)}
                    {c.role ? (
                      <span className="small block">{t(`psi.role.${c.role}` as MessageKey)}</span>
                    ) : null}
                  </td>
                  <td>{t('psi.between', { initiator: name(c.initiator), responder: name(c.responder) })}</td>
                  <td>
                    {t(`psi.kind.${c.kind}` as MessageKey)}
                    <span className="small block">{t(`psi.modeShort.${c.mode}` as MessageKey)}</span>
                  </td>
                  <td className="num">
                    {t('psi.sizes', {
                      initiator: number(c.initiatorSize),
                      responder: c.responderSize === undefined ? '—' : number(c.responderSize),
                    })}
                  </td>
                  <td>
                    <span className={`vstate ${STATE_CLASS[c.state]}`} data-testid="psi-state">
                      {t(`psi.state.${c.state}` as MessageKey)}
                    </span>
                    {waiting ? (
                      <span className="small block">{t('psi.answerBy', { date: dateTime(c.expires) })}</span>
                    ) : null}
                    {c.reason ? (
                      <span className="small block">{t('psi.reason', { reason: c.reason })}</span>
                    ) : null}
                  </td>
                  <td>
                    <Progress c={c} />
                  </td>
                  {canAct ? (
                    <td className="actions">
                      {answerable ? button(c, 'accept', 'psi.accept') : null}
                      {answerable ? button(c, 'refuse', 'psi.refuse') : null}
                      {c.held && (c.state === 'offered' || c.state === 'running') ? (
                        <AbortButton c={c} onDone={onDone} />
                      ) : null}
                      {learnt ? button(c, 'result', 'psi.result.show') : null}
                    </td>
                  ) : null}
                </tr>
                {shown ? (
                  <tr id={`psi-detail-${c.id}`}>
                    <td colSpan={7}>
                      {shown === 'accept' ? <AcceptForm c={c} onDone={onDone} /> : null}
                      {shown === 'refuse' ? <RefuseForm c={c} onDone={onDone} /> : null}
                      {shown === 'result' ? <ComparisonResultView status={c} /> : null}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
