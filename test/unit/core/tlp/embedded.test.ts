import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PolicyError } from '../../../../src/core/errors.js';
import {
  TLP2_MARKING_IDS,
  checkDeclaredHandling,
  checkRelease,
  embeddedStixObjects,
  type ReleaseDestination,
  type TlpLevel,
} from '../../../../src/core/tlp/index.js';

const B = 'identity--00000000-0000-5000-8000-00000000000b';
const C = 'identity--00000000-0000-5000-8000-00000000000c';
const marked = (level: TlpLevel, n = 1) => ({
  type: 'indicator',
  id: `indicator--00000000-0000-4000-8000-00000000000${n}`,
  object_marking_refs: [TLP2_MARKING_IDS[level]],
});
const bundle = (...objects: unknown[]) => ({
  type: 'bundle',
  id: 'bundle--00000000-0000-4000-8000-000000000001',
  objects,
});
const channel: ReleaseDestination = { kind: 'channel', channelMembers: [B, C], tlpCeiling: 'TLP:RED' };

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof PolicyError && e.code === 'TLP_FORBIDS', String(e));
    return e.details?.['reason'] as string;
  }
}

describe('embeddedStixObjects', () => {
  const cases: { desc: string; body: unknown; want: string[] }[] = [
    { desc: 'a body bundle', body: { bundle: bundle(marked('TLP:RED')) }, want: [marked('TLP:RED').id] },
    {
      desc: "a template's technical annex",
      body: { template: { handling: 'TLP:AMBER', technical_annex: bundle(marked('TLP:RED', 2)) } },
      want: [marked('TLP:RED', 2).id],
    },
    {
      desc: 'a bundle and an annex together',
      body: {
        bundle: bundle(marked('TLP:GREEN')),
        template: { technical_annex: bundle(marked('TLP:RED', 2)) },
      },
      want: [marked('TLP:GREEN').id, marked('TLP:RED', 2).id],
    },
    {
      desc: 'a loose STIX object deep in an array',
      body: { x: [{ y: [marked('TLP:RED', 3)] }] },
      want: [marked('TLP:RED', 3).id],
    },
    { desc: 'a null annex', body: { template: { technical_annex: null } }, want: [] },
    {
      desc: 'party ids and hashes are not objects',
      body: { party: B, members: [{ party: C, name: 'C' }] },
      want: [],
    },
    {
      desc: 'an id of another type is not a STIX object',
      body: { o: { type: 'note', id: 'indicator--00000000-0000-4000-8000-000000000001' } },
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      assert.deepEqual(
        embeddedStixObjects(c.body).map((o) => (o as { id: string }).id),
        c.want,
      );
    });
  }

  it('refuses a TLP:RED annex through checkRelease, as a body bundle would be', () => {
    const body = { template: { technical_annex: bundle(marked('TLP:RED')) } };
    assert.equal(
      reasonOf(() => checkRelease(embeddedStixObjects(body), channel)),
      'RED_TO_UNNAMED_MEMBERS',
    );
  });
});

describe('checkDeclaredHandling', () => {
  const cases: {
    desc: string;
    handling: TlpLevel;
    objects: unknown[];
    dest?: ReleaseDestination;
    want?: string;
  }[] = [
    { desc: 'handling equal to the markings', handling: 'TLP:AMBER', objects: [marked('TLP:AMBER')] },
    {
      desc: 'handling stricter than the markings',
      handling: 'TLP:AMBER+STRICT',
      objects: [marked('TLP:GREEN')],
    },
    {
      desc: 'handling below a marking',
      handling: 'TLP:GREEN',
      objects: [marked('TLP:AMBER')],
      want: 'HANDLING_BELOW_MARKINGS',
    },
    {
      desc: 'CLEAR handling over a RED annex',
      handling: 'TLP:CLEAR',
      objects: [marked('TLP:RED')],
      dest: { kind: 'recipients', partyIds: [B] },
      want: 'HANDLING_BELOW_MARKINGS',
    },
    // Unmarked objects take the default level; there is no marking for the handling to contradict.
    {
      desc: 'unmarked objects do not count',
      handling: 'TLP:GREEN',
      objects: [{ type: 'indicator', id: 'indicator--00000000-0000-4000-8000-000000000009' }],
    },
    {
      desc: 'RED handling to unnamed members',
      handling: 'TLP:RED',
      objects: [],
      want: 'RED_TO_UNNAMED_MEMBERS',
    },
    {
      desc: 'handling above the ceiling',
      handling: 'TLP:RED',
      objects: [],
      dest: { kind: 'channel', channelMembers: [B], namedRecipients: [B], tlpCeiling: 'TLP:AMBER' },
      want: 'ABOVE_CHANNEL_CEILING',
    },
  ];
  for (const c of cases) {
    it(`${c.desc}: ${c.want ?? 'allowed'}`, () => {
      const dest = c.dest ?? channel;
      const released = checkRelease(c.objects, { kind: 'recipients', partyIds: [B] });
      assert.equal(
        reasonOf(() => checkDeclaredHandling(c.handling, released, dest, 'template handling')),
        c.want,
      );
    });
  }
});
