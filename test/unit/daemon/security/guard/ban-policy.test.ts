import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_BAN_POLICY,
  FailureTracker,
  assertBanPolicy,
  banDuration,
  type BanPolicy,
  type FailureTrackerOptions,
} from '../../../../../daemon/security/guard/ban-policy.js';
import {
  DEFAULT_ALLOWLIST,
  IpAllowlist,
} from '../../../../../daemon/security/guard/ip-allowlist.js';

const T0 = Date.UTC(2026, 0, 1);
const SEC = 1000;
const MIN = 60 * SEC;
const DAY = 24 * 60 * MIN;

function tracker(
  policy: BanPolicy = DEFAULT_BAN_POLICY,
  allowlist = new IpAllowlist(DEFAULT_ALLOWLIST),
  maxTracked?: number,
): FailureTracker {
  const options: FailureTrackerOptions = { policy: () => policy, allowlist: () => allowlist };
  if (maxTracked !== undefined) options.maxTracked = maxTracked;
  return new FailureTracker(options);
}

describe('DEFAULT_BAN_POLICY', () => {
  test("fail2ban's defaults with bantime.increment and a 7-day cap", () => {
    assert.deepEqual(DEFAULT_BAN_POLICY, {
      maxRetry: 5,
      findTimeMs: 600_000,
      banTimeMs: 600_000,
      increment: true,
      factor: 1,
      maxBanTimeMs: 604_800_000,
    });
    assert.equal(Object.isFrozen(DEFAULT_BAN_POLICY), true);
  });
});

describe('banDuration', () => {
  test('doubles for each earlier ban, from 10 min up to the 7-day cap', () => {
    const minutes = Array.from(
      { length: 13 },
      (_, i) => banDuration(DEFAULT_BAN_POLICY, i + 1) / MIN,
    );
    assert.deepEqual(minutes, [
      10,
      20,
      40,
      80,
      160,
      320,
      640,
      1280,
      2560,
      5120,
      7 * 24 * 60,
      7 * 24 * 60,
      7 * 24 * 60,
    ]);
    assert.equal(banDuration(DEFAULT_BAN_POLICY, 1000), 7 * DAY);
  });

  test('the factor multiplies the growth from the second ban on', () => {
    const policy = { ...DEFAULT_BAN_POLICY, factor: 2 };
    assert.deepEqual(
      [1, 2, 3].map((n) => banDuration(policy, n) / MIN),
      [10, 40, 80],
    );
    const half = { ...DEFAULT_BAN_POLICY, factor: 0.5 };
    assert.deepEqual(
      [1, 2, 3].map((n) => banDuration(half, n) / MIN),
      [10, 10, 20],
    );
  });

  test('stops doubling after 20 earlier bans, as fail2ban does', () => {
    const policy = { ...DEFAULT_BAN_POLICY, banTimeMs: 1, maxBanTimeMs: Number.MAX_SAFE_INTEGER };
    assert.equal(banDuration(policy, 21), 2 ** 20);
    assert.equal(banDuration(policy, 22), 2 ** 20);
  });

  test('without increment every ban is bantime', () => {
    const policy = { ...DEFAULT_BAN_POLICY, increment: false };
    assert.deepEqual(
      [1, 2, 10].map((n) => banDuration(policy, n)),
      [600_000, 600_000, 600_000],
    );
  });

  test('a bad offense is a TypeError', () => {
    for (const offense of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => banDuration(DEFAULT_BAN_POLICY, offense), {
        name: 'TypeError',
        message: '"offense" must be a positive integer',
      });
    }
  });
});

describe('assertBanPolicy', () => {
  test('names the bad option', () => {
    const cases: Array<[Partial<Record<keyof BanPolicy, unknown>>, string]> = [
      [{ maxRetry: 0 }, '"maxRetry" must be a positive integer'],
      [{ findTimeMs: 1.5 }, '"findTimeMs" must be a positive integer'],
      [{ banTimeMs: '10m' }, '"banTimeMs" must be a positive integer'],
      [{ increment: 'yes' }, '"increment" must be a boolean'],
      [{ factor: 0 }, '"factor" must be a positive number'],
      [{ factor: Number.POSITIVE_INFINITY }, '"factor" must be a positive number'],
      [{ maxBanTimeMs: -1 }, '"maxBanTimeMs" must be a positive integer'],
      [{ maxBanTimeMs: 60_000 }, '"maxBanTimeMs" must not be less than "banTimeMs"'],
    ];
    for (const [change, message] of cases) {
      assert.throws(() => assertBanPolicy({ ...DEFAULT_BAN_POLICY, ...change } as BanPolicy), {
        name: 'TypeError',
        message,
      });
    }
    assert.throws(() => assertBanPolicy(undefined as unknown as BanPolicy), {
      name: 'TypeError',
      message: '"policy" must be an object',
    });
  });
});

