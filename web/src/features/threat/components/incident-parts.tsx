import { useI18n } from '../../../lib/i18n/i18n';
import { useSectorNames } from '../../../lib/sector-names';
import type { MessageKey } from '../../../lib/i18n/en';
import type { ScoredIncident, StixObject } from '../api/types';
import { isObservable, stixLabel } from './stix-preview';

/**
 * The bundle's objects as they relate to one incident: those a relationship ties to it first (with
 * the relationship type), then the rest of the bundle.
 */
export function relatedObjects(
  objects: readonly StixObject[],
  incidentId: string,
): { o: StixObject; link: string | null }[] {
  const links = new Map<string, string>();
  for (const r of objects) {
    if (r.type !== 'relationship') continue;
    const type = String(r.relationship_type ?? '');
    if (r.source_ref === incidentId && typeof r.target_ref === 'string') links.set(r.target_ref, type);
    if (r.target_ref === incidentId && typeof r.source_ref === 'string') links.set(r.source_ref, type);
    if (r.source_ref === incidentId || r.target_ref === incidentId) links.set(r.id, type);
  }
  const rows = objects.filter((o) => o.id !== incidentId).map((o) => ({ o, link: links.get(o.id) ?? null }));
  return [...rows.filter((r) => r.link !== null), ...rows.filter((r) => r.link === null)];
}

export function RelatedObjects({
  objects,
  incidentId,
}: {
  objects: readonly StixObject[];
  incidentId: string;
}) {
  const { t } = useI18n();
  const rows = relatedObjects(objects, incidentId);
  if (rows.length === 0) return <p className="muted">{t('state.empty')}</p>;
  return (
    // Focusable: a wide table scrolls, and a scrolling region must be reachable by keyboard.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('incident.related')}>
      <table data-testid="related-objects">
        <thead>
          <tr>
            <th scope="col">{t('stix.type')}</th>
            <th scope="col">{t('stix.name')}</th>
            <th scope="col">{t('incident.related.link')}</th>
            <th scope="col">{t('stix.id')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ o, link }) => (
            <tr key={o.id}>
              <td>{o.type}</td>
              <td className={isObservable(o) ? 'mono break' : undefined}>
                {o.type === 'observed-data' && Array.isArray(o.object_refs)
                  ? t('stix.observedCount', { n: o.object_refs.length })
                  : stixLabel(o)}
                {Array.isArray(o.sectors) ? (
                  <span className="block small muted">{o.sectors.join(', ')}</span>
                ) : null}
              </td>
              <td>{link ? `${t('incident.related.direct')}: ${link}` : t('incident.related.bundle')}</td>
              <td className="mono small break">{o.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The designated sector by its name in the designation's own taxonomy, in the page's language. */
function SectorName({ taxonomy, id }: { taxonomy: string; id: string }) {
  const names = useSectorNames(taxonomy, [id]);
  return (
    <span className="block small" data-testid="designated-sector">
      {names.node(id)}
    </span>
  );
}

/** Which designation entries the incident matched (each names party, version, asset and entry). */
export function DesignatedMatches({
  incident,
  partyName,
}: {
  incident: ScoredIncident;
  partyName: (id: string) => string;
}) {
  const { t, number } = useI18n();
  /** A code in words when the catalogue has it, else as the node sent it. */
  const wordOf = (prefix: string, k: string): string => {
    const key = `${prefix}.${k}` as MessageKey;
    return t(key) === key ? k : t(key);
  };
  const kindName = (k: string): string => wordOf('incident.match.kind', k);
  const esc = incident.detail?.escalation;
  const applied = esc?.applied ?? [];
  const ignored = esc?.ignored ?? [];
  const table = (list: typeof applied, testId: string) => (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('incident.designated')}>
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('incident.designated.party')}</th>
            <th scope="col" className="num">
              {t('incident.designated.version')}
            </th>
            <th scope="col">{t('incident.designated.asset')}</th>
            <th scope="col">{t('incident.designated.kind')}</th>
            <th scope="col">{t('incident.designated.entry')}</th>
            <th scope="col">{t('incident.designated.confidence')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((m) => (
            <tr key={`${m.party}|${m.version}|${m.assetId ?? ''}|${m.kind}|${m.entry}`}>
              <td>{partyName(m.party)}</td>
              <td className="num">{number(m.version)}</td>
              <td>
                {m.assetId ? `${m.assetName ?? m.assetId} (${m.assetId})` : t('incident.designated.sector')}
                <SectorName taxonomy={m.taxonomy} id={m.sector} />
              </td>
              <td>{kindName(m.kind)}</td>
              <td className="mono">
                {m.entry}
                {m.via ? <span className="block small muted">← {m.via}</span> : null}
              </td>
              <td data-confidence={m.confidence}>{wordOf('cw.conf', m.confidence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      {applied.length === 0 ? <p>{t('incident.designated.none')}</p> : table(applied, 'designated-applied')}
      <MatchedObservables incident={incident} />
      {ignored.length > 0 ? (
        <>
          <h3>{t('incident.designated.uncertain')}</h3>
          {table(ignored, 'designated-ignored')}
        </>
      ) : null}
    </>
  );
}

/** Each observable of the bundle that fell inside designated infrastructure, with the entries it hit. */
function MatchedObservables({ incident }: { incident: ScoredIncident }) {
  const { t } = useI18n();
  const list = incident.detail?.observables ?? [];
  if (list.length === 0) return null;
  return (
    <>
      <h3>{t('incident.observables')}</h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('incident.observables')}>
        <table data-testid="matched-observables">
          <thead>
            <tr>
              <th scope="col">{t('incident.observables.type')}</th>
              <th scope="col">{t('incident.observables.value')}</th>
              <th scope="col">{t('incident.observables.entries')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((o, i) => {
              const obs = (o.observable ?? {}) as { type?: unknown; value?: unknown };
              return (
                <tr key={i}>
                  <td>{String(obs.type ?? '')}</td>
                  <td className="mono break">{String(obs.value ?? '')}</td>
                  <td className="mono small">
                    {o.entries.map((e) => (
                      <span key={e} className="block">
                        {e}
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
