import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PolicyError } from '../../../../src/core/errors.js';
import {
  TLP2_MARKING_IDS,
  TLP_LEVELS,
  checkRelease,
  tlp2MarkingDefinition,
  type ReleaseDestination,
  type ReleaseRefusal,
  type TlpLevel,
} from '../../../../src/core/tlp/index.js';

const A = 'identity--00000000-0000-5000-8000-00000000000a';
const B = 'identity--00000000-0000-5000-8000-00000000000b';
const C = 'identity--00000000-0000-5000-8000-00000000000c';
const marked = (level: TlpLevel, n = 1) => ({
  type: 'indicator',
  id: `indicator--00000000-0000-4000-8000-00000000000${n}`,
  object_marking_refs: [TLP2_MARKING_IDS[level]],
});

const DESTINATIONS: Record<string, ReleaseDestination> = {
  'channel, every receiver named': { kind: 'channel', channelMembers: [B, C], namedRecipients: [A, B, C] },
  'channel, some receiver not named': { kind: 'channel', channelMembers: [B, C], namedRecipients: [B] },
  'named recipients': { kind: 'recipients', partyIds: [B] },
  'collection, not public': { kind: 'collection', public: false },
  'collection, public': { kind: 'collection', public: true },
};

// The matrix of src/core/tlp/README.md, cell by cell: undefined is allowed, a string the refusal reason.
const MATRIX: Record<TlpLevel, (ReleaseRefusal | undefined)[]> = {
  'TLP:CLEAR': [undefined, undefined, undefined, undefined, undefined],
  'TLP:GREEN': [undefined, undefined, undefined, undefined, 'GREEN_TO_PUBLIC'],
  'TLP:AMBER': [undefined, undefined, undefined, 'AMBER_OUTSIDE_CHANNEL', 'AMBER_OUTSIDE_CHANNEL'],
  'TLP:AMBER+STRICT': [undefined, undefined, undefined, 'AMBER_OUTSIDE_CHANNEL', 'AMBER_OUTSIDE_CHANNEL'],
  'TLP:RED': [undefined, 'RED_TO_UNNAMED_MEMBERS', undefined, 'RED_TO_COLLECTION', 'RED_TO_COLLECTION'],
};

function refusal(fn: () => unknown): { reason: string; id: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof PolicyError, String(e));
    assert.equal(e.code, 'TLP_FORBIDS');
    return { reason: e.details?.['reason'] as string, id: e.details?.['id'] as string };
  }
}

describe('checkRelease: the release matrix', () => {
  const names = Object.keys(DESTINATIONS);
  for (const level of TLP_LEVELS) {
    names.forEach((dest, i) => {
      const want = MATRIX[level][i];
      it(`${level} → ${dest}: ${want ?? 'allowed'}`, () => {
        const got = refusal(() => checkRelease([marked(level)], DESTINATIONS[dest]!));
        assert.equal(got?.reason, want);
        if (want) assert.equal(got?.id, marked(level).id);
      });
    });
  }

  it('unmarked objects take the default AMBER, or a configured default', () => {
    const unmarked = { type: 'note', id: 'note--00000000-0000-4000-8000-000000000001' };
    assert.equal(
      refusal(() => checkRelease([unmarked], DESTINATIONS['collection, not public']!))?.reason,
      'AMBER_OUTSIDE_CHANNEL',
    );
    checkRelease([unmarked], DESTINATIONS['channel, some receiver not named']!);
    checkRelease([unmarked], DESTINATIONS['collection, not public']!, { defaultLevel: 'TLP:GREEN' });
    assert.equal(
      refusal(() =>
        checkRelease([unmarked], DESTINATIONS['channel, some receiver not named']!, {
          defaultLevel: 'TLP:RED',
        }),
      )?.reason,
      'RED_TO_UNNAMED_MEMBERS',
    );
  });
});

