import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AggregationGroup,
  groupKeyOf,
  groupLabelsOf,
} from '../../../../../daemon/monitoring/notifications/group.js';
import { alert, iso, MINUTE, route, T0 } from './fixtures.js';

describe('group labels and keys', () => {
  const labels = { alertname: 'HighCPU', host: 'a', severity: 'warning' };

  test('the groupBy labels the alert has; all of them with ...', () => {
    assert.deepEqual(groupLabelsOf(route({ id: 'r', channels: ['c'] }), labels), {
      alertname: 'HighCPU',
    });
    assert.deepEqual(
      groupLabelsOf(route({ id: 'r', channels: ['c'], groupBy: ['host', 'zone'] }), labels),
      { host: 'a' },
    );
    assert.deepEqual(
      groupLabelsOf(route({ id: 'r', channels: ['c'], groupBy: ['...'] }), labels),
      labels,
    );
  });

  test('the key is the route id and the sorted labels, values quoted', () => {
    assert.equal(
      groupKeyOf('api', { zone: 'b', alertname: 'X"y' }),
      'api:{alertname="X\\"y",zone="b"}',
    );
    assert.equal(groupKeyOf('api', {}), 'api:{}');
  });
});

describe('AggregationGroup', () => {
  test('upsert says when what the group would say changes', () => {
    const group = new AggregationGroup('k', 'r', {}, T0);
    assert.equal(group.upsert(alert('A')), true);
    assert.equal(group.upsert(alert('A', {}, { value: 5 })), false);
    assert.equal(group.alerts.get('A')?.value, 5);
    assert.equal(group.upsert(alert('A', {}, { muted: 'acked' })), true);
    assert.equal(group.upsert(alert('A', {}, { muted: 'acked' })), false);
  });

  test('missing alerts resolve at the time given; firing again starts anew', () => {
    const group = new AggregationGroup('k', 'r', {}, T0);
    group.upsert(alert('A'));
    group.upsert(alert('B'));
    assert.equal(group.resolveMissing(new Set(['B']), T0 + MINUTE), 1);
    assert.equal(group.resolveMissing(new Set(['B']), T0 + 2 * MINUTE), 0);
    assert.deepEqual(
      [group.alerts.get('A')?.status, group.alerts.get('A')?.endsAt],
      ['resolved', iso(T0 + MINUTE)],
    );
    assert.deepEqual([...group.resolvedNow()], [['A', iso(T0 + MINUTE)]]);
    assert.equal(group.upsert(alert('A', {}, { activeAt: T0 + 3 * MINUTE })), true);
    assert.deepEqual(
      [
        group.alerts.get('A')?.status,
        group.alerts.get('A')?.endsAt,
        group.alerts.get('A')?.startsAt,
      ],
      ['firing', null, iso(T0 + 3 * MINUTE)],
    );
  });

  test('dropResolved forgets only alerts still resolved as they were told', () => {
    const group = new AggregationGroup('k', 'r', {}, T0);
    group.upsert(alert('A'));
    group.upsert(alert('B'));
    group.resolveMissing(new Set(), T0 + MINUTE);
    const told = group.resolvedNow();
    group.upsert(alert('B'));
    group.dropResolved(told);
    assert.deepEqual([...group.alerts.keys()], ['B']);
  });

  test('viewFor leaves out muted alerts and those below the channel minimum', () => {
    const group = new AggregationGroup('k', 'r', {}, T0);
    group.upsert(alert('Info', {}, { severity: 'info' }));
    group.upsert(alert('Crit', {}, { severity: 'critical' }));
    group.upsert(alert('Muted', {}, { severity: 'critical', muted: 'silenced' }));
    group.upsert(alert('Gone', {}, { severity: 'emergency' }));
    group.resolveMissing(new Set(['Info', 'Crit', 'Muted']), T0);
    const all = group.viewFor({ sendResolved: true });
    assert.deepEqual(
      [all.alerts.map((a) => a.id), [...all.firing], [...all.resolved]],
      [['Info', 'Crit', 'Gone'], ['Info', 'Crit'], ['Gone']],
    );
    const critical = group.viewFor({ sendResolved: false, minSeverity: 'critical' });
    assert.deepEqual(
      critical.alerts.map((a) => a.id),
      ['Crit', 'Gone'],
    );
  });
});
