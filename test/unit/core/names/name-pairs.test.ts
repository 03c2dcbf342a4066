import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { personKeys, type PersonRecord } from '../../../../src/core/names/index.js';

interface Pair {
  a: PersonRecord;
  b: PersonRecord;
  match: boolean;
  known_failure?: boolean;
  note: string;
}
const { pairs } = JSON.parse(readFileSync(new URL('./name-pairs.json', import.meta.url), 'utf8')) as {
  pairs: Pair[];
};

type Verdict = 'none' | 'review' | 'certain';
/** What the comparison would report for the pair: certain when a shared key is exact for either side. */
function verdict(p: Pair): Verdict {
  const ka = new Map(personKeys(p.a).map((k) => [k.key, k.strength]));
  let v: Verdict = 'none';
  for (const k of personKeys(p.b)) {
    const sa = ka.get(k.key);
    if (sa === undefined) continue;
    if (sa === 'exact' || k.strength === 'exact') return 'certain';
    v = 'review';
  }
  return v;
}

function score(predict: (v: Verdict) => boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    const yes = predict(verdict(p));
    if (yes && p.match) tp++;
    else if (yes) fp++;
    else if (p.match) fn++;
  }
  return { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), tp, fp, fn };
}

describe('cross-script name pairs', () => {
  it('has at least 50 pairs, including some that must not match', () => {
    assert.ok(pairs.length >= 50);
    assert.ok(pairs.filter((p) => !p.match).length >= 10);
  });

  it('reports precision and recall within bounds', (t) => {
    const any = score((v) => v !== 'none');
    const certain = score((v) => v === 'certain');
    t.diagnostic(
      `match or review: precision ${any.precision.toFixed(3)} recall ${any.recall.toFixed(3)} (tp ${any.tp} fp ${any.fp} fn ${any.fn})`,
    );
    t.diagnostic(
      `certain only:    precision ${certain.precision.toFixed(3)} recall ${certain.recall.toFixed(3)} (tp ${certain.tp} fp ${certain.fp} fn ${certain.fn})`,
    );
    console.log(JSON.stringify({ names: { any, certain } }));
    // A certain match must never be wrong; reviews may be.
    assert.equal(certain.precision, 1);
    assert.ok(certain.recall >= 0.6, `certain recall ${certain.recall}`);
    assert.ok(any.precision >= 0.9, `precision ${any.precision}`);
    assert.ok(any.recall >= 0.9, `recall ${any.recall}`);
  });

  for (const p of pairs) {
    const want = p.known_failure ? 'not found (known failure)' : p.match ? 'found' : 'not certain';
    it(`${p.note}: ${want}`, () => {
      const v = verdict(p);
      if (p.known_failure) assert.equal(v, 'none');
      else if (p.match) assert.notEqual(v, 'none');
      else assert.notEqual(v, 'certain');
    });
  }
});
