import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VerificationError } from '../../../../src/core/errors.js';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DeadlineError,
  checkCreatedSkew,
  computeDeadline,
  deadlineAnchor,
  type DeadlineInput,
  type DeadlineState,
} from '../../../../src/core/deadline/index.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const at = (s: number, ms = 0): Date => new Date(T0 + s * 1000 + ms);
const iso = (s: number): string => at(s).toISOString();
const POLICY = { receipt_deadline_s: 3600, response_time_s: 72 * 3600 };
const TAU = 300;
const code = (c: string) => (e: unknown) =>
  (c === 'CLOCK_SKEW' ? e instanceof VerificationError : e instanceof DeadlineError) &&
  (e as DeadlineError).code === c;

describe('checkCreatedSkew (rule 1)', () => {
  it('accepts created up to exactly the tolerance ahead, refuses 1 ms more', () => {
    checkCreatedSkew(at(TAU), at(0), TAU);
    checkCreatedSkew(at(-86400), at(0), TAU);
    assert.throws(() => checkCreatedSkew(at(TAU, 1), at(0), TAU), code('CLOCK_SKEW'));
  });
  it('reports how far ahead', () => {
    try {
      checkCreatedSkew(iso(3600), at(0), TAU);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof VerificationError);
      assert.equal(e.code, 'CLOCK_SKEW');
      assert.equal(e.details?.['aheadMs'], 3_600_000);
    }
  });
  it('defaults to 300 s', () => {
    assert.equal(DEFAULT_CLOCK_SKEW_SECONDS, 300);
    checkCreatedSkew(at(300), at(0));
    assert.throws(() => checkCreatedSkew(at(300, 1), at(0)), code('CLOCK_SKEW'));
  });
});

describe('deadlineAnchor (rule 2)', () => {
  const cases: {
    desc: string;
    created: number;
    createdMs?: number;
    receivedAt?: number;
    want: number;
    wantMs?: number;
    basis: string;
  }[] = [
    { desc: 'author: the signed created', created: -7200, want: -7200, basis: 'created' },
    { desc: 'prompt delivery: created', created: -2, receivedAt: 0, want: -2, basis: 'created' },
    { desc: 'created equal to arrival', created: 0, receivedAt: 0, want: 0, basis: 'created' },
    {
      desc: 'created ahead within tolerance: arrival',
      created: 120,
      receivedAt: 0,
      want: 0,
      basis: 'received',
    },
    { desc: 'created exactly τ ahead: arrival', created: TAU, receivedAt: 0, want: 0, basis: 'received' },
    { desc: 'created exactly τ behind: created', created: -TAU, receivedAt: 0, want: -TAU, basis: 'created' },
    {
      desc: 'created τ + 1 ms behind: arrival − τ',
      created: -TAU,
      createdMs: -1,
      receivedAt: 0,
      want: -TAU,
      basis: 'received-minus-skew',
    },
    {
      desc: 'backdated by a day: arrival − τ',
      created: -86400,
      receivedAt: 0,
      want: -TAU,
      basis: 'received-minus-skew',
    },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const a = deadlineAnchor(
        at(c.created, c.createdMs ?? 0),
        c.receivedAt === undefined ? undefined : at(c.receivedAt),
        TAU,
      );
      assert.equal(a.at.getTime(), at(c.want, c.wantMs ?? 0).getTime());
      assert.equal(a.basis, c.basis);
    });
  }
  it('refuses a created beyond the tolerance, and bad timestamps', () => {
    assert.throws(() => deadlineAnchor(at(TAU, 1), at(0), TAU), code('CLOCK_SKEW'));
    assert.throws(() => deadlineAnchor('2026-02-30T00:00:00Z', at(0)), code('DEADLINE_INPUT_INVALID'));
    assert.throws(() => deadlineAnchor('yesterday', at(0)), code('DEADLINE_INPUT_INVALID'));
    assert.throws(() => deadlineAnchor(new Date(Number.NaN)), code('DEADLINE_INPUT_INVALID'));
  });
});

