/**
 * Deterministic identifiers of STIX 2.1 cyber-observable objects (STIX 2.1 §2.9): a UUIDv5 in the
 * STIX namespace over the RFC 8785 (JCS) text of the object's ID-contributing properties, so that
 * the same address reported twice, by either party, is the same object. Synchronous, so that the
 * report form's preview shows the identifiers that will be sent; SHA-1 is only the UUIDv5 name hash
 * here (RFC 9562 §5.5), never a security function.
 */

/** STIX 2.1 §2.9: the namespace of every deterministic SCO identifier. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** SHA-1 (FIPS 180-4 §6.1) of bytes. */
export function sha1(bytes: Uint8Array): Uint8Array {
  const bitLen = bytes.length * 8;
  const padded = new Uint8Array((((bytes.length + 8) >> 6) + 1) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 2 ** 32));
  view.setUint32(padded.length - 4, bitLen >>> 0);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + 4 * i);
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + w[i]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
  }
  const out = new Uint8Array(20);
  const ov = new DataView(out.buffer);
  h.forEach((x, i) => ov.setUint32(4 * i, x >>> 0));
  return out;
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

/** RFC 9562 §5.5: UUIDv5 of a name in a namespace. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Uint8Array.from(
    namespace
      .replace(/-/g, '')
      .match(/../g)!
      .map((x) => parseInt(x, 16)),
  );
  const n = new TextEncoder().encode(name);
  const input = new Uint8Array(ns.length + n.length);
  input.set(ns);
  input.set(n, ns.length);
  const d = sha1(input).slice(0, 16);
  d[6] = (d[6]! & 0x0f) | 0x50;
  d[8] = (d[8]! & 0x3f) | 0x80;
  const s = hex(d);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * RFC 8785 text of a small JSON value of strings, integers and objects: keys sorted by UTF-16 code
 * units, strings and integers as ECMAScript serialises them (which JCS adopts).
 */
export function canonicalJson(v: unknown): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  return JSON.stringify(v);
}

/** `type--UUIDv5(JCS(contributing properties))`, as STIX 2.1 §2.9 specifies. */
export function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidV5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}
