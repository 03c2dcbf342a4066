import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, tempDir } from '../helpers/cli.js';

const CHANNEL = 'channel--5b0e7c1a-3f5e-4c1b-9a7e-2d8f6c4b1a00';
const SIZE = 10;

interface Report {
  ok: boolean;
  problems: { code: string; at?: number }[];
}

/** A tampering done behind the node's back, straight in its SQLite file. */
interface Case {
  readonly desc: string;
  readonly tamper: (db: Database.Database) => void;
  /** Every problem the report must hold, as `CODE@at`; `exact` means no others. */
  readonly want: readonly string[];
  readonly exact: boolean;
}

const flipFirstByte =
  (table: string, where: string, column = 'hash') =>
  (db: Database.Database): void => {
    // One flipped byte keeps the 32-byte CHECK satisfied: what a disk fault or a careful forger leaves.
    const hash = db.prepare(`SELECT ${column} FROM ${table} WHERE ${where}`).pluck().get() as
      Buffer | undefined;
    assert.ok(hash, `no row in ${table} where ${where}`);
    hash[0] = hash[0]! ^ 0xff;
    assert.equal(db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`).run(hash).changes, 1);
  };

const CASES: readonly Case[] = [
  {
    desc: "an entry's bytes",
    tamper: (db) => {
      const bytes = db.prepare('SELECT bytes FROM entries WHERE seq = 4').pluck().get() as Buffer;
      const forged = Buffer.from(bytes.toString('utf8').replace('"hello"', '"hellp"'));
      db.prepare('UPDATE entries SET bytes = ? WHERE seq = 4').run(forged);
    },
    // The signature fails and the stored hash no longer matches; the tree rebuilt from the bytes
    // differs from the stored nodes above seq 4, and the next entry's prev no longer chains.
    want: ['SIG_INVALID@4', 'LOG_CORRUPT@4', 'PREV_MISMATCH@5', 'NODE_MISMATCH@4', 'ROOT_MISMATCH@10'],
    exact: false,
  },
  {
    desc: "an entry's stored hash",
    tamper: flipFirstByte('entries', 'seq = 4'),
    want: ['LOG_CORRUPT@4'],
    exact: true,
  },
  {
    desc: 'a stored leaf node',
    tamper: flipFirstByte('merkle_nodes', 'level = 0 AND idx = 4'),
    want: ['NODE_MISMATCH@4'],
    exact: true,
  },
  // Level 1 index 0 is not among the nodes that make up the root of a 10-entry tree, so only a
  // check of every stored node finds it; inclusion proofs of seqs 2-9 use it.
  {
    desc: 'an interior node',
    tamper: flipFirstByte('merkle_nodes', 'level = 1 AND idx = 0'),
    want: ['NODE_MISMATCH@0'],
    exact: true,
  },
  {
    desc: 'an interior node (deleted)',
    tamper: (db) =>
      assert.equal(db.prepare('DELETE FROM merkle_nodes WHERE level = 2 AND idx = 1').run().changes, 1),
    want: ['NODE_MISSING@4'],
    exact: true,
  },
  {
    desc: "a checkpoint's signed note",
    tamper: (db) => {
      const note = db.prepare('SELECT note FROM checkpoints WHERE size = 8').pluck().get() as string;
      const forged = note.replace(/^8$/m, '9');
      assert.notEqual(forged, note);
      db.prepare('UPDATE checkpoints SET note = ? WHERE size = 8').run(forged);
    },
    want: ['SIG_INVALID@8'],
    exact: true,
  },
  {
    desc: "a checkpoint's stored root",
    tamper: flipFirstByte('checkpoints', 'size = 4', 'root_hash'),
    want: ['CHECKPOINT_INVALID@4'],
    exact: true,
  },
];

describe('parley log verify on a tampered SQLite file', () => {
  const t = tempDir();
  const pristine = join(t.dir, 'pristine');

  before(() => {
    assert.equal(runCli(['init', '--data', pristine, '--name', 'CERT of Ruritania', '--json']).code, 0);
    // Checkpoints at sizes 4 and 8, so that both a checkpoint and the head can be tampered with.
    const app = runCli(
      [
        'log',
        'append',
        '--data',
        pristine,
        '--channel',
        CHANNEL,
        '--body',
        '{"text":"hello"}',
        '--count',
        String(SIZE),
      ],
      {
        PARLEY_CHECKPOINT_EVERY: '4',
      },
    );
    assert.equal(app.code, 0, app.stderr);
  });
  after(t.cleanup);

  function verify(data: string): { code: number; report: Report } {
    const r = runCli(['log', 'verify', '--data', data, '--json']);
    return { code: r.code, report: JSON.parse(r.stdout) as Report };
  }

  it('passes on the untampered copy, with exit code 0', () => {
    const { code, report } = verify(pristine);
    assert.equal(code, 0);
    assert.deepEqual(report.problems, []);
    assert.equal(report.ok, true);
  });

  for (const c of CASES) {
    it(`exits 3 naming ${c.want.join(', ')} after tampering with ${c.desc}`, () => {
      const data = join(t.dir, c.desc.replace(/\W+/g, '-'));
      cpSync(pristine, data, { recursive: true });
      const db = new Database(join(data, 'parley.db'));
      try {
        c.tamper(db);
      } finally {
        db.close();
      }
      const { code, report } = verify(data);
      assert.equal(code, 3);
      assert.equal(report.ok, false);
      const got = report.problems.map((p) => `${p.code}@${p.at ?? ''}`);
      if (c.exact) assert.deepEqual(got, c.want);
      else for (const w of c.want) assert.ok(got.includes(w), `${w} not in ${got.join(', ')}`);
    });
  }
});
