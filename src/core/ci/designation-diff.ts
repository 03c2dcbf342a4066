/** What changed between two versions of a designation, sector by sector and asset by asset (by asset id). */
import type { Designation, DesignationAsset } from './designation.types.js';

export interface SetChange<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
}

export interface AssetChange {
  readonly id: string;
  readonly name?: { readonly from: string; readonly to: string };
  readonly sector?: { readonly from: string; readonly to: string };
  readonly domains?: SetChange<string>;
  readonly ip_ranges?: SetChange<string>;
  readonly as_numbers?: SetChange<number>;
}

export interface DesignationDiff {
  readonly party: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly taxonomy?: { readonly from: string; readonly to: string };
  readonly sectors: SetChange<string>;
  readonly assets: {
    readonly added: readonly DesignationAsset[];
    readonly removed: readonly DesignationAsset[];
    readonly changed: readonly AssetChange[];
    readonly unchanged: number;
  };
  /** True when nothing differs but the version number. */
  readonly empty: boolean;
}

function setChange<T>(a: readonly T[] = [], b: readonly T[] = []): SetChange<T> | undefined {
  const sa = new Set(a);
  const sb = new Set(b);
  const added = b.filter((x) => !sa.has(x));
  const removed = a.filter((x) => !sb.has(x));
  return added.length || removed.length ? { added, removed } : undefined;
}

function assetChange(a: DesignationAsset, b: DesignationAsset): AssetChange | undefined {
  const c: AssetChange = {
    id: a.id,
    ...(a.name !== b.name ? { name: { from: a.name, to: b.name } } : {}),
    ...(a.sector !== b.sector ? { sector: { from: a.sector, to: b.sector } } : {}),
  };
  const domains = setChange(a.domains, b.domains);
  const ranges = setChange(a.ip_ranges, b.ip_ranges);
  const asns = setChange(a.as_numbers, b.as_numbers);
  const full = {
    ...c,
    ...(domains ? { domains } : {}),
    ...(ranges ? { ip_ranges: ranges } : {}),
    ...(asns ? { as_numbers: asns } : {}),
  };
  return Object.keys(full).length > 1 ? full : undefined;
}

/**
 * Compares two designations of one party. Both should come from parseDesignation so that equal
 * entries have equal text. Order within lists does not count as a change.
 */
export function diffDesignations(from: Designation, to: Designation): DesignationDiff {
  const before = new Map(from.assets.map((a) => [a.id, a]));
  const after = new Map(to.assets.map((a) => [a.id, a]));
  const changed: AssetChange[] = [];
  let unchanged = 0;
  for (const [id, a] of before) {
    const b = after.get(id);
    if (b === undefined) continue;
    const c = assetChange(a, b);
    if (c) changed.push(c);
    else unchanged++;
  }
  const sectors = setChange(from.sectors, to.sectors) ?? { added: [], removed: [] };
  const added = to.assets.filter((a) => !before.has(a.id));
  const removed = from.assets.filter((a) => !after.has(a.id));
  const taxonomy = from.taxonomy !== to.taxonomy ? { from: from.taxonomy, to: to.taxonomy } : undefined;
  return {
    party: to.party,
    fromVersion: from.version,
    toVersion: to.version,
    ...(taxonomy ? { taxonomy } : {}),
    sectors,
    assets: { added, removed, changed, unchanged },
    empty:
      !taxonomy &&
      !sectors.added.length &&
      !sectors.removed.length &&
      !added.length &&
      !removed.length &&
      !changed.length,
  };
}
