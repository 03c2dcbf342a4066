/**
 * Tampering done behind a running node's back, straight in its SQLite file (as a disk fault or a
 * forger with file access would): what the Verification page and its route must then report.
 */
import Database from 'better-sqlite3';

const LOG_ID = '(SELECT log_id FROM logs WHERE author = ?)';

function withDb(file: string, fn: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** The author's newest checkpoint note now claims one more entry: its signature no longer verifies. */
export function forgeLatestCheckpoint(file: string, author: string): number {
  let size = -1;
  withDb(file, (db) => {
    const row = db
      .prepare(`SELECT size, note FROM checkpoints WHERE log_id = ${LOG_ID} ORDER BY size DESC LIMIT 1`)
      .get(author) as { size: number; note: string };
    size = row.size;
    const forged = row.note.replace(/^(.*\n)(\d+)\n/, (_m, origin: string) => `${origin}${row.size + 1}\n`);
    if (forged === row.note) throw new Error('checkpoint note not in the expected format');
    db.prepare(`UPDATE checkpoints SET note = ? WHERE log_id = ${LOG_ID} AND size = ?`).run(
      forged,
      author,
      size,
    );
  });
  return size;
}

/** One byte of the author's last entry is flipped: its leaf no longer proves into the signed root. */
export function forgeLastEntry(file: string, author: string): number {
  let seq = -1;
  withDb(file, (db) => {
    const row = db
      .prepare(`SELECT seq, bytes FROM entries WHERE log_id = ${LOG_ID} ORDER BY seq DESC LIMIT 1`)
      .get(author) as { seq: number; bytes: Buffer };
    seq = row.seq;
    const forged = Buffer.from(row.bytes);
    // The bytes no longer hash to the leaf the stored nodes and the signed root were built from.
    forged[forged.length - 4] = forged[forged.length - 4] === 0x41 ? 0x42 : 0x41;
    db.prepare(`UPDATE entries SET bytes = ? WHERE log_id = ${LOG_ID} AND seq = ?`).run(forged, author, seq);
  });
  return seq;
}
