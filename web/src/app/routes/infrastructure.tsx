import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { CrosswalkPanel } from '../../features/ci/components/crosswalk-panel';
import { DesignationSummary } from '../../features/ci/components/designation-summary';
import { useContacts, useDesignations, useTaxonomies } from '../../features/dialogue/api/dialogue-api';
import type { DesignationVersion } from '../../lib/api/types';
import { useI18n } from '../../lib/i18n/i18n';

const short = (id: string): string => (id.length > 24 ? `${id.slice(0, 20)}…` : id);

function Designations({ rows, title }: { rows: DesignationVersion[]; title: (taxonomy: string) => string }) {
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
                <DesignationSummary v={v} title={title} />
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

/** The taxonomies as the API lists them: `title` (older nodes may say `name`), id, entry count. */
function taxonomyList(rows: Record<string, unknown>[]): { id: string; title: string; entries?: number }[] {
  return rows.map((x, i) => ({
    id: String(x.id ?? i),
    title: String(x.title ?? x.name ?? x.id ?? ''),
    ...(typeof x.entries === 'number' ? { entries: x.entries } : {}),
  }));
}

export function InfrastructurePage() {
  const { t, number } = useI18n();
  const designations = useDesignations();
  const taxonomies = useTaxonomies();
  const contacts = useContacts();
  const list = taxonomies.status === 'ok' ? taxonomyList(taxonomies.data.taxonomies) : [];
  // Full titles name the law and article; where space is short the part before ':' and the id do.
  const title = (id: string): string => {
    const full = list.find((x) => x.id === id)?.title;
    return full ? `${full.split(':')[0]} (${id})` : id;
  };
  const name = (id: string): string =>
    (contacts.status === 'ok' ? contacts.data.contacts.find((c) => c.party === id)?.name : undefined) ??
    short(id);
  return (
    <div className="grid">
      <Panel title={t('ci.designations')} wide>
        <ApiView state={designations}>{(d) => <Designations rows={d.designations} title={title} />}</ApiView>
      </Panel>
      <Panel title={t('ci.crosswalk')} wide>
        <ApiView state={designations}>
          {(d) => (
            <CrosswalkPanel
              designations={d.designations}
              taxonomies={list.map((x) => ({ id: x.id, title: title(x.id) }))}
              name={name}
            />
          )}
        </ApiView>
      </Panel>
      <Panel title={t('ci.taxonomies')} wide>
        <ApiView state={taxonomies}>
          {() => (
            <ul>
              {list.map((x) => (
                <li key={x.id}>
                  <strong lang="en">{x.title}</strong>
                  <span className="mono small"> ({x.id})</span>
                  {x.entries !== undefined ? (
                    <span className="small"> · {t('cw.taxonomy.entries', { n: number(x.entries) })}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </ApiView>
      </Panel>
    </div>
  );
}
