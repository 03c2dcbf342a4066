/**
 * The overall threat level per channel, per party and per sector, updated incrementally as scored
 * incidents arrive. Each scope keeps one decay cell per sector (O(1) per incident and cell), so a
 * reading at or after the latest incident costs O(sectors in the scope); earlier readings and
 * explanations replay the scope's incidents. Method: docs/threat-level.md.
 */
import { ValidationError } from '../errors.js';
import { DEFAULT_AGGREGATE_CONFIG } from './aggregate-config.js';
import { explainFromIncidents, weightOf } from './aggregate-explain.js';
import { historyFromIncidents, type HistoryQuery } from './aggregate-history.js';
import type {
  AggregateConfig,
  AggregateIncident,
  HistoryPoint,
  LevelExplanation,
  LevelReading,
  ScopeKind,
  ThreatScope,
} from './aggregate.types.js';
import { addToCell, lambdaOf, newCell, readCell, type DecayCell } from './decay-cell.js';
import { IdIndex } from './id-index.js';
import { levelFromScore, threatLevelName } from './levels.js';

interface ScopeState {
  readonly cells: Map<string, DecayCell>;
  readonly members: number[];
  maxAt: number;
}

const NO_SECTOR: readonly string[] = [''];

export class ThreatLevelAggregator {
  readonly config: AggregateConfig;
  private readonly lambda: number;
  private readonly records: AggregateIncident[] = [];
  private readonly ids: IdIndex;
  private readonly scopes: Record<ScopeKind, Map<string, ScopeState>> = {
    channel: new Map(),
    party: new Map(),
    sector: new Map(),
  };

  /** `expectedIncidents` pre-sizes the id table (a hint, not a limit). */
  constructor(config: AggregateConfig = DEFAULT_AGGREGATE_CONFIG, expectedIncidents = 0) {
    this.config = config;
    this.ids = new IdIndex((i) => this.records[i]!.id, expectedIncidents);
    this.lambda = lambdaOf(config);
  }

  get size(): number {
    return this.records.length;
  }

  /**
   * Adds one scored incident; returns false (and changes nothing) if its id was already added, since
   * envelopes may be delivered more than once. O(sectors of the incident).
   * Throws ValidationError SCORE_INPUT_INVALID on a score outside [0, 100] or a non-finite time.
   */
  add(incident: AggregateIncident): boolean {
    const { score, at } = incident;
    if (!(score >= 0 && score <= 100) || !Number.isFinite(at) || typeof incident.id !== 'string') {
      throw new ValidationError(
        'SCORE_INPUT_INVALID',
        `incident ${String(incident.id)}: needs an id, a finite time and a score in [0, 100]`,
      );
    }
    const index = this.records.length;
    if (!this.ids.insert(incident.id, index)) return false;
    this.records.push(incident);
    const sectors =
      incident.sectors !== undefined && incident.sectors.length > 0 ? incident.sectors : NO_SECTOR;
    const w = weightOf(incident, this.config);
    if (incident.channel !== undefined)
      this.feed(this.scopes.channel, incident.channel, sectors, index, at, score, w);
    if (incident.party !== undefined)
      this.feed(this.scopes.party, incident.party, sectors, index, at, score, w);
    for (const s of sectors) if (s !== '') this.feedSector(s, index, at, score, w);
    return true;
  }

  private feed(
    map: Map<string, ScopeState>,
    id: string,
    sectors: readonly string[],
    index: number,
    at: number,
    score: number,
    w: number,
  ): void {
    let st = map.get(id);
    if (st === undefined) map.set(id, (st = { cells: new Map(), members: [], maxAt: at }));
    st.members.push(index);
    if (at > st.maxAt) st.maxAt = at;
    for (const s of sectors) {
      let cell = st.cells.get(s);
      if (cell === undefined) st.cells.set(s, (cell = newCell(at)));
      addToCell(cell, at, score, w, this.lambda);
    }
  }

  /** A sector scope has exactly one cell; this skips the per-sector array of feed. */
  private feedSector(sector: string, index: number, at: number, score: number, w: number): void {
    let st = this.scopes.sector.get(sector);
    if (st === undefined)
      this.scopes.sector.set(
        sector,
        (st = { cells: new Map([[sector, newCell(at)]]), members: [], maxAt: at }),
      );
    st.members.push(index);
    if (at > st.maxAt) st.maxAt = at;
    addToCell(st.cells.get(sector)!, at, score, w, this.lambda);
  }

  /** Whether an incident id has been added. */
  has(id: string): boolean {
    return this.ids.get(id) >= 0;
  }

  /** The scopes of a kind that have incidents. */
  scopeIds(kind: ScopeKind): string[] {
    return [...this.scopes[kind].keys()];
  }

  /**
   * The level of a scope at `now`. O(sectors in the scope) when `now` is at or after the scope's latest
   * incident; otherwise replays the scope's incidents up to `now`. An unknown scope reads 0 Baseline.
   */
  levelAt(scope: ThreatScope, now: number): LevelReading {
    const st = this.scopes[scope.kind].get(scope.id);
    if (st !== undefined && now < st.maxAt) {
      const e = explainFromIncidents(scope, this.membersOf(st), now, this.config, 0);
      return {
        scope,
        at: now,
        score: e.score,
        level: e.level,
        levelName: e.levelName,
        sector: e.sector,
        peak: e.peak,
        boost: e.boost,
      };
    }
    let best = { score: 0, peak: 0, boost: 0 };
    let sector: string | null = null;
    if (st !== undefined) {
      for (const [key, cell] of st.cells) {
        const r = readCell(cell, now, key !== '', this.config, this.lambda);
        if (sector === null || r.score > best.score) {
          best = r;
          sector = key;
        }
      }
    }
    const level = levelFromScore(best.score, this.config.bands);
    return {
      scope,
      at: now,
      score: best.score,
      level,
      levelName: threatLevelName(level),
      sector,
      peak: best.peak,
      boost: best.boost,
    };
  }

  /** The level at `now` with every factor: sectors, peak, correlation, each incident's contribution. */
  explainAt(scope: ThreatScope, now: number, limit = 50): LevelExplanation {
    const st = this.scopes[scope.kind].get(scope.id);
    return explainFromIncidents(scope, st === undefined ? [] : this.membersOf(st), now, this.config, limit);
  }

  /** Bucketed history for charts. Throws ValidationError THREAT_QUERY_INVALID (see checkHistoryQuery). */
  history(scope: ThreatScope, query: HistoryQuery): HistoryPoint[] {
    const st = this.scopes[scope.kind].get(scope.id);
    return historyFromIncidents(scope, st === undefined ? [] : this.membersOf(st), query, this.config);
  }

  private membersOf(st: ScopeState): AggregateIncident[] {
    return st.members.map((i) => this.records[i]!);
  }
}

/** Builds the aggregate from stored incidents (e.g. at start-up, or after a config change). */
export function recomputeThreatLevels(
  incidents: Iterable<AggregateIncident>,
  config: AggregateConfig = DEFAULT_AGGREGATE_CONFIG,
): ThreatLevelAggregator {
  const agg = new ThreatLevelAggregator(config, Array.isArray(incidents) ? incidents.length : 0);
  for (const inc of incidents) agg.add(inc);
  return agg;
}
