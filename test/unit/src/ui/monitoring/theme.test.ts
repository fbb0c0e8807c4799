import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertTone, checkTone, healthTone, tone } from '../../../../../src/ui/monitoring/theme.js';
import { alert } from './fixtures.js';

test('alerts are coloured by severity, muted ones grey', () => {
  assert.deepEqual(
    (['emergency', 'critical', 'warning', 'info'] as const).map((severity) =>
      alertTone(alert('a', { severity }), true),
    ),
    ['magenta', 'red', 'yellow', 'cyan'],
  );
  assert.equal(alertTone(alert('a', { severity: 'critical', muted: 'silenced' }), true), 'gray');
});

test('checks and health by state', () => {
  assert.deepEqual(
    (['down', 'unknown', 'up'] as const).map((s) => checkTone(s, true)),
    ['red', 'gray', 'green'],
  );
  assert.deepEqual(
    (['unhealthy', 'degraded', 'healthy'] as const).map((s) => healthTone(s, true)),
    ['red', 'yellow', 'green'],
  );
});

test('with colours off (NO_COLOR) every tone is the default', () => {
  assert.equal(alertTone(alert('a'), false), undefined);
  assert.equal(checkTone('down', false), undefined);
  assert.equal(healthTone('unhealthy', false), undefined);
  assert.equal(tone('red', false), undefined);
  assert.equal(tone('red', true), 'red');
});
