import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testNotification } from '../../../../../daemon/monitoring/channels/test-notification.js';

describe('testNotification', () => {
  it('is one firing info alert, clearly a test, naming who sent it, grouped apart from real alerts', () => {
    const labels = { alertname: 'ClickupBrainTest', severity: 'info' };
    const annotations = {
      summary: 'Test notification from clickup-brain, sent by local:ops',
      description: 'If you can read this, the channel works.',
    };
    assert.deepEqual(
      testNotification('pager', 'http://127.0.0.1:7070', Date.UTC(2026, 0, 5, 12), 'local:ops'),
      {
        receiver: 'pager',
        groupKey: 'test/pager',
        status: 'firing',
        groupLabels: { alertname: 'ClickupBrainTest' },
        commonLabels: labels,
        commonAnnotations: annotations,
        externalURL: 'http://127.0.0.1:7070',
        alerts: [
          {
            status: 'firing',
            labels,
            annotations,
            startsAt: '2026-01-05T12:00:00.000Z',
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'http://127.0.0.1:7070/alerts',
            fingerprint: 'test',
            severity: 'info',
            value: 1,
          },
        ],
        truncatedAlerts: 0,
        reason: 'test',
      },
    );
  });
});
