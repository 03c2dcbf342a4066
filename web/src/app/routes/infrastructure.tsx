import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { useContacts, useDesignations, useTaxonomies } from '../../features/dialogue/api/dialogue-api';
import type { DesignationVersion } from '../../lib/api/types';
import { useI18n } from '../../lib/i18n/i18n';

const short = (id: string): string => (id.length > 24 ? `${id.slice(0, 20)}…` : id);

function describe(d: Record<string, unknown>): string {
  const sectors = Array.isArray(d.sectors)
    ? d.sectors
        .map((s) =>
          typeof s === 'string'
            ? s
            : typeof s === 'object' && s && 'id' in s
              ? String((s as { id: unknown }).id)
              : '',
        )
        .filter(Boolean)
    : [];
  const assets = Array.isArray(d.assets) ? d.assets.length : 0;
  const taxonomy = typeof d.taxonomy === 'string' ? `${d.taxonomy}: ` : '';
  return `${taxonomy}${sectors.join(', ')}${assets ? ` (+${assets})` : ''}`;
}

function Designations({ rows }: { rows: DesignationVersion[] }) {
  const { t, dateTime, number } = useI18n();
  const contacts = useContacts();
  const name = (id: string): string =>
    (contacts.status === 'ok' ? contacts.data.contacts.find((c) => c.party === id)?.name : undefined) ??
    short(id);
  if (rows.length === 0) return <p className="muted">{t('state.empty')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('ci.party')}</th>
            <th scope="col" className="num">
              {t('ci.version')}
            </th>
            <th scope="col">{t('ci.created')}</th>
            <th scope="col">{t('ci.sectors')}</th>
            <th scope="col">{t('ci.acks')}</th>
            <th scope="col">{t('ci.objections')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.envelopeHash}>
              <th scope="row">{name(v.party)}</th>
              <td className="num">
                {number(v.version)}
                {v.current ? <span className="small block">{t('ci.current')}</span> : null}
              </td>
              <td>{dateTime(v.created)}</td>
              <td>
                {describe(v.designation)}
                {v.honoured ? <span className="small block">{t('ci.honoured')}</span> : null}
              </td>
              <td>
                {v.acks.length === 0 ? (
                  <span className="vstate vstate-wait">{t('ci.none')}</span>
                ) : (
                  v.acks.map((a) => (
                    <span key={a.envelopeHash} className="vstate vstate-ok block">
                      <span aria-hidden="true">✓ </span>
                      {name(a.responder)} · {dateTime(a.at)}
                    </span>
                  ))
                )}
              </td>
              <td>
                {v.objections.map((o) => (
                  <span key={o.envelopeHash} className="vstate vstate-bad block">
                    {name(o.responder)}: {o.reasons.join('; ')}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InfrastructurePage() {
  const { t } = useI18n();
  const designations = useDesignations();
  const taxonomies = useTaxonomies();
  return (
    <div className="grid">
      <Panel title={t('ci.designations')} wide>
        <ApiView state={designations}>{(d) => <Designations rows={d.designations} />}</ApiView>
      </Panel>
      <Panel title={t('ci.taxonomies')} wide>
        <ApiView state={taxonomies}>
          {(d) => (
            <ul>
              {d.taxonomies.map((x, i) => (
                <li key={String(x.id ?? i)}>
                  <strong>{String(x.name ?? x.id ?? '')}</strong>
                  {x.id ? <span className="mono small"> ({String(x.id)})</span> : null}
                </li>
              ))}
            </ul>
          )}
        </ApiView>
      </Panel>
    </div>
  );
}
