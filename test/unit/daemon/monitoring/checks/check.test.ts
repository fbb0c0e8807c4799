import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grade } from '../../../../../daemon/monitoring/checks/check.js';

test('grade: below warn is healthy, from warn degraded, from crit unhealthy', () => {
  const limits = { warn: 80, crit: 90 };
  assert.equal(grade(0, limits), 'healthy');
  assert.equal(grade(79.99, limits), 'healthy');
  assert.equal(grade(80, limits), 'degraded');
  assert.equal(grade(89.99, limits), 'degraded');
  assert.equal(grade(90, limits), 'unhealthy');
  assert.equal(grade(100, limits), 'unhealthy');
});

test('grade: crit is checked first, so crit below warn goes straight to unhealthy', () => {
  assert.equal(grade(50, { warn: 60, crit: 40 }), 'unhealthy');
  assert.equal(grade(30, { warn: 60, crit: 40 }), 'healthy');
});
