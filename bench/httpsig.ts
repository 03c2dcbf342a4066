// Federation request authentication: RFC 9421 Ed25519 signing and verification of an inbox POST
// (method, target URI, authority, Content-Digest, Content-Type), with a 4 KiB body digested on both sides.
import { fileURLToPath } from 'node:url';
import {
  FEDERATION_BODY_COMPONENTS,
  FEDERATION_TAG,
  computeContentDigest,
  requestFromUrl,
  signRequest,
  verifyRequest,
} from '../src/core/httpsig/index.js';
import { generateKeyPair } from '../src/core/sig/index.js';
import type { BenchResult } from './envelope-append.js';

export async function runHttpSigBench(n = 20_000): Promise<BenchResult[]> {
  const kp = generateKeyPair();
  const keyId = 'identity--00000000-0000-5000-8000-000000000001';
  const body = new Uint8Array(4096).fill(0x61);
  const url = 'https://node-b.example:8443/federation/v1/inbox';
  const created = new Date();
  const sign = (i: number) => {
    const req = requestFromUrl('POST', url, {
      'content-type': 'application/json',
      'content-digest': computeContentDigest(body),
    });
    const h = signRequest(req, {
      keyId,
      privateKey: kp.privateKey,
      created,
      nonce: `n${i}`,
      tag: FEDERATION_TAG,
      components: FEDERATION_BODY_COMPONENTS,
    });
    return {
      ...req,
      headers: { ...req.headers, 'signature-input': h['signature-input'], signature: h.signature },
    };
  };
  const opts = {
    resolveKey: (k: string) => (k === keyId ? kp.publicKey : undefined),
    now: created,
    maxAgeSeconds: 300,
    clockSkewSeconds: 300,
    requiredComponents: FEDERATION_BODY_COMPONENTS,
    requiredTag: FEDERATION_TAG,
    body,
  };
  for (let i = 0; i < 1000; i++) verifyRequest(sign(i), opts);
  const signed = new Array<ReturnType<typeof sign>>(n);
  let t0 = performance.now();
  for (let i = 0; i < n; i++) signed[i] = sign(i);
  const signRate = n / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (const r of signed) verifyRequest(r, opts);
  const verifyRate = n / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let i = 0; i < n; i++) verifyRequest(sign(i), opts);
  const both = n / ((performance.now() - t0) / 1000);
  return [
    {
      name: 'http signature: digest + sign a 4 KiB inbox POST',
      value: Math.round(signRate),
      unit: 'requests/s',
      note: `n=${n}, one core`,
    },
    {
      name: 'http signature: parse + verify + digest check',
      value: Math.round(verifyRate),
      unit: 'requests/s',
      note: `n=${n}, one core`,
    },
    {
      name: 'http signature: sign then verify',
      value: Math.round(both),
      unit: 'requests/s',
      note: `n=${n}, one core`,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await runHttpSigBench()) console.log(JSON.stringify(r));
}
