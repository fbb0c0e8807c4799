import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildNotification,
  ZERO_TIME,
} from '../../../../../daemon/monitoring/notifications/build.js';
import type { GroupAlert } from '../../../../../daemon/monitoring/notifications/group.js';
import { iso, T0 } from './fixtures.js';

function groupAlert(id: string, more: Partial<GroupAlert> = {}): GroupAlert {
  return {
    id,
    rule: 'R',
    severity: 'warning',
    labels: { alertname: 'R', id },
    annotations: { runbook: 'x' },
    value: 1,
    muted: null,
    status: 'firing',
    startsAt: iso(T0),
    endsAt: null,
    ...more,
  };
}

const input = (alerts: GroupAlert[], maxAlerts?: number) => ({
  receiver: 'ops',
  groupKey: 'default:{alertname="R"}',
  groupLabels: { alertname: 'R' },
  reason: 'new-alerts' as const,
  alerts,
  externalURL: 'https://x',
  generatorURL: (a: GroupAlert) => `https://x/${a.rule}`,
  ...(maxAlerts === undefined ? {} : { maxAlerts }),
});

test('firing first, then most severe, oldest, and by id', () => {
  const n = buildNotification(
    input([
      groupAlert('gone', { status: 'resolved', severity: 'emergency', endsAt: iso(T0 + 5) }),
      groupAlert('b'),
      groupAlert('a'),
      groupAlert('old', { startsAt: iso(T0 - 1) }),
      groupAlert('crit', { severity: 'critical' }),
    ]),
  );
  assert.deepEqual(
    n.alerts.map((a) => `${a.fingerprint} ${a.endsAt}`),
    [
      'crit ' + ZERO_TIME,
      'old ' + ZERO_TIME,
      'a ' + ZERO_TIME,
      'b ' + ZERO_TIME,
      `gone ${iso(T0 + 5)}`,
    ],
  );
  assert.equal(n.status, 'firing');
  assert.deepEqual(n.commonLabels, { alertname: 'R' });
  assert.deepEqual(n.commonAnnotations, { runbook: 'x' });
  assert.equal(n.alerts[0]?.generatorURL, 'https://x/R');
});

test('all resolved: status resolved; bounded by maxAlerts, common labels over all of them', () => {
  const n = buildNotification(
    input(
      [
        groupAlert('a', { status: 'resolved', endsAt: iso(T0) }),
        groupAlert('b', {
          status: 'resolved',
          endsAt: iso(T0),
          labels: { alertname: 'R', id: 'b', extra: 'y' },
        }),
      ],
      1,
    ),
  );
  assert.equal(n.status, 'resolved');
  assert.equal(n.alerts.length, 1);
  assert.equal(n.truncatedAlerts, 1);
  assert.deepEqual(n.commonLabels, { alertname: 'R' });
});

test('no alerts: empty common labels and nothing truncated', () => {
  const n = buildNotification(input([]));
  assert.deepEqual(
    [n.commonLabels, n.commonAnnotations, n.truncatedAlerts, n.status],
    [{}, {}, 0, 'resolved'],
  );
});
