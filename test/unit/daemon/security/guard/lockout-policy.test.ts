import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_LOCKOUT_POLICY,
  assertLockoutPolicy,
  emptyLockoutState,
  lockStatus,
  lockoutStateSchema,
  recordFailure,
  recordSuccess,
  unlock,
  type LockDecision,
  type LockoutPolicy,
  type LockoutState,
} from '../../../../../daemon/security/guard/lockout-policy.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Fails `count` times, each right after the previous lock (if any) ran out; returns every decision. */
function failRepeatedly(
  count: number,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
  start: LockoutState = emptyLockoutState(),
  startAt = T0,
): { state: LockoutState; locks: Array<LockDecision | null>; now: number } {
  let state = start;
  let now = startAt;
  const locks: Array<LockDecision | null> = [];
  for (let i = 0; i < count; i++) {
    const result = recordFailure(state, policy, now);
    state = result.state;
    locks.push(result.lock);
    now = result.lock?.until ?? now + 1000;
  }
  return { state, locks, now };
}

describe('defaults', () => {
  test("Keycloak's: 5 failures, 1 min growing to 15 min, reset after 12 h, no permanent lockout", () => {
    assert.deepEqual(DEFAULT_LOCKOUT_POLICY, {
      maxFailures: 5,
      waitIncrementMs: 60_000,
      maxWaitMs: 900_000,
      failureResetMs: 43_200_000,
      permanentLockout: false,
      maxTemporaryLockouts: 0,
    });
    assert.equal(Object.isFrozen(DEFAULT_LOCKOUT_POLICY), true);
  });

  test('an empty state', () => {
    assert.deepEqual(emptyLockoutState(), {
      failures: 0,
      lastFailureAt: null,
      lockedUntil: null,
      temporaryLockouts: 0,
      permanent: false,
    });
    assert.notEqual(emptyLockoutState(), emptyLockoutState());
  });
});

describe('recordFailure', () => {
  test('four failures lock nothing; the fifth locks for one minute', () => {
    let state = emptyLockoutState();
    for (let i = 1; i <= 4; i++) {
      const result = recordFailure(state, DEFAULT_LOCKOUT_POLICY, T0 + i * 1000);
      assert.equal(result.lock, null);
      state = result.state;
    }
    assert.deepEqual(state, {
      failures: 4,
      lastFailureAt: T0 + 4000,
      lockedUntil: null,
      temporaryLockouts: 0,
      permanent: false,
    });
    const fifth = recordFailure(state, DEFAULT_LOCKOUT_POLICY, T0 + 5000);
    assert.deepEqual(fifth.lock, { until: T0 + 5000 + MIN, waitMs: MIN });
    assert.deepEqual(fifth.state, {
      failures: 5,
      lastFailureAt: T0 + 5000,
      lockedUntil: T0 + 5000 + MIN,
      temporaryLockouts: 1,
      permanent: false,
    });
  });

  test('does not change its input', () => {
    const state = emptyLockoutState();
    recordFailure(state, DEFAULT_LOCKOUT_POLICY, T0);
    assert.deepEqual(state, emptyLockoutState());
  });

  test('the wait grows by one minute every five failures, up to fifteen minutes', () => {
    const { locks } = failRepeatedly(90);
    const waits = locks.map((lock) => (lock === null ? 0 : (lock.waitMs as number) / MIN));
    assert.deepEqual(waits.slice(0, 4), [0, 0, 0, 0]);
    for (let n = 5; n <= 90; n++) {
      assert.equal(waits[n - 1], Math.min(15, Math.floor(n / 5)), `failure ${n}`);
    }
    assert.deepEqual(
      [waits[4], waits[9], waits[14], waits[69], waits[74], waits[89]],
      [1, 2, 3, 14, 15, 15],
    );
  });

  test('each failure that locks counts as a temporary lockout', () => {
    const { state } = failRepeatedly(12);
    assert.equal(state.failures, 12);
    assert.equal(state.temporaryLockouts, 8);
  });

  test('a failure while locked is not counted and decides nothing', () => {
    const { state } = failRepeatedly(5);
    const during = recordFailure(state, DEFAULT_LOCKOUT_POLICY, (state.lockedUntil as number) - 1);
    assert.equal(during.lock, null);
    assert.equal(during.state, state);
    const after = recordFailure(state, DEFAULT_LOCKOUT_POLICY, state.lockedUntil as number);
    assert.deepEqual(after.lock, { until: (state.lockedUntil as number) + MIN, waitMs: MIN });
    assert.equal(after.state.failures, 6);
  });

  test('the count starts again when the previous failure is more than 12 h ago', () => {
    const { state } = failRepeatedly(4);
    const last = state.lastFailureAt as number;
    const atLimit = recordFailure(state, DEFAULT_LOCKOUT_POLICY, last + 12 * HOUR);
    assert.equal(atLimit.state.failures, 5);
    assert.notEqual(atLimit.lock, null);
    const after = recordFailure(state, DEFAULT_LOCKOUT_POLICY, last + 12 * HOUR + 1);
    assert.deepEqual(after, {
      state: {
        failures: 1,
        lastFailureAt: last + 12 * HOUR + 1,
        lockedUntil: null,
        temporaryLockouts: 0,
        permanent: false,
      },
      lock: null,
    });
  });

  test('the reset clears temporary lockouts too', () => {
    const { state } = failRepeatedly(7);
    assert.equal(state.temporaryLockouts, 3);
    const later = recordFailure(
      state,
      DEFAULT_LOCKOUT_POLICY,
      (state.lastFailureAt as number) + 13 * HOUR,
    );
    assert.equal(later.state.failures, 1);
    assert.equal(later.state.temporaryLockouts, 0);
    assert.equal(later.state.lockedUntil, null);
  });

  test('a clock that went back resets nothing', () => {
    const { state } = failRepeatedly(3);
    const result = recordFailure(state, DEFAULT_LOCKOUT_POLICY, T0 - 24 * HOUR);
    assert.equal(result.state.failures, 4);
  });

  test('other policies: failure factor 2, 30 s increments, 90 s cap', () => {
    const policy = {
      ...DEFAULT_LOCKOUT_POLICY,
      maxFailures: 2,
      waitIncrementMs: 30_000,
      maxWaitMs: 90_000,
    };
    const waits = failRepeatedly(9, policy).locks.map((lock) => lock?.waitMs ?? 0);
    assert.deepEqual(waits, [0, 30_000, 30_000, 60_000, 60_000, 90_000, 90_000, 90_000, 90_000]);
  });
});