describe('checkRelease: channel details', () => {
  it('RED to a channel with no named recipients, or with no receivers, is refused', () => {
    assert.equal(
      refusal(() => checkRelease([marked('TLP:RED')], { kind: 'channel', channelMembers: [B] }))?.reason,
      'RED_TO_UNNAMED_MEMBERS',
    );
    assert.equal(
      refusal(() =>
        checkRelease([marked('TLP:RED')], { kind: 'channel', channelMembers: [], namedRecipients: [B] }),
      )?.reason,
      'RED_TO_UNNAMED_MEMBERS',
    );
  });

  it('the channel ceiling refuses anything above it, inclusive at the ceiling', () => {
    const dest = (c: TlpLevel): ReleaseDestination => ({
      kind: 'channel',
      channelMembers: [B],
      namedRecipients: [B],
      tlpCeiling: c,
    });
    checkRelease([marked('TLP:AMBER')], dest('TLP:AMBER'));
    assert.equal(
      refusal(() => checkRelease([marked('TLP:AMBER+STRICT')], dest('TLP:AMBER')))?.reason,
      'ABOVE_CHANNEL_CEILING',
    );
    assert.equal(
      refusal(() => checkRelease([marked('TLP:RED')], dest('TLP:AMBER')))?.reason,
      'ABOVE_CHANNEL_CEILING',
    );
    checkRelease([marked('TLP:RED')], dest('TLP:RED'));
  });
});

describe('checkRelease: decisions and errors', () => {
  it('returns every object level and the highest', () => {
    const d = checkRelease(
      [marked('TLP:GREEN', 1), marked('TLP:AMBER+STRICT', 2), tlp2MarkingDefinition('TLP:AMBER+STRICT')],
      DESTINATIONS['named recipients']!,
    );
    assert.equal(d.allowed, true);
    assert.equal(d.highest, 'TLP:AMBER+STRICT');
    assert.deepEqual(
      d.objects.map((o) => o.level),
      ['TLP:GREEN', 'TLP:AMBER+STRICT', 'TLP:CLEAR'],
    );
    assert.equal(checkRelease([], DESTINATIONS['collection, public']!).highest, 'TLP:CLEAR');
  });

  it('names the first refused object and lists all of them', () => {
    try {
      checkRelease([marked('TLP:CLEAR', 1), marked('TLP:RED', 2), marked('TLP:AMBER', 3)], {
        kind: 'collection',
        public: true,
      });
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof PolicyError);
      assert.match(e.message, /indicator--00000000-0000-4000-8000-000000000002 is TLP:RED/);
      assert.deepEqual(
        (e.details?.['refused'] as { id: string }[]).map((r) => r.id),
        [marked('TLP:RED', 2).id, marked('TLP:AMBER', 3).id],
      );
    }
  });

  it('refuses unresolved markings unless allowed, and resolves node-known definitions', () => {
    const custom = 'marking-definition--00000000-0000-4000-8000-0000000000aa';
    const o = {
      type: 'indicator',
      id: 'indicator--x',
      object_marking_refs: [custom, TLP2_MARKING_IDS['TLP:CLEAR']],
    };
    assert.equal(
      refusal(() => checkRelease([o], DESTINATIONS['collection, public']!))?.reason,
      'UNRESOLVED_MARKING',
    );
    checkRelease([o], DESTINATIONS['collection, public']!, { allowUnresolvedMarkings: true });
    const def = {
      type: 'marking-definition',
      id: custom,
      definition_type: 'statement',
      definition: { statement: 'x' },
    };
    checkRelease([o], DESTINATIONS['collection, public']!, { markingDefinitions: [def] });
    checkRelease([o, def], DESTINATIONS['collection, public']!);
  });

  it('a RED definition shipped in the released objects marks what references it', () => {
    const custom = 'marking-definition--00000000-0000-4000-8000-0000000000bb';
    const def = { ...tlp2MarkingDefinition('TLP:RED'), id: custom };
    assert.equal(
      refusal(() =>
        checkRelease(
          [{ type: 'indicator', id: 'indicator--y', object_marking_refs: [custom] }, def],
          DESTINATIONS['collection, not public']!,
        ),
      )?.reason,
      'RED_TO_COLLECTION',
    );
  });

  it('throws STIX_INVALID for an object without an id', () => {
    assert.throws(
      () => checkRelease([{ type: 'indicator' }], DESTINATIONS['named recipients']!),
      (e: unknown) => (e as { code?: string }).code === 'STIX_INVALID',
    );
  });
});
