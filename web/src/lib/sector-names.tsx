/**
 * Sector names in the reader's language. The node names sectors through GET /api/v1/ci/crosswalk
 * (an identity translation into the sector's own taxonomy carries every name): `toName` in English
 * and, where the taxonomy has one, `toNameRu` (187-FZ's own words; translations for PPD-21, NIS2 and
 * STIX; src/core/ci/data/SOURCE.md). A Russian page shows the Russian name, or the English one
 * marked `lang="en"` when there is none (a party's own taxonomy), never an invented one. Shared by
 * the critical-infrastructure and threat features, hence in lib/.
 */
import type { ReactNode } from 'react';
import { seg } from './api/client';
import type { CrosswalkAnswer } from './api/types';
import { useI18n, type Locale } from './i18n/i18n';
import { useApi } from './use-api';

export const STIX_TAXONOMY = 'stix-industry-sector-ov';

/** A name and, when it is not in the page's language, the language it is in. */
export interface LocalName {
  readonly text: string;
  readonly lang?: 'en';
}

/** The name of a mapping's target as the page should show it. */
export function mappingName(m: { toName: string; toNameRu?: string }, locale: Locale): LocalName {
  if (locale === 'ru') return m.toNameRu ? { text: m.toNameRu } : { text: m.toName, lang: 'en' };
  return { text: m.toName };
}

/** A LocalName as text, marked when it is in another language than the page. */
export function NameText({ name }: { name: LocalName }) {
  return name.lang ? <span lang={name.lang}>{name.text}</span> : <>{name.text}</>;
}

export interface SectorNames {
  /** The sector's name in the page's language where known, else in English, else its id. */
  get(id: string): LocalName;
  /** The same as JSX, its language marked when it differs from the page's. */
  node(id: string): ReactNode;
}

/** The names of sectors `ids` of `taxonomy` (ids stand in for names until they are known). */
export function useSectorNames(taxonomy: string | undefined, ids: readonly string[]): SectorNames {
  const { locale } = useI18n();
  const sorted = [...new Set(ids)].sort();
  const r = useApi<CrosswalkAnswer>(
    taxonomy && sorted.length > 0
      ? `/api/v1/ci/crosswalk?from=${seg(taxonomy)}&to=${seg(taxonomy)}&sectors=${sorted.map(seg).join(',')}`
      : undefined,
  );
  const byId = new Map(
    r.status === 'ok' ? r.data.translation.mappings.map((m) => [m.from, mappingName(m, locale)]) : [],
  );
  const get = (id: string): LocalName => byId.get(id) ?? { text: id };
  return { get, node: (id) => <NameText name={get(id)} /> };
}
