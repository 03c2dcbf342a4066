/**
 * The dialogue and threat-level endpoints the UI expects (docs/ui.md, "Endpoints the pages
 * wait for"). Until the node serves them, each hook reports "unavailable".
 */
import type { Alarm, ChannelSummary, OpenItem, ThreatLevels, TimelineEnvelope } from '../../../lib/api/types';
import { post, seg } from '../../../lib/api/client';
import { useApi } from '../../../lib/use-api';

export const useChannels = () => useApi<{ channels: ChannelSummary[] }>('/api/v1/channels');
export const useChannel = (id: string) => useApi<ChannelSummary>(`/api/v1/channels/${seg(id)}`);
export const useTimeline = (id: string, limit = 50) => useApi<{ envelopes: TimelineEnvelope[]; next_before?: number }>(`/api/v1/channels/${seg(id)}/envelopes?limit=${limit}`);
export const useOpenItems = () => useApi<{ items: OpenItem[] }>('/api/v1/items?state=open');
export const useAlarms = () => useApi<{ alarms: Alarm[] }>('/api/v1/alarms?state=open');
export const useThreatLevels = () => useApi<ThreatLevels>('/api/v1/threat-levels');
export const useDesignations = () => useApi<{ designations: unknown[] }>('/api/v1/designations');
export const useCrosswalk = () => useApi<{ mappings: unknown[] }>('/api/v1/taxonomies/crosswalk');
export const useContacts = () => useApi<{ contacts: unknown[] }>('/api/v1/contacts');
export const useChecks = () => useApi<{ checks: unknown[] }>('/api/v1/contacts/checks');
export const useEvidence = () => useApi<{ evidence: unknown[] }>('/api/v1/evidence');
export const useScoringModel = () => useApi<Record<string, unknown>>('/api/v1/scoring/model');
export const usePeers = () => useApi<{ peers: unknown[] }>('/api/v1/peers');

export interface IncidentReport {
  communication_type: string;
  urgency: string;
  incident_description: string;
  affected_sectors: string[];
  requested_action: string;
  response_deadline?: string;
  handling: string;
  acknowledgement_requested: boolean;
}

/** POST /api/v1/channels/{id}/incidents → the envelope appended (201 { hash, seq }). */
export const sendIncident = (channel: string, body: IncidentReport) => post<{ hash: string; seq: number }>(`/api/v1/channels/${seg(channel)}/incidents`, body);

/** POST /api/v1/verify → the report of re-verifying every log. */
export const reverifyAll = () => post<{ ok: boolean; logs: number; entries: number; failures: { channel: string; author: string; code: string; message: string }[] }>('/api/v1/verify', {});
