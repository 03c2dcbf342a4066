// Shared by the verify tests: two parties' keys, a signed inbox POST, and the verifier options a
// federation endpoint would use.
import {
  FEDERATION_BODY_COMPONENTS,
  FEDERATION_TAG,
  HttpSigError,
  computeContentDigest,
  requestFromUrl,
  signRequest,
  type HttpSigRequest,
  type SignRequestOptions,
  type VerifyRequestOptions,
} from '../../../../src/core/httpsig/index.js';
import { VerificationError } from '../../../../src/core/errors.js';
import { keyPairFromSeed } from '../../../../src/core/sig/index.js';

export const alice = keyPairFromSeed(new Uint8Array(32).fill(1));
export const bob = keyPairFromSeed(new Uint8Array(32).fill(2));
export const ALICE = 'identity--00000000-0000-5000-8000-00000000000a';
export const BOB = 'identity--00000000-0000-5000-8000-00000000000b';
export const keys = new Map([
  [ALICE, alice.publicKey],
  [BOB, bob.publicKey],
]);
export const T0 = new Date('2026-03-01T12:00:00Z');
export const at = (s: number): Date => new Date(T0.getTime() + s * 1000);
export const BODY = new Uint8Array(Buffer.from('{"envelopes":[]}'));

export const code = (c: string) => (e: unknown) =>
  (e instanceof HttpSigError || e instanceof VerificationError) && e.code === c;

export function baseRequest(): HttpSigRequest {
  return requestFromUrl('POST', 'https://node-b.example:8443/federation/v1/inbox?batch=1', {
    'content-type': 'application/json',
    'content-digest': computeContentDigest(BODY),
  });
}

export function signed(over: Partial<SignRequestOptions> = {}, req = baseRequest()): HttpSigRequest {
  const h = signRequest(req, {
    keyId: ALICE,
    privateKey: alice.privateKey,
    created: T0,
    nonce: 'n-0001',
    tag: FEDERATION_TAG,
    components: FEDERATION_BODY_COMPONENTS,
    ...over,
  });
  return {
    ...req,
    headers: { ...req.headers, 'signature-input': h['signature-input'], signature: h.signature },
  };
}

export const OPTS: VerifyRequestOptions = {
  resolveKey: (k) => keys.get(k),
  now: at(5),
  maxAgeSeconds: 300,
  clockSkewSeconds: 30,
  requiredComponents: FEDERATION_BODY_COMPONENTS,
  requiredTag: FEDERATION_TAG,
  body: BODY,
};
