/**
 * Derivation reasons as codes with parameters (DERIVE_REASON_CODES), beside the English text: a
 * derived answer names the fact and where it was read; each fallback of the default model has its
 * code; a party's own model keeps its own words without a code.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeIncidentScore,
  deriveAnswer,
  DERIVE_REASON_CODES,
  EMPTY_FACTS,
  NCISS_DEMO_MODEL,
  parseScoreModel,
} from '../../../../src/core/score/index.js';

const M = NCISS_DEMO_MODEL;
const category = (id: string) => M.categories.find((c) => c.id === id)!;

describe('structured derivation reasons', () => {
  const table: {
    desc: string;
    category: string;
    facts: Partial<typeof EMPTY_FACTS>;
    want: { code: string; params?: Record<string, string>; reason: RegExp };
  }[] = [
    {
      desc: 'a sector selects the cross-sector dependency',
      category: 'cross_sector_dependency',
      facts: { sectors: ['Agriculture'] },
      want: {
        code: 'derived-from-fact',
        params: { from: 'sectors', fact: 'agriculture' },
        reason: /^derived from sectors "agriculture" by the model's table$/,
      },
    },
    {
      desc: 'an ATT&CK sub-technique counts as its parent',
      category: 'information_impact',
      facts: { attack_techniques: ['t1485.001'] },
      want: {
        code: 'derived-from-fact',
        params: { from: 'attack_techniques', fact: 'T1485' },
        reason: /attack techniques "T1485"/,
      },
    },
    {
      desc: 'no victim sector: left out, with its code',
      category: 'cross_sector_dependency',
      facts: {},
      want: { code: 'no-victim-sector', reason: /no victim sector/ },
    },
    {
      desc: 'the actor unknown: the model’s Unknown option',
      category: 'actor_characterization',
      facts: {},
      want: { code: 'model-has-unknown', reason: /Unknown option/ },
    },
  ];
  for (const c of table) {
    it(c.desc, () => {
      const a = deriveAnswer(category(c.category), { ...EMPTY_FACTS, ...c.facts });
      assert.equal(a.reasonCode, c.want.code);
      assert.deepEqual(a.reasonParams, c.want.params);
      assert.match(a.reason, c.want.reason);
    });
  }

  it('every fallback of the default model has a known code', () => {
    for (const c of M.categories) {
      assert.ok(
        (DERIVE_REASON_CODES as readonly string[]).includes(c.fallback.code ?? ''),
        `${c.id}: ${String(c.fallback.code)}`,
      );
    }
  });

  it('the explanation carries code and parameters beside the English reason; a given answer has none', () => {
    const s = computeIncidentScore(
      M,
      { functional_impact: 'no-impact' },
      { ...EMPTY_FACTS, sectors: ['energy'] },
    );
    const given = s.categories.find((x) => x.category === 'functional_impact')!;
    assert.equal(given.reasonCode, undefined);
    assert.equal(given.reason, undefined);
    const derived = s.categories.find((x) => x.category === 'cross_sector_dependency')!;
    assert.equal(derived.reasonCode, 'derived-from-fact');
    assert.deepEqual(derived.reasonParams, { from: 'sectors', fact: 'energy' });
    assert.ok(derived.reason);
  });

  it('a party’s own model keeps its fallback words, without a code', () => {
    const own = parseScoreModel({
      id: 'own',
      version: '1',
      name: 'Own',
      provenance: { published: false, notional: true, source: 'test', note: 'test' },
      categories: [
        {
          id: 'age',
          name: 'Age',
          weight: 1,
          options: [
            { id: 'kid', name: 'Kid', value: 0 },
            { id: 'adult', name: 'Adult', value: 10 },
          ],
          fallback: { option: 'kid', reason: 'assume the least' },
        },
      ],
    });
    const a = deriveAnswer(own.categories[0]!, EMPTY_FACTS);
    assert.equal(a.reason, 'assume the least');
    assert.equal(a.reasonCode, undefined);
  });
});
