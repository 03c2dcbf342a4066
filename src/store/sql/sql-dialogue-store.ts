import type {
  AlarmRecord,
  ChannelRecord,
  ChannelState,
  DeliveryRecord,
  DialogueStore,
  EvidenceRecord,
  LogViewRecord,
  TimelineRecord,
  MemberRecord,
  PendingRecord,
  ReceiptRecord,
  TrackedItem,
} from '../dialogue.types.js';
import {
  asBytes,
  asNullableNumber,
  asNumber,
  asOptString,
  asString,
  sql,
  type SqlExecutor,
  type SqlRow,
} from './sql-executor.js';

const channelOf = (r: SqlRow): ChannelRecord => ({
  id: asString(r.id),
  name: asString(r.name),
  inviter: asString(r.inviter),
  inviteHash: asString(r.invite_hash),
  policy: asString(r.policy),
  state: asString(r.state) as ChannelState,
  createdAt: asString(r.created_at),
});

const memberOf = (r: SqlRow): MemberRecord => ({
  channel: asString(r.channel),
  party: asString(r.party),
  name: asString(r.name),
  endpoint: asString(r.endpoint),
  publicKey: asBytes(r.public_key),
  state: asString(r.state) as MemberRecord['state'],
  acceptedAt: asOptString(r.accepted_at),
});

const deliveryOf = (r: SqlRow): DeliveryRecord => ({
  channel: asString(r.channel),
  recipient: asString(r.recipient),
  ackedSeq: asNumber(r.acked_seq),
  attempts: asNumber(r.attempts),
  nextAttemptAt: asString(r.next_attempt_at),
  lastError: asOptString(r.last_error),
  lastSuccessAt: asOptString(r.last_success_at),
});

const itemOf = (r: SqlRow): TrackedItem => ({
  hash: asString(r.hash),
  channel: asString(r.channel),
  author: asString(r.author),
  seq: asNumber(r.seq),
  kind: asString(r.kind),
  created: asString(r.created),
  receiptDueAt: asString(r.receipt_due),
  respondBy: asOptString(r.respond_by),
  respondedAt: asOptString(r.responded_at),
  responseHash: asOptString(r.response_hash),
  overdueAt: asOptString(r.overdue_at),
  summary: asString(r.summary),
});

const alarmOf = (r: SqlRow): AlarmRecord => ({
  id: asNumber(r.id),
  kind: asString(r.kind),
  severity: asString(r.severity) as AlarmRecord['severity'],
  channel: asOptString(r.channel),
  subject: asString(r.subject),
  message: asString(r.message),
  raisedAt: asString(r.raised_at),
  escalations: asNumber(r.escalations),
  lastEscalatedAt: asOptString(r.last_escalated_at),
  resolvedAt: asOptString(r.resolved_at),
});

const evidenceOf = (r: SqlRow): EvidenceRecord => ({
  id: asNumber(r.id),
  kind: asString(r.kind) as EvidenceRecord['kind'],
  channel: asString(r.channel),
  author: asString(r.author),
  seq: asNullableNumber(r.seq),
  first: asBytes(r.first),
  second: r.second === null || r.second === undefined ? undefined : asBytes(r.second),
  detail: asString(r.detail),
  detectedAt: asString(r.detected_at),
});

const ITEM_COLS =
  'hash, channel, author, seq, kind, created, receipt_due, respond_by, responded_at, response_hash, overdue_at, summary';

/** The dialogue's sub-store, written once in the SQL SQLite and PostgreSQL share. */
/**
 * An item stored after a response to it (the responder's log arrived first) takes that response
 * now; markResponded found no row when the response was applied. The earliest stored one wins,
 * as markResponded's first-write-wins would have had it.
 */
