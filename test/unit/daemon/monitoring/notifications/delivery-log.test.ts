import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeliveryLog } from '../../../../../daemon/monitoring/notifications/delivery-log.js';
import type { DeliveryRecord } from '../../../../../daemon/monitoring/notifications/types.js';
import { iso, misused, T0 } from './fixtures.js';

const record = (id: string, channel: string, at: number): DeliveryRecord => ({
  id,
  at: iso(at),
  channel,
  groupKey: 'k',
  reason: 'new-group',
  attempt: 1,
  outcome: 'sent',
  detail: 'ok',
  error: null,
  durationMs: 1,
});

test('keeps the newest records up to its size', () => {
  const log = new DeliveryLog([record('0', 'a', T0)], 3);
  for (let i = 1; i <= 4; i++) log.add(record(String(i), i % 2 === 0 ? 'a' : 'b', T0 + i));
  assert.equal(log.size, 3);
  assert.deepEqual(
    log.list().map((r) => r.id),
    ['2', '3', '4'],
  );
  assert.deepEqual(
    log.list({ channel: 'a' }).map((r) => r.id),
    ['2', '4'],
  );
  assert.deepEqual(
    log.list({ sinceMs: T0 + 3 }).map((r) => r.id),
    ['3', '4'],
  );
  assert.deepEqual(
    log.list({ limit: 1 }).map((r) => r.id),
    ['4'],
  );
  assert.equal(log.last('b')?.id, '3');
  assert.equal(log.last('c'), null);
});

test('starts from stored records, trimmed to its size; refuses a bad size', () => {
  assert.deepEqual(
    new DeliveryLog([record('1', 'a', T0), record('2', 'a', T0)], 1).list().map((r) => r.id),
    ['2'],
  );
  misused(() => new DeliveryLog([], 0), '"max" option must be a positive integer');
});
