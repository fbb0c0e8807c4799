import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildView, viewShape } from '../../../../../daemon/monitoring/notifiers/template-view.js';
import { RESOLVED_AT, firingAlert, notification, resolvedNotification } from './fixtures.js';

describe('buildView', () => {
  test('copies the notification and adds the convenience fields', () => {
    const view = buildView(notification());
    assert.equal(view.status, 'firing');
    assert.equal(view.receiver, 'ops');
    assert.equal(view.reason, 'new-group');
    assert.equal(view.alertname, 'HighCpu');
    assert.equal(view.severity, 'critical');
    assert.equal(view.summary, 'CPU above 90% on web-1');
    assert.equal(view.value, 97.5);
    assert.equal(view.startsAt, '2026-01-01T00:00:00.000Z');
    assert.equal(view.dashboardURL, 'http://127.0.0.1:7070/#/alerts/HighCpu');
    assert.deepEqual(view.commonLabelList, [
      { name: 'alertname', value: 'HighCpu' },
      { name: 'host', value: 'web-1' },
      { name: 'severity', value: 'critical' },
    ]);
    assert.equal(view.firingCount, 1);
    assert.equal(view.resolvedCount, 0);
    assert.equal(view.alerts[0]?.endsAt, '', 'the zero time reads as empty while firing');
    assert.deepEqual(view.alerts[0]?.annotationList, [
      { name: 'summary', value: 'CPU above 90% on web-1' },
    ]);
  });

  test('summary falls back to the description, then to the first alert; severity is the highest', () => {
    const described = notification({ commonAnnotations: { description: 'load is high' } });
    assert.equal(buildView(described).summary, 'load is high');
    const n = notification({
      commonLabels: {},
      commonAnnotations: {},
      alerts: [
        firingAlert({
          severity: 'warning',
          annotations: { summary: 'first' },
          labels: { alertname: 'A' },
        }),
        firingAlert({
          severity: 'emergency',
          annotations: { summary: 'second' },
          generatorURL: '',
        }),
      ],
    });
    const view = buildView(n);
    assert.equal(view.summary, 'first');
    assert.equal(view.severity, 'emergency');
    assert.equal(view.alertname, 'A');
  });

  test('resolved alerts keep their end time; an empty notification has empty conveniences', () => {
    const view = buildView(resolvedNotification());
    assert.equal(view.alerts[0]?.endsAt, RESOLVED_AT);
    assert.equal(view.resolvedCount, 1);
    assert.equal(view.resolvedAlerts.length, 1);
    assert.equal(view.firingAlerts.length, 0);
    const empty = buildView(notification({ alerts: [], commonLabels: {}, commonAnnotations: {} }));
    assert.deepEqual(
      [
        empty.alertname,
        empty.severity,
        empty.summary,
        empty.value,
        empty.startsAt,
        empty.dashboardURL,
      ],
      ['', '', '', '', '', 'http://127.0.0.1:7070'],
    );
  });

  test('the shape names exactly the view’s fields', () => {
    assert.equal(viewShape.kind, 'object');
    if (viewShape.kind !== 'object') return;
    assert.deepEqual(
      Object.keys(viewShape.fields).sort(),
      Object.keys(buildView(notification())).sort(),
    );
    const alerts = viewShape.fields['alerts'];
    assert.ok(alerts?.kind === 'list' && alerts.item.kind === 'object');
    const alert = buildView(notification()).alerts[0] ?? {};
    assert.deepEqual(Object.keys(alerts.item.fields).sort(), Object.keys(alert).sort());
  });
});