/** Kinds a `response` answers (a request; a notify's acknowledgement). */
const ANSWERED_KINDS = new Set(['request', 'notify']);
const ADOPT_RESPONSE = `UPDATE tracked_items SET
    responded_at = (SELECT t.created FROM timeline t WHERE t.ref = tracked_items.hash AND t.kind = 'response' ORDER BY t.id LIMIT 1),
    response_hash = (SELECT t.hash FROM timeline t WHERE t.ref = tracked_items.hash AND t.kind = 'response' ORDER BY t.id LIMIT 1)
  WHERE hash = ? AND responded_at IS NULL
    AND EXISTS (SELECT 1 FROM timeline t WHERE t.ref = tracked_items.hash AND t.kind = 'response')`;

export class SqlDialogueStore implements DialogueStore {
  constructor(private readonly q: SqlExecutor) {}

  async upsertChannel(c: ChannelRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO channels (id, name, inviter, invite_hash, policy, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state`,
      [c.id, c.name, c.inviter, c.inviteHash, c.policy, c.state, c.createdAt],
    );
  }

  async setChannelState(id: string, state: ChannelState): Promise<void> {
    await this.q.run('UPDATE channels SET state = ? WHERE id = ?', [state, id]);
  }

  async getChannel(id: string): Promise<ChannelRecord | undefined> {
    const [r] = await this.q.all('SELECT * FROM channels WHERE id = ?', [id]);
    return r ? channelOf(r) : undefined;
  }

  async listChannels(): Promise<ChannelRecord[]> {
    return (await this.q.all('SELECT * FROM channels ORDER BY created_at, id')).map(channelOf);
  }

  async upsertMember(m: MemberRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO channel_members (channel, party, name, endpoint, public_key, state, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel, party) DO UPDATE SET name = excluded.name, endpoint = excluded.endpoint,
         public_key = excluded.public_key, state = excluded.state, accepted_at = COALESCE(channel_members.accepted_at, excluded.accepted_at)`,
      [m.channel, m.party, m.name, m.endpoint, m.publicKey, m.state, m.acceptedAt ?? null],
    );
  }

  async listMembers(channel: string): Promise<MemberRecord[]> {
    return (
      await this.q.all('SELECT * FROM channel_members WHERE channel = ? ORDER BY party', [channel])
    ).map(memberOf);
  }

  async channelsOf(party: string): Promise<string[]> {
    return (await this.q.all('SELECT channel FROM channel_members WHERE party = ?', [party])).map((r) =>
      asString(r.channel),
    );
  }

  async getDelivery(channel: string, recipient: string): Promise<DeliveryRecord | undefined> {
    const [r] = await this.q.all('SELECT * FROM deliveries WHERE channel = ? AND recipient = ?', [
      channel,
      recipient,
    ]);
    return r ? deliveryOf(r) : undefined;
  }

  async putDelivery(d: DeliveryRecord): Promise<void> {
    // acked_seq never moves backwards, whatever order concurrent writers finish in.
    await this.q.run(
      `INSERT INTO deliveries (channel, recipient, acked_seq, attempts, next_attempt_at, last_error, last_success_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel, recipient) DO UPDATE SET
         acked_seq = CASE WHEN excluded.acked_seq > deliveries.acked_seq THEN excluded.acked_seq ELSE deliveries.acked_seq END,
         attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at,
         last_error = excluded.last_error, last_success_at = COALESCE(excluded.last_success_at, deliveries.last_success_at)`,
      [
        d.channel,
        d.recipient,
        d.ackedSeq,
        d.attempts,
        d.nextAttemptAt,
        d.lastError ?? null,
        d.lastSuccessAt ?? null,
      ],
    );
  }

  async dueDeliveries(now: string, limit: number): Promise<DeliveryRecord[]> {
    return (
      await this.q.all(
        'SELECT * FROM deliveries WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?',
        [now, limit],
      )
    ).map(deliveryOf);
  }

  async listDeliveries(channel?: string): Promise<DeliveryRecord[]> {
    const rows = channel
      ? await this.q.all('SELECT * FROM deliveries WHERE channel = ? ORDER BY recipient', [channel])
      : await this.q.all('SELECT * FROM deliveries ORDER BY channel, recipient');
    return rows.map(deliveryOf);
  }

