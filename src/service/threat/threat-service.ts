/**
 * The threat level and critical-infrastructure features of a node: the overall level per channel,
 * party and sector (kept in memory, updated as `notify` envelopes are projected, rebuilt from the
 * store at start), published assessments beside it, and designations with their acks and objections.
 * Method: docs/threat-level.md, docs/critical-infrastructure.md.
 */
import {
  createTaxonomyRegistry,
  diffDesignations,
  parseDesignation,
  translateSectors,
  type DesignationDiff,
  type DesignationMatch,
  type SectorTranslation,
  type TaxonomyRegistry,
} from '../../core/ci/index.js';
import { DEFAULT_CLOCK_SKEW_SECONDS } from '../../core/deadline/index.js';
import type { EnvelopeKind, ParsedEnvelope } from '../../core/envelope/index.js';
import { ValidationError } from '../../core/errors.js';
import type { JsonObject } from '../../core/jcs/index.js';
import {
  computeIncidentScore,
  DEFAULT_AGGREGATE_CONFIG,
  DEFAULT_DESIGNATED_ESCALATION,
  EMPTY_FACTS,
  NCISS_DEMO_MODEL,
  ThreatLevelAggregator,
  type AggregateConfig,
  type DesignatedEscalationRule,
  type HistoryPoint,
  type IncidentFacts,
  type IncidentScore,
  type LevelExplanation,
  type LevelReading,
  type ScopeKind,
  type ScoreInputs,
  type ScoreModel,
  type ThreatScope,
} from '../../core/score/index.js';
import type { Store } from '../../store/index.js';
import type { AssessmentRecord, IncidentScoreRecord } from '../../store/threat.types.js';
import { arrivalOf } from '../dialogue/arrival.js';
import { parsePolicy, type DialogueExtension } from '../dialogue/context.js';
import { dueTimesOf } from '../dialogue/due-times.js';
import type { Clock, Logger } from '../ports.js';
import { DesignationBook, type DesignationVersion } from './designation-book.js';
import { notificationView, type NotificationView } from './incident-view.js';
import { ThreatNotFoundError } from './threat-error.js';
import { projectThreat, THREAT_KINDS } from './threat-projector.js';
import { backfillThreat, catchUpAggregate, toAggregate } from './threat-rebuild.js';

export type ThreatSender = (
  channel: string,
  input: { kind: EnvelopeKind; body: JsonObject; refs?: readonly string[] },
) => Promise<ParsedEnvelope>;

export interface ThreatServiceDeps {
  readonly store: Store;
  readonly partyId: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly model?: ScoreModel;
  readonly aggregate?: AggregateConfig;
  readonly escalation?: DesignatedEscalationRule;
  readonly registry?: TaxonomyRegistry;
  /** The dialogue's clock-skew tolerance, which bounds deadline anchors on a receiving node. */
  readonly clockSkewSeconds?: number;
}

export interface PublishedLevel {
  readonly party: string;
  readonly channel: string;
  readonly level: number;
  readonly score: number | undefined;
  readonly rationale: string;
  readonly created: string;
  readonly envelopeHash: string;
}

/** A computed level with the parties' latest published levels for the same scope, side by side. */
export interface LevelView extends LevelReading {
  readonly name: string | undefined;
  readonly published: readonly PublishedLevel[];
}

export interface ExplainedIncident {
  readonly id: string;
  readonly incidentId: string;
  readonly channel: string;
  readonly name: string | undefined;
  readonly envelopeHash: string | undefined;
  readonly author: string | undefined;
  readonly original: number | undefined;
}

export interface DesignationInput {
  readonly taxonomy: string;
  readonly sectors: readonly string[];
  readonly assets: readonly JsonObject[];
  readonly version?: number;
}

export interface MatchQuery {
  readonly observables?: readonly { readonly type: string; readonly value: string | number }[];
  readonly sectors?: readonly string[];
  readonly taxonomy?: string;
}

export class ThreatService {
  readonly registry: TaxonomyRegistry;
  readonly model: ScoreModel;
  readonly config: AggregateConfig;
  readonly book: DesignationBook;
  /** Hook for the dialogue: every stored envelope passes here (see DialogueExtension). */
  readonly extension: DialogueExtension;
  private aggregator: ThreatLevelAggregator;
  private loading: Promise<void> | undefined;
  /** How far the aggregate has read the stored incidents (see catchUpAggregate). */
  private cursor = 0;
  private sender: ThreatSender | undefined;
  private readonly rule: DesignatedEscalationRule;

