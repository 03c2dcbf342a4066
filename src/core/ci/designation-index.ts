/**
 * The index that answers "does this fall inside designated infrastructure?" for IPv4 and IPv6
 * addresses, domains, URLs, AS numbers and sectors. Built once per set of designations (the versions a
 * node currently honours); lookups never allocate on the common path and never throw: an unparseable
 * observable simply matches nothing.
 */
import { checkCidr } from './cidr.js';
import { atLeast, type MappingConfidence } from './confidence.js';
import { translateSectors } from './crosswalk.js';
import type { DesignationMatch } from './designation-match.types.js';
import type { Designation } from './designation.types.js';
import { DomainSuffixIndex } from './domain-index.js';
import { normaliseHost } from './domain-name.js';
import { parseIPv4, parseIPv6 } from './ip-address.js';
import { RangeIndex, type RangeInput } from './range-index.js';
import type { TaxonomyRegistry } from './taxonomy.types.js';
import { urlHost } from './url-host.js';

const NONE: readonly DesignationMatch[] = Object.freeze([]);

export interface ObservableMatch {
  readonly observable: { readonly type: string; readonly value: string | number };
  readonly matches: readonly DesignationMatch[];
}

function push<K>(map: Map<K, DesignationMatch[]>, key: K, m: DesignationMatch): void {
  const l = map.get(key);
  if (l === undefined) map.set(key, [m]);
  else l.push(m);
}

export class DesignationIndex {
  readonly designations: readonly Designation[];
  private readonly v4: RangeIndex<DesignationMatch>;
  private readonly v6: RangeIndex<DesignationMatch>;
  private readonly domains: DomainSuffixIndex<DesignationMatch>;
  private readonly asns = new Map<number, DesignationMatch[]>();
  private readonly scratch = new Uint32Array(4);

  /** Precondition: each designation came from parseDesignation (canonical, valid entries). */
  constructor(designations: readonly Designation[]) {
    this.designations = designations;
    const v4: RangeInput<DesignationMatch>[] = [];
    const v6: RangeInput<DesignationMatch>[] = [];
    const domains = new Map<string, DesignationMatch[]>();
    for (const d of designations) {
      const base = { party: d.party, version: d.version, taxonomy: d.taxonomy, confidence: 'exact' as const };
      for (const a of d.assets) {
        const asset = { ...base, sector: a.sector, assetId: a.id, assetName: a.name };
        for (const text of a.ip_ranges ?? []) {
          const r = checkCidr(text);
          if (typeof r === 'string') continue;
          const m = Object.freeze({
            ...asset,
            kind: r.version === 4 ? ('ipv4' as const) : ('ipv6' as const),
            entry: r.text,
          });
          (r.version === 4 ? v4 : v6).push({ lo: r.lo, hi: r.hi, payload: m });
        }
        for (const dom of a.domains ?? [])
          push(domains, dom, Object.freeze({ ...asset, kind: 'domain' as const, entry: dom }));
        for (const n of a.as_numbers ?? [])
          push(this.asns, n, Object.freeze({ ...asset, kind: 'asn' as const, entry: `AS${n}` }));
      }
    }
    this.domains = new DomainSuffixIndex(domains);
    this.v4 = new RangeIndex(1, v4);
    this.v6 = new RangeIndex(4, v6);
  }

  /** Designated ranges containing an IPv4 address (dotted quad). */
  matchIPv4(address: string): readonly DesignationMatch[] {
    const v = parseIPv4(address);
    return v < 0 ? NONE : this.v4.lookup32(v);
  }

  /** Designated ranges containing an IPv6 address (any RFC 4291 text form). */
  matchIPv6(address: string): readonly DesignationMatch[] {
    return parseIPv6(address, this.scratch) ? this.v6.lookup(this.scratch) : NONE;
  }

  /** Either family, chosen by the presence of ':'. */
  matchIp(address: string): readonly DesignationMatch[] {
    return address.includes(':') ? this.matchIPv6(address) : this.matchIPv4(address);
  }

  /** Designated ranges overlapping a CIDR observable (STIX ipv4-addr/ipv6-addr values may be CIDRs). */
  matchCidr(text: string): readonly DesignationMatch[] {
    const r = checkCidr(text);
    if (typeof r === 'string') return NONE;
    return (r.version === 4 ? this.v4 : this.v6).overlapping(r.lo, r.hi);
  }

