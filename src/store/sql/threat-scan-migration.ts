/**
 * Migration 9: a covering index for the start-up scan of scored incidents (threat-scan.ts), in storage
 * order with what the aggregate reads. A stored incident carries its full explanation (`detail`,
 * ≈ 4 KB for an NCISS-scored incident with designation matches), so a scan of the table itself reads
 * gigabytes for a million incidents; this index is ≈ 200 bytes an incident, and is appended to at its
 * end (positions only grow), so a write pays one short B-tree insert for it.
 *
 * On SQLite the index also holds the two expressions the scan computes per row, the aggregate id
 * `channel || '|' || incident_id` and `instr(channel, '|')`, so that they are computed once when an
 * incident is stored, not at every start; SQLite reads an indexed expression from the index when the
 * query spells it the same way (threat-scan.ts does). PostgreSQL keeps the plain columns in an
 * INCLUDE list, for index-only scans once vacuum has marked the pages visible.
 */
const COLUMNS = 'party, at_ms, score, sectors, designated';

export const THREAT_SCAN_MIGRATION = {
  version: 9,
  name: 'threat-scan-index',
  sql: {
    sqlite: `CREATE INDEX threat_incidents_scan ON threat_incidents
  (n, (channel || '|' || incident_id), instr(channel, '|'), ${COLUMNS});`,
    postgres: `CREATE INDEX threat_incidents_scan ON threat_incidents (n) INCLUDE (channel, incident_id, ${COLUMNS});`,
  },
} as const;
