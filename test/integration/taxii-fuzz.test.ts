/**
 * Malformed input through real HTTP: a thousand generated broken envelopes (truncated JSON, wrong
 * types, huge strings, deep nesting, bad patterns, bad ids and timestamps, …). Each must get a 4xx
 * in the TAXII error format with a useful description, never a 5xx, and the server must stay up.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startTaxiiNode, TAXII_CT, taxiiFetch, type TaxiiNode } from '../unit/service/taxii/taxii-harness.js';

const CASES = 1000;

function goodIndicator(): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    pattern: "[ipv4-addr:value = '198.51.100.1']",
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
  };
}

/** Ways to break one object so that it is not valid STIX 2.1. */
const objectBreakers: ((o: Record<string, unknown>, s: string, n: number) => unknown)[] = [
  (o, s) => ({ ...o, pattern: `[ipv4-addr:value = '${s}'` }),
  (o, s) => ({ ...o, pattern: `[${s.replace(/[^a-z]/g, '') || 'x'}:value = 1] AND` }),
  (o, s) => ({ ...o, pattern: `[file:hashes.'SHA-256' = '${s}'] REPEATS -1 TIMES` }),
  (o) => ({ ...o, pattern_type: 42 }),
  (o, s) => ({ ...o, id: `indicator--${s}` }),
  (o) => ({ ...o, id: `malware--${randomUUID()}` }),
  (o, s) => ({ ...o, created: s }),
  (o) => ({ ...o, modified: '2025-01-01T00:00:00.000Z' }),
  (o) => ({ ...o, spec_version: '2.0' }),
  (o) => ({ ...o, type: 'Not A Type' }),
  (o, _s, n) => ({ ...o, valid_from: n }),
  (o) => ({ ...o, created_by_ref: 'not-a-ref' }),
  (o) => ({ ...o, object_marking_refs: 'marking-definition--x' }),
  (o) => ({ ...o, labels: [1, 2, 3] }),
  (o) => ({ ...o, external_references: [{}] }),
  (o) => ({ ...o, kill_chain_phases: [{ kill_chain_name: 'X Y' }] }),
  (o) => ({ ...o, confidence: 1000 }),
  (o) => ({ ...o, description: 'x'.repeat(300_000), pattern: '' }),
  (o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'pattern')),
  (o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'id')),
  (_o, _s, n) => n,
  (_o, s) => s,
  () => null,
  () => [],
  (o) => ({ ...o, extensions: { 'extension-definition--x': 1 } }),
  (o, s) => ({ ...o, [`x_${s.replace(/[^a-z]/g, '')}!`]: 1 }),
];

function deep(n: number): string {
  return '['.repeat(n) + ']'.repeat(n);
}

/** Whole bodies that are not valid envelopes at all. */
const bodyBreakers: ((s: string, n: number) => string)[] = [
  (s) => JSON.stringify({ objects: [goodIndicator()] }).slice(0, 10 + (s.length % 50)),
  (s) => s,
  () => '',
  () => '{',
  () => 'null',
  (_s, n) => String(n),
  () => '[]',
  () => '{"objects": "everything"}',
  () => '{"objects": null}',
  () => '{"objects": []}',
  () => `{"objects": ${deep(5000)}}`,
  (_s, n) => `{"objects": [${deep(150 + (Math.abs(n) % 200))}]}`,
  () => `{"objects": [${'{"a":'.repeat(200)}1${'}'.repeat(200)}]}`,
  (s) => `{"objects": [{"type": "indicator", "id": "${s.replace(/["\\]/g, '')}"`,
  () => '\u0000\u0001\u0002',
  () => '{"objects": [1, 2, 3]} trailing',
  () => '\uFEFF{"objects": [1]}',
];

describe('broken input through HTTP', () => {
  let n: TaxiiNode;
  let url: string;
  before(async () => {
    n = await startTaxiiNode('sqlite', { maxContentLength: 4 * 1024 * 1024 });
    url = `${n.api}collections/${(await n.taxii.createCollection({ title: 'Fuzz' })).id}/objects/`;
  });
  after(() => n?.close());

  it(`answers each of ${CASES} broken envelopes with a 4xx TAXII error that says what is wrong`, async () => {
    const gen = fc.tuple(
      fc.nat({ max: 10_000 }),
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.integer({ min: 1, max: 4 }),
    );
    const samples = fc.sample(gen, { numRuns: CASES, seed: 20260101 });
    const statuses = new Map<number, number>();
    for (const [pick, s, num, count] of samples) {
      let body: string;
      if (pick % 3 === 0) {
        body = bodyBreakers[pick % bodyBreakers.length]!(s, num);
      } else {
        const objects = Array.from({ length: count }, (_, i) =>
          objectBreakers[(pick + i * 7) % objectBreakers.length]!(goodIndicator(), s, num),
        );
        body = JSON.stringify(
          pick % 5 === 1 ? { type: 'bundle', id: `bundle--${randomUUID()}`, objects } : { objects },
        );
      }
      const r = await taxiiFetch(url, { auth: n.adminAuth, body });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      assert.ok(
        r.status >= 400 && r.status < 500,
        `case ${pick}: status ${r.status} for ${body.slice(0, 200)}: ${r.text.slice(0, 300)}`,
      );
      assert.equal(r.headers.get('content-type'), TAXII_CT);
      assert.equal(r.json['http_status'], String(r.status));
      assert.match(String(r.json['error_code']), /^TAXII_/);
      assert.ok(
        String(r.json['description'] ?? '').length > 10,
        `case ${pick}: no useful description: ${r.text.slice(0, 300)}`,
      );
      if (r.status === 422) {
        const failures = (r.json['details'] as { failures: { message: string }[] }).failures;
        assert.ok(failures.length > 0 && failures.every((f) => f.message.length > 5));
      }
    }
    assert.ok(
      (statuses.get(422) ?? 0) > 100 && (statuses.get(400) ?? 0) > 100,
      JSON.stringify([...statuses]),
    );
    const alive = await taxiiFetch(n.api, { auth: n.adminAuth });
    assert.equal(alive.status, 200);
  });
});
