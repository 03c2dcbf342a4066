/**
 * Validation of a party's own scoring model. Hand checks rather than a JSON Schema so that each problem
 * names the category and option it concerns and all problems are reported at once.
 */
import { ValidationError } from '../errors.js';
import { checkLevelBands, DEFAULT_LEVEL_BANDS, type LevelBands } from './levels.js';
import { DERIVE_SOURCES, type DeriveRule, type ScoreCategory, type ScoreModel } from './score-model.types.js';

const ID_RE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function checkOptions(c: Obj, p: string, problems: string[]): Set<string> {
  const ids = new Set<string>();
  if (!Array.isArray(c.options) || c.options.length === 0) {
    problems.push(`${p}.options: expected a non-empty array`);
    return ids;
  }
  c.options.forEach((o: unknown, j) => {
    const q = `${p}.options[${j}]`;
    if (!isObj(o)) return void problems.push(`${q}: expected an object`);
    if (typeof o.id !== 'string' || !ID_RE.test(o.id)) problems.push(`${q}.id: expected a lower-case id`);
    else if (ids.has(o.id)) problems.push(`${q}.id: duplicate option id "${o.id}"`);
    else ids.add(o.id);
    if (!isStr(o.name)) problems.push(`${q}.name: expected a non-empty string`);
    if (!isNum(o.value))
      problems.push(`${q}.value: expected a finite number, got ${JSON.stringify(o.value)}`);
  });
  return ids;
}

function checkDerive(c: Obj, p: string, options: Set<string>, problems: string[]): void {
  if (c.derive === undefined) return;
  if (!Array.isArray(c.derive)) return void problems.push(`${p}.derive: expected an array`);
  c.derive.forEach((r: unknown, j) => {
    const q = `${p}.derive[${j}]`;
    if (!isObj(r)) return void problems.push(`${q}: expected an object`);
    if (!(DERIVE_SOURCES as readonly unknown[]).includes(r.from)) {
      problems.push(`${q}.from: expected one of ${DERIVE_SOURCES.join(', ')}`);
    }
    if (!isObj(r.map)) return void problems.push(`${q}.map: expected an object`);
    for (const [k, v] of Object.entries(r.map)) {
      if (typeof v !== 'string' || !options.has(v))
        problems.push(`${q}.map["${k}"]: unknown option ${JSON.stringify(v)}`);
    }
  });
}

function checkFallback(c: Obj, p: string, options: Set<string>, problems: string[]): void {
  if (c.fallback === undefined) return;
  if (!isObj(c.fallback)) return void problems.push(`${p}.fallback: expected an object`);
  const o = c.fallback.option;
  if (o !== null && (typeof o !== 'string' || !options.has(o))) {
    problems.push(
      `${p}.fallback.option: unknown option ${JSON.stringify(o)} (use null to leave the category out)`,
    );
  }
}

function checkCategories(raw: unknown, problems: string[]): void {
  if (!Array.isArray(raw) || raw.length === 0)
    return void problems.push('categories: expected a non-empty array');
  const ids = new Set<string>();
  let lo = 0;
  let hi = 0;
  let positive = 0;
  raw.forEach((c: unknown, i) => {
    const p = `categories[${i}]`;
    if (!isObj(c)) return void problems.push(`${p}: expected an object`);
    if (typeof c.id !== 'string' || !ID_RE.test(c.id)) problems.push(`${p}.id: expected a lower-case id`);
    else if (ids.has(c.id)) problems.push(`${p}.id: duplicate category id "${c.id}"`);
    else ids.add(c.id);
    if (!isStr(c.name)) problems.push(`${p}.name: expected a non-empty string`);
    if (!isNum(c.weight) || c.weight < 0)
      problems.push(`${p}.weight: expected a number >= 0, got ${JSON.stringify(c.weight)}`);
    else if (c.weight > 0) positive++;
    const options = checkOptions(c, p, problems);
    checkDerive(c, p, options, problems);
    checkFallback(c, p, options, problems);
    if (isNum(c.weight) && Array.isArray(c.options)) {
      const values = c.options.map((o: Obj) => o?.value).filter(isNum);
      if (values.length > 0) {
        lo += c.weight * Math.min(...values);
        hi += c.weight * Math.max(...values);
      }
    }
  });
  if (positive === 0) problems.push('categories: at least one weight must be above 0');
  else if (problems.length === 0 && !(hi > lo)) {
    problems.push('categories: the maximum possible sum must exceed the minimum (all option values equal?)');
  }
}