  async trackItem(i: TrackedItem): Promise<void> {
    await this.q.run(
      `INSERT INTO tracked_items (${ITEM_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`,
      [
        i.hash,
        i.channel,
        i.author,
        i.seq,
        i.kind,
        i.created,
        i.receiptDueAt,
        i.respondBy ?? null,
        i.respondedAt ?? null,
        i.responseHash ?? null,
        i.overdueAt ?? null,
        i.summary,
      ],
    );
    if (ANSWERED_KINDS.has(i.kind) && i.responseHash === undefined)
      await this.q.run(ADOPT_RESPONSE, [i.hash]);
  }

  async trackItems(items: readonly TrackedItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.q.tx(function* () {
      for (const i of items) {
        yield sql.run(
          `INSERT INTO tracked_items (${ITEM_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`,
          [
            i.hash,
            i.channel,
            i.author,
            i.seq,
            i.kind,
            i.created,
            i.receiptDueAt,
            i.respondBy ?? null,
            i.respondedAt ?? null,
            i.responseHash ?? null,
            i.overdueAt ?? null,
            i.summary,
          ],
        );
        if (ANSWERED_KINDS.has(i.kind) && i.responseHash === undefined)
          yield sql.run(ADOPT_RESPONSE, [i.hash]);
      }
    });
  }

  async getItem(hash: string): Promise<TrackedItem | undefined> {
    const [r] = await this.q.all(`SELECT ${ITEM_COLS} FROM tracked_items WHERE hash = ?`, [hash]);
    return r ? itemOf(r) : undefined;
  }

  async listItems(f: {
    channel?: string;
    kinds?: readonly string[];
    open?: boolean;
    limit: number;
    before?: string;
  }): Promise<TrackedItem[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (f.channel) {
      where.push('channel = ?');
      params.push(f.channel);
    }
    if (f.kinds?.length) {
      where.push(`kind IN (${f.kinds.map(() => '?').join(', ')})`);
      params.push(...f.kinds);
    }
    if (f.open) where.push('(respond_by IS NOT NULL AND responded_at IS NULL)');
    if (f.before) {
      where.push('created < ?');
      params.push(f.before);
    }
    const sqlText = `SELECT ${ITEM_COLS} FROM tracked_items ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created DESC, hash LIMIT ?`;
    return (await this.q.all(sqlText, [...params, f.limit])).map(itemOf);
  }

  async markResponded(hash: string, responseHash: string, at: string): Promise<void> {
    await this.q.run(
      'UPDATE tracked_items SET responded_at = ?, response_hash = ? WHERE hash = ? AND responded_at IS NULL',
      [at, responseHash, hash],
    );
  }

  async markOverdue(hash: string, at: string): Promise<void> {
    await this.q.run('UPDATE tracked_items SET overdue_at = ? WHERE hash = ? AND overdue_at IS NULL', [
      at,
      hash,
    ]);
  }

  async setReceiptDue(hash: string, at: string): Promise<void> {
    await this.q.run('UPDATE tracked_items SET receipt_due = ? WHERE hash = ? AND receipt_due > ?', [
      at,
      hash,
      at,
    ]);
  }

  async itemsPastDue(now: string, limit: number): Promise<TrackedItem[]> {
    return (
      await this.q.all(
        `SELECT ${ITEM_COLS} FROM tracked_items WHERE overdue_at IS NULL AND (receipt_due < ? OR (respond_by IS NOT NULL AND responded_at IS NULL AND respond_by < ?))
         ORDER BY receipt_due LIMIT ?`,
        [now, now, limit],
      )
    ).map(itemOf);
  }

  async addReceipt(r: ReceiptRecord): Promise<void> {
    await this.q.run(
      'INSERT INTO receipts (item_hash, party, receipt_hash, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (item_hash, party) DO NOTHING',
      [r.itemHash, r.party, r.receiptHash, r.receivedAt],
    );
  }

