import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NCISS_DEMO_MODEL,
  PARLEY_SCORING_EXTENSION_DEFINITION,
  PARLEY_SCORING_EXTENSION_ID,
  factsFromStix,
  readScoringExtension,
  scoreStixIncident,
  withScoringExtension,
} from '../../../../src/core/score/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

const T = '2026-03-01T10:00:00.000Z';
const cert = 'identity--11111111-1111-4111-8111-111111111111';
const victim = 'identity--22222222-2222-4222-8222-222222222222';
const incident = {
  type: 'incident',
  spec_version: '2.1',
  id: 'incident--33333333-3333-4333-8333-333333333333',
  created: T,
  modified: T,
  name: 'Ransomware at a meat processor',
  created_by_ref: cert,
};
// A notification as a sender would build it: ransomware (T1486) against a food company, by criminals.
const bundle = [
  incident,
  {
    type: 'identity',
    spec_version: '2.1',
    id: cert,
    created: T,
    modified: T,
    name: 'CERT-A',
    identity_class: 'organization',
    sectors: ['government-national'],
  },
  {
    type: 'identity',
    spec_version: '2.1',
    id: victim,
    created: T,
    modified: T,
    name: 'Meat Co',
    identity_class: 'organization',
    sectors: ['agriculture', 'manufacturing'],
  },
  {
    type: 'attack-pattern',
    spec_version: '2.1',
    id: 'attack-pattern--44444444-4444-4444-8444-444444444444',
    created: T,
    modified: T,
    name: 'Data Encrypted for Impact',
    external_references: [{ source_name: 'mitre-attack', external_id: 'T1486' }],
    kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'impact' }],
  },
  {
    type: 'threat-actor',
    spec_version: '2.1',
    id: 'threat-actor--55555555-5555-4555-8555-555555555555',
    created: T,
    modified: T,
    name: 'X',
    threat_actor_types: ['crime-syndicate'],
  },
];

describe('factsFromStix', () => {
  it('reads victim sectors, phases, actor types and techniques, not the author’s sectors', () => {
    assert.deepEqual(factsFromStix(bundle), {
      sectors: ['agriculture', 'manufacturing'],
      kill_chain_phases: ['impact'],
      threat_actor_types: ['crime-syndicate'],
      attack_techniques: ['T1486'],
    });
  });
  it('prefers identities that a targets relationship names', () => {
    const rel = {
      type: 'relationship',
      id: 'relationship--6',
      relationship_type: 'targets',
      source_ref: incident.id,
      target_ref: cert,
    };
    assert.deepEqual(factsFromStix([...bundle, rel]).sectors, ['government-national']);
  });
});

describe('scoreStixIncident', () => {
  it('derives the missing answers from the bundle and says so', () => {
    const s = scoreStixIncident(NCISS_DEMO_MODEL, bundle);
    const row = (id: string) => s.categories.find((c) => c.category === id)!;
    assert.equal(row('functional_impact').option, 'denial-of-non-critical-services');
    assert.equal(row('observed_activity').option, 'effect');
    assert.equal(row('actor_characterization').option, 'criminal');
    assert.equal(row('information_impact').option, 'destruction-of-non-critical-system');
    assert.equal(row('recoverability').option, 'supplemented');
    // agriculture → 20, manufacturing → 50: the higher one counts.
    assert.equal(row('cross_sector_dependency').option, 'critical-manufacturing');
    assert.equal(row('cross_sector_dependency').basis, 'derived');
    assert.match(row('cross_sector_dependency').reason!, /sectors "manufacturing"/);
    assert.equal(row('location_of_observed_activity').basis, 'fallback');
    assert.ok(s.categories.every((c) => c.derived));
  });

  it('uses the sender’s answers from the extension and derives only the rest', () => {
    const inc = withScoringExtension(incident, {
      model_id: NCISS_DEMO_MODEL.id,
      model_version: NCISS_DEMO_MODEL.version,
      inputs: {
        functional_impact: 'denial-of-critical-services-or-loss-of-control',
        potential_impact: 'high',
      },
      score: 61,
      level: 3,
    });
    const s = scoreStixIncident(NCISS_DEMO_MODEL, [inc, ...bundle.slice(1)]);
    const fi = s.categories.find((c) => c.category === 'functional_impact')!;
    assert.equal(fi.derived, false);
    assert.equal(fi.option, 'denial-of-critical-services-or-loss-of-control');
    assert.equal(s.categories.filter((c) => !c.derived).length, 2);
    assert.deepEqual(s.senderClaim, { score: 61, level: 3 });
  });

  it('ignores answers to another model and reports the mismatch', () => {
    const inc = withScoringExtension(incident, {
      model_id: 'other',
      model_version: '9',
      inputs: { impact: 'total' },
    });
    const s = scoreStixIncident(NCISS_DEMO_MODEL, [inc, ...bundle.slice(1)]);
    assert.deepEqual(s.modelMismatch, { sender: 'other@9', receiver: 'nciss-demo-notional@1' });
  });
});

describe('Parley scoring extension', () => {
  it('is a STIX extension-definition with a fixed id and its schema embedded', () => {
    assert.equal(PARLEY_SCORING_EXTENSION_DEFINITION.id, PARLEY_SCORING_EXTENSION_ID);
    assert.deepEqual(PARLEY_SCORING_EXTENSION_DEFINITION.extension_types, ['property-extension']);
    assert.equal(
      JSON.parse(PARLEY_SCORING_EXTENSION_DEFINITION.schema).title,
      'Parley incident scoring inputs (property extension)',
    );
  });

  it('round-trips and keeps other extensions', () => {
    const other = {
      ...incident,
      extensions: { 'extension-definition--x': { extension_type: 'property-extension', a: 1 } },
    };
    const ext = {
      model_id: 'nciss-demo-notional',
      model_version: '1',
      inputs: { recoverability: 'extended' },
    };
    const out = withScoringExtension(other, ext);
    assert.deepEqual(readScoringExtension(out), ext);
    assert.ok('extension-definition--x' in out.extensions);
    assert.equal(readScoringExtension(incident), undefined);
  });

  it('refuses a malformed extension with STIX_INVALID listing the problems', () => {
    const bad = {
      ...incident,
      extensions: {
        [PARLEY_SCORING_EXTENSION_ID]: {
          extension_type: 'property-extension',
          model_id: 'X!',
          inputs: { a: 3 },
          score: 120,
        },
      },
    };
    assert.throws(
      () => readScoringExtension(bad),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.code === 'STIX_INVALID' &&
        (e.details?.problems as string[]).length >= 3,
    );
  });
});
