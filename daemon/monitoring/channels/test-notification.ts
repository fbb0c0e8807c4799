/**
 * @module The notification `--test-channel` sends: one firing alert, clearly a test.
 */
import type { Notification } from '../notifiers/notification.js';

export function testNotification(channel: string, externalURL: string, now: number, actor: string): Notification {
  const startsAt = new Date(now).toISOString();
  const labels = { alertname: 'ClickupBrainTest', severity: 'info' };
  const annotations = { summary: `Test notification from clickup-brain, sent by ${actor}`, description: 'If you can read this, the channel works.' };
  return {
    receiver: channel,
    groupKey: `test/${channel}`,
    status: 'firing',
    groupLabels: { alertname: 'ClickupBrainTest' },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL,
    alerts: [
      {
        status: 'firing',
        labels,
        annotations,
        startsAt,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: `${externalURL}/alerts`,
        fingerprint: 'test',
        severity: 'info',
        value: 1,
      },
    ],
    truncatedAlerts: 0,
    reason: 'test',
  };
}
