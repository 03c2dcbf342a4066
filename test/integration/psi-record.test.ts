import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseEnvelope } from '../../src/core/envelope/index.js';
import { fromBase64 } from '../../src/core/bytes/index.js';
import { PsiParty, createLocalEngine } from '../../src/core/psi/index.js';
import { secureRandomBytes } from '../../src/core/sig/index.js';
import type { PersonRecord } from '../../src/core/names/index.js';
import { prepareList, toChunks, type PsiOfferBody } from '../../src/service/psi/index.js';
import { offerFromBody } from '../../src/service/psi/wire.js';
import { eventually, type TestNode } from '../helpers/nodes.js';
import { compare, twoNodesWithChannel, waitEnded } from '../helpers/psi-nodes.js';

interface Pair {
  a: PersonRecord;
  b: PersonRecord;
  match: boolean;
  known_failure?: boolean;
}
const { pairs } = JSON.parse(
  readFileSync(new URL('../unit/core/names/name-pairs.json', import.meta.url), 'utf8'),
) as { pairs: Pair[] };

const PSI_KINDS = new Set(['psi-offer', 'psi-accept', 'psi-blinded', 'psi-reblinded', 'psi-result']);

/** Every psi-* envelope `holder` stores from `author`'s log in `channel`, parsed. */
async function psiEnvelopes(holder: TestNode, author: TestNode, channel: string) {
  const log = { channel, author: author.node.partyId };
  const head = await holder.node.getLogHead(log);
  const entries = head ? await holder.node.store.getEntries(log, 0, head.size) : [];
  return entries
    .filter((e) => PSI_KINDS.has(e.kind))
    .map((e) => ({ bytes: e.bytes, p: parseEnvelope(e.bytes, { maxBytes: Number.MAX_SAFE_INTEGER }) }));
}

/** The group elements `author` put on the wire in one comparison. */
async function wireElements(
  holder: TestNode,
  author: TestNode,
  channel: string,
  id: string,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const { p } of await psiEnvelopes(holder, author, channel)) {
    const b = p.envelope.body as { comparison?: string; elements?: string };
    if (b.comparison !== id || !b.elements) continue;
    const bytes = fromBase64(b.elements)!;
    for (let i = 0; i < bytes.length; i += 32)
      out.add(Buffer.from(bytes.subarray(i, i + 32)).toString('hex'));
  }
  return out;
}