describe('permanent lockout', () => {
  test('after maxTemporaryLockouts temporary lockouts, the next lockout is permanent', () => {
    const policy = { ...DEFAULT_LOCKOUT_POLICY, permanentLockout: true, maxTemporaryLockouts: 3 };
    const { state, locks } = failRepeatedly(8, policy);
    assert.deepEqual(
      locks.map((lock) =>
        lock === null
          ? 'none'
          : lock.until === null
            ? 'permanent'
            : `${(lock.waitMs as number) / MIN} min`,
      ),
      ['none', 'none', 'none', 'none', '1 min', '1 min', '1 min', 'permanent'],
    );
    assert.deepEqual(state, {
      failures: 8,
      lastFailureAt: state.lastFailureAt,
      lockedUntil: null,
      temporaryLockouts: 4,
      permanent: true,
    });
    assert.deepEqual(lockStatus(state, T0 + 365 * 24 * HOUR), {
      locked: true,
      until: null,
      permanent: true,
    });
  });

  test('maxTemporaryLockouts 0 with permanentLockout: the fifth failure locks for good', () => {
    const policy = { ...DEFAULT_LOCKOUT_POLICY, permanentLockout: true };
    const { state, locks } = failRepeatedly(5, policy);
    assert.deepEqual(locks, [null, null, null, null, { until: null, waitMs: null }]);
    assert.equal(state.permanent, true);
    assert.equal(state.temporaryLockouts, 0);
  });

  test('in permanent-only mode the count never resets by time', () => {
    const policy = { ...DEFAULT_LOCKOUT_POLICY, permanentLockout: true };
    let state = emptyLockoutState();
    for (let i = 0; i < 4; i++) state = recordFailure(state, policy, T0 + i * 24 * HOUR).state;
    const fifth = recordFailure(state, policy, T0 + 30 * 24 * HOUR);
    assert.equal(fifth.state.permanent, true);
  });

  test('without permanentLockout, maxTemporaryLockouts is ignored: unlimited temporary lockouts', () => {
    const policy = { ...DEFAULT_LOCKOUT_POLICY, maxTemporaryLockouts: 1 };
    const { state, locks } = failRepeatedly(40, policy);
    assert.equal(state.permanent, false);
    assert.ok(locks.every((lock) => lock === null || lock.until !== null));
  });

  test('a failure on a permanently locked account changes nothing', () => {
    const locked = { ...emptyLockoutState(), failures: 5, permanent: true };
    assert.deepEqual(recordFailure(locked, DEFAULT_LOCKOUT_POLICY, T0), {
      state: locked,
      lock: null,
    });
  });
});

