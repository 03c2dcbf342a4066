/**
 * Validation and normalisation of a designation: every problem is reported at once (up to a cap), and
 * the result holds canonical forms (CIDR network text, RFC 5952 IPv6, lower-case A-label domains) so
 * that two versions compare entry by entry.
 */
import { ValidationError } from '../errors.js';
import { checkCidr } from './cidr.js';
import { checkDomainName } from './domain-name.js';
import type { Designation, DesignationAsset } from './designation.types.js';
import type { TaxonomyRegistry } from './taxonomy.types.js';

const PARTY_RE = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ASSET_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
/** Most problems listed in one error; the count of the rest is given. */
const MAX_PROBLEMS = 100;
export const MAX_ASN = 4_294_967_295;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function list(v: unknown, p: string, problems: string[]): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push(`${p}: expected an array`);
    return [];
  }
  return v;
}

function parseAsset(
  a: unknown,
  p: string,
  sectorOk: (s: string) => boolean,
  problems: string[],
): DesignationAsset | undefined {
  if (!isObj(a)) return void problems.push(`${p}: expected an object`);
  if (typeof a.id !== 'string' || !ASSET_ID_RE.test(a.id))
    problems.push(`${p}.id: expected an id of 1-128 letters, digits, _ . : -`);
  if (typeof a.name !== 'string' || a.name.trim() === '')
    problems.push(`${p}.name: expected a non-empty string`);
  if (typeof a.sector !== 'string' || !sectorOk(a.sector))
    problems.push(`${p}.sector: ${JSON.stringify(a.sector)} is not a sector of the taxonomy`);
  const domains = list(a.domains, `${p}.domains`, problems).flatMap((d, i) => {
    const r = checkDomainName(d as string);
    return typeof r === 'string' ? (problems.push(`${p}.domains[${i}]: ${r}`), []) : [r.domain];
  });
  const ranges = list(a.ip_ranges, `${p}.ip_ranges`, problems).flatMap((c, i) => {
    const r = checkCidr(c as string);
    return typeof r === 'string' ? (problems.push(`${p}.ip_ranges[${i}]: ${r}`), []) : [r.text];
  });
  const asns = list(a.as_numbers, `${p}.as_numbers`, problems).filter((n, i) => {
    const ok = Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= MAX_ASN;
    if (!ok)
      problems.push(`${p}.as_numbers[${i}]: expected an integer 0-${MAX_ASN}, got ${JSON.stringify(n)}`);
    return ok;
  }) as number[];
  return {
    id: a.id as string,
    name: typeof a.name === 'string' ? a.name.trim() : '',
    sector: a.sector as string,
    ...(domains.length ? { domains: [...new Set(domains)] } : {}),
    ...(ranges.length ? { ip_ranges: [...new Set(ranges)] } : {}),
    ...(asns.length ? { as_numbers: [...new Set(asns)] } : {}),
  };
}

/**
 * Turns an untrusted designation body into a canonical Designation. With a registry, the taxonomy and
 * every sector must exist in it. Throws ValidationError DESIGNATION_INVALID with `details.problems`.
 */
export function parseDesignation(raw: unknown, registry?: TaxonomyRegistry): Designation {
  const problems: string[] = [];
  if (!isObj(raw))
    throw new ValidationError('DESIGNATION_INVALID', 'invalid designation: expected an object', {
      details: { problems: ['designation: expected an object'] },
    });
  if (typeof raw.party !== 'string' || !PARTY_RE.test(raw.party))
    problems.push('party: expected a STIX identity id');
  if (!Number.isSafeInteger(raw.version) || (raw.version as number) < 1)
    problems.push(`version: expected an integer >= 1, got ${JSON.stringify(raw.version)}`);
  const taxonomy = registry?.taxonomies.get(raw.taxonomy as string);
  if (typeof raw.taxonomy !== 'string' || raw.taxonomy === '')
    problems.push('taxonomy: expected a taxonomy id');
  else if (registry !== undefined && taxonomy === undefined)
    problems.push(`taxonomy: unknown taxonomy "${raw.taxonomy}"`);
  const known = taxonomy ? new Set(taxonomy.entries.map((e) => e.id)) : undefined;
  const sectorOk = (s: string) => s !== '' && (known === undefined || known.has(s));
  const sectors = list(raw.sectors, 'sectors', problems).filter((s, i) => {
    const ok = typeof s === 'string' && sectorOk(s);
    if (!ok) problems.push(`sectors[${i}]: ${JSON.stringify(s)} is not a sector of the taxonomy`);
    return ok;
  }) as string[];
  const ids = new Set<string>();
  const assets = list(raw.assets, 'assets', problems).flatMap((a, i) => {
    const asset = parseAsset(a, `assets[${i}]`, sectorOk, problems);
    if (asset === undefined) return [];
    if (ids.has(asset.id)) problems.push(`assets[${i}].id: duplicate asset id "${asset.id}"`);
    ids.add(asset.id);
    return [asset];
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = problems.length > MAX_PROBLEMS ? ` (and ${problems.length - MAX_PROBLEMS} more)` : '';
    throw new ValidationError('DESIGNATION_INVALID', `invalid designation: ${shown.join('; ')}${more}`, {
      details: { problems: shown, total: problems.length },
    });
  }
  return {
    party: raw.party as string,
    version: raw.version as number,
    taxonomy: raw.taxonomy as string,
    sectors: [...new Set(sectors)],
    assets,
  };
}