function freezeModel(m: Obj, bands: LevelBands): ScoreModel {
  const categories: ScoreCategory[] = (m.categories as Obj[]).map((c) => ({
    id: c.id as string,
    name: c.name as string,
    weight: c.weight as number,
    options: (c.options as Obj[]).map((o) => ({
      id: o.id as string,
      name: o.name as string,
      value: o.value as number,
    })),
    derive: ((c.derive as DeriveRule[] | undefined) ?? []).map((r) => ({ from: r.from, map: { ...r.map } })),
    // A party's own fallback reason is its own text: no code, so the UI shows it as written.
    fallback: c.fallback
      ? { option: (c.fallback as Obj).option as string | null, reason: (c.fallback as Obj).reason as string }
      : { option: null, reason: 'not supplied', code: 'not-supplied' as const },
  }));
  const prov = m.provenance as Obj;
  return structuredClone({
    id: m.id as string,
    version: m.version as string,
    name: m.name as string,
    provenance: {
      published: prov.published as boolean,
      notional: prov.notional as boolean,
      source: prov.source as string,
      note: (prov.note as string | undefined) ?? '',
    },
    categories,
    bands,
  });
}

/**
 * Turns an untrusted model document into a ScoreModel.
 * Throws ValidationError SCORE_MODEL_INVALID whose `details.problems` lists every problem found.
 * `bands` may be omitted (Parley's defaults apply); `derive` and `fallback` are optional per category.
 */
export function parseScoreModel(raw: unknown): ScoreModel {
  const problems: string[] = [];
  if (!isObj(raw)) problems.push('model: expected an object');
  else {
    if (typeof raw.id !== 'string' || !ID_RE.test(raw.id)) problems.push('id: expected a lower-case id');
    if (!isStr(raw.version)) problems.push('version: expected a non-empty string');
    if (!isStr(raw.name)) problems.push('name: expected a non-empty string');
    const prov = raw.provenance;
    if (!isObj(prov)) problems.push('provenance: expected an object saying where the numbers come from');
    else {
      if (typeof prov.published !== 'boolean') problems.push('provenance.published: expected a boolean');
      if (typeof prov.notional !== 'boolean') problems.push('provenance.notional: expected a boolean');
      if (!isStr(prov.source)) problems.push('provenance.source: expected a non-empty string');
    }
    checkCategories(raw.categories, problems);
    if (raw.bands !== undefined) problems.push(...checkLevelBands(raw.bands));
  }
  if (problems.length > 0) {
    throw new ValidationError(
      'SCORE_MODEL_INVALID',
      `invalid score model: ${problems.length} problem(s): ${problems.join('; ')}`,
      {
        details: { problems },
      },
    );
  }
  const m = raw as Obj;
  const rawBands = m.bands as { lowerBounds: LevelBands['lowerBounds']; basis?: unknown } | undefined;
  const bands: LevelBands =
    rawBands === undefined
      ? DEFAULT_LEVEL_BANDS
      : {
          lowerBounds: [...rawBands.lowerBounds] as unknown as LevelBands['lowerBounds'],
          published: false,
          basis: typeof rawBands.basis === 'string' ? rawBands.basis : `set by model ${String(m.id)}`,
        };
  return freezeModel(m, bands);
}
