import { existsSync, readFileSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { ValidationError } from '../core/errors.js';
import type { NodeConfig } from '../service/node-config.js';
import {
  FEDERATION_DEFAULTS,
  FEDERATION_ENV_KEYS,
  FEDERATION_SCHEMA,
  parseDecimal,
} from './federation-settings.js';

/** The config file inside the data folder. */
export const CONFIG_FILE = 'parley.json';
export const DEFAULT_DATA_DIR = '.parley';
export const DEFAULT_PORT = 7700;

type Source = 'default' | 'file' | 'env' | 'flag';
type Flat = Record<string, { value: unknown; source: Source }>;

/** PARLEY_* variable → config key, with the type to parse it as. */
export const ENV_KEYS: Record<string, { key: string; type: 'string' | 'integer' | 'number' | 'list' }> = {
  PARLEY_DATA_DIR: { key: 'dataDir', type: 'string' },
  PARLEY_PARTY_NAME: { key: 'party.name', type: 'string' },
  PARLEY_HOST: { key: 'http.host', type: 'string' },
  PARLEY_PORT: { key: 'http.port', type: 'integer' },
  PARLEY_PUBLIC_URL: { key: 'http.publicUrl', type: 'string' },
  PARLEY_STORE: { key: 'store.engine', type: 'string' },
  PARLEY_DATABASE_URL: { key: 'store.url', type: 'string' },
  PARLEY_DATABASE_SCHEMA: { key: 'store.schema', type: 'string' },
  PARLEY_SQLITE_PATH: { key: 'store.path', type: 'string' },
  PARLEY_SQLITE_SYNCHRONOUS: { key: 'store.synchronous', type: 'string' },
  PARLEY_LOG_LEVEL: { key: 'log.level', type: 'string' },
  PARLEY_MAX_ENVELOPE_BYTES: { key: 'limits.maxEnvelopeBytes', type: 'integer' },
  PARLEY_MAX_BODY_BYTES: { key: 'limits.maxBodyBytes', type: 'integer' },
  PARLEY_CHECKPOINT_EVERY: { key: 'checkpointEvery', type: 'integer' },
  PARLEY_SCORE_MODEL_FILE: { key: 'threat.modelFile', type: 'string' },
  PARLEY_THREAT_HALF_LIFE_DAYS: { key: 'threat.halfLifeDays', type: 'integer' },
  PARLEY_WEBHOOK_URL: { key: 'escalation.webhookUrl', type: 'string' },
  PARLEY_PING_EVERY_S: { key: 'ping.everySeconds', type: 'integer' },
  // Several files separated like PATH (':' here, ';' on Windows).
  PARLEY_CI_TAXONOMY_FILES: { key: 'ci.taxonomyFiles', type: 'list' },
  ...FEDERATION_ENV_KEYS,
};

/** Longest scheduled-ping interval accepted: a week; anything longer is a typo (ms for s). */
export const MAX_PING_EVERY_SECONDS = 7 * 24 * 3600;

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dataDir: { type: 'string', minLength: 1 },
    party: {
      type: 'object',
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
    },
    http: {
      type: 'object',
      additionalProperties: false,
      properties: {
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        publicUrl: { type: 'string', pattern: '^https?://' },
      },
    },
    store: {
      type: 'object',
      additionalProperties: false,
      properties: {
        engine: { enum: ['sqlite', 'postgres'] },
        path: { type: 'string', minLength: 1 },
        synchronous: { enum: ['NORMAL', 'FULL'] },
        url: { type: 'string', pattern: '^postgres(ql)?://' },
        schema: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,62}$' },
      },
    },
    log: {
      type: 'object',
      additionalProperties: false,
      properties: { level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] } },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxEnvelopeBytes: { type: 'integer', minimum: 1024, maximum: 64 * 1024 * 1024 },
        maxBodyBytes: { type: 'integer', minimum: 1024, maximum: 1024 * 1024 * 1024 },
      },
    },
    checkpointEvery: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    federation: FEDERATION_SCHEMA,
    threat: {
      type: 'object',
      additionalProperties: false,
      properties: {
        modelFile: { type: 'string', minLength: 1 },
        halfLifeDays: { type: 'integer', minimum: 1, maximum: 3650 },
      },
    },
    // The URL itself is checked in checkWebhookUrl, which can say what is wrong with it.
    escalation: {
      type: 'object',
      additionalProperties: false,
      properties: { webhookUrl: { type: 'string' } },
    },
    ping: {
      type: 'object',
      additionalProperties: false,
      properties: { everySeconds: { type: 'integer', minimum: 0, maximum: MAX_PING_EVERY_SECONDS } },
    },
    // The files' contents are checked at start (cli/ci-settings.ts), where every problem can be named.
    ci: {
      type: 'object',
      additionalProperties: false,
      properties: {
        taxonomyFiles: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1 } },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);

