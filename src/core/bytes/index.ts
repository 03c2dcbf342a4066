/** Byte helpers shared by core: hex and base64 (RFC 4648 §4, standard alphabet, padded). */

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Parses lower- or upper-case hex; returns undefined on any non-hex character or odd length. */
export function fromHex(s: string): Uint8Array | undefined {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return undefined;
  return new Uint8Array(Buffer.from(s, 'hex'));
}

export function toBase64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64: padded, standard alphabet, no whitespace. Returns undefined when malformed. */
export function fromBase64(s: string): Uint8Array | undefined {
  if (!BASE64_RE.test(s)) return undefined;
  const out = new Uint8Array(Buffer.from(s, 'base64'));
  // Reject non-zero padding bits so that each byte string has exactly one encoding.
  return toBase64(out) === s ? out : undefined;
}

export function toBase64Url(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
}

export function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  const out = new Uint8Array(Buffer.from(s, 'base64url'));
  return toBase64Url(out) === s ? out : undefined;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

export const utf8 = {
  // A Buffer is a Uint8Array; returning it saves a copy on hot paths.
  encode: (s: string): Uint8Array => Buffer.from(s, 'utf8'),
};