  async addReceipts(rs: readonly ReceiptRecord[]): Promise<void> {
    if (rs.length === 0) return;
    await this.q.tx(function* () {
      for (const r of rs) {
        yield sql.run(
          'INSERT INTO receipts (item_hash, party, receipt_hash, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (item_hash, party) DO NOTHING',
          [r.itemHash, r.party, r.receiptHash, r.receivedAt],
        );
      }
    });
  }

  async receiptsFor(itemHash: string): Promise<ReceiptRecord[]> {
    return (await this.q.all('SELECT * FROM receipts WHERE item_hash = ? ORDER BY party', [itemHash])).map(
      (r) => ({
        itemHash: asString(r.item_hash),
        party: asString(r.party),
        receiptHash: asString(r.receipt_hash),
        receivedAt: asString(r.received_at),
      }),
    );
  }

  async addEvidence(e: Omit<EvidenceRecord, 'id'>): Promise<number> {
    const [r] = await this.q.all(
      'INSERT INTO evidence (kind, channel, author, seq, first, second, detail, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [e.kind, e.channel, e.author, e.seq ?? null, e.first, e.second ?? null, e.detail, e.detectedAt],
    );
    return asNumber(r!.id);
  }

  async listEvidence(channel?: string): Promise<EvidenceRecord[]> {
    const rows = channel
      ? await this.q.all('SELECT * FROM evidence WHERE channel = ? ORDER BY id', [channel])
      : await this.q.all('SELECT * FROM evidence ORDER BY id');
    return rows.map(evidenceOf);
  }

  async raiseAlarm(
    a: Omit<AlarmRecord, 'id' | 'escalations' | 'lastEscalatedAt' | 'resolvedAt'>,
  ): Promise<{ alarm: AlarmRecord; created: boolean }> {
    return this.q.tx(function* () {
      const existing = (yield sql.all('SELECT * FROM alarms WHERE kind = ? AND subject = ?', [
        a.kind,
        a.subject,
      ])) as SqlRow[];
      if (existing[0]) return { alarm: alarmOf(existing[0]), created: false };
      const rows = (yield sql.all(
        'INSERT INTO alarms (kind, severity, channel, subject, message, raised_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
        [a.kind, a.severity, a.channel ?? null, a.subject, a.message, a.raisedAt],
      )) as SqlRow[];
      return { alarm: alarmOf(rows[0]!), created: true };
    });
  }

  async noteEscalation(id: number, at: string): Promise<void> {
    await this.q.run('UPDATE alarms SET escalations = escalations + 1, last_escalated_at = ? WHERE id = ?', [
      at,
      id,
    ]);
  }

  async resolveAlarm(id: number, at: string): Promise<void> {
    await this.q.run('UPDATE alarms SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL', [at, id]);
  }

  async listAlarms(f: { open?: boolean; limit: number }): Promise<AlarmRecord[]> {
    const rows = await this.q.all(
      `SELECT * FROM alarms ${f.open ? 'WHERE resolved_at IS NULL' : ''} ORDER BY raised_at DESC, id DESC LIMIT ?`,
      [f.limit],
    );
    return rows.map(alarmOf);
  }

  async putPending(p: PendingRecord): Promise<void> {
    await this.q.run(
      'INSERT INTO pending_envelopes (channel, author, seq, bytes) VALUES (?, ?, ?, ?) ON CONFLICT (channel, author, seq) DO NOTHING',
      [p.channel, p.author, p.seq, p.bytes],
    );
  }

  async takePending(channel: string, author: string, seq: number): Promise<PendingRecord | undefined> {
    const HELD = 'SELECT seq, bytes FROM pending_envelopes WHERE channel = ? AND author = ? AND seq <= ?';
    // Nearly always nothing is held: then this is one read, no transaction and no write on the
    // append path. Otherwise read again inside the transaction that deletes.
    if ((await this.q.all(HELD, [channel, author, seq])).length === 0) return undefined;
    return this.q.tx(function* () {
      const rows = (yield sql.all(HELD, [channel, author, seq])) as SqlRow[];
      if (rows.length === 0) return undefined;
      // Held copies up to `seq` are spent whether or not `seq` itself was held (see the interface).
      yield sql.run('DELETE FROM pending_envelopes WHERE channel = ? AND author = ? AND seq <= ?', [
        channel,
        author,
        seq,
      ]);
      const row = rows.find((r) => asNumber(r.seq) === seq);
      return row ? { channel, author, seq, bytes: asBytes(row.bytes) } : undefined;
    });
  }

