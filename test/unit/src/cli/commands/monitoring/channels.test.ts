import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_NOTIFICATIONS_SINCE_MS, notificationsSinceMs } from '../../../../../../src/cli/commands/monitoring/channels.js';
import { AppError } from '../../../../../../src/protocol/errors.js';
import { now } from './fixtures.js';

function refused(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'INVALID_INPUT');
    assert.equal(error.message, message);
    assert.equal(error.details['field'], 'since');
    return true;
  });
}

describe('notificationsSinceMs (--notifications --since)', () => {
  test('how far back from now a duration or a time reaches, up to 10 years', () => {
    assert.equal(MAX_NOTIFICATIONS_SINCE_MS, 3650 * 86_400_000);
    assert.equal(notificationsSinceMs({ ago: 3_600_000 }, now), 3_600_000);
    assert.equal(notificationsSinceMs({ at: now - 90_000 }, now), 90_000);
    assert.equal(notificationsSinceMs({ at: now }, now), 0);
    assert.equal(notificationsSinceMs({ ago: MAX_NOTIFICATIONS_SINCE_MS }, now), MAX_NOTIFICATIONS_SINCE_MS);
    assert.equal(notificationsSinceMs({ at: now - MAX_NOTIFICATIONS_SINCE_MS }, now), MAX_NOTIFICATIONS_SINCE_MS);
  });

  test('more than 10 years back is refused naming --since, not sinceMs', () => {
    refused(() => notificationsSinceMs({ ago: MAX_NOTIFICATIONS_SINCE_MS + 1000 }, now), '--since for --notifications reaches back at most 3650d (10 years), got 3650d1s');
    refused(() => notificationsSinceMs({ at: now - MAX_NOTIFICATIONS_SINCE_MS - 1 }, now), `--since for --notifications reaches back at most 3650d (10 years), got ${new Date(now - MAX_NOTIFICATIONS_SINCE_MS - 1).toISOString()}`);
  });

  test('a time in the future is refused, not read as now', () => {
    refused(() => notificationsSinceMs({ at: now + 1 }, now), `--since ${new Date(now + 1).toISOString()} is in the future; give a time before now, or a duration back from now like 24h`);
  });
});