describe('private list comparison: names, the wire, stopping half-way, the record', () => {
  let a: TestNode, b: TestNode;
  let channel: string;
  let stop: () => Promise<void>;
  const ids: string[] = [];

  before(async () => {
    ({ a, b, channel, stop } = await twoNodesWithChannel());
  });
  after(async () => stop?.());

  it('finds persons across scripts end to end, loose matches as needs-review; precision and recall are bounded', async () => {
    const listA = prepareList('persons', JSON.stringify(pairs.map((p) => p.a)), 'json');
    const listB = prepareList('persons', JSON.stringify(pairs.map((p) => p.b)), 'json');
    const { id, sa, sb } = await compare(a, b, channel, listA, listB, 'both');
    ids.push(id);
    assert.equal(sa.state, 'complete');
    assert.equal(sb.state, 'complete');
    const ra = a.comparisons.result(id)!;
    const found = new Map([...(ra.matches ?? []), ...(ra.review ?? [])].map((m) => [m.entry, m.status]));
    // The example: the Russian-side record meets 'Konstantin Yaroshenko' and needs review.
    const yaro = pairs.findIndex((p) => p.a.name?.startsWith('Ярошенко Константин'));
    assert.equal(found.get(yaro), 'needs-review');
    const rb = b.comparisons.result(id)!;
    assert.equal(
      rb.matches?.some((m) => m.entry === yaro),
      true,
      'for the Latin-side record it is a certain match',
    );
    let tp = 0,
      fp = 0,
      fn = 0;
    pairs.forEach((p, i) => {
      const hit = found.has(i);
      if (p.match && hit) tp++;
      else if (p.match && !hit) fn++;
      else if (!p.match && hit) fp++;
    });
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `names over two nodes: ${pairs.length} pairs, precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (match or needs review)`,
    );
    assert.ok(precision >= 0.85, `precision ${precision}`);
    assert.ok(recall >= 0.85, `recall ${recall}`);
  });

  it('puts different values on the wire for the same lists, and never an entry', async () => {
    const values = Array.from({ length: 50 }, (_, i) => `host-${i}.example.org`);
    const run = async () => {
      const { id } = await compare(
        a,
        b,
        channel,
        prepareList('indicators', JSON.stringify(values), 'json'),
        prepareList('indicators', JSON.stringify(values.slice(10)), 'json'),
        'both',
      );
      ids.push(id);
      return { id, a: await wireElements(b, a, channel, id), b: await wireElements(a, b, channel, id) };
    };
    const one = await run();
    const two = await run();
    assert.equal(one.a.size, 50 + 40, "A sent its blinded set and its re-blinding of B's");
    for (const v of two.a) assert.ok(!one.a.has(v) && !one.b.has(v), 'no value repeats across runs');
    for (const v of two.b) assert.ok(!one.b.has(v) && !one.a.has(v), 'no value repeats across runs');
    for (const { bytes } of [
      ...(await psiEnvelopes(b, a, channel)),
      ...(await psiEnvelopes(a, b, channel)),
    ]) {
      const text = Buffer.from(bytes).toString('utf8');
      assert.ok(
        !text.includes('example.org') && !text.includes('Yaroshenko') && !text.includes('Ярошенко'),
        'no entry, plain, in any psi envelope',
      );
    }
  });

  it('a party whose peer stops half-way learns nothing, and the stop is on the record', async () => {
    const mine = Array.from({ length: 30 }, (_, i) => `shared-${i}.example.net`);
    const { id } = await a.comparisons.offer({
      channel,
      list: prepareList('indicators', JSON.stringify(mine), 'json'),
      mode: 'both',
      chunkSize: 8,
    });
    ids.push(id);
    await eventually(
      'B sees the offer',
      async () => b.comparisons.status(id)?.state === 'awaiting-acceptance',
    );
    // B follows the protocol by hand up to its blinded set, with the same entries, and stops there.
    const offerEntry = await b.node.store.getEntryByHash(
      Buffer.from(b.comparisons.status(id)!.offerHash, 'hex'),
    );
    const offer = offerFromBody(parseEnvelope(offerEntry!.bytes).envelope.body as unknown as PsiOfferBody);
    const listB = prepareList('indicators', JSON.stringify(mine), 'json');
    const party = new PsiParty({
      offer,
      role: 'responder',
      items: listB.items,
      engine: createLocalEngine(),
      rng: secureRandomBytes,
    });
    const offerHash = b.comparisons.status(id)!.offerHash;
    await b.dialogue.send(channel, {
      kind: 'psi-accept',
      refs: [offerHash],
      body: { comparison: id, decision: 'accept', responder_size: party.size },
    });
    const single = await party.blindOwn();
    for (const chunk of toChunks(id, 'responder', single.elements, 8))
      await b.dialogue.send(channel, { kind: 'psi-blinded', refs: [offerHash], body: { ...chunk } });
    party.dispose();
    // A answers with its re-blinding of B's set (that is what B would need), then waits for B's.
    await eventually("A re-blinded B's set", async () => (await wireElements(b, a, channel, id)).size === 60);
    const waiting = a.comparisons.status(id)!;
    assert.equal(waiting.state, 'running');
    assert.equal(waiting.overlap, undefined);
    const r = a.comparisons.result(id)!;
    assert.equal(r.overlap, undefined);
    assert.equal(r.matches, undefined);
    // What A holds from B — singly blinded values — meets nothing A holds or sent.
    const fromB = await wireElements(a, b, channel, id);
    const fromA = await wireElements(b, a, channel, id);
    for (const v of fromB) assert.ok(!fromA.has(v));
    // B gives up on the record; A ends without a result and its secret is gone.
    await b.dialogue.send(channel, {
      kind: 'psi-result',
      refs: [offerHash],
      body: { comparison: id, status: 'aborted', reason: 'stopped' },
    });
    const end = await waitEnded(a, id);
    assert.equal(end.state, 'aborted');
    assert.equal(end.held, false);
    assert.equal(a.comparisons.result(id)!.matches, undefined);
  });

  it('a refused offer ends on both sides', async () => {
    const { id } = await a.comparisons.offer({
      channel,
      list: prepareList('indicators', '["x.example"]', 'json'),
    });
    ids.push(id);
    await eventually(
      'B sees the offer',
      async () => b.comparisons.status(id)?.state === 'awaiting-acceptance',
    );
    await b.comparisons.refuse(id, 'not now');
    const s = await waitEnded(a, id);
    assert.equal(s.state, 'refused');
    assert.equal(s.reason, 'not now');
  });

  it('keeps the comparison on the record: every psi envelope is in both copies of each log, and every log verifies', async () => {
    for (const [author, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const own = await psiEnvelopes(author, author, channel);
      await eventually(
        `${other.name} holds ${author.name}'s psi envelopes`,
        async () => (await psiEnvelopes(other, author, channel)).length === own.length,
      );
      const copy = await psiEnvelopes(other, author, channel);
      assert.deepEqual(
        copy.map((x) => x.p.hashHex),
        own.map((x) => x.p.hashHex),
      );
      // Every comparison has its envelopes in both parties' logs (B's hand-made ones included).
      for (const id of ids)
        assert.ok(
          own.some((x) => (x.p.envelope.body as { comparison?: string }).comparison === id),
          `comparison ${id} in ${author.name}'s log`,
        );
    }
    const kinds = new Set<string>((await psiEnvelopes(a, a, channel)).map((x) => x.p.envelope.kind));
    for (const k of ['psi-offer', 'psi-blinded', 'psi-reblinded', 'psi-result']) assert.ok(kinds.has(k), k);
    for (const n of [a, b]) {
      const report = await n.node.verifyAll();
      assert.equal(report.ok, true, JSON.stringify(report.problems.slice(0, 3)));
      assert.deepEqual(await n.dialogue.alarms(), [], `${n.name} raised no alarm`);
    }
  });
});
