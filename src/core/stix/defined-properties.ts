/**
 * The property names a type's OASIS schema defines at the top level, found by walking `properties`
 * through `allOf`/`anyOf`/`oneOf`/`if`/`then`/`else` and whole-file `$ref`s. Everything else on an
 * object is a custom property (STIX 2.1 §11.1). Computed once per schema path.
 */
import { STIX_SCHEMAS } from './schemas/index.js';

const cache = new Map<string, ReadonlySet<string>>();

const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;
const BRANCHES = ['if', 'then', 'else'] as const;

function resolveRef(fromPath: string, ref: string): string | undefined {
  if (ref.startsWith('#')) return undefined;
  const parts = fromPath.split('/').slice(0, -1);
  for (const seg of ref.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function collect(path: string, schema: unknown, names: Set<string>, seen: Set<string>): void {
  if (typeof schema !== 'object' || schema === null) return;
  const s = schema as Record<string, unknown>;
  const props = s['properties'];
  if (typeof props === 'object' && props !== null) for (const k of Object.keys(props)) names.add(k);
  for (const key of COMBINATORS) {
    const list = s[key];
    if (Array.isArray(list)) for (const sub of list) collect(path, sub, names, seen);
  }
  for (const key of BRANCHES) collect(path, s[key], names, seen);
  const ref = s['$ref'];
  if (typeof ref === 'string') {
    const target = resolveRef(path, ref);
    if (target !== undefined && !seen.has(target) && STIX_SCHEMAS[target] !== undefined) {
      seen.add(target);
      collect(target, STIX_SCHEMAS[target], names, seen);
    }
  }
}

/** Top-level property names defined by the schema at `path` (relative to schemas/). */
export function definedProperties(path: string): ReadonlySet<string> {
  let names = cache.get(path);
  if (names === undefined) {
    const found = new Set<string>();
    collect(path, STIX_SCHEMAS[path], found, new Set([path]));
    names = found;
    cache.set(path, names);
  }
  return names;
}
