import type { DesignationAsset } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { SectorNames } from '../../../lib/sector-names';

/** Reads the assets of a designation body (an open object in the API) without trusting its shape. */
export function assetsOf(designation: Record<string, unknown>): DesignationAsset[] {
  const raw = Array.isArray(designation.assets) ? (designation.assets as unknown[]) : [];
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  return raw
    .filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null)
    .map((a) => ({
      id: String(a.id ?? ''),
      name: String(a.name ?? a.id ?? ''),
      sector: String(a.sector ?? ''),
      domains: strings(a.domains),
      ip_ranges: strings(a.ip_ranges),
      as_numbers: Array.isArray(a.as_numbers) ? a.as_numbers.map(Number) : [],
    }));
}

const joined = (xs: readonly string[] | undefined): string => (xs && xs.length > 0 ? xs.join(', ') : '—');

/** The concrete assets of a designation: names, domains, IP ranges and AS numbers, behind a disclosure. */
export function AssetsList({ assets, names }: { assets: readonly DesignationAsset[]; names: SectorNames }) {
  const { t } = useI18n();
  if (assets.length === 0) return null;
  return (
    <details className="assets">
      <summary>{t('cw.assets', { n: assets.length })}</summary>
      <ul>
        {assets.map((a) => (
          <li key={a.id} data-asset={a.id}>
            <strong>{a.name}</strong> · {names.node(a.sector)}
            <dl className="facts small">
              <dt>{t('cw.asset.domains')}</dt>
              <dd className="mono break">{joined(a.domains)}</dd>
              <dt>{t('cw.asset.ranges')}</dt>
              <dd className="mono break">{joined(a.ip_ranges)}</dd>
              <dt>{t('cw.asset.asns')}</dt>
              <dd className="mono">{joined(a.as_numbers?.map((n) => `AS${n}`))}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </details>
  );
}
