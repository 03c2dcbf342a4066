import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { honouredVersions, versionsOf } from '../../../../src/service/threat/designation-book.js';
import type { DesignationRecord, DesignationResponseRecord } from '../../../../src/store/threat.types.js';

const A = 'identity--11111111-1111-4111-8111-111111111111';
const B = 'identity--22222222-2222-4222-8222-222222222222';
const C = 'channel--33333333-3333-4333-8333-333333333333';

const d = (party: string, version: number): DesignationRecord => ({
  channel: C,
  party,
  version,
  taxonomy: 'us-ppd21',
  body: JSON.stringify({ party, version, taxonomy: 'us-ppd21', sectors: [], assets: [] }),
  envelopeHash: `${party}-${version}`,
  created: `2026-11-2${version}T00:00:00.000Z`,
});
const r = (
  party: string,
  version: number,
  kind: 'ack' | 'objection',
  responder = B,
): DesignationResponseRecord => ({
  channel: C,
  party,
  version,
  responder,
  kind,
  reasons: kind === 'objection' ? ['no'] : [],
  envelopeHash: `r-${party}-${version}-${kind}`,
  created: '2026-11-28T00:00:00.000Z',
});

describe('honouredVersions', () => {
  const cases: {
    desc: string;
    records: DesignationRecord[];
    responses: DesignationResponseRecord[];
    want: string[];
  }[] = [
    {
      desc: 'only the current version when nothing was acknowledged',
      records: [d(A, 1), d(A, 2)],
      responses: [],
      want: ['A2'],
    },
    {
      desc: 'the current and the latest acknowledged version',
      records: [d(A, 1), d(A, 2), d(A, 3)],
      responses: [r(A, 1, 'ack'), r(A, 2, 'ack'), r(A, 3, 'objection')],
      want: ['A2', 'A3'],
    },
    {
      desc: 'just the current one when it is the acknowledged one',
      records: [d(A, 1), d(A, 2)],
      responses: [r(A, 1, 'ack'), r(A, 2, 'ack')],
      want: ['A2'],
    },
    {
      desc: 'each party on its own',
      records: [d(A, 1), d(B, 1), d(B, 2)],
      responses: [r(B, 1, 'ack', A)],
      want: ['A1', 'B1', 'B2'],
    },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const got = honouredVersions(versionsOf(c.records, c.responses)).map(
        (v) => `${v.party === A ? 'A' : 'B'}${v.version}`,
      );
      assert.deepEqual(got.sort(), c.want);
    });
  }

  it('attaches acks and objections to their version', () => {
    const vs = versionsOf([d(A, 1), d(A, 2)], [r(A, 1, 'ack'), r(A, 2, 'objection')]);
    assert.deepEqual(
      vs.map((v) => [v.acks.length, v.objections.length]),
      [
        [1, 0],
        [0, 1],
      ],
    );
    assert.deepEqual(vs[1]!.objections[0]!.reasons, ['no']);
  });
});
