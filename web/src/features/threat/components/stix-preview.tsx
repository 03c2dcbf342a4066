import { useI18n } from '../../../lib/i18n/i18n';
import type { StixObject } from '../api/types';

/**
 * A short label for a STIX object: its name, a relationship's type, an observable's value (an AS by
 * its number, a file by its SHA-256); an observed-data is labelled by the caller (a count in words).
 */
export function stixLabel(o: StixObject): string {
  if (typeof o.name === 'string') return o.name;
  if (typeof o.relationship_type === 'string') return o.relationship_type;
  if (typeof o.value === 'string') return o.value;
  if (typeof o.number === 'number') return `AS${o.number}`;
  const hashes = o.hashes as Record<string, unknown> | undefined;
  if (hashes && typeof hashes['SHA-256'] === 'string') return `SHA-256 ${hashes['SHA-256']}`;
  return '';
}

/** A cyber-observable object (its label is a value, better read in a fixed-width font). */
export const isObservable = (o: StixObject): boolean =>
  typeof o.value === 'string' || typeof o.number === 'number' || typeof o.hashes === 'object';

/** What will be signed and sent: the objects in a table, and the exact JSON on demand. */
export function StixPreview({ bundle }: { bundle: { id: string; objects: StixObject[] } }) {
  const { t } = useI18n();
  return (
    <section className="field" aria-labelledby="stix-preview-h" data-testid="stix-preview">
      <h3 id="stix-preview-h">{t('stix.preview')}</h3>
      <p className="small muted">
        {t('stix.preview.count', { count: bundle.objects.length, id: bundle.id })}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('stix.preview')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('stix.type')}</th>
              <th scope="col">{t('stix.name')}</th>
              <th scope="col">{t('stix.id')}</th>
            </tr>
          </thead>
          <tbody>
            {bundle.objects.map((o) => (
              <tr key={o.id} data-stix-type={o.type}>
                <td>{o.type}</td>
                <td className={isObservable(o) ? 'mono break' : undefined}>
                  {o.type === 'observed-data' && Array.isArray(o.object_refs)
                    ? t('stix.observedCount', { n: o.object_refs.length })
                    : stixLabel(o)}
                </td>
                <td className="mono small break">{o.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details>
        <summary>{t('stix.preview.json')}</summary>
        <pre className="note" tabIndex={0} aria-label={t('stix.preview.json')} data-testid="stix-json">
          {JSON.stringify(bundle, null, 2)}
        </pre>
      </details>
    </section>
  );
}
