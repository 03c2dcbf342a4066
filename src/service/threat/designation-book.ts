/**
 * The designations a node honours in each channel, read from the threat store: for every designating
 * party, its current (latest) version and the latest version another member acknowledged. The matching
 * index over them is built once per channel and dropped whenever a designation, ack or objection of
 * that channel is projected.
 */
import {
  buildDesignationIndex,
  parseDesignation,
  type Designation,
  type DesignationIndex,
} from '../../core/ci/index.js';
import type { DesignationRecord, DesignationResponseRecord, ThreatStore } from '../../store/threat.types.js';

/** One version of one party's designation with who answered it. */
export interface DesignationVersion {
  readonly channel: string;
  readonly party: string;
  readonly version: number;
  readonly envelopeHash: string;
  readonly created: string;
  readonly designation: Designation;
  readonly acks: readonly {
    readonly responder: string;
    readonly at: string;
    readonly envelopeHash: string;
  }[];
  readonly objections: readonly {
    readonly responder: string;
    readonly at: string;
    readonly reasons: readonly string[];
    readonly envelopeHash: string;
  }[];
}

export interface ChannelDesignations {
  readonly versions: readonly DesignationVersion[];
  /** The versions matched against: per party the current one and the latest acknowledged one. */
  readonly honoured: readonly DesignationVersion[];
  readonly index: DesignationIndex;
}

const key = (party: string, version: number): string => `${party} ${version}`;

export function versionsOf(
  records: readonly DesignationRecord[],
  responses: readonly DesignationResponseRecord[],
): DesignationVersion[] {
  const byKey = new Map<string, DesignationResponseRecord[]>();
  for (const r of responses) {
    const k = `${r.channel} ${key(r.party, r.version)}`;
    const l = byKey.get(k);
    if (l) l.push(r);
    else byKey.set(k, [r]);
  }
  return records.map((d) => {
    const rs = byKey.get(`${d.channel} ${key(d.party, d.version)}`) ?? [];
    return {
      channel: d.channel,
      party: d.party,
      version: d.version,
      envelopeHash: d.envelopeHash,
      created: d.created,
      designation: JSON.parse(d.body) as Designation,
      acks: rs
        .filter((r) => r.kind === 'ack')
        .map((r) => ({ responder: r.responder, at: r.created, envelopeHash: r.envelopeHash })),
      objections: rs
        .filter((r) => r.kind === 'objection')
        .map((r) => ({
          responder: r.responder,
          at: r.created,
          reasons: r.reasons,
          envelopeHash: r.envelopeHash,
        })),
    };
  });
}

/** Per party: the latest version, plus the latest version someone acknowledged when that is older. */
export function honouredVersions(versions: readonly DesignationVersion[]): DesignationVersion[] {
  const byParty = new Map<string, DesignationVersion[]>();
  for (const v of versions) byParty.set(v.party, [...(byParty.get(v.party) ?? []), v]);
  const out: DesignationVersion[] = [];
  for (const list of byParty.values()) {
    const sorted = [...list].sort((a, b) => b.version - a.version);
    const current = sorted[0]!;
    out.push(current);
    const acked = sorted.find((v) => v.acks.length > 0);
    if (acked && acked !== current) out.push(acked);
  }
  return out;
}

export class DesignationBook {
  private readonly cache = new Map<string, { stamp: number; value: Promise<ChannelDesignations> }>();

  constructor(private readonly store: ThreatStore) {}

  /** Forgets a channel's index (a designation or answer changed). */
  invalidate(channel: string): void {
    this.cache.delete(channel);
  }

  /**
   * The channel's designations and index. Another process on the same database (a CLI command, a
   * second node process over PostgreSQL) may have added rows: a cheap stamp query tells.
   */
  async of(channel: string): Promise<ChannelDesignations> {
    const stamp = await this.store.designationStamp(channel);
    let c = this.cache.get(channel);
    if (c === undefined || c.stamp !== stamp) {
      const value = this.load(channel);
      c = { stamp, value };
      this.cache.set(channel, c);
      value.catch(() => this.cache.delete(channel));
    }
    return c.value;
  }

  private async load(channel: string): Promise<ChannelDesignations> {
    const versions = versionsOf(
      await this.store.listDesignations({ channel }),
      await this.store.listDesignationResponses({ channel }),
    );
    const honoured = honouredVersions(versions);
    // Stored bodies came from parseDesignation; parsing again keeps the index's precondition explicit.
    const index = buildDesignationIndex(honoured.map((v) => parseDesignation(v.designation)));
    return { versions, honoured, index };
  }
}
