/** RFC 8785 canonical JSON and strict parsing of untrusted JSON text. */
export { canonicalize, normalizeNfc, isNfc, type JsonValue, type JsonObject } from './canonicalize.js';
export { parseJsonStrict, DEFAULT_MAX_JSON_DEPTH } from './strict-parse.js';
