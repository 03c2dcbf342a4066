// Receiving: parse untrusted bytes (UTF-8, JSON, shape, canonical form, NFC), hash, and verify
// the Ed25519 signature against the pinned key — the per-envelope work of the inbox.
import { fileURLToPath } from 'node:url';
import { createEnvelope, parseEnvelope, verifyEnvelopeSignature } from '../src/core/envelope/index.js';
import { partyIdFromPublicKey } from '../src/core/party/index.js';
import { generateKeyPair, verify } from '../src/core/sig/index.js';
import { cpuSeconds, type BenchResult } from './envelope-append.js';

export async function runEnvelopeVerifyBench(n = 30_000): Promise<BenchResult[]> {
  const kp = generateKeyPair();
  const author = partyIdFromPublicKey(kp.publicKey);
  const channel = 'channel--00000000-0000-4000-8000-000000000002';
  const body = { text: 'x'.repeat(1000) };
  const wire: Uint8Array[] = [];
  let prev: string | undefined;
  const created = new Date().toISOString();
  for (let seq = 0; seq < n; seq++) {
    const e = createEnvelope(
      { channel, author, seq, ...(prev ? { prev } : {}), created, kind: 'note', body },
      kp.privateKey,
    );
    prev = e.hashHex;
    wire.push(new Uint8Array(e.bytes));
  }
  const keys = (id: string): Uint8Array | undefined => (id === author ? kp.publicKey : undefined);
  for (let i = 0; i < 2000; i++) verifyEnvelopeSignature(parseEnvelope(wire[i]!), keys);
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  for (const b of wire) verifyEnvelopeSignature(parseEnvelope(b), keys);
  const full = n / ((performance.now() - t0) / 1000);
  const fullCpu = n / cpuSeconds(c0);
  const msg = new Uint8Array(1100);
  const sig = createEnvelope({ channel, author, seq: 0, created, kind: 'note', body }, kp.privateKey).envelope
    .sig;
  const sigBytes = new Uint8Array(Buffer.from(sig, 'base64'));
  t0 = performance.now();
  c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) verify(kp.publicKey, msg, sigBytes);
  const raw = n / ((performance.now() - t0) / 1000);
  const rawCpu = n / cpuSeconds(c0);
  t0 = performance.now();
  for (const b of wire) parseEnvelope(b);
  const parse = n / ((performance.now() - t0) / 1000);
  return [
    {
      name: 'received envelopes parsed and verified (1 KiB body, one core)',
      value: Math.round(full),
      unit: 'envelopes/s',
      note: `n=${n}`,
    },
    {
      name: 'received envelopes parsed and verified, per CPU-second',
      value: Math.round(fullCpu),
      unit: 'envelopes/s',
    },
    { name: 'raw Ed25519 verify (libsodium), for comparison', value: Math.round(raw), unit: 'verifies/s' },
    { name: 'raw Ed25519 verify, per CPU-second', value: Math.round(rawCpu), unit: 'verifies/s' },
    { name: 'parse + canonical check + leaf hash only', value: Math.round(parse), unit: 'envelopes/s' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await runEnvelopeVerifyBench()) console.log(JSON.stringify(r));
}
