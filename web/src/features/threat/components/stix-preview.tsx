import { useI18n } from '../../../lib/i18n/i18n';
import type { StixObject } from '../api/types';

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
                <td>
                  {typeof o.name === 'string' ? o.name : ((o.relationship_type as string | undefined) ?? '')}
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
