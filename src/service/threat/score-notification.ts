/**
 * Scores the incidents of one `notify` envelope: NCISS on the bundle (sender's answers from Parley's
 * STIX extension, the rest derived), then matching against the designations the channel honours
 * (observables in designated ranges, domains, URLs and ASes; victim sectors through the crosswalk),
 * then the designated-infrastructure escalation (docs/threat-level.md §4).
 */
import {
  STIX_TAXONOMY_ID,
  translateSectors,
  atLeast,
  type DesignationIndex,
  type DesignationMatch,
  type TaxonomyRegistry,
} from '../../core/ci/index.js';
import {
  escalateForDesignated,
  factsFromStix,
  scoreStixIncident,
  type DesignatedEscalationRule,
  type LevelBands,
  type ScoreModel,
} from '../../core/score/index.js';
import type { Envelope } from '../../core/envelope/index.js';
import type { IncidentScoreRecord } from '../../store/threat.types.js';

export interface ScoringSetup {
  readonly model: ScoreModel;
  readonly registry: TaxonomyRegistry;
  readonly rule: DesignatedEscalationRule;
  readonly bands: LevelBands;
}

/** A stable, readable key for a matched designation entry (shown in explanations and alarms). */
export function entryKey(m: DesignationMatch): string {
  const asset = m.assetId !== undefined ? ` asset ${m.assetId}${m.assetName ? ` (${m.assetName})` : ''}` : '';
  return `${m.party} v${m.version}${asset} ${m.kind} ${m.entry}`;
}

/** Which taxonomy a template sector id belongs to: STIX values first, then the national taxonomies. */
function taxonomyOfSector(registry: TaxonomyRegistry, id: string): string | undefined {
  if (registry.taxonomies.get(STIX_TAXONOMY_ID)?.entries.some((e) => e.id === id)) return STIX_TAXONOMY_ID;
  for (const t of registry.taxonomies.values()) if (t.entries.some((e) => e.id === id)) return t.id;
  return undefined;
}

interface TemplateSectors {
  /** STIX sectors read from the template (directly, or translated at `partial` or better). */
  readonly stix: string[];
  readonly matches: DesignationMatch[];
}

/** The POC template's `affected_sectors` (any shipped taxonomy), matched and translated to STIX. */
function templateSectors(
  setup: ScoringSetup,
  index: DesignationIndex,
  template: Record<string, unknown>,
): TemplateSectors {
  const raw = Array.isArray(template.affected_sectors)
    ? template.affected_sectors.filter((x): x is string => typeof x === 'string')
    : [];
  const byTaxonomy = new Map<string, string[]>();
  for (const s of raw) {
    const t = taxonomyOfSector(setup.registry, s);
    if (t) byTaxonomy.set(t, [...(byTaxonomy.get(t) ?? []), s]);
  }
  const stix: string[] = [];
  const matches: DesignationMatch[] = [];
  for (const [t, sectors] of byTaxonomy) {
    matches.push(...index.matchSectors(setup.registry, sectors, t));
    if (t === STIX_TAXONOMY_ID) stix.push(...sectors);
    else
      stix.push(
        ...translateSectors(setup.registry, sectors, t, STIX_TAXONOMY_ID)
          .mappings.filter((m) => atLeast(m.confidence, 'partial'))
          .map((m) => m.to),
      );
  }
  return { stix, matches };
}

function dedupe(matches: readonly DesignationMatch[]): DesignationMatch[] {
  const seen = new Map<string, DesignationMatch>();
  for (const m of matches) {
    const k = entryKey(m);
    const prev = seen.get(k);
    if (prev === undefined) seen.set(k, m);
  }
  return [...seen.values()];
}

/**
 * One record per incident of the bundle (none without a bundle or incident). Never throws for bad
 * content: an incident that cannot be scored is reported in `problems`.
 */
export function scoreNotification(
  setup: ScoringSetup,
  index: DesignationIndex,
  envelope: Envelope,
  envelopeHash: string,
): { records: IncidentScoreRecord[]; problems: string[] } {
  const body = envelope.body as { template?: Record<string, unknown>; bundle?: { objects?: unknown[] } };
  const objects = Array.isArray(body.bundle?.objects) ? body.bundle.objects : [];
  const template = body.template ?? {};
  const incidents = objects.filter(
    (o): o is { type: 'incident'; id: string; name?: unknown } =>
      (o as { type?: unknown } | null)?.type === 'incident' && typeof (o as { id?: unknown }).id === 'string',
  );
  const records: IncidentScoreRecord[] = [];
  const problems: string[] = [];
  if (incidents.length === 0) return { records, problems };
  const observed = index.matchStixObjects(objects);
  const fromTemplate = templateSectors(setup, index, template);
  for (const inc of incidents) {
    try {
      const scored = scoreStixIncident(setup.model, objects, inc.id);
      const victim = factsFromStix(objects, inc.id).sectors;
      const sectors = [...new Set([...victim, ...fromTemplate.stix])];
      const matches = dedupe([
        ...observed.flatMap((o) => o.matches),
        ...index.matchSectors(setup.registry, victim, STIX_TAXONOMY_ID),
        ...fromTemplate.matches,
      ]);
      const esc = escalateForDesignated(scored.score, matches, setup.rule, setup.bands);
      const concerned = esc.applied[0]?.party ?? envelope.author;
      const name =
        typeof inc.name === 'string' && inc.name !== ''
          ? inc.name
          : typeof template.incident_description === 'string'
            ? template.incident_description.slice(0, 200)
            : inc.id;
      records.push({
        envelopeHash,
        incidentId: inc.id,
        channel: envelope.channel,
        author: envelope.author,
        party: concerned,
        at: Date.parse(envelope.created),
        original: scored.score,
        score: esc.score,
        level: esc.level,
        sectors,
        designated: esc.applied.map(entryKey),
        name,
        detail: JSON.stringify({
          score: scored,
          observables: observed.map((o) => ({ observable: o.observable, entries: o.matches.map(entryKey) })),
          escalation: esc,
          template_claim:
            typeof template.severity_assessment === 'number'
              ? { severity_assessment: template.severity_assessment }
              : undefined,
          template_designated_claim:
            typeof template.affected_asset_is_designated_ci === 'boolean'
              ? template.affected_asset_is_designated_ci
              : undefined,
        }),
      });
    } catch (e) {
      problems.push(`${inc.id}: ${(e as Error).message}`);
    }
  }
  return { records, problems };
}