  async pendingCount(channel: string, author: string): Promise<number> {
    const [r] = await this.q.all(
      'SELECT COUNT(*) AS n FROM pending_envelopes WHERE channel = ? AND author = ?',
      [channel, author],
    );
    return asNumber(r!.n);
  }

  async addTimeline(rows: readonly Omit<TimelineRecord, 'id'>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.q.tx(function* () {
      for (const r of rows) {
        yield sql.run(
          'INSERT INTO timeline (channel, hash, author, seq, kind, created, summary, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING',
          [r.channel, r.hash, r.author, r.seq, r.kind, r.created, r.summary, r.ref ?? null],
        );
      }
    });
  }

  async listTimeline(channel: string, limit: number, beforeId?: number): Promise<TimelineRecord[]> {
    const rows =
      beforeId === undefined
        ? await this.q.all('SELECT * FROM timeline WHERE channel = ? ORDER BY id DESC LIMIT ?', [
            channel,
            limit,
          ])
        : await this.q.all('SELECT * FROM timeline WHERE channel = ? AND id < ? ORDER BY id DESC LIMIT ?', [
            channel,
            beforeId,
            limit,
          ]);
    return rows.map((r) => ({
      id: asNumber(r.id),
      channel: asString(r.channel),
      hash: asString(r.hash),
      author: asString(r.author),
      seq: asNumber(r.seq),
      kind: asString(r.kind),
      created: asString(r.created),
      summary: asString(r.summary),
      ref: asOptString(r.ref),
    }));
  }

  async countTimeline(channel: string): Promise<number> {
    const [r] = await this.q.all('SELECT COUNT(*) AS n FROM timeline WHERE channel = ?', [channel]);
    return asNumber(r!.n);
  }

  async addView(v: LogViewRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO log_views (channel, author, size, root_hash, reporter, receipt_hash) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel, author, size, reporter) DO NOTHING`,
      [v.channel, v.author, v.size, v.rootHash, v.reporter, v.receiptHash],
    );
  }

  async takeViews(channel: string, author: string, maxSize: number): Promise<LogViewRecord[]> {
    return this.q.tx(function* () {
      const rows = (yield sql.all(
        'SELECT * FROM log_views WHERE channel = ? AND author = ? AND checked = 0 AND size <= ? ORDER BY size',
        [channel, author, maxSize],
      )) as SqlRow[];
      if (rows.length)
        yield sql.run(
          'UPDATE log_views SET checked = 1 WHERE channel = ? AND author = ? AND checked = 0 AND size <= ?',
          [channel, author, maxSize],
        );
      return rows.map((r) => ({
        channel: asString(r.channel),
        author: asString(r.author),
        size: asNumber(r.size),
        rootHash: asString(r.root_hash),
        reporter: asString(r.reporter),
        receiptHash: asString(r.receipt_hash),
      }));
    });
  }

  async getProjected(channel: string, author: string): Promise<number> {
    const [r] = await this.q.all('SELECT seq FROM projections WHERE channel = ? AND author = ?', [
      channel,
      author,
    ]);
    return r ? asNumber(r.seq) : -1;
  }

  async setProjected(channel: string, author: string, seq: number): Promise<void> {
    await this.q.run(
      `INSERT INTO projections (channel, author, seq) VALUES (?, ?, ?)
       ON CONFLICT (channel, author) DO UPDATE SET seq = CASE WHEN excluded.seq > projections.seq THEN excluded.seq ELSE projections.seq END`,
      [channel, author, seq],
    );
  }
}