function flatten(obj: unknown, source: Source, prefix = '', out: Flat = {}): Flat {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, source, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = { value: obj, source };
  return out;
}

function unflatten(flat: Flat): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, { value }] of Object.entries(flat)) {
    const parts = path.split('.');
    let o = out;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts[parts.length - 1]!] = value;
  }
  return out;
}

export interface LoadConfigInput {
  readonly env: NodeJS.ProcessEnv;
  /** Flags given on the command line, as config keys (e.g. { 'http.port': 8080 }). */
  readonly flags?: Record<string, unknown>;
  readonly cwd: string;
}

/**
 * Loads the configuration: defaults < <dataDir>/parley.json < PARLEY_* environment < flags.
 * Throws ValidationError CONFIG_INVALID listing every bad key with where it came from.
 */
export function loadConfig(input: LoadConfigInput): NodeConfig {
  const problems: string[] = [];
  const flagFlat = flatten(input.flags ?? {}, 'flag');
  const envFlat: Flat = {};
  for (const [name, spec] of Object.entries(ENV_KEYS)) {
    const raw = input.env[name];
    if (raw === undefined || raw === '') continue;
    if (spec.type === 'integer') {
      if (!/^\d+$/.test(raw)) problems.push(`${name}=${JSON.stringify(raw)} (env): must be a whole number`);
      else envFlat[spec.key] = { value: Number(raw), source: 'env' };
    } else if (spec.type === 'number') {
      const value = parseDecimal(raw);
      if (value === undefined)
        problems.push(`${name}=${JSON.stringify(raw)} (env): must be a positive number, e.g. 200 or 0.5`);
      else envFlat[spec.key] = { value, source: 'env' };
    } else if (spec.type === 'list') {
      envFlat[spec.key] = { value: raw.split(delimiter).filter((x) => x !== ''), source: 'env' };
    } else envFlat[spec.key] = { value: raw, source: 'env' };
  }
  const dataDirRaw = (flagFlat.dataDir?.value ?? envFlat.dataDir?.value ?? DEFAULT_DATA_DIR) as string;
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(input.cwd, dataDirRaw);
  let fileFlat: Flat = {};
  const file = join(dataDir, CONFIG_FILE);
  if (existsSync(file)) {
    try {
      fileFlat = flatten(JSON.parse(readFileSync(file, 'utf8')), 'file');
    } catch (e) {
      problems.push(`${file}: not valid JSON (${(e as Error).message})`);
    }
  }
  const defaults = flatten(
    {
      party: { name: 'Unnamed party' },
      http: { host: '127.0.0.1', port: DEFAULT_PORT },
      store: { engine: 'sqlite', synchronous: 'NORMAL', schema: 'public' },
      log: { level: 'info' },
      limits: { maxEnvelopeBytes: 1024 * 1024, maxBodyBytes: 16 * 1024 * 1024 },
      checkpointEvery: 1000,
      federation: FEDERATION_DEFAULTS,
      ping: { everySeconds: 0 },
    },
    'default',
  );
  const merged: Flat = {
    ...defaults,
    ...fileFlat,
    ...envFlat,
    ...flagFlat,
    dataDir: { value: dataDir, source: 'default' },
  };
  const obj = unflatten(merged);
  if (!validate(obj)) {
    for (const err of validate.errors ?? []) {
      const key =
        (err.instancePath.slice(1).replace(/\//g, '.') || '') +
        (err.params && 'additionalProperty' in err.params
          ? `${err.instancePath ? '.' : ''}${String(err.params.additionalProperty)}`
          : '');
      const src = merged[key]?.source ?? (fileFlat[key] ? 'file' : 'file');
      const val = merged[key]?.value;
      problems.push(
        `${key}${val !== undefined ? `=${JSON.stringify(val)}` : ''} (${src}): ${err.message ?? 'invalid'}`,
      );
    }
  }
  const webhook = merged['escalation.webhookUrl'];
  if (typeof webhook?.value === 'string') {
    const why = checkWebhookUrl(webhook.value);
    if (why)
      problems.push(
        `${webhook.source === 'env' ? 'PARLEY_WEBHOOK_URL' : 'escalation.webhookUrl'} (${webhook.source}): ${why}`,
      );
  }
  const store = obj.store as Record<string, unknown>;
  if (store.engine === 'postgres' && typeof store.url !== 'string') {
    problems.push('store.url (PARLEY_DATABASE_URL): required when store.engine is postgres');
  }
  if (problems.length) {
    throw new ValidationError('CONFIG_INVALID', `invalid configuration:\n  - ${problems.join('\n  - ')}`, {
      details: { problems },
    });
  }
  const storeConfig: NodeConfig['store'] =
    store.engine === 'postgres'
      ? { engine: 'postgres', url: store.url as string, schema: store.schema as string }
      : {
          engine: 'sqlite',
          path: resolve(dataDir, (store.path as string | undefined) ?? 'parley.db'),
          synchronous: store.synchronous as 'NORMAL' | 'FULL',
        };
  const http = obj.http as { host: string; port: number; publicUrl?: string };
  return Object.freeze({
    dataDir,
    party: obj.party as NodeConfig['party'],
    http: { host: http.host, port: http.port, publicUrl: http.publicUrl },
    store: storeConfig,
    log: obj.log as NodeConfig['log'],
    limits: obj.limits as NodeConfig['limits'],
    checkpointEvery: obj.checkpointEvery as number,
    federation: { ...(obj.federation as NodeConfig['federation']) },
    ...escalationOf(obj.escalation as { webhookUrl?: string } | undefined),
    ping: { everySeconds: (obj.ping as { everySeconds: number }).everySeconds },
    ...threatOf(obj.threat as { modelFile?: string; halfLifeDays?: number } | undefined, dataDir),
    ...ciOf(obj.ci as { taxonomyFiles?: string[] } | undefined, dataDir),
  });
}

/**
 * Why a webhook URL cannot be used, or undefined when it can. The value is not echoed: webhook
 * URLs often carry their secret in the path or query.
 */
function checkWebhookUrl(raw: string): string | undefined {
  if (!URL.canParse(raw)) return 'must be an absolute URL, e.g. https://alerts.example/parley';
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `must be an http(s) URL, got ${url.protocol}`;
  return undefined;
}

function escalationOf(e: { webhookUrl?: string } | undefined): Pick<NodeConfig, 'escalation'> {
  return e?.webhookUrl === undefined ? {} : { escalation: { webhookUrl: e.webhookUrl } };
}

/** The threat keys, with a relative model file read from the data folder. */
function threatOf(
  t: { modelFile?: string; halfLifeDays?: number } | undefined,
  dataDir: string,
): Pick<NodeConfig, 'threat'> {
  if (t === undefined) return {};
  return {
    threat: {
      modelFile: t.modelFile === undefined ? undefined : resolve(dataDir, t.modelFile),
      halfLifeDays: t.halfLifeDays,
    },
  };
}

/** A party's own taxonomy files, relative ones read from the data folder like the model file. */
function ciOf(c: { taxonomyFiles?: string[] } | undefined, dataDir: string): Pick<NodeConfig, 'ci'> {
  if (c?.taxonomyFiles === undefined || c.taxonomyFiles.length === 0) return {};
  return { ci: { taxonomyFiles: c.taxonomyFiles.map((f) => resolve(dataDir, f)) } };
}

/** The config with secrets (database password, webhook path and query) masked, for `parley config show`. */
export function redactConfig(config: NodeConfig): NodeConfig {
  const store =
    config.store.engine !== 'postgres'
      ? config.store
      : { ...config.store, url: config.store.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') };
  const hook = config.escalation?.webhookUrl;
  // Hooks such as Slack's carry their token in the path: only the origin is safe to show.
  const escalation = hook === undefined ? {} : { escalation: { webhookUrl: `${new URL(hook).origin}/***` } };
  return { ...config, store, ...escalation };
}
