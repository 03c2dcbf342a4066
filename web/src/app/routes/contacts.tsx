import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { useChecks, useContacts } from '../../features/dialogue/api/dialogue-api';
import { useIdentity } from '../../features/node/api/get-identity';
import { IdentityFacts } from '../../features/node/components/identity-facts';
import { useI18n } from '../../lib/i18n/i18n';

const ms = (n: number | undefined, f: (n: number) => string): string =>
  n === undefined ? '—' : n < 10_000 ? `${f(n)} ms` : `${f(Math.round(n / 100) / 10)} s`;

export function ContactsPage() {
  const { t, number } = useI18n();
  const identity = useIdentity();
  const contacts = useContacts();
  const checks = useChecks();
  const name = (id: string): string =>
    (contacts.status === 'ok' ? contacts.data.contacts.find((c) => c.party === id)?.name : undefined) ?? id;
  return (
    <div className="grid">
      <Panel title={t('contacts.us')}>
        <ApiView state={identity}>{(id) => <IdentityFacts id={id} />}</ApiView>
      </Panel>
      <Panel title={t('contacts.directory')} wide>
        <ApiView state={contacts}>
          {(d) =>
            d.contacts.length === 0 ? (
              <p className="muted">{t('state.empty')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('contacts.party')}</th>
                      <th scope="col">{t('contacts.endpoint')}</th>
                      <th scope="col" className="num">
                        {t('contacts.channels')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.contacts.map((c) => (
                      <tr key={c.party}>
                        <th scope="row">
                          {c.name}
                          {c.home ? <span className="small"> ({t('contacts.home')})</span> : null}
                          <span className="mono small block">{c.party}</span>
                        </th>
                        <td className="mono small break">{c.endpoint}</td>
                        <td className="num">{number(c.channels.length)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </ApiView>
      </Panel>
      <Panel title={t('contacts.checks')} wide>
        <ApiView state={checks}>
          {(d) =>
            d.checks.length === 0 ? (
              <p className="muted">{t('state.empty')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('contacts.party')}</th>
                      <th scope="col" className="num">
                        {t('contacts.pings')}
                      </th>
                      <th scope="col" className="num">
                        {t('contacts.answered')}
                      </th>
                      <th scope="col" className="num">
                        {t('contacts.median')}
                      </th>
                      <th scope="col" className="num">
                        {t('contacts.last')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.checks.map((c) => (
                      <tr key={`${c.channel}:${c.party}`}>
                        <th scope="row">{name(c.party)}</th>
                        <td className="num">{number(c.pings)}</td>
                        <td className="num">{number(c.answered)}</td>
                        <td className="num">{ms(c.median_ms, number)}</td>
                        <td className="num">{ms(c.last_ms, number)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </ApiView>
      </Panel>
    </div>
  );
}
