import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { prepareList } from '../../src/service/psi/index.js';
import { PSI_MODES } from '../../src/core/psi/index.js';
import { eventually, type TestNode } from '../helpers/nodes.js';
import { compare, twoNodesWithChannel } from '../helpers/psi-nodes.js';

/** Random distinct domains. */
const domains = (n: number): string[] =>
  Array.from({ length: n }, () => `h${randomBytes(6).toString('hex')}.example`);
const asList = (values: string[]) => prepareList('indicators', JSON.stringify(values), 'json');

interface Case {
  desc: string;
  a: string[];
  b: string[];
  /** A's rows that are shared (sorted), and B's. */
  wantA: number[];
  wantB: number[];
  /** Distinct shared entries. */
  overlap: number;
}

function cases(): Case[] {
  const shared = domains(40);
  const out: Case[] = [];
  const a1 = [...shared.slice(0, 20), ...domains(30)];
  const b1 = [...domains(25), ...shared.slice(0, 20)];
  out.push({
    desc: 'random sets with a known overlap of 20',
    a: a1,
    b: b1,
    wantA: range(0, 20),
    wantB: range(25, 45),
    overlap: 20,
  });
  out.push({ desc: 'an empty list', a: [], b: domains(30), wantA: [], wantB: [], overlap: 0 });
  const same = domains(60);
  out.push({
    desc: 'identical lists',
    a: same,
    b: [...same].reverse(),
    wantA: range(0, 60),
    wantB: range(0, 60),
    overlap: 60,
  });
  out.push({ desc: 'disjoint lists', a: domains(50), b: domains(50), wantA: [], wantB: [], overlap: 0 });
  // Duplicates, also after normalisation: upper case and a trailing dot name the same domain.
  const d = domains(3);
  const a5 = [d[0]!, d[0]!.toUpperCase(), `${d[0]!}.`, d[1]!, ...domains(5)];
  const b5 = [d[0]!, d[0]!, d[2]!, ...domains(4)];
  out.push({ desc: 'duplicates', a: a5, b: b5, wantA: [0, 1, 2], wantB: [0, 1], overlap: 1 });
  const big = [...domains(1990), ...shared.slice(0, 10)];
  out.push({
    desc: 'sizes 100 times apart',
    a: shared.slice(0, 20),
    b: big,
    wantA: range(0, 10),
    wantB: range(1990, 2000),
    overlap: 10,
  });
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

describe('private list comparison between two nodes over HTTP', () => {
  let a: TestNode, b: TestNode;
  let channel: string;
  let stop: () => Promise<void>;

  before(async () => {
    ({ a, b, channel, stop } = await twoNodesWithChannel());
  });
  after(async () => stop?.());

  for (const mode of PSI_MODES) {
    describe(`mode ${mode}`, () => {
      for (const c of cases()) {
        it(c.desc, async () => {
          // Small chunks, so that every set travels in several envelopes.
          const { id, sa, sb } = await compare(
            a,
            b,
            channel,
            asList(c.a),
            asList(c.b),
            mode,
            c.b.length > 500 ? 256 : 16,
          );
          assert.equal(sa.state, 'complete', sa.reason);
          assert.equal(sb.state, 'complete', sb.reason);
          const ra = a.comparisons.result(id)!;
          const rb = b.comparisons.result(id)!;
          assert.equal(ra.overlap, c.overlap);
          if (mode === 'both') {
            assert.deepEqual(
              ra.matches?.map((m) => m.entry),
              c.wantA,
            );
            assert.deepEqual(
              rb.matches?.map((m) => m.entry),
              c.wantB,
            );
            assert.equal(rb.overlap, c.overlap);
            const stated = await eventually(
              'B states its overlap on the record',
              async () => a.comparisons.status(id)?.peerOverlap !== undefined && a.comparisons.status(id),
            );
            assert.equal(stated.peerOverlap, c.overlap, 'B states the same overlap on the record');
          } else if (mode === 'one-sided') {
            assert.deepEqual(
              ra.matches?.map((m) => m.entry),
              c.wantA,
            );
            assert.equal(rb.learnsNothing, true);
            assert.equal(rb.overlap, undefined);
            assert.equal(rb.matches, undefined);
            assert.equal(sb.peerOverlap, undefined, 'the overlap is not stated where B does not learn it');
          } else {
            assert.equal(ra.matches, undefined);
            assert.equal(rb.matches, undefined);
            assert.equal(rb.overlap, c.overlap);
          }
        });
      }
    });
  }
});
