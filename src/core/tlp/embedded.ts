/**
 * Finding the STIX content inside an envelope body, wherever it sits. STIX travels in several
 * places (a notify's `bundle` and its template's `technical_annex`, a request's, a response's, a
 * share's `bundle`…), and new kinds add more; a TLP check that looks in a list of known places
 * misses the next one. So the whole body is walked and every bundle and object found is checked.
 */

// Bodies are at most as deep as the strict JSON parser allows; deeper is not walked.
import { DEFAULT_MAX_JSON_DEPTH as MAX_DEPTH } from '../jcs/index.js';
import { isRec, type Rec } from './tlp-of.js';

const STIX_ID = /^([a-z0-9][a-z0-9-]*[a-z0-9])--[0-9a-fA-F-]{36}$/;

function isBundle(v: Rec): boolean {
  return v.type === 'bundle' && Array.isArray(v.objects);
}

/** A STIX object: a `type` and an `id` of that type (STIX 2.1 §2.9). */
function isStixObject(v: Rec): boolean {
  return typeof v.type === 'string' && typeof v.id === 'string' && STIX_ID.exec(v.id)?.[1] === v.type;
}

/**
 * Every STIX object embedded anywhere in `value`: the objects of each bundle found (in any
 * property, at any depth, including an object in a bundle's list that does not look like STIX,
 * so that the release check rejects rather than skips it) and every loose STIX object. A found
 * object is taken whole and not searched further: its own markings cover what it contains.
 * Pure; never throws.
 */
export function embeddedStixObjects(value: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    if (!isRec(v)) return;
    if (isBundle(v)) {
      out.push(...(v.objects as unknown[]));
      return;
    }
    if (isStixObject(v)) {
      out.push(v);
      return;
    }
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(value, 0);
  return out;
}