describe('FailureTracker.record', () => {
  test('bans on the 5th failure within 10 min (the count reaches maxRetry), for 10 min', () => {
    const t = tracker();
    for (let i = 1; i <= 4; i++) {
      assert.deepEqual(t.record('203.0.113.7', T0 + i * SEC, 'auth', 0), {
        count: i,
        ban: null,
        allowlisted: false,
      });
    }
    assert.deepEqual(t.record('203.0.113.7', T0 + 5 * SEC, 'auth', 0), {
      count: 5,
      ban: { ttlMs: 10 * MIN, offense: 1, kinds: { auth: 5 } },
      allowlisted: false,
    });
  });

  test('after a ban the window is cleared', () => {
    const t = tracker();
    for (let i = 0; i < 5; i++) t.record('203.0.113.7', T0, 'auth', 0);
    assert.equal(t.size(), 0);
    assert.equal(t.count('203.0.113.7', T0), 0);
    assert.deepEqual(t.record('203.0.113.7', T0 + 11 * MIN, 'auth', 1), {
      count: 1,
      ban: null,
      allowlisted: false,
    });
  });

  test('repeat offenders are banned longer, up to the cap', () => {
    const t = tracker();
    const ttls: number[] = [];
    for (let prior = 0; prior < 12; prior++) {
      let ban = null;
      for (let i = 0; i < 5; i++) ban = t.record('198.51.100.1', T0, 'auth', prior).ban;
      assert.equal(ban?.offense, prior + 1);
      ttls.push((ban?.ttlMs ?? 0) / MIN);
    }
    assert.deepEqual(ttls, [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10080, 10080]);
  });

  test('the window slides: failures older than findtime no longer count', () => {
    const t = tracker();
    for (let i = 0; i < 4; i++) t.record('203.0.113.7', T0 + i * MIN, 'auth', 0);
    // At T0 + 10 min the failure at T0 is exactly findtime old and drops out.
    assert.deepEqual(t.record('203.0.113.7', T0 + 10 * MIN, 'auth', 0), {
      count: 4,
      ban: null,
      allowlisted: false,
    });
    assert.equal(t.record('203.0.113.7', T0 + 10 * MIN + 1, 'auth', 0).ban?.offense, 1);
  });

  test('slow failures never ban', () => {
    const t = tracker();
    for (let i = 0; i < 50; i++) {
      assert.equal(t.record('203.0.113.7', T0 + i * 3 * MIN, 'auth', 0).ban, null);
    }
    assert.equal(t.count('203.0.113.7', T0 + 49 * 3 * MIN), 4);
  });

  test('kinds count together and are reported', () => {
    const t = tracker();
    t.record('203.0.113.7', T0, 'auth', 0);
    t.record('203.0.113.7', T0, 'threat', 0);
    t.record('203.0.113.7', T0, 'auth', 0);
    t.record('203.0.113.7', T0, 'token', 0);
    assert.deepEqual(t.record('203.0.113.7', T0, 'auth', 0).ban?.kinds, {
      auth: 3,
      threat: 1,
      token: 1,
    });
  });

  test('addresses are counted apart; an IPv4-mapped address is its IPv4 address', () => {
    const t = tracker();
    t.record('203.0.113.7', T0, 'auth', 0);
    t.record('203.0.113.8', T0, 'auth', 0);
    assert.equal(t.record('::ffff:203.0.113.7', T0, 'auth', 0).count, 2);
    assert.equal(t.record('2001:db8::1', T0, 'auth', 0).count, 1);
    assert.equal(t.record('2001:DB8:0:0:0:0:0:1', T0, 'auth', 0).count, 2);
    assert.equal(t.size(), 3);
  });

  test('allowlisted addresses are never counted or banned', () => {
    const t = tracker(
      DEFAULT_BAN_POLICY,
      new IpAllowlist(['127.0.0.0/8', '::1', '10.0.0.0/8', '2001:db8::/32']),
    );
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.20.30.40', '2001:db8::5']) {
      for (let i = 0; i < 10; i++) {
        assert.deepEqual(
          t.record(ip, T0, 'auth', 3),
          { count: 0, ban: null, allowlisted: true },
          ip,
        );
      }
    }
    assert.equal(t.size(), 0);
  });

  test('the policy and the allowlist are read on every failure', () => {
    let policy: BanPolicy = DEFAULT_BAN_POLICY;
    let allowlist = new IpAllowlist([]);
    const t = new FailureTracker({ policy: () => policy, allowlist: () => allowlist });
    t.record('203.0.113.7', T0, 'auth', 0);
    t.record('203.0.113.7', T0, 'auth', 0);
    policy = { ...DEFAULT_BAN_POLICY, maxRetry: 3, banTimeMs: 60 * MIN };
    assert.deepEqual(t.record('203.0.113.7', T0, 'auth', 0).ban, {
      ttlMs: 60 * MIN,
      offense: 1,
      kinds: { auth: 3 },
    });
    t.record('198.51.100.9', T0, 'auth', 0);
    allowlist = new IpAllowlist(['198.51.100.0/24']);
    assert.equal(t.record('198.51.100.9', T0, 'auth', 0).allowlisted, true);
    assert.equal(t.size(), 0);
  });

  test('an address that is not one is refused', () => {
    const t = tracker();
    assert.throws(() => t.record('not-an-ip', T0, 'auth', 0), {
      code: 'INVALID_INPUT',
      message:
        "'not-an-ip' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)",
      details: { field: 'ip' },
    });
  });

  test('wrong use is a TypeError naming the argument', () => {
    const t = tracker();
    const cases: Array<[() => unknown, string]> = [
      [() => t.record(7 as unknown as string, T0, 'auth', 0), '"ip" must be a string'],
      [
        () => t.record('203.0.113.7', Number.NaN, 'auth', 0),
        '"now" must be a time in epoch milliseconds',
      ],
      [() => t.record('203.0.113.7', T0, '', 0), '"kind" must be a non-empty string'],
      [
        () => t.record('203.0.113.7', T0, 'auth', -1),
        '"priorOffenses" must be a non-negative integer',
      ],
      [
        () => t.record('203.0.113.7', T0, 'auth', 0.5),
        '"priorOffenses" must be a non-negative integer',
      ],
      [
        () => tracker({ ...DEFAULT_BAN_POLICY, maxRetry: 0 }).record('203.0.113.7', T0, 'auth', 0),
        '"maxRetry" must be a positive integer',
      ],
    ];
    for (const [call, message] of cases) assert.throws(call, { name: 'TypeError', message });
  });
});

