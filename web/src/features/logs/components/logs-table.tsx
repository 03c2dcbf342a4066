import { Fragment, useState } from 'react';
import { ApiView } from '../../../components/api-view';
import type { LogHead } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import { useCheckpoints } from '../api/get-logs';

const short = (s: string, n = 16): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function LatestCheckpoint({ log }: { log: LogHead }) {
  const { t, dateTime, number } = useI18n();
  const cps = useCheckpoints(log, 1);
  return (
    <ApiView state={cps}>
      {(d) => {
        const cp = d.checkpoints[0];
        if (!cp) return <span className="vstate vstate-wait">{t('verification.checkpoint.none')}</span>;
        return (
          <span className={cp.size === log.size ? 'vstate vstate-ok' : 'vstate vstate-wait'}>
            <span aria-hidden="true">{cp.size === log.size ? '✓ ' : '… '}</span>
            {t('verification.checkpoint.at', { size: number(cp.size), time: dateTime(cp.created_at) })}
          </span>
        );
      }}
    </ApiView>
  );
}

function CheckpointList({ log }: { log: LogHead }) {
  const { t, dateTime, number } = useI18n();
  const cps = useCheckpoints(log, 10);
  return (
    <ApiView state={cps}>
      {(d) =>
        d.checkpoints.length === 0 ? (
          <p className="muted">{t('verification.checkpoint.none')}</p>
        ) : (
          <ul className="checkpoints">
            {d.checkpoints.map((c) => (
              <li key={c.size}>
                <p>
                  {t('verification.checkpoint.at', { size: number(c.size), time: dateTime(c.created_at) })} ·{' '}
                  <span className="mono">{short(c.root_hash, 24)}</span>
                </p>
                <details>
                  <summary>{t('verification.note')}</summary>
                  <pre className="note">{c.note}</pre>
                </details>
              </li>
            ))}
          </ul>
        )
      }
    </ApiView>
  );
}

/** Every log with its size, root and latest checkpoint; each expands to its checkpoints. */
export function LogsTable({ logs }: { logs: LogHead[] }) {
  const { t, number } = useI18n();
  const [open, setOpen] = useState<string | undefined>();
  if (logs.length === 0) return <p className="muted">{t('verification.noLogs')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('verification.channel')}</th>
            <th scope="col">{t('verification.author')}</th>
            <th scope="col" className="num">
              {t('verification.size')}
            </th>
            <th scope="col">{t('verification.root')}</th>
            <th scope="col">{t('verification.checkpoint')}</th>
            <th scope="col">
              <span className="sr-only">{t('verification.show')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {logs.map((l) => {
            const key = `${l.channel}/${l.author}`;
            return (
              <Fragment key={key}>
                <tr>
                  <td className="mono" title={l.channel}>
                    {short(l.channel, 22)}
                  </td>
                  <td className="mono" title={l.author}>
                    {short(l.author, 22)}
                  </td>
                  <td className="num">{number(l.size)}</td>
                  <td className="mono">{short(l.root_hash, 12)}</td>
                  <td>
                    <LatestCheckpoint log={l} />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-expanded={open === key}
                      onClick={() => setOpen(open === key ? undefined : key)}
                    >
                      {open === key ? t('verification.hide') : t('verification.show')}
                    </button>
                  </td>
                </tr>
                {open === key ? (
                  <tr>
                    <td colSpan={6}>
                      <CheckpointList log={l} />
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
