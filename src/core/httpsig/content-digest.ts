/**
 * Content-Digest (RFC 9530): the digest of the request content, as an RFC 8941 dictionary of
 * algorithm → byte sequence. Covering `content-digest` in the HTTP signature is what binds the body
 * to the signature; verifying the header against the body is this module's other half.
 */
import { equalBytes, sha256, sha512 } from '../sig/index.js';
import { HttpSigError } from './httpsig-error.js';
import { parseDictionary, serializeMember } from './structured-field.js';

/** Algorithms checked, from the IANA Hash Algorithms for HTTP Digest Fields registry (RFC 9530 §7.2). */
const DIGESTS: Readonly<Record<string, (b: Uint8Array) => Uint8Array>> = {
  'sha-256': sha256,
  'sha-512': sha512,
};

/**
 * The Content-Digest field value for `body` with SHA-256 (RFC 9530 §2), e.g.
 * `sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:` for `{"hello": "world"}`.
 */
export function computeContentDigest(body: Uint8Array): string {
  return serializeMember('sha-256', {
    kind: 'item',
    value: { type: 'bytes', value: sha256(body) },
    params: [],
  });
}

/**
 * Checks a Content-Digest field value against `body` (RFC 9530 §2). Every sha-256 and sha-512 member
 * must match; other algorithms are ignored, but at least one known one must be present, so that a
 * sender cannot pass with only a digest we do not compute.
 * Throws HttpSigError CONTENT_DIGEST_MISSING (no header), HTTPSIG_MALFORMED (not a dictionary of
 * byte sequences), CONTENT_DIGEST_UNSUPPORTED (no known algorithm), CONTENT_DIGEST_MISMATCH.
 */
export function verifyContentDigest(header: string | undefined, body: Uint8Array): void {
  if (header === undefined)
    throw new HttpSigError('CONTENT_DIGEST_MISSING', 'request has a body but no Content-Digest');
  const dict = parseDictionary(header, 'Content-Digest');
  let checked = 0;
  for (const [alg, member] of dict) {
    if (member.kind !== 'item' || member.value.type !== 'bytes') {
      throw new HttpSigError('HTTPSIG_MALFORMED', `Content-Digest member ${alg} is not a byte sequence`);
    }
    const fn = DIGESTS[alg];
    if (fn === undefined) continue;
    if (!equalBytes(fn(body), member.value.value)) {
      throw new HttpSigError('CONTENT_DIGEST_MISMATCH', `Content-Digest ${alg} does not match the body`, {
        details: { alg },
      });
    }
    checked++;
  }
  if (checked === 0) {
    throw new HttpSigError(
      'CONTENT_DIGEST_UNSUPPORTED',
      `Content-Digest has no sha-256 or sha-512 member (has ${[...dict.keys()].join(', ') || 'none'})`,
    );
  }
}
