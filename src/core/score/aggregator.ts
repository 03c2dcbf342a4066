/**
 * The overall threat level per channel, per party and per sector, updated incrementally as scored
 * incidents arrive. Each scope keeps one decay cell per sector (O(1) per incident and cell), so a
 * reading at or after the latest incident costs O(sectors in the scope); earlier readings and
 * explanations replay the scope's incidents. Method: docs/threat-level.md.
 */
import { ValidationError } from '../errors.js';
import { DEFAULT_AGGREGATE_CONFIG } from './aggregate-config.js';
import { designatedWeightOf, explainFromIncidents } from './aggregate-explain.js';
import { historyFromIncidents, type HistoryQuery } from './aggregate-history.js';
import type {
  AggregateConfig,
  AggregateIncident,
  AggregateIncidentColumns,
  HistoryPoint,
  LevelExplanation,
  LevelReading,
  ScopeKind,
  ThreatScope,
} from './aggregate.types.js';
import { addToCell, lambdaOf, newCell, readCell, type DecayCell } from './decay-cell.js';
import { IdIndex } from './id-index.js';
import { IncidentTable, NO_NAME } from './incident-table.js';
import { detachedCopy, SliceMap } from './packed-strings.js';
import { levelFromScore, threatLevelName } from './levels.js';

/** Throws ValidationError SCORE_INPUT_INVALID unless the incident has an id, a finite time and a score in [0, 100]. */
function check(id: unknown, at: number, score: number): void {
  if (!(score >= 0 && score <= 100) || !Number.isFinite(at) || typeof id !== 'string') {
    throw new ValidationError(
      'SCORE_INPUT_INVALID',
      `incident ${String(id)}: needs an id, a finite time and a score in [0, 100]`,
    );
  }
}

interface ScopeState {
  readonly id: string;
  /** The id's code in the incident table (channel and party scopes). */
  readonly code: number;
  readonly cells: Map<string, DecayCell>;
  readonly members: number[];
  maxAt: number;
}

const NO_SECTOR: readonly string[] = [''];

export class ThreatLevelAggregator {
  readonly config: AggregateConfig;
  private readonly lambda: number;
  private readonly table: IncidentTable;
  private readonly ids: IdIndex;
  /** Channel and party scopes are found by slices of a scan page's text as well as by id. */
  private readonly named: Record<'channel' | 'party', SliceMap<ScopeState>> = {
    channel: new SliceMap(),
    party: new SliceMap(),
  };
  private readonly sectors = new Map<string, ScopeState>();

  /** `expectedIncidents` pre-sizes the id table (a hint, not a limit). */
  constructor(config: AggregateConfig = DEFAULT_AGGREGATE_CONFIG, expectedIncidents = 0) {
    this.config = config;
    this.table = new IncidentTable();
    this.ids = new IdIndex(
      (r, text, start, end) => this.table.idEquals(r, text, start, end),
      expectedIncidents,
    );
    this.lambda = lambdaOf(config);
  }

  get size(): number {
    return this.table.size;
  }

  /**
   * Adds one scored incident; returns false (and changes nothing) if its id was already added, since
   * envelopes may be delivered more than once. O(sectors of the incident).
   * Throws ValidationError SCORE_INPUT_INVALID on a score outside [0, 100] or a non-finite time.
   */
  add(incident: AggregateIncident): boolean {
    const { id, at, score, channel, party, sectors, designated } = incident;
    check(id, at, score);
    if (!this.ids.insert(id, this.table.size)) return false;
    const ch = channel === undefined ? undefined : this.namedScope('channel', channel, 0, channel.length, at);
    const pa = party === undefined ? undefined : this.namedScope('party', party, 0, party.length, at);
    this.feedAll(ch, pa, this.table.addChunk(id), 0, id.length, at, score, sectors, designated);
    return true;
  }

  /**
   * Adds incidents 0 … length−1 of `c` in that order, exactly as `add` would one by one (same
   * duplicates skipped, same floating-point sums), without a string or an object per incident.
   * Returns how many were new. Throws as `add` does; the incidents before the bad one stay added.
   */
  addColumns(c: AggregateIncidentColumns): number {
    const { id, channel, party, at, score, sectors, designated } = c;
    const chunk = this.table.addChunk(id.text);
    let added = 0;
    for (let i = 0; i < c.length; i++) {
      const s = id.start[i]!;
      const e = id.end[i]!;
      const t = at[i]!;
      const x = score[i]!;
      if (!(x >= 0 && x <= 100) || !Number.isFinite(t)) check(id.text.slice(s, e), t, x);
      if (!this.ids.insertSlice(id.text, s, e, this.table.size)) continue;
      const ch = this.namedScope('channel', channel.text, channel.start[i]!, channel.end[i]!, t);
      const pa = this.namedScope('party', party.text, party.start[i]!, party.end[i]!, t);
      this.feedAll(ch, pa, chunk, s, e, t, x, sectors[i], designated[i]);
      added++;
    }
    return added;
  }

