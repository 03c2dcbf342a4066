import { ApiView } from '../../../components/api-view';
import { Link } from '../../../lib/router';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { useChannels } from '../api/dialogue-api';

export function ChannelList() {
  const { t, number } = useI18n();
  const channels = useChannels();
  return (
    <ApiView state={channels}>
      {(d) =>
        d.channels.length === 0 ? (
          <p className="muted">{t('state.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('channels.name')}</th>
                  <th scope="col">{t('channels.state')}</th>
                  <th scope="col">{t('channels.members')}</th>
                  <th scope="col" className="num">
                    {t('channels.open')}
                  </th>
                  <th scope="col" className="num">
                    {t('channels.overdue')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.channels.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link href={`/channels/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                    </th>
                    <td>{t(`state.channel.${c.state}` as MessageKey)}</td>
                    <td>{c.members.map((m) => m.name).join(', ')}</td>
                    <td className="num">{number(c.open_items)}</td>
                    <td className="num">
                      {c.overdue_items > 0 ? <strong>{number(c.overdue_items)}</strong> : number(0)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </ApiView>
  );
}