  /** Designated domains equal to the host or above it on a label boundary. */
  matchDomain(host: string): readonly DesignationMatch[] {
    const h = normaliseHost(host);
    return h === undefined ? NONE : this.domains.lookup(h);
  }

  /** The URL's host, as an address or a domain. */
  matchUrl(url: string): readonly DesignationMatch[] {
    const u = urlHost(url);
    if (u === undefined) return NONE;
    if (u.kind === 'ipv6') return this.matchIPv6(u.host);
    if (u.kind === 'ipv4') return this.matchIPv4(u.host);
    return this.matchDomain(u.host);
  }

  /** An AS number as a number or as "AS64500". */
  matchAsn(asn: number | string): readonly DesignationMatch[] {
    const n =
      typeof asn === 'number' ? asn : /^(AS)?[0-9]{1,10}$/i.test(asn) ? Number(asn.replace(/^AS/i, '')) : NaN;
    return this.asns.get(n) ?? NONE;
  }

  /** A STIX 2.1 cyber-observable (ipv4-addr, ipv6-addr, domain-name, url, autonomous-system). */
  matchObservable(o: {
    readonly type: string;
    readonly value?: unknown;
    readonly number?: unknown;
  }): readonly DesignationMatch[] {
    const v = o.value;
    switch (o.type) {
      case 'ipv4-addr':
      case 'ipv6-addr':
        if (typeof v !== 'string') return NONE;
        return v.includes('/') ? this.matchCidr(v) : this.matchIp(v);
      case 'domain-name':
        return typeof v === 'string' ? this.matchDomain(v) : NONE;
      case 'url':
        return typeof v === 'string' ? this.matchUrl(v) : NONE;
      case 'autonomous-system':
        return typeof o.number === 'number' ? this.matchAsn(o.number) : NONE;
      default:
        return NONE;
    }
  }

  /** Every observable among STIX objects that matches, with its matches. */
  matchStixObjects(objects: readonly unknown[]): ObservableMatch[] {
    const out: ObservableMatch[] = [];
    for (const raw of objects) {
      if (typeof raw !== 'object' || raw === null) continue;
      const o = raw as { type?: unknown; value?: unknown; number?: unknown };
      if (typeof o.type !== 'string') continue;
      const matches = this.matchObservable(o as { type: string });
      if (matches.length > 0) {
        out.push({
          observable: {
            type: o.type,
            value: (o.type === 'autonomous-system' ? o.number : o.value) as string | number,
          },
          matches,
        });
      }
    }
    return out;
  }

  /**
   * Designations whose whole sectors include the given sectors (in `taxonomy`), translated through the
   * crosswalk into each designation's taxonomy; matches below `minConfidence` are left out.
   */
  matchSectors(
    registry: TaxonomyRegistry,
    sectors: readonly string[],
    taxonomy: string,
    minConfidence: MappingConfidence = 'uncertain',
  ): DesignationMatch[] {
    const out: DesignationMatch[] = [];
    const cache = new Map<string, ReturnType<typeof translateSectors>>();
    for (const d of this.designations) {
      if (
        d.sectors.length === 0 ||
        !registry.taxonomies.has(d.taxonomy) ||
        !registry.taxonomies.has(taxonomy)
      )
        continue;
      let t = cache.get(d.taxonomy);
      if (t === undefined)
        cache.set(d.taxonomy, (t = translateSectors(registry, sectors, taxonomy, d.taxonomy)));
      const designated = new Set(d.sectors);
      for (const m of t.mappings) {
        if (!designated.has(m.to) || !atLeast(m.confidence, minConfidence)) continue;
        out.push({
          kind: 'sector',
          party: d.party,
          version: d.version,
          taxonomy: d.taxonomy,
          sector: m.to,
          entry: m.to,
          confidence: m.confidence,
          via: m.from,
        });
      }
    }
    return out;
  }
}

/** Builds the matching index. Precondition: designations came from parseDesignation. */
export function buildDesignationIndex(designations: readonly Designation[]): DesignationIndex {
  return new DesignationIndex(designations);
}