describe('lockStatus', () => {
  test('unlocked, locked until a time, permanently locked', () => {
    assert.deepEqual(lockStatus(emptyLockoutState(), T0), {
      locked: false,
      until: null,
      permanent: false,
    });
    const state = { ...emptyLockoutState(), failures: 5, lockedUntil: T0 + MIN };
    assert.deepEqual(lockStatus(state, T0), { locked: true, until: T0 + MIN, permanent: false });
    assert.deepEqual(lockStatus(state, T0 + MIN - 1), {
      locked: true,
      until: T0 + MIN,
      permanent: false,
    });
    assert.deepEqual(lockStatus(state, T0 + MIN), { locked: false, until: null, permanent: false });
    assert.deepEqual(lockStatus({ ...state, permanent: true, lockedUntil: null }, T0), {
      locked: true,
      until: null,
      permanent: true,
    });
  });
});

describe('recordSuccess and unlock', () => {
  test('a success clears the counters', () => {
    const { state } = failRepeatedly(7);
    assert.deepEqual(recordSuccess(state), emptyLockoutState());
  });

  test('a success does not lift a permanent lock; unlock does', () => {
    const locked: LockoutState = {
      failures: 5,
      lastFailureAt: T0,
      lockedUntil: null,
      temporaryLockouts: 0,
      permanent: true,
    };
    assert.deepEqual(recordSuccess(locked), { ...emptyLockoutState(), permanent: true });
    assert.deepEqual(unlock(locked), emptyLockoutState());
    const temporary: LockoutState = {
      failures: 6,
      lastFailureAt: T0,
      lockedUntil: T0 + MIN,
      temporaryLockouts: 2,
      permanent: false,
    };
    assert.deepEqual(unlock(temporary), emptyLockoutState());
    assert.deepEqual(lockStatus(unlock(temporary), T0), {
      locked: false,
      until: null,
      permanent: false,
    });
  });
});

describe('lockoutStateSchema', () => {
  test('accepts states the functions produce', () => {
    for (const state of [emptyLockoutState(), failRepeatedly(6).state]) {
      assert.deepEqual(lockoutStateSchema.parse(state), state);
    }
  });

  test('refuses malformed states', () => {
    for (const bad of [
      { ...emptyLockoutState(), failures: -1 },
      { ...emptyLockoutState(), failures: 1.5 },
      { ...emptyLockoutState(), lastFailureAt: '2026-01-01' },
      { ...emptyLockoutState(), permanent: 'no' },
      { failures: 0 },
    ]) {
      assert.equal(lockoutStateSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe('wrong use', () => {
  test('a bad policy option is a TypeError naming it', () => {
    const cases: Array<[Partial<Record<keyof LockoutPolicy, unknown>>, string]> = [
      [{ maxFailures: 0 }, '"maxFailures" must be an integer of at least 1'],
      [{ maxFailures: 2.5 }, '"maxFailures" must be an integer of at least 1'],
      [{ waitIncrementMs: -1 }, '"waitIncrementMs" must be an integer of at least 0'],
      [{ maxWaitMs: '15m' }, '"maxWaitMs" must be an integer of at least 0'],
      [{ failureResetMs: 0 }, '"failureResetMs" must be an integer of at least 1'],
      [
        { maxTemporaryLockouts: Number.NaN },
        '"maxTemporaryLockouts" must be an integer of at least 0',
      ],
      [{ permanentLockout: 1 }, '"permanentLockout" must be a boolean'],
    ];
    for (const [change, message] of cases) {
      const policy = { ...DEFAULT_LOCKOUT_POLICY, ...change } as LockoutPolicy;
      assert.throws(() => recordFailure(emptyLockoutState(), policy, T0), {
        name: 'TypeError',
        message,
      });
    }
    assert.throws(() => assertLockoutPolicy(null as unknown as LockoutPolicy), {
      name: 'TypeError',
      message: '"policy" must be an object',
    });
    assert.equal(assertLockoutPolicy(DEFAULT_LOCKOUT_POLICY), DEFAULT_LOCKOUT_POLICY);
  });

  test('a bad time is a TypeError', () => {
    for (const now of [Number.NaN, -1, 1.5, '0' as unknown as number]) {
      assert.throws(() => recordFailure(emptyLockoutState(), DEFAULT_LOCKOUT_POLICY, now), {
        name: 'TypeError',
        message: '"now" must be a time in epoch milliseconds',
      });
      assert.throws(() => lockStatus(emptyLockoutState(), now), { name: 'TypeError' });
    }
  });
});
