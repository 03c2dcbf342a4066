/**
 * What the dialogue keeps beside the logs. The logs are the truth; channels, members, tracked
 * items and receipts are a projection of them, rebuilt idempotently from `projected` cursors,
 * so that a crash between an append and its projection loses nothing. Delivery cursors,
 * evidence and alarms are the node's own working state.
 */

export const CHANNEL_STATES = ['invited', 'active', 'left'] as const;
export type ChannelState = (typeof CHANNEL_STATES)[number];
export const MEMBER_STATES = ['invited', 'accepted', 'left'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

export interface ChannelRecord {
  readonly id: string;
  readonly name: string;
  readonly inviter: string;
  /** Leaf hash (hex) of the invite envelope. */
  readonly inviteHash: string;
  /** The policy JSON from the invite. */
  readonly policy: string;
  readonly state: ChannelState;
  readonly createdAt: string;
}

export interface MemberRecord {
  readonly channel: string;
  readonly party: string;
  readonly name: string;
  readonly endpoint: string;
  /** The key pinned for this member in this channel (raw Ed25519). Changes only by key-rotation. */
  readonly publicKey: Uint8Array;
  readonly state: MemberState;
  readonly acceptedAt: string | undefined;
}

/** How far the home party's log in a channel has been delivered to one member. */
export interface DeliveryRecord {
  readonly channel: string;
  readonly recipient: string;
  /** Highest seq the recipient confirmed stored; -1 when nothing yet. */
  readonly ackedSeq: number;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | undefined;
  readonly lastSuccessAt: string | undefined;
}

/** An envelope that expects something back: a receipt from each member, and maybe a response. */
export interface TrackedItem {
  readonly hash: string;
  readonly channel: string;
  readonly author: string;
  readonly seq: number;
  readonly kind: string;
  readonly created: string;
  readonly receiptDueAt: string;
  readonly respondBy: string | undefined;
  readonly respondedAt: string | undefined;
  readonly responseHash: string | undefined;
  /** Set when a deadline passed unmet and the alarm was raised. */
  readonly overdueAt: string | undefined;
  readonly summary: string;
}

export interface ReceiptRecord {
  readonly itemHash: string;
  /** The party that acknowledged. */
  readonly party: string;
  readonly receiptHash: string;
  /** The receipt's signed `created` time. */
  readonly receivedAt: string;
}

export const EVIDENCE_KINDS = [
  'equivocation',
  'bad-signature',
  'inconsistent-checkpoint',
  'tampered',
  'divergent-view',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Two conflicting signed statements, or one forged one, kept for whoever must judge them. */
export interface EvidenceRecord {
  readonly id: number;
  readonly kind: EvidenceKind;
  readonly channel: string;
  readonly author: string;
  readonly seq: number | undefined;
  readonly first: Uint8Array;
  readonly second: Uint8Array | undefined;
  readonly detail: string;
  readonly detectedAt: string;
}

export const ALARM_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

export interface AlarmRecord {
  readonly id: number;
  readonly kind: string;
  readonly severity: AlarmSeverity;
  readonly channel: string | undefined;
  /** What the alarm is about: an envelope hash, a party id… Unique with `kind`. */
  readonly subject: string;
  readonly message: string;
  readonly raisedAt: string;
  readonly escalations: number;
  readonly lastEscalatedAt: string | undefined;
  readonly resolvedAt: string | undefined;
}

export interface PendingRecord {
  readonly channel: string;
  readonly author: string;
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** One envelope on a channel's timeline (the UI's view; receipts are shown on what they acknowledge). */
export interface TimelineRecord {
  /** Arrival order on this node: the paging cursor. */
  readonly id: number;
  readonly channel: string;
  readonly hash: string;
  readonly author: string;
  readonly seq: number;
  readonly kind: string;
  readonly created: string;
  readonly summary: string;
  /** The first envelope this one refers to (the request a response answers…). */
  readonly ref: string | undefined;
}

/** A member's signed statement (in a receipt) of how it holds another party's log. */
export interface LogViewRecord {
  readonly channel: string;
  readonly author: string;
  readonly size: number;
  /** base64 root hash. */
  readonly rootHash: string;
  readonly reporter: string;
  readonly receiptHash: string;
}

export interface DialogueStore {
  upsertChannel(c: ChannelRecord): Promise<void>;
  setChannelState(id: string, state: ChannelState): Promise<void>;
  getChannel(id: string): Promise<ChannelRecord | undefined>;
  listChannels(): Promise<ChannelRecord[]>;

  upsertMember(m: MemberRecord): Promise<void>;
  listMembers(channel: string): Promise<MemberRecord[]>;
  /** Channels in which `party` is a member (any state), for authorising federation requests. */
  channelsOf(party: string): Promise<string[]>;

  getDelivery(channel: string, recipient: string): Promise<DeliveryRecord | undefined>;
  putDelivery(d: DeliveryRecord): Promise<void>;
  /** Deliveries whose next attempt is due, oldest first. */
  dueDeliveries(now: string, limit: number): Promise<DeliveryRecord[]>;
  listDeliveries(channel?: string): Promise<DeliveryRecord[]>;

  /** Inserts or keeps (first write wins) a tracked item. */
  trackItem(item: TrackedItem): Promise<void>;
  /** trackItem for many, in one transaction. */
  trackItems(items: readonly TrackedItem[]): Promise<void>;
  getItem(hash: string): Promise<TrackedItem | undefined>;
  listItems(filter: {
    channel?: string;
    kinds?: readonly string[];
    open?: boolean;
    limit: number;
    before?: string;
  }): Promise<TrackedItem[]>;
  markResponded(hash: string, responseHash: string, at: string): Promise<void>;
  markOverdue(hash: string, at: string): Promise<void>;
  /**
   * Moves an item's receipt deadline earlier (never later): a feature that learns more about an
   * envelope after it was tracked (it touches designated infrastructure) shortens its deadline.
   */
  setReceiptDue(hash: string, at: string): Promise<void>;
  /** Items whose receipt or response deadline is before `now` and not yet marked overdue. */
  itemsPastDue(now: string, limit: number): Promise<TrackedItem[]>;

  addReceipt(r: ReceiptRecord): Promise<void>;
  /** addReceipt for many, in one transaction. */
  addReceipts(rs: readonly ReceiptRecord[]): Promise<void>;
  receiptsFor(itemHash: string): Promise<ReceiptRecord[]>;

  addEvidence(e: Omit<EvidenceRecord, 'id'>): Promise<number>;
  listEvidence(channel?: string): Promise<EvidenceRecord[]>;

  /** Raises an alarm once per (kind, subject); returns it with created=false if it existed. */
  raiseAlarm(
    a: Omit<AlarmRecord, 'id' | 'escalations' | 'lastEscalatedAt' | 'resolvedAt'>,
  ): Promise<{ alarm: AlarmRecord; created: boolean }>;
  noteEscalation(id: number, at: string): Promise<void>;
  resolveAlarm(id: number, at: string): Promise<void>;
  listAlarms(filter: { open?: boolean; limit: number }): Promise<AlarmRecord[]>;

  /** Holds an envelope that arrived ahead of a gap. */
  putPending(p: PendingRecord): Promise<void>;
  /**
   * Removes and returns the envelope held for `seq`, if any, and drops every held copy below or at
   * `seq` either way. Call it with the log's size: those seqs are applied, including envelopes held
   * back that came in again through a pull, which would otherwise stay held for ever.
   */
  takePending(channel: string, author: string, seq: number): Promise<PendingRecord | undefined>;
  pendingCount(channel: string, author: string): Promise<number>;

  /** Adds envelopes to their channels' timelines (first write wins), in one transaction. */
  addTimeline(rows: readonly Omit<TimelineRecord, 'id'>[]): Promise<void>;
  /** A channel's timeline, newest first, before the cursor `beforeId` when given. */
  listTimeline(channel: string, limit: number, beforeId?: number): Promise<TimelineRecord[]>;
  countTimeline(channel: string): Promise<number>;

  /** Keeps a reported view to compare once this node's copy of the log is long enough. */
  addView(v: LogViewRecord): Promise<void>;
  /** Unchecked views of a log at sizes up to `maxSize`; marks them checked. */
  takeViews(channel: string, author: string, maxSize: number): Promise<LogViewRecord[]>;

  /** Projection cursor: envelopes of a log up to this seq have been projected. */
  getProjected(channel: string, author: string): Promise<number>;
  setProjected(channel: string, author: string, seq: number): Promise<void>;
}
