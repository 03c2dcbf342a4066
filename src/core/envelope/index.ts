/** Envelopes: build and sign, parse untrusted bytes, verify signature and position. */
export * from './envelope.types.js';
export { checkEnvelopeShape, isTimestamp, CHANNEL_ID_RE, PARTY_ID_RE, HASH_HEX_RE } from './shape.js';
export { createEnvelope, envelopeSigningInput, type EnvelopeDraft } from './sign.js';
export { parseEnvelope, type ParseEnvelopeOptions } from './parse.js';
export {
  verifyEnvelopeSignature,
  verifyEnvelopePosition,
  type KeyResolver,
  type LogPosition,
} from './verify.js';
