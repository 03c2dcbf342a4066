/**
 * Checks one STIX object against its OASIS JSON schema (draft 2020-12) with ajv.
 *
 * Options follow schemas/SOURCE.md and the upstream README: `unicodeRegExp: false`, because core.json's
 * type pattern uses `\-`, which is illegal in a `u` regex; `strict: false`, because the schemas name
 * `required` properties they do not define and use `pattern` without `type`. All schemas are registered
 * up front (nothing is fetched); each is compiled on first use and cached by ajv.
 *
 * Two ajv instances: the fast one stops at the first error, which is all a valid object ever costs;
 * only an object that fails is run again through the one that collects every error.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { STIX_SCHEMAS } from './schemas/index.js';
import { pointerToken } from './stix-issue.types.js';

// ajv-formats is CommonJS whose module.exports is the plugin; under NodeNext its typings expose it as `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Most schema errors reported for one object; the rest are summarised in one line. */
export const MAX_SCHEMA_ERRORS = 20;

/** A schema failure located by JSON pointer (relative to the object). */
export interface SchemaError {
  readonly pointer: string;
  readonly message: string;
}

// RFC 5890 labels: letters, digits, marks and hyphens; underscores occur in real DNS names (_dmarc).
const IDN_LABEL = /^[\p{L}\p{N}_](?:[\p{L}\p{N}\p{M}_-]{0,61}[\p{L}\p{N}\p{M}_])?$/u;

function isIdnHostname(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => IDN_LABEL.test(label));
}

function makeAjv(allErrors: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    unicodeRegExp: false,
    allErrors,
    logger: false,
    validateFormats: true,
  });
  addFormats(ajv);
  // domain-name.json uses idn-hostname, which ajv-formats does not supply.
  ajv.addFormat('idn-hostname', { type: 'string', validate: isIdnHostname });
  for (const schema of Object.values(STIX_SCHEMAS)) ajv.addSchema(schema);
  return ajv;
}

class SchemaCache {
  private ajv: Ajv2020 | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();
  constructor(private readonly allErrors: boolean) {}

  get(path: string): ValidateFunction {
    let fn = this.compiled.get(path);
    if (fn !== undefined) return fn;
    const schema = STIX_SCHEMAS[path] as { $id?: unknown } | undefined;
    if (schema === undefined || typeof schema.$id !== 'string') throw new Error(`no STIX schema at ${path}`);
    this.ajv ??= makeAjv(this.allErrors);
    fn = this.ajv.getSchema(schema.$id);
    if (fn === undefined) throw new Error(`STIX schema ${path} did not compile`);
    this.compiled.set(path, fn);
    return fn;
  }
}

const NO_ERRORS: readonly SchemaError[] = Object.freeze([]);
const fast = new SchemaCache(false);
const detailed = new SchemaCache(true);

/**
 * Validates `obj` against the schema at `path` (relative to schemas/). Returns [] when it conforms.
 * Precondition: `path` is a key of STIX_SCHEMAS.
 */
export function checkAgainstSchema(path: string, obj: unknown): readonly SchemaError[] {
  if (fast.get(path)(obj)) return NO_ERRORS;
  const full = detailed.get(path);
  full(obj);
  const errors = full.errors ?? [];
  const out = errors.slice(0, MAX_SCHEMA_ERRORS).map((e) => toSchemaError(path, e));
  if (errors.length > MAX_SCHEMA_ERRORS) {
    out.push({ pointer: '', message: `${path}: ${errors.length - MAX_SCHEMA_ERRORS} more schema errors` });
  }
  return out;
}

/** Points at the property itself for errors ajv reports on the parent (missing or extra property). */
function toSchemaError(path: string, e: ErrorObject): SchemaError {
  const params = e.params as Record<string, unknown>;
  let pointer = e.instancePath;
  if (e.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    pointer += `/${pointerToken(params['missingProperty'])}`;
  } else if (e.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    pointer += `/${pointerToken(params['additionalProperty'])}`;
  }
  const where = e.instancePath === '' ? '/' : e.instancePath;
  const extra = e.keyword === 'additionalProperties' ? ` ('${String(params['additionalProperty'])}')` : '';
  return { pointer, message: `${path}: ${where} ${e.message ?? e.keyword}${extra}` };
}
