/**
 * A party's named critical infrastructure, as carried in a `designation` envelope's body (snake_case
 * like the other wire objects). Versions are whole numbers that only grow; the other side acknowledges
 * a version.
 */

export interface DesignationAsset {
  /** Stable within the party's designations, so that versions can be compared asset by asset. */
  readonly id: string;
  readonly name: string;
  /** Sector id in the designation's taxonomy. */
  readonly sector: string;
  readonly domains?: readonly string[];
  /** IPv4 and IPv6 CIDR ranges (a bare address is a /32 or /128). */
  readonly ip_ranges?: readonly string[];
  readonly as_numbers?: readonly number[];
}

export interface Designation {
  /** The designating party: a STIX identity id. */
  readonly party: string;
  readonly version: number;
  /** Taxonomy of `sectors` and of each asset's sector. */
  readonly taxonomy: string;
  /** Whole sectors designated. */
  readonly sectors: readonly string[];
  readonly assets: readonly DesignationAsset[];
}
