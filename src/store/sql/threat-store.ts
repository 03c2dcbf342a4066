import type {
  AssessmentRecord,
  DesignationRecord,
  DesignationResponseKind,
  DesignationResponseRecord,
  IncidentScoreColumns,
  IncidentScoreRecord,
  ThreatStore,
} from '../threat.types.js';
import { asNumber, asString, type SqlExecutor, type SqlRow, type SqlValue } from './sql-executor.js';
import { ListCache, scanIncidentPage } from './threat-scan.js';

const asFloat = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
/** Lists of ids that never hold a newline (sector ids, designation entry keys) are kept as one text. */
const joinList = (xs: readonly string[]): string => xs.join('\n');
const splitList = (v: unknown): string[] => {
  const s = asString(v);
  return s === '' ? [] : s.split('\n');
};

const designationOf = (r: SqlRow): DesignationRecord => ({
  channel: asString(r.channel),
  party: asString(r.party),
  version: asNumber(r.version),
  taxonomy: asString(r.taxonomy),
  body: asString(r.body),
  envelopeHash: asString(r.envelope_hash),
  created: asString(r.created),
});

const responseOf = (r: SqlRow): DesignationResponseRecord => ({
  channel: asString(r.channel),
  party: asString(r.party),
  version: asNumber(r.version),
  responder: asString(r.responder),
  kind: asString(r.kind) as DesignationResponseKind,
  reasons: JSON.parse(asString(r.reasons)) as string[],
  envelopeHash: asString(r.envelope_hash),
  created: asString(r.created),
});

const incidentOf = (r: SqlRow): IncidentScoreRecord => ({
  envelopeHash: asString(r.envelope_hash),
  incidentId: asString(r.incident_id),
  channel: asString(r.channel),
  author: asString(r.author),
  party: asString(r.party),
  at: asNumber(r.at_ms),
  original: asFloat(r.original),
  score: asFloat(r.score),
  level: asNumber(r.level),
  sectors: splitList(r.sectors),
  designated: splitList(r.designated),
  name: asString(r.name),
  detail: r.detail === undefined ? '' : asString(r.detail),
});

const assessmentOf = (r: SqlRow): AssessmentRecord => ({
  envelopeHash: asString(r.envelope_hash),
  channel: asString(r.channel),
  party: asString(r.party),
  scopeKind: asString(r.scope_kind) as AssessmentRecord['scopeKind'],
  scopeId: asString(r.scope_id),
  level: asNumber(r.level),
  score: r.score === null || r.score === undefined ? undefined : asFloat(r.score),
  rationale: asString(r.rationale),
  created: asString(r.created),
});