  constructor(private readonly deps: ThreatServiceDeps) {
    this.registry = deps.registry ?? createTaxonomyRegistry();
    this.model = deps.model ?? NCISS_DEMO_MODEL;
    this.config = deps.aggregate ?? DEFAULT_AGGREGATE_CONFIG;
    this.rule = deps.escalation ?? DEFAULT_DESIGNATED_ESCALATION;
    this.book = new DesignationBook(deps.store.threat);
    this.aggregator = new ThreatLevelAggregator(this.config);
    this.extension = { name: 'threat', project: async (_ctx, p) => this.project(p) };
  }

  /** Gives the service a way to send envelopes (the dialogue's `send`). */
  attach(sender: ThreatSender): void {
    this.sender = sender;
  }

  /** Rebuilds the aggregate from the store once (backfilling envelopes stored before this feature). */
  ready(): Promise<void> {
    return (this.loading ??= (async () => {
      await backfillThreat(this.deps.store, (p) => this.apply(p, false), this.deps.logger);
      const agg = new ThreatLevelAggregator(this.config, await this.deps.store.threat.countIncidentScores());
      this.cursor = await catchUpAggregate(this.deps.store.threat, agg, 0);
      this.aggregator = agg;
    })().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    }));
  }

  /** The aggregate, with whatever other processes stored since the last read. */
  private async current(): Promise<ThreatLevelAggregator> {
    await this.ready();
    this.cursor = await catchUpAggregate(this.deps.store.threat, this.aggregator, this.cursor);
    return this.aggregator;
  }

  /** Projects one stored envelope (own or a peer's). Idempotent. */
  async project(p: ParsedEnvelope): Promise<void> {
    if (!THREAT_KINDS.has(p.envelope.kind)) return;
    await this.ready();
    await this.apply(p, true);
  }

  private async apply(p: ParsedEnvelope, live: boolean): Promise<void> {
    const { store, logger } = this.deps;
    const out = await projectThreat(
      {
        store: store.threat,
        book: this.book,
        setup: { model: this.model, registry: this.registry, rule: this.rule, bands: this.config.bands },
        registry: this.registry,
        logger,
      },
      p,
    );
    if (out.kind === 'designations') await this.noteObjection(p);
    if (out.kind !== 'incidents') return;
    for (const [i, r] of out.records.entries()) {
      if (live) this.aggregator.add(toAggregate(r));
      if (r.designated.length > 0 && out.fresh[i]) await this.flag(p, r);
    }
  }

  /** Another member objected to this party's designation: someone here must answer it. */
  private async noteObjection(p: ParsedEnvelope): Promise<void> {
    const e = p.envelope;
    const b = e.body as { party?: unknown; version?: unknown; reasons?: unknown };
    if (e.kind !== 'designation-objection' || b.party !== this.deps.partyId || e.author === this.deps.partyId)
      return;
    const reasons = Array.isArray(b.reasons)
      ? b.reasons.filter((x): x is string => typeof x === 'string')
      : [];
    await this.deps.store.dialogue.raiseAlarm({
      kind: 'designation-objection',
      severity: 'warning',
      channel: e.channel,
      subject: p.hashHex,
      message: `${e.author} objects to version ${String(b.version)} of this party's designation: ${reasons.join('; ')}`,
      raisedAt: this.deps.clock.now().toISOString(),
    });
  }

  /**
   * An incident on designated infrastructure: a shorter receipt deadline and an alarm naming the
   * entry. The deadline counts like the channel's own (due-times.ts): from the signed `created`
   * on the author's node, from the arrival within the skew tolerance on a receiver, so that a
   * notification signed by a clock hours behind is not overdue on arrival. The arrival is the
   * stored time (arrivalOf), so that a replay after a crash or the backfill at a later start
   * moves the deadline to the same instant as a prompt projection would have.
   */
  private async flag(p: ParsedEnvelope, r: IncidentScoreRecord): Promise<void> {
    const d = this.deps.store.dialogue;
    const channel = await d.getChannel(r.channel);
    const policy = channel ? parsePolicy(channel.policy) : undefined;
    if (policy?.ci_receipt_deadline_s !== undefined) {
      const receivedAt = await arrivalOf(this.deps.store, this.deps.partyId, p, this.deps.clock);
      const due = dueTimesOf(
        p.envelope,
        { ...policy, receipt_deadline_s: policy.ci_receipt_deadline_s },
        receivedAt,
        this.deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
      );
      await d.setReceiptDue(p.hashHex, due.receiptDueAt);
    }
    const { created } = await d.raiseAlarm({
      kind: 'designated-infrastructure',
      severity: 'critical',
      channel: r.channel,
      subject: `${p.hashHex}:${r.incidentId}`,
      message: `incident "${r.name}" (${r.incidentId}) notified by ${r.author} affects designated critical infrastructure: ${r.designated.join('; ')}; score ${r.original.toFixed(1)} -> ${r.score.toFixed(1)}`,
      raisedAt: this.deps.clock.now().toISOString(),
    });
    if (created)
      this.deps.logger.warn(
        {
          event: 'designated-infrastructure',
          channel: r.channel,
          hash: p.hashHex.slice(0, 16),
          incident: r.incidentId,
          entries: r.designated,
        },
        'incident affects designated infrastructure',
      );
  }

  private now(at?: number): number {
    return at ?? this.deps.clock.now().getTime();
  }

  // ---- threat levels -------------------------------------------------------------------------

  /** Every scope of the given kinds with incidents, read now (or at `at`), with published levels. */
  async levels(
    kinds: readonly ScopeKind[] = ['channel', 'party', 'sector'],
    at?: number,
  ): Promise<LevelView[]> {
    const agg = await this.current();
    const now = this.now(at);
    const assessments = await this.deps.store.threat.listAssessments({ limit: 10_000 });
    const out: LevelView[] = [];
    for (const kind of kinds) {
      const ids = new Set(agg.scopeIds(kind));
      // A level a party published before any incident was scored here must still be seen (beside a computed 0).
      for (const a of assessments) if (a.scopeKind === kind) ids.add(a.scopeId);
      for (const id of [...ids].sort())
        out.push(await this.view(agg.levelAt({ kind, id }, now), assessments));
    }
    return out;
  }

  async level(scope: ThreatScope, at?: number): Promise<LevelView> {
    const agg = await this.current();
    return this.view(
      agg.levelAt(scope, this.now(at)),
      await this.deps.store.threat.listAssessments({ limit: 10_000 }),
    );
  }

  private async view(r: LevelReading, assessments: readonly AssessmentRecord[]): Promise<LevelView> {
    const latest = new Map<string, AssessmentRecord>();
    for (const a of assessments) {
      if (a.scopeKind !== r.scope.kind || a.scopeId !== r.scope.id) continue;
      if (!latest.has(a.party)) latest.set(a.party, a);
    }
    const published = [...latest.values()].map((a) => ({
      party: a.party,
      channel: a.channel,
      level: a.level,
      score: a.score,
      rationale: a.rationale,
      created: a.created,
      envelopeHash: a.envelopeHash,
    }));
    return { ...r, name: await this.nameOf(r.scope), published };
  }

  private async nameOf(scope: ThreatScope): Promise<string | undefined> {
    if (scope.kind === 'channel') return (await this.deps.store.dialogue.getChannel(scope.id))?.name;
    if (scope.kind === 'party') return (await this.deps.store.getParty(scope.id))?.name;
    return this.registry.taxonomies.get('stix-industry-sector-ov')?.entries.find((e) => e.id === scope.id)
      ?.name;
  }

  /** The level with every factor, each incident named (and the designation entries it matched). */
  async explain(
    scope: ThreatScope,
    opts: { at?: number; limit?: number } = {},
  ): Promise<LevelExplanation & { names: ExplainedIncident[]; published: readonly PublishedLevel[] }> {
    const e = (await this.current()).explainAt(scope, this.now(opts.at), opts.limit ?? 50);
    const names: ExplainedIncident[] = [];
    for (const c of e.incidents) {
      const cut = c.id.indexOf('|');
      const channel = c.id.slice(0, cut);
      const incidentId = c.id.slice(cut + 1);
      const r = await this.deps.store.threat.findIncidentScore(channel, incidentId);
      names.push({
        id: c.id,
        incidentId,
        channel,
        name: r?.name,
        envelopeHash: r?.envelopeHash,
        author: r?.author,
        original: r?.original,
      });
    }
    const { published } = await this.view(e, await this.deps.store.threat.listAssessments({ limit: 10_000 }));
    return { ...e, names, published };
  }

  async history(
    scope: ThreatScope,
    q: { from?: number; to?: number; bucketMs?: number } = {},
  ): Promise<HistoryPoint[]> {
    const agg = await this.current();
    const to = q.to ?? this.now();
    const bucketMs = q.bucketMs ?? 86_400_000;
    return agg.history(scope, { from: q.from ?? to - 30 * bucketMs, to, bucketMs });
  }

  /** Scored incidents, newest first, with their explanation (score categories, matches, escalation). */
  async incidents(
    filter: { channel?: string; flagged?: boolean; limit?: number } = {},
  ): Promise<(Omit<IncidentScoreRecord, 'detail'> & { detail: unknown })[]> {
    const rows = await this.deps.store.threat.listIncidentScores({ ...filter, limit: filter.limit ?? 100 });
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
  }

  /** A notification's scored incidents with the STIX objects and template it carried (the incident page). */
  notification(hashHex: string): Promise<NotificationView> {
    return notificationView(this.deps.store, hashHex);
  }

  /**
   * Scores answers with this node's model without storing anything (the report form's live score):
   * missing categories are derived from `facts` exactly as for a received notification.
   * Throws ValidationError SCORE_INPUT_INVALID listing every unknown category or option.
   */
  preview(inputs: ScoreInputs, facts: Partial<IncidentFacts> = {}): IncidentScore {
    return computeIncidentScore(this.model, inputs, { ...EMPTY_FACTS, ...facts });
  }

  // ---- assessments ---------------------------------------------------------------------------

  /** Published assessments, newest first, each with the computed level of its scope now. */
  async assessments(
    filter: { channel?: string; party?: string; limit?: number } = {},
  ): Promise<(AssessmentRecord & { computed: LevelReading })[]> {
    const agg = await this.current();
    const now = this.now();
    const rows = await this.deps.store.threat.listAssessments({ ...filter, limit: filter.limit ?? 100 });
    return rows.map((a) => ({ ...a, computed: agg.levelAt({ kind: a.scopeKind, id: a.scopeId }, now) }));
  }

  /** Publishes this party's own level for a scope, signed, in a channel. */
  publishAssessment(
    channel: string,
    a: { scope: ThreatScope; level: number; score?: number; rationale: string },
  ): Promise<ParsedEnvelope> {
    if (!Number.isInteger(a.level) || a.level < 0 || a.level > 5)
      throw new ValidationError('THREAT_QUERY_INVALID', `level must be an integer 0-5, got ${a.level}`);
    return this.send(channel, {
      kind: 'assessment',
      body: {
        scope: { kind: a.scope.kind, id: a.scope.id },
        level: a.level,
        ...(a.score === undefined ? {} : { score: a.score }),
        rationale: a.rationale,
      },
    });
  }

  private send(
    channel: string,
    input: { kind: EnvelopeKind; body: JsonObject; refs?: readonly string[] },
  ): Promise<ParsedEnvelope> {
    if (!this.sender) throw new Error('threat service has no dialogue to send with');
    return this.sender(channel, input);
  }

  // ---- designations --------------------------------------------------------------------------

  /** Every designation version in a channel (or all), with acks and objections. */
  async designations(channel?: string): Promise<DesignationVersion[]> {
    if (channel !== undefined) return [...(await this.book.of(channel)).versions];
    const channels = [...new Set((await this.deps.store.threat.listDesignations({})).map((d) => d.channel))];
    return (await Promise.all(channels.map(async (c) => (await this.book.of(c)).versions))).flat();
  }

  /** One version (the latest when `version` is omitted). Throws NOT_FOUND. */
  async designation(channel: string, party: string, version?: number): Promise<DesignationVersion> {
    const list = (await this.book.of(channel)).versions.filter((v) => v.party === party);
    const v =
      version === undefined
        ? list.sort((a, b) => b.version - a.version)[0]
        : list.find((x) => x.version === version);
    if (!v)
      throw new ThreatNotFoundError(
        `designation of ${party}${version === undefined ? '' : ` version ${version}`} in ${channel}`,
      );
    return v;
  }

  /** The versions matched against now, per party. */
  async honoured(channel: string): Promise<DesignationVersion[]> {
    return [...(await this.book.of(channel)).honoured];
  }

  /**
   * Sends this party's designation (the next version unless given). Checked first with
   * parseDesignation against the taxonomies; throws ValidationError DESIGNATION_INVALID.
   */
  async designate(channel: string, input: DesignationInput): Promise<ParsedEnvelope> {
    const mine = (await this.book.of(channel)).versions.filter((v) => v.party === this.deps.partyId);
    const latest = mine.reduce((m, v) => Math.max(m, v.version), 0);
    const version = input.version ?? latest + 1;
    if (version <= latest)
      throw new ValidationError(
        'DESIGNATION_INVALID',
        `version ${version} is not after the latest version ${latest} in ${channel}`,
      );
    const raw = {
      party: this.deps.partyId,
      version,
      taxonomy: input.taxonomy,
      sectors: [...input.sectors],
      assets: [...input.assets],
    };
    const d = parseDesignation(raw, this.registry.taxonomies.has(input.taxonomy) ? this.registry : undefined);
    return this.send(channel, { kind: 'designation', body: JSON.parse(JSON.stringify(d)) as JsonObject });
  }

  /** Acknowledges a version of another party's designation (the latest when omitted). */
  async acknowledge(channel: string, party: string, version?: number): Promise<ParsedEnvelope> {
    const v = await this.designation(channel, party, version);
    return this.send(channel, {
      kind: 'designation-ack',
      refs: [v.envelopeHash],
      body: { party, version: v.version, designation: v.envelopeHash },
    });
  }

  /** A signed objection to a version, with reasons. */
  async object(
    channel: string,
    party: string,
    version: number,
    reasons: readonly string[],
  ): Promise<ParsedEnvelope> {
    if (reasons.length === 0 || reasons.some((r) => r.trim() === ''))
      throw new ValidationError('DESIGNATION_INVALID', 'an objection needs at least one non-empty reason');
    const v = await this.designation(channel, party, version);
    return this.send(channel, {
      kind: 'designation-objection',
      refs: [v.envelopeHash],
      body: { party, version: v.version, designation: v.envelopeHash, reasons: [...reasons] },
    });
  }

  /** What changed between two versions of a party's designation. */
  async diff(channel: string, party: string, from: number, to: number): Promise<DesignationDiff> {
    const a = await this.designation(channel, party, from);
    const b = await this.designation(channel, party, to);
    return diffDesignations(a.designation, b.designation);
  }

  /** How sectors of one taxonomy read in another. Throws TAXONOMY_INVALID for an unknown taxonomy. */
  crosswalk(sectors: readonly string[], from: string, to: string): SectorTranslation {
    return translateSectors(this.registry, sectors, from, to);
  }

  /**
   * How a designation version reads in another taxonomy: its whole sectors and each asset's sector.
   * A designation in a taxonomy this node has not loaded (another party's own) is not guessed at: its
   * sector ids come back as given, every one under `unknown`, and `unknownTaxonomy` names the taxonomy.
   */
  async crosswalkDesignation(
    channel: string,
    party: string,
    to: string,
    version?: number,
  ): Promise<{
    designation: DesignationVersion;
    sectors: SectorTranslation;
    assets: { id: string; name: string; sector: string; translation: SectorTranslation }[];
    unknownTaxonomy?: string;
  }> {
    const v = await this.designation(channel, party, version);
    const d = v.designation;
    if (!this.registry.taxonomies.has(to))
      throw new ValidationError('TAXONOMY_INVALID', `unknown taxonomy "${to}"`);
    if (!this.registry.taxonomies.has(d.taxonomy)) {
      const raw = (sectors: readonly string[]): SectorTranslation => ({
        from: d.taxonomy,
        to,
        mappings: [],
        unmapped: [],
        unknown: [...sectors],
      });
      return {
        designation: v,
        sectors: raw(d.sectors),
        assets: d.assets.map((a) => ({
          id: a.id,
          name: a.name,
          sector: a.sector,
          translation: raw([a.sector]),
        })),
        unknownTaxonomy: d.taxonomy,
      };
    }
    return {
      designation: v,
      sectors: translateSectors(this.registry, d.sectors, d.taxonomy, to),
      assets: d.assets.map((a) => ({
        id: a.id,
        name: a.name,
        sector: a.sector,
        translation: translateSectors(this.registry, [a.sector], d.taxonomy, to),
      })),
    };
  }

  taxonomies(): {
    id: string;
    title: string;
    builtin: boolean;
    entries: number;
    sources: readonly string[];
    caveats: readonly string[];
  }[] {
    return [...this.registry.taxonomies.values()].map((t) => ({
      id: t.id,
      title: t.title,
      builtin: t.builtin,
      entries: t.entries.length,
      sources: t.sources,
      caveats: t.caveats,
    }));
  }

  /** Matches observables and sectors against the designations a channel honours. */
  async match(
    channel: string,
    q: MatchQuery,
  ): Promise<{
    observables: {
      observable: { type: string; value: string | number };
      matches: readonly DesignationMatch[];
    }[];
    sectors: DesignationMatch[];
  }> {
    const { index } = await this.book.of(channel);
    const observables = (q.observables ?? []).map((o) => ({
      observable: o,
      matches: index.matchObservable(
        o.type === 'autonomous-system'
          ? {
              type: o.type,
              number: typeof o.value === 'number' ? o.value : Number(String(o.value).replace(/^AS/i, '')),
            }
          : { type: o.type, value: o.value },
      ),
    }));
    const sectors = q.sectors?.length
      ? index.matchSectors(this.registry, q.sectors, q.taxonomy ?? 'stix-industry-sector-ov')
      : [];
    return { observables, sectors };
  }
}
