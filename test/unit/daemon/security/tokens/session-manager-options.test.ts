import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import {
  resolveSessionManagerOptions,
  type SessionManagerOptions,
} from '../../../../../daemon/security/tokens/session-manager-options.js';
import { MemorySessionRepository } from '../../../../../daemon/security/tokens/session-repository.js';

describe('resolveSessionManagerOptions', () => {
  const repo = new MemorySessionRepository();
  const clock = new ManualClock();

  test('defaults: 30 min idle, 12 h absolute, 32 used hashes, 24 h grace', () => {
    assert.deepEqual(resolveSessionManagerOptions({ repo, clock }), {
      repo,
      clock,
      idleTimeoutMs: 1_800_000,
      absoluteTimeoutMs: 43_200_000,
      maxUsedHashes: 32,
      cleanupGraceMs: 86_400_000,
    });
    const custom = resolveSessionManagerOptions({
      repo,
      clock,
      idleTimeoutMs: 60_000,
      absoluteTimeoutMs: 60_000,
      maxUsedHashes: 1,
      cleanupGraceMs: 0,
    });
    assert.deepEqual(
      [custom.idleTimeoutMs, custom.absoluteTimeoutMs, custom.maxUsedHashes, custom.cleanupGraceMs],
      [60_000, 60_000, 1, 0],
    );
  });

  test('each bad option is a TypeError naming it', () => {
    const year = 366 * 86_400_000;
    const bad: [Record<string, unknown>, string][] = [
      [
        { repo: undefined },
        '"repo" option must be a SessionRepository (list, get, findBySecretHash, findByRefreshHash, insert, update, remove)',
      ],
      [
        { repo: { list: () => [] } },
        '"repo" option must be a SessionRepository (list, get, findBySecretHash, findByRefreshHash, insert, update, remove)',
      ],
      [{ clock: undefined }, '"clock" option must have a now() method'],
      [{ idleTimeoutMs: 0 }, `"idleTimeoutMs" option must be an integer from 1000 to ${year}`],
      [
        { idleTimeoutMs: 1.5e6 + 0.5 },
        `"idleTimeoutMs" option must be an integer from 1000 to ${year}`,
      ],
      [
        { absoluteTimeoutMs: '12h' },
        `"absoluteTimeoutMs" option must be an integer from 1000 to ${year}`,
      ],
      [
        { idleTimeoutMs: 7_200_000, absoluteTimeoutMs: 3_600_000 },
        '"idleTimeoutMs" option must not exceed "absoluteTimeoutMs"',
      ],
      [{ maxUsedHashes: 0 }, '"maxUsedHashes" option must be an integer from 1 to 1024'],
      [{ maxUsedHashes: 2000 }, '"maxUsedHashes" option must be an integer from 1 to 1024'],
      [{ cleanupGraceMs: -1 }, `"cleanupGraceMs" option must be an integer from 0 to ${year}`],
    ];
    for (const [change, message] of bad) {
      assert.throws(
        () => resolveSessionManagerOptions({ repo, clock, ...change } as SessionManagerOptions),
        new TypeError(message),
      );
    }
    assert.throws(
      () => resolveSessionManagerOptions(undefined as unknown as SessionManagerOptions),
      new TypeError('options must be an object'),
    );
  });
});
