/**
 * The TLP level of a STIX object: the most restrictive TLP marking among its object_marking_refs and
 * granular_markings (STIX 2.1 §7.2.2–7.2.3). Granular markings count for the whole object because
 * Parley releases objects whole; a RED marking on one property makes the object RED.
 */
import { ValidationError } from '../errors.js';
import {
  DEFAULT_TLP_LEVEL,
  stricterTlp,
  tlpLevelOfMarkingId,
  tlpLevelOfMarkingObject,
  type TlpLevel,
} from './markings.js';

export interface TlpOptions {
  /** Level of an object with no TLP marking; DEFAULT_TLP_LEVEL (AMBER) unless configured. */
  readonly defaultLevel?: TlpLevel;
}

export interface TlpAssessment {
  readonly id: string;
  readonly level: TlpLevel;
  /** `marking`: from its TLP markings; `default`: it had none; `definition`: an unmarked marking-definition. */
  readonly source: 'marking' | 'default' | 'definition';
  /** The marking refs that are TLP markings. */
  readonly tlpRefs: readonly string[];
  /** Marking refs that are neither well-known nor defined among the bundle objects. */
  readonly unresolved: readonly string[];
}

export type Rec = Readonly<Record<string, unknown>>;

export function isRec(v: unknown): v is Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function bad(id: string, why: string): never {
  throw new ValidationError('STIX_INVALID', `${id}: ${why}`, { details: { id } });
}

/** Marking-definition objects by id, built once per bundle. */
export function markingIndex(bundleObjects: readonly unknown[]): ReadonlyMap<string, Rec> {
  const out = new Map<string, Rec>();
  for (const o of bundleObjects) {
    if (isRec(o) && o.type === 'marking-definition' && typeof o.id === 'string') out.set(o.id, o);
  }
  return out;
}

function markingRefs(o: Rec, id: string): string[] {
  const refs: string[] = [];
  const omr = o.object_marking_refs;
  if (omr !== undefined) {
    if (!Array.isArray(omr) || omr.some((r) => typeof r !== 'string'))
      bad(id, 'object_marking_refs must be an array of ids');
    refs.push(...(omr as string[]));
  }
  const gm = o.granular_markings;
  if (gm !== undefined) {
    if (!Array.isArray(gm)) bad(id, 'granular_markings must be an array');
    for (const g of gm) {
      if (!isRec(g)) bad(id, 'a granular marking must be an object');
      if (g.marking_ref === undefined) continue; // a `lang` granular marking carries no TLP
      if (typeof g.marking_ref !== 'string') bad(id, 'granular marking_ref must be an id');
      refs.push(g.marking_ref);
    }
  }
  return refs;
}

/**
 * Explains an object's TLP level, given the marking-definitions it may reference (`index`, from
 * markingIndex). A well-known id and a bundle object defining the same id are both read, and the
 * stricter wins, so a bundle cannot relabel TLP:RED as CLEAR by shipping its own definition.
 * Throws ValidationError STIX_INVALID when the object has no string id or malformed marking properties.
 */
export function assessTlp(
  object: unknown,
  index: ReadonlyMap<string, Rec>,
  opts: TlpOptions = {},
): TlpAssessment {
  if (!isRec(object) || typeof object.id !== 'string') bad('(object)', 'not a STIX object with an id');
  const id = object.id;
  const tlpRefs: string[] = [];
  const unresolved: string[] = [];
  let level: TlpLevel | undefined;
  for (const ref of markingRefs(object, id)) {
    const known = tlpLevelOfMarkingId(ref);
    const def = index.get(ref);
    const declared = def ? tlpLevelOfMarkingObject(def) : undefined;
    if (known === undefined && def === undefined) {
      unresolved.push(ref);
      continue;
    }
    const l = known && declared ? stricterTlp(known, declared) : (known ?? declared);
    if (l === undefined) continue; // a non-TLP marking (statement, ACS, IEP…)
    tlpRefs.push(ref);
    level = level === undefined ? l : stricterTlp(level, l);
  }
  if (level !== undefined) return { id, level, source: 'marking', tlpRefs, unresolved };
  // Definitions must travel with the objects they mark, or the receiver cannot read the marking.
  if (object.type === 'marking-definition')
    return { id, level: 'TLP:CLEAR', source: 'definition', tlpRefs, unresolved };
  return { id, level: opts.defaultLevel ?? DEFAULT_TLP_LEVEL, source: 'default', tlpRefs, unresolved };
}

/**
 * The most restrictive TLP level of `object` (STIX 2.1 §7.2), resolving marking refs against the
 * well-known TLP 1.0/2.0 ids and the marking-definitions among `bundleObjects`; objects with no TLP
 * marking take `opts.defaultLevel` (AMBER). Throws ValidationError STIX_INVALID as assessTlp.
 */
export function tlpOf(
  object: unknown,
  bundleObjects: readonly unknown[] = [],
  opts: TlpOptions = {},
): TlpLevel {
  return assessTlp(object, markingIndex(bundleObjects), opts).level;
}