describe('FailureTracker memory', () => {
  test('remembers at most maxTracked addresses, forgetting the least recently failed', () => {
    const t = tracker(DEFAULT_BAN_POLICY, new IpAllowlist([]), 3);
    t.record('192.0.2.1', T0, 'auth', 0);
    t.record('192.0.2.2', T0 + 1, 'auth', 0);
    t.record('192.0.2.3', T0 + 2, 'auth', 0);
    t.record('192.0.2.1', T0 + 3, 'auth', 0); // .1 is now the most recent
    t.record('192.0.2.4', T0 + 4, 'auth', 0); // evicts .2
    assert.equal(t.size(), 3);
    assert.equal(t.count('192.0.2.2', T0 + 5), 0);
    assert.equal(t.count('192.0.2.1', T0 + 5), 2);
    assert.equal(t.count('192.0.2.3', T0 + 5), 1);
    assert.equal(t.count('192.0.2.4', T0 + 5), 1);
  });

  test('a flood of distinct addresses stays within the bound', () => {
    const t = tracker(DEFAULT_BAN_POLICY, new IpAllowlist([]), 1000);
    for (let i = 0; i < 20_000; i++)
      t.record(`10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${i & 0xff}`, T0 + i, 'auth', 0);
    assert.equal(t.size(), 1000);
    assert.equal(t.count('10.0.78.31', T0 + 20_000), 1); // i = 19999, the last one
    assert.equal(t.count('10.0.0.0', T0 + 20_000), 0);
  });

  test('the default bound is 100 000 addresses', () => {
    const t = tracker(DEFAULT_BAN_POLICY, new IpAllowlist([]));
    for (let i = 0; i < 100_005; i++)
      t.record(`10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${i & 0xff}`, T0, 'auth', 0);
    assert.equal(t.size(), 100_000);
  });

  test('prune forgets addresses whose failures are all out of the window', () => {
    const t = tracker();
    t.record('192.0.2.1', T0, 'auth', 0);
    t.record('192.0.2.2', T0 + 5 * MIN, 'auth', 0);
    assert.equal(t.prune(T0 + 10 * MIN), 1);
    assert.equal(t.size(), 1);
    assert.equal(t.prune(T0 + 15 * MIN), 1);
    assert.equal(t.size(), 0);
  });

  test('reset forgets one address', () => {
    const t = tracker();
    t.record('192.0.2.1', T0, 'auth', 0);
    t.record('192.0.2.2', T0, 'auth', 0);
    t.reset('::ffff:192.0.2.1');
    assert.equal(t.count('192.0.2.1', T0), 0);
    assert.equal(t.size(), 1);
    t.reset('192.0.2.99');
    assert.equal(t.size(), 1);
  });

  test('options are checked', () => {
    const allowlist = (): IpAllowlist => new IpAllowlist([]);
    const policy = (): BanPolicy => DEFAULT_BAN_POLICY;
    const cases: Array<[unknown, string]> = [
      [undefined, '"options" must be an object'],
      [{ allowlist }, '"policy" must be a function returning the ban policy'],
      [
        { policy: DEFAULT_BAN_POLICY, allowlist },
        '"policy" must be a function returning the ban policy',
      ],
      [{ policy }, '"allowlist" must be a function returning the allowlist'],
      [{ policy, allowlist, maxTracked: 0 }, '"maxTracked" must be a positive integer'],
      [{ policy, allowlist, maxTracked: 1.5 }, '"maxTracked" must be a positive integer'],
    ];
    for (const [options, message] of cases) {
      assert.throws(() => new FailureTracker(options as FailureTrackerOptions), {
        name: 'TypeError',
        message,
      });
    }
  });
});
