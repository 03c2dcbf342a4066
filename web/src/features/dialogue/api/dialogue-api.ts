/**
 * The dialogue and threat-level endpoints the pages use (docs/ui.md, "API the pages use"). On a
 * node without one of them, its hook reports "unavailable" rather than failing.
 */
import type {
  ThreatExplanation,
  Alarm,
  ChannelSummary,
  CommunicationCheck,
  Contact,
  DesignationVersion,
  OpenItem,
  Peer,
  ThreatHistory,
  ThreatLevels,
  TimelineEnvelope,
} from '../../../lib/api/types';
import { post, seg } from '../../../lib/api/client';
import { useLiveChannel, useLiveVersion } from '../../../lib/live/live-changes';
import { useApi } from '../../../lib/use-api';

// The hooks that take a live token reload by themselves when the node reports a change.
export const useChannels = () => useApi<{ channels: ChannelSummary[] }>('/api/v1/channels', useLiveVersion());
export const useChannel = (id: string) =>
  useApi<ChannelSummary>(`/api/v1/channels/${seg(id)}`, useLiveChannel(id));
/** One page of a channel's timeline, newest first; `before` (from `next_before`) pages back. */
export const useTimeline = (id: string, before?: number, limit = 50) =>
  useApi<{ envelopes: TimelineEnvelope[]; next_before?: number }>(
    `/api/v1/channels/${seg(id)}/envelopes?limit=${limit}${before ? `&before=${before}` : ''}`,
    useLiveChannel(id),
  );
export const useOpenItems = () => useApi<{ items: OpenItem[] }>('/api/v1/items?state=open', useLiveVersion());
export const useAlarms = () => useApi<{ alarms: Alarm[] }>('/api/v1/alarms?state=open', useLiveVersion());
export const useThreatLevels = () => useApi<ThreatLevels>('/api/v1/threat/levels', useLiveVersion());
/** Daily levels of one scope over the last 30 days. */
export const useThreatHistory = (scope: { kind: string; id: string } | undefined) =>
  useApi<ThreatHistory>(
    scope ? `/api/v1/threat/levels/${seg(scope.kind)}/${seg(scope.id)}/history?bucket_s=86400` : undefined,
  );
export const useDesignations = () => useApi<{ designations: DesignationVersion[] }>('/api/v1/designations');
export const useTaxonomies = () => useApi<{ taxonomies: Record<string, unknown>[] }>('/api/v1/ci/taxonomies');
export const useContacts = () => useApi<{ contacts: Contact[] }>('/api/v1/contacts');
export const useChecks = () => useApi<{ checks: CommunicationCheck[] }>('/api/v1/contacts/checks');
export const usePeers = () => useApi<{ peers: Peer[] }>('/api/v1/peers', useLiveVersion());

export interface IncidentReport {
  /** ISO 3166-1 alpha-3; the node refuses a template without these four (docs/poc-template.md). */
  sender_state: string;
  sender_poc_role: string;
  recipient_state: string;
  recipient_poc_role: string;
  communication_type: string;
  urgency: string;
  incident_description: string;
  affected_sectors: string[];
  requested_action: string;
  response_deadline?: string;
  incident_first_seen?: string;
  handling: string;
  acknowledgement_requested: boolean;
  /** STIX 2.1 bundle sent beside the template; the node scores the incidents in it. */
  bundle?: { type: 'bundle'; id: string; objects: Record<string, unknown>[] };
}

/** POST /api/v1/channels/{id}/incidents → the envelope appended (201 { hash, seq, kind }). */
export const sendIncident = (channel: string, body: IncidentReport) =>
  post<{ hash: string; seq: number }>(`/api/v1/channels/${seg(channel)}/incidents`, body);

/** POST /api/v1/verify → the report of re-verifying every log. */

export type ResponseStatus = 'answered' | 'partial' | 'declined' | 'acknowledged';
/** POST /api/v1/channels/{id}/items/{hash}/response (analyst). */
export const respond = (channel: string, hash: string, status: ResponseStatus, text: string) =>
  post<{ hash: string; seq: number; kind: string }>(
    `/api/v1/channels/${seg(channel)}/items/${seg(hash)}/response`,
    { status, text },
  );
/** POST /api/v1/channels/{id}/statements/{hash}/sign (analyst). */
export const coSign = (channel: string, hash: string) =>
  post<{ hash: string; seq: number; kind: string }>(
    `/api/v1/channels/${seg(channel)}/statements/${seg(hash)}/sign`,
    {},
  );
/** POST /api/v1/channels/{id}/ping (analyst). */
export const ping = (channel: string) =>
  post<{ hash: string; seq: number; kind: string }>(`/api/v1/channels/${seg(channel)}/ping`, {});

/** GET /api/v1/threat/levels/{kind}/{id}: the incidents behind a level and their contributions. */
export const useThreatExplanation = (scope: { kind: string; id: string } | undefined) =>
  useApi<ThreatExplanation>(
    scope ? `/api/v1/threat/levels/${seg(scope.kind)}/${seg(scope.id)}?limit=10` : undefined,
  );
