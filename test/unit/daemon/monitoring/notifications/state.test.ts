import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AggregationGroup } from '../../../../../daemon/monitoring/notifications/group.js';
import {
  emptyDispatcherState,
  groupFromState,
  groupToState,
  parseDispatcherState,
  STATE_VERSION,
} from '../../../../../daemon/monitoring/notifications/state.js';
import { alert, MINUTE, refuses, T0 } from './fixtures.js';

function sampleGroup(): AggregationGroup {
  const group = new AggregationGroup(
    'default:{alertname="A"}',
    'default',
    { alertname: 'A' },
    T0 + 5 * MINUTE,
  );
  group.flushedAt = T0;
  group.upsert(alert('A', { n: '1' }, { value: Number.NaN }));
  group.upsert(alert('A', { n: '2' }, { muted: 'acked' }));
  group.resolveMissing(new Set(['A,n=1']), T0 + MINUTE);
  group.channels.set('ops', {
    firing: ['A,n=1', 'A,n=2'],
    resolved: [],
    sentAt: T0,
    groupState: { task: 'T1' },
  });
  return group;
}

test('a group survives JSON and back, a value JSON cannot hold read back as NaN', () => {
  const group = sampleGroup();
  const json = JSON.parse(
    JSON.stringify({ version: STATE_VERSION, groups: [groupToState(group)], pending: [] }),
  );
  const state = parseDispatcherState(json);
  assert.equal(state.groups[0]?.alerts[0]?.value, null);
  const back = groupFromState(state.groups[0] as never);
  assert.deepEqual(groupToState(back), groupToState(group));
  assert.ok(Number.isNaN(back.alerts.get('A,n=1')?.value));
  assert.equal(back.alerts.get('A,n=2')?.status, 'resolved');
  assert.equal(back.flushedAt, T0);
  assert.equal(back.nextFlushAt, T0 + 5 * MINUTE);
});

test('an empty state is valid', () => {
  assert.deepEqual(parseDispatcherState(emptyDispatcherState()), {
    version: 1,
    groups: [],
    pending: [],
  });
});

test('a wrong state is refused naming the first wrong path', () => {
  const good = { version: STATE_VERSION, groups: [groupToState(sampleGroup())], pending: [] };
  refuses(
    () => parseDispatcherState(null),
    'INVALID_INPUT',
    'dispatcher state is not valid at (root): Invalid input: expected object, received null',
    'notificationState',
  );
  refuses(
    () => parseDispatcherState({ ...good, version: 2 }),
    'INVALID_INPUT',
    'dispatcher state is not valid at version: Invalid input: expected 1',
    'notificationState',
  );
  refuses(
    () =>
      parseDispatcherState({
        ...good,
        pending: [{ groupKey: 'k', channel: 'ops', reason: 'later', queuedAt: 0 }],
      }),
    'INVALID_INPUT',
    'dispatcher state is not valid at pending.0.reason: Invalid option: expected one of "new-group"|"new-alerts"|"resolved"|"repeat"|"test"',
    'notificationState',
  );
  const [first] = good.groups;
  refuses(
    () => parseDispatcherState({ ...good, groups: [{ ...first, nextFlushAt: -1 }] }),
    'INVALID_INPUT',
    'dispatcher state is not valid at groups.0.nextFlushAt: Too small: expected number to be >=0',
    'notificationState',
  );
  refuses(
    () => parseDispatcherState({ ...good, extra: 1 }),
    'INVALID_INPUT',
    'dispatcher state is not valid at (root): Unrecognized key: "extra"',
    'notificationState',
  );
});