  /** The channel or party scope `text.slice(start, end)`, created (empty) if new. */
  private namedScope(
    kind: 'channel' | 'party',
    text: string,
    start: number,
    end: number,
    at: number,
  ): ScopeState {
    const map = this.named[kind];
    let st = map.getSlice(text, start, end);
    if (st === undefined) {
      // A slice of a scan page would keep the page alive for as long as the scope lives.
      const id = detachedCopy(text.slice(start, end));
      st = { id, code: this.table.addName(id), cells: new Map(), members: [], maxAt: at };
      map.add(id, st);
    }
    return st;
  }

  /** Counts a new incident (its id already in the index) in its scopes, then stores it. */
  private feedAll(
    ch: ScopeState | undefined,
    pa: ScopeState | undefined,
    chunk: number,
    start: number,
    end: number,
    at: number,
    score: number,
    sectors: readonly string[] | undefined,
    designated: readonly string[] | undefined,
  ): void {
    const index = this.table.size;
    const cells = sectors !== undefined && sectors.length > 0 ? sectors : NO_SECTOR;
    const w = designatedWeightOf(designated, this.config);
    if (ch !== undefined) this.feed(ch, cells, index, at, score, w);
    if (pa !== undefined) this.feed(pa, cells, index, at, score, w);
    // Indexed loops: `cells` is a frozen shared list or a caller's array, and for-of over such a mix
    // is left to the generic array iterator.
    for (let k = 0; k < cells.length; k++)
      if (cells[k] !== '') this.feedSector(cells[k]!, index, at, score, w);
    const chCode = ch === undefined ? NO_NAME : ch.code;
    const paCode = pa === undefined ? NO_NAME : pa.code;
    this.table.push(chunk, start, end, at, score, chCode, paCode, sectors, designated);
  }

  private feed(
    st: ScopeState,
    sectors: readonly string[],
    index: number,
    at: number,
    score: number,
    w: number,
  ): void {
    st.members.push(index);
    if (at > st.maxAt) st.maxAt = at;
    for (let k = 0; k < sectors.length; k++) {
      const s = sectors[k]!;
      let cell = st.cells.get(s);
      if (cell === undefined) st.cells.set(s, (cell = newCell(at)));
      addToCell(cell, at, score, w, this.lambda);
    }
  }

  /** A sector scope has exactly one cell; this skips the per-sector array of feed. */
  private feedSector(sector: string, index: number, at: number, score: number, w: number): void {
    let st = this.sectors.get(sector);
    if (st === undefined)
      this.sectors.set(
        sector,
        (st = { id: sector, code: NO_NAME, cells: new Map([[sector, newCell(at)]]), members: [], maxAt: at }),
      );
    st.members.push(index);
    if (at > st.maxAt) st.maxAt = at;
    addToCell(st.cells.get(sector)!, at, score, w, this.lambda);
  }

  /** Whether an incident id has been added. */
  has(id: string): boolean {
    return this.ids.get(id) >= 0;
  }

  /** The scopes of a kind that have incidents, in the order they first had one. */
  scopeIds(kind: ScopeKind): string[] {
    return kind === 'sector' ? [...this.sectors.keys()] : this.named[kind].keys();
  }

  private scope(scope: ThreatScope): ScopeState | undefined {
    return scope.kind === 'sector' ? this.sectors.get(scope.id) : this.named[scope.kind].get(scope.id);
  }

  /**
   * The level of a scope at `now`. O(sectors in the scope) when `now` is at or after the scope's latest
   * incident; otherwise replays the scope's incidents up to `now`. An unknown scope reads 0 Baseline.
   */
  levelAt(scope: ThreatScope, now: number): LevelReading {
    const st = this.scope(scope);
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
    const st = this.scope(scope);
    return explainFromIncidents(scope, st === undefined ? [] : this.membersOf(st), now, this.config, limit);
  }

  /** Bucketed history for charts. Throws ValidationError THREAT_QUERY_INVALID (see checkHistoryQuery). */
  history(scope: ThreatScope, query: HistoryQuery): HistoryPoint[] {
    const st = this.scope(scope);
    return historyFromIncidents(scope, st === undefined ? [] : this.membersOf(st), query, this.config);
  }

  private membersOf(st: ScopeState): AggregateIncident[] {
    return st.members.map((i) => this.table.incident(i));
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
