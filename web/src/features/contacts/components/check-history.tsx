import { useId, useState } from 'react';
import { ApiView } from '../../../components/api-view';
import { useI18n } from '../../../lib/i18n/i18n';
import { useCheckHistory } from '../api/checks-api';
import { CheckResult } from './check-result';

const PAGE = 20;

/**
 * Every communication check, newest first, a page at a time from the server (older pages by the
 * cursor it hands out), optionally only those to or from one party.
 */
export function CheckHistory({
  parties,
  nameOf,
}: {
  parties: readonly { id: string; name: string }[];
  nameOf: (id: string) => string;
}) {
  const { t, dateTime } = useI18n();
  const filterId = useId();
  const [party, setParty] = useState('');
  // The cursors of the pages walked back through; empty = the newest page.
  const [pages, setPages] = useState<string[]>([]);
  const history = useCheckHistory({
    limit: PAGE,
    ...(party ? { party } : {}),
    ...(pages.length ? { before: pages[pages.length - 1] } : {}),
  });
  return (
    <>
      <p>
        <label htmlFor={filterId}>{t('checks.filter')}</label>{' '}
        <select
          id={filterId}
          value={party}
          onChange={(e) => {
            setParty(e.target.value);
            setPages([]);
          }}
        >
          <option value="">{t('checks.filter.all')}</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </p>
      <ApiView state={history}>
        {(d) =>
          d.checks.length === 0 ? (
            <p className="muted">{t('checks.none')}</p>
          ) : (
            <div className="table-wrap">
              <table data-testid="check-history">
                <thead>
                  <tr>
                    <th scope="col">{t('checks.sent')}</th>
                    <th scope="col">{t('checks.from')}</th>
                    <th scope="col">{t('checks.to')}</th>
                    <th scope="col">{t('checks.result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.checks.map((c) => (
                    <tr key={`${c.hash}:${c.to}`} data-testid="check-row" data-state={c.state}>
                      <td>{dateTime(c.sent_at)}</td>
                      <td>{nameOf(c.from)}</td>
                      <td>{nameOf(c.to)}</td>
                      <td>
                        <CheckResult c={c} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ApiView>
      {history.status === 'ok' && (pages.length > 0 || history.data.next) ? (
        <p className="pager">
          {pages.length > 0 ? (
            <button type="button" onClick={() => setPages([])}>
              {t('channels.newest')}
            </button>
          ) : null}
          {history.data.next ? (
            <button type="button" onClick={() => setPages([...pages, history.data.next!])}>
              {t('channels.older')}
            </button>
          ) : null}
        </p>
      ) : null}
    </>
  );
}