/** Builds `WHERE a = ? AND b = ?` from the filter's defined values. */
function where(filter: Record<string, SqlValue | undefined>): { text: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const [col, v] of Object.entries(filter)) {
    if (v === undefined) continue;
    parts.push(`${col} = ?`);
    params.push(v);
  }
  return { text: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The threat projection in the SQL SQLite and PostgreSQL share. */
export class SqlThreatStore implements ThreatStore {
  /** Split sector lists shared by every scan page (see ListCache). */
  private readonly lists = new ListCache();

  constructor(private readonly q: SqlExecutor) {}

  async putDesignation(d: DesignationRecord): Promise<boolean> {
    const n = await this.q.run(
      'INSERT INTO threat_designations (channel, party, version, taxonomy, body, envelope_hash, created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [d.channel, d.party, d.version, d.taxonomy, d.body, d.envelopeHash, d.created],
    );
    return n === 1;
  }

  async listDesignations(f: { channel?: string; party?: string }): Promise<DesignationRecord[]> {
    const w = where({ channel: f.channel, party: f.party });
    return (
      await this.q.all(
        `SELECT * FROM threat_designations ${w.text} ORDER BY channel, party, version`,
        w.params,
      )
    ).map(designationOf);
  }

  async putDesignationResponse(r: DesignationResponseRecord): Promise<boolean> {
    const n = await this.q.run(
      'INSERT INTO threat_designation_responses (envelope_hash, channel, party, version, responder, kind, reasons, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [
        r.envelopeHash,
        r.channel,
        r.party,
        r.version,
        r.responder,
        r.kind,
        JSON.stringify(r.reasons),
        r.created,
      ],
    );
    return n === 1;
  }

  async listDesignationResponses(f: {
    channel?: string;
    party?: string;
  }): Promise<DesignationResponseRecord[]> {
    const w = where({ channel: f.channel, party: f.party });
    return (
      await this.q.all(
        `SELECT * FROM threat_designation_responses ${w.text} ORDER BY created, envelope_hash`,
        w.params,
      )
    ).map(responseOf);
  }

  async designationStamp(channel: string): Promise<number> {
    const [r] = await this.q.all(
      'SELECT (SELECT COUNT(*) FROM threat_designations WHERE channel = ?) + (SELECT COUNT(*) FROM threat_designation_responses WHERE channel = ?) AS n',
      [channel, channel],
    );
    return asNumber(r?.n ?? 0);
  }

  async putIncidentScore(s: IncidentScoreRecord): Promise<boolean> {
    const n = await this.q.run(
      `INSERT INTO threat_incidents (envelope_hash, incident_id, channel, author, party, at_ms, original, score, level, sectors, designated, name, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        s.envelopeHash,
        s.incidentId,
        s.channel,
        s.author,
        s.party,
        s.at,
        s.original,
        s.score,
        s.level,
        joinList(s.sectors),
        joinList(s.designated),
        s.name,
        s.detail,
      ],
    );
    return n === 1;
  }

  async getIncidentScores(envelopeHash: string): Promise<IncidentScoreRecord[]> {
    return (
      await this.q.all('SELECT * FROM threat_incidents WHERE envelope_hash = ? ORDER BY n', [envelopeHash])
    ).map(incidentOf);
  }

  async findIncidentScore(channel: string, incidentId: string): Promise<IncidentScoreRecord | undefined> {
    const [r] = await this.q.all(
      'SELECT * FROM threat_incidents WHERE channel = ? AND incident_id = ? ORDER BY n LIMIT 1',
      [channel, incidentId],
    );
    return r ? incidentOf(r) : undefined;
  }

  async scanIncidentScores(
    cursor: number,
    limit: number,
  ): Promise<{ columns: IncidentScoreColumns; cursor: number; done: boolean }> {
    return scanIncidentPage(this.q, cursor, limit, this.lists);
  }

  async listIncidentScores(f: {
    channel?: string;
    flagged?: boolean;
    limit: number;
  }): Promise<IncidentScoreRecord[]> {
    const parts: string[] = [];
    const params: SqlValue[] = [];
    if (f.channel !== undefined) {
      parts.push('channel = ?');
      params.push(f.channel);
    }
    if (f.flagged !== undefined) parts.push(f.flagged ? "designated <> ''" : "designated = ''");
    const w = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    return (
      await this.q.all(`SELECT * FROM threat_incidents ${w} ORDER BY n DESC LIMIT ?`, [...params, f.limit])
    ).map(incidentOf);
  }

  async countIncidentScores(): Promise<number> {
    const [r] = await this.q.all('SELECT COUNT(*) AS c FROM threat_incidents');
    return asNumber(r?.c ?? 0);
  }

  async putAssessment(a: AssessmentRecord): Promise<boolean> {
    const n = await this.q.run(
      `INSERT INTO threat_assessments (envelope_hash, channel, party, scope_kind, scope_id, level, score, rationale, created)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        a.envelopeHash,
        a.channel,
        a.party,
        a.scopeKind,
        a.scopeId,
        a.level,
        a.score ?? null,
        a.rationale,
        a.created,
      ],
    );
    return n === 1;
  }

  async listAssessments(f: { channel?: string; party?: string; limit: number }): Promise<AssessmentRecord[]> {
    const w = where({ channel: f.channel, party: f.party });
    return (
      await this.q.all(
        `SELECT * FROM threat_assessments ${w.text} ORDER BY created DESC, envelope_hash LIMIT ?`,
        [...w.params, f.limit],
      )
    ).map(assessmentOf);
  }
}
