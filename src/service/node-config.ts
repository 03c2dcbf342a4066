/** The node's configuration after merging defaults, the config file, PARLEY_* variables and flags. */
export interface NodeConfig {
  readonly dataDir: string;
  readonly party: { readonly name: string };
  readonly http: { readonly host: string; readonly port: number; readonly publicUrl: string | undefined };
  readonly store:
    | { readonly engine: 'sqlite'; readonly path: string; readonly synchronous: 'NORMAL' | 'FULL' }
    | { readonly engine: 'postgres'; readonly url: string; readonly schema: string };
  readonly log: { readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  readonly limits: { readonly maxEnvelopeBytes: number; readonly maxBodyBytes: number };
  /** How many appends may pass before the node signs a fresh checkpoint of a log. */
  readonly checkpointEvery: number;
  /**
   * Federation rate limits, token buckets: per client address before a request's signature is
   * checked, per party once it verified. `…Burst` requests at once, then `…RatePerSecond` more a second.
   */
  readonly federation: {
    readonly ipRatePerSecond: number;
    readonly ipBurst: number;
    readonly partyRatePerSecond: number;
    readonly partyBurst: number;
  };
  /** The threat level: a party's own scoring model (JSON, docs/threat-level.md) and the decay half-life. */
  /** Where overdue items are POSTed as JSON (an absolute http(s) URL); absent turns it off. */
  readonly escalation?: { readonly webhookUrl: string };
  /** Scheduled communication checks to every channel member; 0 turns them off. */
  readonly ping?: { readonly everySeconds: number };
  readonly threat?: { readonly modelFile: string | undefined; readonly halfLifeDays: number | undefined };
  /** A party's own critical-infrastructure taxonomies (JSON files, docs/critical-infrastructure.md). */
  readonly ci?: { readonly taxonomyFiles: readonly string[] };
}