describe('computeDeadline: receipts', () => {
  const receipt = (over: Partial<DeadlineInput>): DeadlineInput => ({
    kind: 'receipt',
    created: iso(0),
    now: at(0),
    ...over,
  });
  const cases: {
    desc: string;
    input: DeadlineInput;
    state: DeadlineState;
    dueAt: number;
    remainingMs: number;
  }[] = [
    { desc: 'author, just sent', input: receipt({}), state: 'pending', dueAt: 3600, remainingMs: 3_600_000 },
    {
      desc: 'author, exactly at the deadline',
      input: receipt({ now: at(3600) }),
      state: 'pending',
      dueAt: 3600,
      remainingMs: 0,
    },
    {
      desc: 'author, 1 ms past the deadline',
      input: receipt({ now: at(3600, 1) }),
      state: 'overdue',
      dueAt: 3600,
      remainingMs: -1,
    },
    {
      desc: 'author, receipt exactly at the deadline',
      input: receipt({ now: at(9000), answeredAt: at(3600) }),
      state: 'met',
      dueAt: 3600,
      remainingMs: 0,
    },
    {
      desc: 'author, receipt 1 ms late',
      input: receipt({ now: at(9000), answeredAt: at(3600, 1) }),
      state: 'late',
      dueAt: 3600,
      remainingMs: -1,
    },
    {
      desc: 'receiver, prompt delivery: same due time as author',
      input: receipt({ receivedAt: at(1), now: at(10) }),
      state: 'pending',
      dueAt: 3600,
      remainingMs: 3_590_000,
    },
    {
      desc: 'receiver, sender backdated by 2 h: due from arrival − τ, not overdue on arrival',
      input: { kind: 'receipt', created: iso(-7200), receivedAt: at(0), now: at(0) },
      state: 'pending',
      dueAt: 3600 - TAU,
      remainingMs: (3600 - TAU) * 1000,
    },
    {
      desc: 'receiver, backdated, exactly at the floor-based deadline',
      input: { kind: 'receipt', created: iso(-7200), receivedAt: at(0), now: at(3600 - TAU) },
      state: 'pending',
      dueAt: 3600 - TAU,
      remainingMs: 0,
    },
    {
      desc: 'receiver, after a 5 h outage: the full window from arrival − τ',
      input: {
        kind: 'receipt',
        created: iso(0),
        receivedAt: at(5 * 3600),
        now: at(5 * 3600 + 60),
        answeredAt: at(5 * 3600 + 30),
      },
      state: 'met',
      dueAt: 5 * 3600 - TAU + 3600,
      remainingMs: (3600 - TAU - 30) * 1000,
    },
    {
      desc: 'author, same 5 h outage: overdue (the peer did not acknowledge)',
      input: { kind: 'receipt', created: iso(0), now: at(5 * 3600) },
      state: 'overdue',
      dueAt: 3600,
      remainingMs: -4 * 3600 * 1000,
    },
    {
      desc: 'receiver, created τ ahead: due from arrival',
      input: { kind: 'receipt', created: iso(TAU), receivedAt: at(0), now: at(3600, 1) },
      state: 'overdue',
      dueAt: 3600,
      remainingMs: -1,
    },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const s = computeDeadline(c.input, POLICY, TAU);
      assert.equal(s.state, c.state);
      assert.equal(s.dueAt.getTime(), at(c.dueAt).getTime());
      assert.equal(s.remainingMs, c.remainingMs);
    });
  }

  it('receiver refuses a created more than τ ahead', () => {
    assert.throws(
      () =>
        computeDeadline({ kind: 'receipt', created: at(TAU, 1), receivedAt: at(0), now: at(0) }, POLICY, TAU),
      code('CLOCK_SKEW'),
    );
  });

  it('a receipt takes no respond_by; durations must be ≥ 0', () => {
    assert.throws(
      () => computeDeadline(receipt({ respondBy: iso(10) }), POLICY),
      code('DEADLINE_INPUT_INVALID'),
    );
    assert.throws(
      () => computeDeadline(receipt({}), { ...POLICY, receipt_deadline_s: -1 }),
      code('DEADLINE_INPUT_INVALID'),
    );
    assert.throws(
      () => computeDeadline(receipt({}), POLICY, Number.POSITIVE_INFINITY),
      code('DEADLINE_INPUT_INVALID'),
    );
  });
});

describe('computeDeadline: responses', () => {
  it('author: due exactly at respond_by', () => {
    const s = computeDeadline(
      { kind: 'response', created: iso(0), respondBy: iso(86400), now: at(86400) },
      POLICY,
      TAU,
    );
    assert.deepEqual([s.state, s.dueAt.getTime()], ['pending', at(86400).getTime()]);
    assert.equal(
      computeDeadline(
        { kind: 'response', created: iso(0), respondBy: iso(86400), now: at(86400, 1) },
        POLICY,
        TAU,
      ).state,
      'overdue',
    );
  });

  it('receiver with prompt delivery: due exactly at respond_by too', () => {
    const s = computeDeadline(
      { kind: 'response', created: iso(0), receivedAt: at(3), respondBy: iso(86400), now: at(10) },
      POLICY,
      TAU,
    );
    assert.equal(s.dueAt.getTime(), at(86400).getTime());
  });

  it('receiver: a backdated request with a short respond_by does not make the receiver late on arrival', () => {
    // The sender claims it asked 2 h ago with one hour to answer; the receiver gets the hour from arrival − τ.
    const s = computeDeadline(
      { kind: 'response', created: iso(-7200), receivedAt: at(0), respondBy: iso(-3600), now: at(0) },
      POLICY,
      TAU,
    );
    assert.equal(s.state, 'pending');
    assert.equal(s.dueAt.getTime(), at(3600 - TAU).getTime());
  });

  it('without respond_by: the channel response time', () => {
    const s = computeDeadline({ kind: 'response', created: iso(0), now: at(72 * 3600, 1) }, POLICY, TAU);
    assert.equal(s.state, 'overdue');
    assert.equal(s.dueAt.getTime(), at(72 * 3600).getTime());
  });

  it('answered late and on time', () => {
    assert.equal(
      computeDeadline(
        { kind: 'response', created: iso(0), respondBy: iso(600), answeredAt: at(600), now: at(10_000) },
        POLICY,
        TAU,
      ).state,
      'met',
    );
    assert.equal(
      computeDeadline(
        { kind: 'response', created: iso(0), respondBy: iso(600), answeredAt: at(601), now: at(10_000) },
        POLICY,
        TAU,
      ).state,
      'late',
    );
  });

  it('refuses respond_by before created', () => {
    assert.throws(
      () => computeDeadline({ kind: 'response', created: iso(10), respondBy: iso(0), now: at(0) }, POLICY),
      code('DEADLINE_INPUT_INVALID'),
    );
  });
});
