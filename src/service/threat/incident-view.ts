/**
 * One notification as the incident page shows it: the scores this node stored for its incidents
 * (with the whole explanation), and the STIX objects and POC template it carried. Read from the
 * stored envelope itself, so the page shows exactly what was signed.
 */
import type { JsonObject } from '../../core/jcs/index.js';
import type { Store } from '../../store/index.js';
import type { IncidentScoreRecord } from '../../store/threat.types.js';
import { ThreatNotFoundError } from './threat-error.js';

export interface NotificationView {
  readonly envelopeHash: string;
  readonly channel: string;
  readonly author: string;
  readonly kind: string;
  readonly created: string;
  readonly template: JsonObject | undefined;
  readonly objects: readonly JsonObject[];
  readonly incidents: readonly (Omit<IncidentScoreRecord, 'detail'> & { detail: unknown })[];
}

/** Throws NOT_FOUND when the node holds no envelope with that leaf hash (hex). */
export async function notificationView(store: Store, hashHex: string): Promise<NotificationView> {
  const entry = /^[0-9a-f]{64}$/.test(hashHex)
    ? await store.getEntryByHash(Buffer.from(hashHex, 'hex'))
    : undefined;
  if (!entry) throw new ThreatNotFoundError(`envelope ${hashHex}`);
  const envelope = JSON.parse(Buffer.from(entry.bytes).toString('utf8')) as {
    body?: { template?: JsonObject; bundle?: { objects?: unknown } };
  };
  const objects = Array.isArray(envelope.body?.bundle?.objects)
    ? (envelope.body.bundle.objects as JsonObject[])
    : [];
  const records = await store.threat.getIncidentScores(hashHex);
  return {
    envelopeHash: hashHex,
    channel: entry.channel,
    author: entry.author,
    kind: entry.kind,
    created: entry.created,
    template: envelope.body?.template,
    objects,
    incidents: records.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown })),
  };
}
