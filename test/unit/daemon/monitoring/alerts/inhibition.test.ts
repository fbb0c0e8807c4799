import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_INHIBITION, inhibitedBy } from '../../../../../daemon/monitoring/alerts/inhibition.js';
import type { Severity } from '../../../../../daemon/monitoring/alerts/severity.js';

function firing(id: string, severity: Severity, labels: Record<string, string>) {
  return { id, severity, labels: { alertname: 'DiskFull', severity, ...labels } };
}

describe('inhibitedBy', () => {
  test('is on by default, matching on alertname and instance', () => {
    assert.deepEqual(DEFAULT_INHIBITION, { enabled: true, equal: ['instance'] });
  });

  test('a more severe alert with the same alertname and instance mutes the less severe ones', () => {
    const alerts = [firing('w', 'warning', { instance: 'db1' }), firing('c', 'critical', { instance: 'db1' }), firing('i', 'info', { instance: 'db1' })];
    assert.deepEqual(inhibitedBy(alerts, DEFAULT_INHIBITION), new Map([
      ['w', 'c'],
      ['i', 'c'],
    ]));
  });

  test('the most severe of several mutes all the others', () => {
    const alerts = [firing('e', 'emergency', { instance: 'db1' }), firing('c', 'critical', { instance: 'db1' }), firing('w', 'warning', { instance: 'db1' })];
    assert.deepEqual(inhibitedBy(alerts, DEFAULT_INHIBITION), new Map([
      ['c', 'e'],
      ['w', 'e'],
    ]));
  });

  test('a different instance is not muted', () => {
    const alerts = [firing('c', 'critical', { instance: 'db1' }), firing('w', 'warning', { instance: 'db2' })];
    assert.deepEqual(inhibitedBy(alerts, DEFAULT_INHIBITION), new Map());
  });

  test('a different alertname is not muted', () => {
    const alerts = [firing('c', 'critical', { instance: 'db1' }), { id: 'w', severity: 'warning' as const, labels: { alertname: 'DiskSlow', instance: 'db1' } }];
    assert.deepEqual(inhibitedBy(alerts, DEFAULT_INHIBITION), new Map());
  });

  test('equal severities do not mute each other', () => {
    const alerts = [firing('a', 'critical', { instance: 'db1', mount: '/' }), firing('b', 'critical', { instance: 'db1', mount: '/var' })];
    assert.deepEqual(inhibitedBy(alerts, DEFAULT_INHIBITION), new Map());
  });

  test('alerts without an instance label share the empty instance', () => {
    const alerts = [firing('c', 'critical', {}), firing('w', 'warning', {})];
    assert.deepEqual(inhibitedBy(alerts, DEFAULT_INHIBITION), new Map([['w', 'c']]));
  });

  test('the equal labels are configurable', () => {
    const alerts = [firing('c', 'critical', { instance: 'db1', cluster: 'eu' }), firing('w', 'warning', { instance: 'db2', cluster: 'eu' })];
    assert.deepEqual(inhibitedBy(alerts, { enabled: true, equal: ['cluster'] }), new Map([['w', 'c']]));
    assert.deepEqual(inhibitedBy(alerts, { enabled: true, equal: ['cluster', 'instance'] }), new Map());
  });

  test('disabled, nothing is muted', () => {
    const alerts = [firing('c', 'critical', { instance: 'db1' }), firing('w', 'warning', { instance: 'db1' })];
    assert.deepEqual(inhibitedBy(alerts, { enabled: false, equal: ['instance'] }), new Map());
    assert.deepEqual(inhibitedBy([], DEFAULT_INHIBITION), new Map());
  });
});
