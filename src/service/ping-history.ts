import type { DialogueStore, MemberRecord, TrackedItem } from '../store/dialogue.types.js';

/** One communication check as one party saw it: a ping from one member to another. */
export interface PingCheck {
  readonly hash: string;
  readonly channel: string;
  readonly seq: number;
  readonly sentAt: string;
  readonly from: string;
  readonly to: string;
  /** When the receipt was due by the channel's policy. */
  readonly deadline: string;
  readonly state: 'answered' | 'awaiting' | 'no-answer';
  readonly answeredAt?: string;
  readonly responseMs?: number;
  /** Answered, but after the deadline. */
  readonly late?: boolean;
}

export interface PingHistoryQuery {
  readonly party?: string;
  /** The `next` of the previous page. */
  readonly before?: string;
  readonly limit: number;
}

const SCAN_ROUNDS = 20;

/** Cursor = the last item's created time and hash: items are listed by created DESC, hash ASC. */
const cursorOf = (i: TrackedItem): string => `${i.created}|${i.hash}`;

function parseCursor(c: string | undefined): { created: string; hash: string } | undefined {
  const at = c?.lastIndexOf('|') ?? -1;
  if (!c || at < 0 || Number.isNaN(Date.parse(c.slice(0, at)))) return undefined;
  return { created: c.slice(0, at), hash: c.slice(at + 1) };
}

/**
 * The history of communication checks, newest first: every ping this node holds (its own to each
 * other member, and the other members' to it), with the receipt's signed time and the response
 * time, or "no answer" once the receipt deadline passed. Paged by item, so a page may end a few
 * rows past `limit` when one ping went to several members; `party` keeps the checks to or from it.
 */
export async function pingHistory(
  store: DialogueStore,
  home: string,
  now: Date,
  q: PingHistoryQuery,
): Promise<{ checks: PingCheck[]; next?: string }> {
  const members = new Map<string, MemberRecord[]>();
  const membersOf = async (channel: string): Promise<MemberRecord[]> => {
    let m = members.get(channel);
    if (!m) members.set(channel, (m = await store.listMembers(channel)));
    return m;
  };
  const checks: PingCheck[] = [];
  let cursor = parseCursor(q.before);
  const page = Math.max(q.limit * 2, 50);
  for (let round = 0; round < SCAN_ROUNDS; round++) {
    // +1 ms so that items sharing the cursor's created time are fetched and skipped by hash.
    const before = cursor ? new Date(Date.parse(cursor.created) + 1).toISOString() : undefined;
    const items = await store.listItems({ kinds: ['ping'], limit: page, ...(before ? { before } : {}) });
    const fresh = cursor
      ? items.filter((i) => !(i.created === cursor!.created && i.hash <= cursor!.hash))
      : items;
    for (const item of fresh) {
      checks.push(...(await rowsOf(store, item, home, now, await membersOf(item.channel), q.party)));
      cursor = { created: item.created, hash: item.hash };
      if (checks.length >= q.limit) return { checks, next: cursorOf(item) };
    }
    if (items.length < page) break;
  }
  return { checks };
}

async function rowsOf(
  store: DialogueStore,
  item: TrackedItem,
  home: string,
  now: Date,
  members: readonly MemberRecord[],
  party: string | undefined,
): Promise<PingCheck[]> {
  const to = item.author === home ? members.filter((m) => m.party !== home).map((m) => m.party) : [home];
  const wanted = to.filter((p) => !party || p === party || item.author === party);
  if (wanted.length === 0) return [];
  const receipts = await store.receiptsFor(item.hash);
  return wanted.map((p) => {
    const base = {
      hash: item.hash,
      channel: item.channel,
      seq: item.seq,
      sentAt: item.created,
      from: item.author,
      to: p,
      deadline: item.receiptDueAt,
    };
    const r = receipts.find((x) => x.party === p);
    if (r)
      return {
        ...base,
        state: 'answered' as const,
        answeredAt: r.receivedAt,
        responseMs: Math.max(0, Date.parse(r.receivedAt) - Date.parse(item.created)),
        ...(Date.parse(r.receivedAt) > Date.parse(item.receiptDueAt) ? { late: true } : {}),
      };
    return {
      ...base,
      state: Date.parse(item.receiptDueAt) < now.getTime() ? ('no-answer' as const) : ('awaiting' as const),
    };
  });
}
