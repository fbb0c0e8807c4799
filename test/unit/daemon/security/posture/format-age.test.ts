import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAge } from '../../../../../daemon/security/posture/format-age.js';

describe('formatAge', () => {
  test('whole days from one day up, rounded down', () => {
    assert.equal(formatAge(86_400_000), '1 day');
    assert.equal(formatAge(400 * 86_400_000 + 86_399_999), '400 days');
  });

  test('hours, then minutes, below a day', () => {
    assert.equal(formatAge(86_399_999), '23 hours');
    assert.equal(formatAge(3_600_000), '1 hour');
    assert.equal(formatAge(3_599_999), '59 minutes');
    assert.equal(formatAge(60_000), '1 minute');
    assert.equal(formatAge(0), '0 minutes');
  });

  test('a negative age (a clock set back) reads as 0 minutes', () => {
    assert.equal(formatAge(-5 * 86_400_000), '0 minutes');
  });
});
