import { personKeys, type KeyStrength, type PersonRecord } from './person-keys.js';

/** A list of persons turned into PSI items, remembering which record and strength each came from. */
export interface PersonList {
  /** The distinct keys as UTF-8: what goes into the comparison. */
  readonly items: readonly Uint8Array[];
  /** owners[i]: the records that produced items[i], with the key's strength for that record. */
  readonly owners: ReadonlyArray<ReadonlyArray<{ readonly record: number; readonly strength: KeyStrength }>>;
}

export const PERSON_MATCH_STATUSES = ['match', 'needs-review'] as const;
export type PersonMatchStatus = (typeof PERSON_MATCH_STATUSES)[number];

export interface PersonMatch {
  readonly record: number;
  /** 'match' when an exact key met; 'needs-review' when only loose keys did. */
  readonly status: PersonMatchStatus;
}

/** Builds the comparison items of a list of persons. Throws PSI_INPUT_INVALID (no record content). */
export function buildPersonList(records: readonly PersonRecord[]): PersonList {
  const index = new Map<string, number>();
  const items: Uint8Array[] = [];
  const owners: { record: number; strength: KeyStrength }[][] = [];
  const enc = new TextEncoder();
  records.forEach((rec, record) => {
    for (const { key, strength } of personKeys(rec)) {
      let at = index.get(key);
      if (at === undefined) {
        at = items.length;
        index.set(key, at);
        items.push(enc.encode(key));
        owners.push([]);
      }
      owners[at]!.push({ record, strength });
    }
  });
  return { items, owners };
}

/** Turns the matched item indices of a comparison into per-record results, record order. */
export function personMatches(list: PersonList, matchedItems: readonly number[]): PersonMatch[] {
  const best = new Map<number, KeyStrength>();
  for (const i of matchedItems) {
    for (const o of list.owners[i] ?? []) {
      if (best.get(o.record) !== 'exact') best.set(o.record, o.strength);
    }
  }
  return [...best]
    .sort((a, b) => a[0] - b[0])
    .map(([record, s]) => ({ record, status: s === 'exact' ? 'match' : 'needs-review' }));
}
