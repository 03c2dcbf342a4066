import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DeadlineError, computeDeadline, nextEscalation } from '../../../../src/core/deadline/index.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const at = (s: number, ms = 0): Date => new Date(T0 + s * 1000 + ms);
const DUE = at(3600);
const EVERY = { reEscalateEveryMinutes: 30 };
const code = (c: string) => (e: unknown) => e instanceof DeadlineError && e.code === c;

describe('nextEscalation', () => {
  it('does not escalate at exactly the due time; does 1 ms later (same boundary as computeDeadline)', () => {
    assert.deepEqual(nextEscalation({ dueAt: DUE, answered: false, now: DUE }, EVERY), {
      escalate: false,
      sequence: 1,
      nextAt: at(3600, 1),
    });
    assert.deepEqual(nextEscalation({ dueAt: DUE, answered: false, now: at(3600, 1) }, EVERY), {
      escalate: true,
      sequence: 1,
      nextAt: at(3600, 1),
    });
    assert.equal(
      computeDeadline(
        { kind: 'receipt', created: at(0), now: at(3600, 1) },
        { receipt_deadline_s: 3600, response_time_s: 1 },
      ).state,
      'overdue',
    );
  });

  it('re-escalates every N minutes after the previous alarm, inclusive', () => {
    const prev = { at: at(3600, 1), count: 1 };
    assert.equal(
      nextEscalation({ dueAt: DUE, answered: false, previous: prev, now: at(3600 + 1799) }, EVERY).escalate,
      false,
    );
    const d = nextEscalation({ dueAt: DUE, answered: false, previous: prev, now: at(3600 + 1800, 1) }, EVERY);
    assert.deepEqual(d, { escalate: true, sequence: 2, nextAt: at(3600 + 1800, 1) });
  });

  it('after a scheduler outage sends one alarm, then restarts the interval from it', () => {
    const late = nextEscalation(
      { dueAt: DUE, answered: false, previous: { at: at(3601), count: 1 }, now: at(3600 * 10) },
      EVERY,
    );
    assert.deepEqual([late.escalate, late.sequence], [true, 2]);
    const following = nextEscalation(
      { dueAt: DUE, answered: false, previous: { at: at(3600 * 10), count: 2 }, now: at(3600 * 10 + 60) },
      EVERY,
    );
    assert.deepEqual(following, { escalate: false, sequence: 3, nextAt: at(3600 * 10 + 1800) });
  });

  it('stops when answered or at the maximum', () => {
    assert.deepEqual(nextEscalation({ dueAt: DUE, answered: true, now: at(99_999) }, EVERY), {
      escalate: false,
      sequence: 1,
      nextAt: undefined,
    });
    const capped = nextEscalation(
      { dueAt: DUE, answered: false, previous: { at: at(4000), count: 3 }, now: at(99_999) },
      { ...EVERY, maxEscalations: 3 },
    );
    assert.deepEqual(capped, { escalate: false, sequence: 4, nextAt: undefined });
    assert.equal(
      nextEscalation({ dueAt: DUE, answered: false, now: at(99_999) }, { ...EVERY, maxEscalations: 0 })
        .escalate,
      false,
    );
  });

  it('refuses nonsense policies and counts', () => {
    for (const p of [
      { reEscalateEveryMinutes: 0 },
      { reEscalateEveryMinutes: -5 },
      { reEscalateEveryMinutes: Number.NaN },
      { reEscalateEveryMinutes: 5, maxEscalations: 1.5 },
    ]) {
      assert.throws(
        () => nextEscalation({ dueAt: DUE, answered: false, now: DUE }, p),
        code('DEADLINE_INPUT_INVALID'),
        JSON.stringify(p),
      );
    }
    assert.throws(
      () => nextEscalation({ dueAt: DUE, answered: false, previous: { at: DUE, count: 0 }, now: DUE }, EVERY),
      code('DEADLINE_INPUT_INVALID'),
    );
  });
});
