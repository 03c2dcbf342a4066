/** TAXII 2.1 resources as they go on the wire (field names from the specification). */

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/** §4.1 discovery. */
export interface TaxiiDiscovery {
  title: string;
  description?: string;
  contact?: string;
  default?: string;
  api_roots: string[];
}

/** §4.2 API root. */
export interface TaxiiApiRoot {
  title: string;
  description?: string;
  versions: string[];
  max_content_length: number;
}

/** §5.2 collection. */
export interface TaxiiCollection {
  id: string;
  title: string;
  description?: string;
  alias?: string;
  can_read: boolean;
  can_write: boolean;
  media_types: string[];
}

export interface TaxiiStatusDetail {
  id: string;
  version: string;
  message?: string;
}

/** §4.3 status. */
export interface TaxiiStatus {
  id: string;
  status: 'complete' | 'pending';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  successes: TaxiiStatusDetail[];
  failure_count: number;
  failures: TaxiiStatusDetail[];
  pending_count: number;
  pendings: TaxiiStatusDetail[];
}

export interface TaxiiManifestRecord {
  id: string;
  date_added: string;
  version: string;
  media_type: string;
}

/** A page of an objects, manifest or versions request: the JSON text of the body and its headers. */
export interface TaxiiPage {
  /** The response body, already JSON text (object bodies are stored as text and spliced in). */
  readonly json: string;
  /** X-TAXII-Date-Added-First / -Last; absent on an empty page. */
  readonly dateAddedFirst?: string;
  readonly dateAddedLast?: string;
}
