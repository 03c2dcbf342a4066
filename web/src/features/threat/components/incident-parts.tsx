import { useI18n } from '../../../lib/i18n/i18n';
import type { ScoredIncident, StixObject } from '../api/types';

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
              <td>
                {typeof o.name === 'string' ? o.name : typeof o.value === 'string' ? o.value : ''}
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

/** Which designation entries the incident matched (each names party, version, asset and entry). */
export function DesignatedMatches({
  incident,
  partyName,
}: {
  incident: ScoredIncident;
  partyName: (id: string) => string;
}) {
  const { t, number } = useI18n();
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
              </td>
              <td>{m.kind}</td>
              <td className="mono">
                {m.entry}
                {m.via ? <span className="block small muted">← {m.via}</span> : null}
              </td>
              <td>{m.confidence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      {applied.length === 0 ? <p>{t('incident.designated.none')}</p> : table(applied, 'designated-applied')}
      {ignored.length > 0 ? (
        <>
          <h3>{t('incident.designated.uncertain')}</h3>
          {table(ignored, 'designated-ignored')}
        </>
      ) : null}
    </>
  );
}
