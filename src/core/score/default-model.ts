/**
 * Parley's default scoring model: the weights and option values of CISA's NCISS demo page, which CISA
 * marks as notional (its operational configuration differs and is not published). The derivation tables
 * and fallbacks are Parley's own choices, documented in docs/threat-level.md.
 */
import nciss from './data/nciss.json' with { type: 'json' };
import { DEFAULT_LEVEL_BANDS } from './levels.js';
import type { DeriveRule, ScoreCategory, ScoreModel } from './score-model.types.js';
import { slugify } from './slug.js';

const demo = nciss.demo_configuration;

// ATT&CK techniques whose presence shows an effect on availability or data (Parley's reading).
const DENIAL = ['T1485', 'T1486', 'T1489', 'T1490', 'T1498', 'T1499', 'T1561'];
const DESTRUCTION = ['T1485', 'T1486', 'T1561'];

function table(keys: readonly string[], option: string): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, option]));
}

/** STIX industry-sector-ov value → demo option of Cross-Sector Dependency (via the PPD-21 sector). */
const SECTOR_TO_DEPENDENCY: Record<string, string> = {
  agriculture: 'agriculture-and-food',
  'financial-services': 'banking-and-finance',
  insurance: 'banking-and-finance',
  chemical: 'chemical',
  commercial: 'commercial-facilities',
  retail: 'commercial-facilities',
  'hospitality-leisure': 'commercial-facilities',
  entertainment: 'commercial-facilities',
  communications: 'communications',
  telecommunications: 'communications',
  manufacturing: 'critical-manufacturing',
  automotive: 'critical-manufacturing',
  aerospace: 'critical-manufacturing',
  dams: 'dams',
  defense: 'defense-industrial-base',
  'emergency-services': 'emergency-services',
  energy: 'energy',
  utilities: 'energy',
  government: 'government-facilities',
  'government-national': 'government-facilities',
  'government-regional': 'government-facilities',
  'government-local': 'government-facilities',
  'government-public-services': 'government-facilities',
  healthcare: 'healthcare-and-public-health',
  pharmaceuticals: 'healthcare-and-public-health',
  technology: 'information-technology',
  nuclear: 'nuclear-reactors-materials-and-waste',
  transportation: 'transportation-systems',
  water: 'water',
};

/** MITRE ATT&CK tactic (kill-chain phase) → ODNI Cyber Threat Framework stage, as NCISS names them. */
const PHASE_TO_ACTIVITY: Record<string, string> = {
  ...table(['reconnaissance', 'resource-development'], 'prepare'),
  'initial-access': 'engage',
  ...table(
    [
      'execution',
      'persistence',
      'privilege-escalation',
      'defense-evasion',
      'credential-access',
      'discovery',
      'lateral-movement',
      'collection',
      'command-and-control',
    ],
    'presence',
  ),
  ...table(['exfiltration', 'impact'], 'effect'),
};

/** STIX threat-actor-type-ov → demo actor option; unclear types (competitor, hacker…) are left out. */
const ACTOR_TYPES: Record<string, string> = {
  activist: 'hacktivists',
  sensationalist: 'hacktivists',
  'insider-accidental': 'unwitting-insider',
  'insider-disgruntled': 'witting-insider',
  criminal: 'criminal',
  'crime-syndicate': 'criminal',
  'nation-state': 'apt',
  spy: 'apt',
  unknown: 'unknown',
};

const DERIVE: Record<string, DeriveRule[]> = {
  functional_impact: [
    { from: 'attack_techniques', map: table(DENIAL, 'denial-of-non-critical-services') },
    {
      from: 'attack_techniques',
      map: table(['T1491', 'T1565'], 'significant-impact-to-non-critical-services'),
    },
  ],
  observed_activity: [{ from: 'kill_chain_phases', map: PHASE_TO_ACTIVITY }],
  actor_characterization: [{ from: 'threat_actor_types', map: ACTOR_TYPES }],
  information_impact: [
    { from: 'attack_techniques', map: table(DESTRUCTION, 'destruction-of-non-critical-system') },
    { from: 'attack_techniques', map: table(['T1003', 'T1558'], 'core-credential-compromise') },
    { from: 'kill_chain_phases', map: { exfiltration: 'suspected-but-not-identified' } },
  ],
  recoverability: [{ from: 'attack_techniques', map: table(DESTRUCTION.concat('T1490'), 'supplemented') }],
  cross_sector_dependency: [{ from: 'sectors', map: SECTOR_TO_DEPENDENCY }],
};

const FALLBACK: Record<string, ScoreCategory['fallback']> = {
  functional_impact: {
    option: 'minimal-impact-to-non-critical-services',
    reason: 'not supplied: an incident was notified but no effect on services was described',
    code: 'no-effect-described',
  },
  observed_activity: {
    option: 'engage',
    reason: 'not supplied: a notified incident has at least engaged',
    code: 'engaged-at-least',
  },
  location_of_observed_activity: {
    option: 'unknown',
    reason: 'not supplied: the model has an Unknown option',
    code: 'model-has-unknown',
  },
  actor_characterization: {
    option: 'unknown',
    reason: 'not supplied: the model has an Unknown option',
    code: 'model-has-unknown',
  },
  information_impact: {
    option: 'suspected-but-not-identified',
    reason: 'not supplied: data impact neither confirmed nor excluded',
    code: 'data-impact-open',
  },
  recoverability: {
    option: 'regular',
    reason: 'not supplied: no sign that extra resources are needed',
    code: 'no-extra-resources',
  },
  cross_sector_dependency: {
    option: null,
    reason: 'no victim sector known: left out of the mean rather than guessed',
    code: 'no-victim-sector',
  },
  potential_impact: {
    option: 'low',
    reason: 'not supplied: entity-specific impact is the victim party’s judgement',
    code: 'victim-judgement',
  },
};

const NAMES: Record<string, string> = Object.fromEntries(nciss.categories.map((c) => [c.id, c.name]));

function buildCategories(): ScoreCategory[] {
  const options = demo.options as Record<string, Record<string, number>>;
  return Object.entries(demo.weights as Record<string, number>).map(([id, weight]) => ({
    id,
    name: NAMES[id] ?? id,
    weight,
    options: Object.entries(options[id] ?? {}).map(([name, value]) => ({ id: slugify(name), name, value })),
    derive: DERIVE[id] ?? [],
    fallback: FALLBACK[id] ?? { option: null, reason: 'not supplied', code: 'not-supplied' },
  }));
}

/**
 * CISA's notional NCISS demo configuration as a Parley model. `provenance.published` is false because
 * the figures are notional, not CISA's operational configuration.
 */
export const NCISS_DEMO_MODEL: ScoreModel = Object.freeze({
  id: 'nciss-demo-notional',
  version: '1',
  name: 'NCISS demo configuration (notional)',
  provenance: Object.freeze({
    published: false,
    notional: true,
    source: demo.source,
    note:
      'Weights and option values of the CISA NCISS demo page, which CISA marks as notional; CISA’s ' +
      'operational weights are not published. Derivation rules and level bands are Parley’s own.',
  }),
  categories: Object.freeze(buildCategories()),
  bands: DEFAULT_LEVEL_BANDS,
});
