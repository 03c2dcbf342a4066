/**
 * Designation matching benchmark: builds an index over 100,000 designated entries (50,000 IPv4 and
 * 20,000 IPv6 ranges, nested and overlapping, and 30,000 domains) and times lookups of observables
 * given as strings, as they arrive in STIX: IPv4, IPv6, domains (subdomains of designated ones and
 * unrelated names), URLs, AS numbers. Probe generation is not timed. Prints one JSON object per line.
 *
 *     node --import tsx bench/ci-match.ts
 */
import { pathToFileURL } from 'node:url';
import { buildDesignationIndex, formatIPv4, formatIPv6, parseDesignation } from '../src/core/ci/index.js';

export interface CiMatchBenchResult {
  readonly name: string;
  readonly [k: string]: unknown;
}

function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

const PARTY = 'identity--0a0a0a0a-0000-4000-8000-000000000001';

function v4Range(r: () => number): string {
  const p = 12 + (r() % 21);
  // Half the ranges fall in 10/8 so that they nest and overlap.
  const base = r() % 2 === 0 ? (0x0a000000 | (r() & 0x00ffffff)) >>> 0 : r();
  const mask = (0xffffffff << (32 - p)) >>> 0;
  return `${formatIPv4((base & mask) >>> 0)}/${p}`;
}

function v6Range(r: () => number): string {
  const p = 32 + (r() % 97);
  const w = [0x20010db8, r(), r(), r()];
  const lo = w.map((x, i) => {
    const bits = Math.max(0, Math.min(32, p - 32 * i));
    const m = bits === 0 ? 0 : bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
    return (x & m) >>> 0;
  });
  return `${formatIPv6(lo)}/${p}`;
}

export function makeDesignation(entries = 100_000, seed = 11) {
  const r = prng(seed);
  const assets = [];
  const nV4 = Math.floor(entries * 0.5);
  const nV6 = Math.floor(entries * 0.2);
  const nDom = entries - nV4 - nV6;
  for (let i = 0; i < nV4; i++)
    assets.push({ id: `v4-${i}`, name: `v4 ${i}`, sector: 'energy', ip_ranges: [v4Range(r)] });
  for (let i = 0; i < nV6; i++)
    assets.push({ id: `v6-${i}`, name: `v6 ${i}`, sector: 'energy', ip_ranges: [v6Range(r)] });
  for (let i = 0; i < nDom; i++)
    assets.push({
      id: `d-${i}`,
      name: `d ${i}`,
      sector: 'energy',
      domains: [`site${i}.example${i % 97}.org`],
      as_numbers: [64512 + i],
    });
  return parseDesignation({
    party: PARTY,
    version: 1,
    taxonomy: 'stix-industry-sector-ov',
    sectors: [],
    assets,
  });
}

function rate(
  probes: readonly string[],
  f: (s: string) => readonly unknown[],
): { opsPerSec: number; hits: number } {
  let hits = 0;
  for (let i = 0; i < Math.min(probes.length, 50_000); i++) hits += f(probes[i]!).length; // warm-up
  // Best of three rounds: the figure is the code's, not the neighbours' on a shared machine.
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    hits = 0;
    const t = process.hrtime.bigint();
    for (let i = 0; i < probes.length; i++) if (f(probes[i]!).length > 0) hits++;
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
  }
  return { opsPerSec: Math.round(probes.length / best), hits };
}

export async function runCiMatchBench(entries = 100_000, lookups = 1_000_000): Promise<CiMatchBenchResult[]> {
  const d = makeDesignation(entries);
  const t = process.hrtime.bigint();
  const index = buildDesignationIndex([d]);
  const buildMs = Number(process.hrtime.bigint() - t) / 1e6;
  const r = prng(5);
  const v4 = Array.from({ length: lookups }, () =>
    formatIPv4(r() % 2 ? (0x0a000000 | (r() & 0xffffff)) >>> 0 : r()),
  );
  const v6 = Array.from({ length: lookups }, () => formatIPv6([r() % 2 ? 0x20010db8 : r(), r(), r(), r()]));
  const dom = Array.from({ length: lookups }, (_, i) =>
    i % 2 ? `www.site${r() % 30000}.example${r() % 97}.org` : `host${r()}.unrelated${i % 1000}.net`,
  );
  const url = Array.from({ length: lookups }, (_, i) =>
    i % 2
      ? `https://www.site${r() % 30000}.example${r() % 97}.org/a/b?c=d`
      : `http://${formatIPv4(r())}:8080/x`,
  );
  const asn = Array.from({ length: lookups }, () => `AS${64512 + (r() % 60000)}`);
  const mixed = Array.from({ length: lookups }, (_, i) => [v4, v6, dom][i % 3]![i]!);
  const out: CiMatchBenchResult[] = [
    {
      name: 'ci.match.build',
      entries,
      ipv4Ranges: 50_000,
      ipv6Ranges: 20_000,
      domains: entries - 70_000,
      ms: buildMs,
    },
  ];
  const kinds: [string, readonly string[], (s: string) => readonly unknown[]][] = [
    ['ipv4', v4, (s) => index.matchIPv4(s)],
    ['ipv6', v6, (s) => index.matchIPv6(s)],
    ['domain', dom, (s) => index.matchDomain(s)],
    ['url', url, (s) => index.matchUrl(s)],
    ['asn', asn, (s) => index.matchAsn(s)],
    [
      'mixed-ip-domain',
      mixed,
      (s) =>
        s.includes(':')
          ? index.matchIPv6(s)
          : s.charCodeAt(s.length - 1) <= 57
            ? index.matchIPv4(s)
            : index.matchDomain(s),
    ],
  ];
  for (const [kind, probes, f] of kinds)
    out.push({ name: `ci.match.${kind}`, entries, lookups, ...rate(probes, f), target: 1_000_000 });
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runCiMatchBench()) console.log(JSON.stringify(r));
}
