import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { useChecks, useContacts } from '../../features/dialogue/api/dialogue-api';
import { useIdentity } from '../../features/node/api/get-identity';
import { IdentityFacts } from '../../features/node/components/identity-facts';
import { CheckHistory } from '../../features/contacts/components/check-history';
import { ResponseChart } from '../../features/contacts/components/response-chart';
import { useI18n } from '../../lib/i18n/i18n';
import { useUnits } from '../../lib/i18n/units';

export function ContactsPage() {
  const { t, number } = useI18n();
  const { duration } = useUnits();
  const ms = (n: number | undefined): string => (n === undefined ? '—' : duration(n));
  const identity = useIdentity();
  const contacts = useContacts();
  const checks = useChecks();
  const name = (id: string): string =>
    (contacts.status === 'ok' ? contacts.data.contacts.find((c) => c.party === id)?.name : undefined) ?? id;
  const home = identity.status === 'ok' ? identity.data.party_id : undefined;
  const others =
    contacts.status === 'ok'
      ? contacts.data.contacts.filter((c) => !c.home).map((c) => ({ id: c.party, name: c.name }))
      : [];
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
                        <td className="num">{ms(c.median_ms)}</td>
                        <td className="num">{ms(c.last_ms)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </ApiView>
      </Panel>
      <Panel title={t('checks.history')} wide>
        <CheckHistory parties={others} nameOf={name} />
      </Panel>
      <Panel title={t('checks.chart')} wide>
        {home === undefined || others.length === 0 ? (
          <p className="muted">{t('state.empty')}</p>
        ) : (
          others.map((p) => (
            <section key={p.id} aria-label={p.name}>
              <h3>{p.name}</h3>
              <ResponseChart party={p.id} name={p.name} home={home} />
            </section>
          ))
        )}
      </Panel>
    </div>
  );
}
