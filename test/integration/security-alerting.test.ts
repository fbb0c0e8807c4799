/**
 * Security incidents go through monitoring: every audit event counts in
 * `security_events_total{type, outcome}`, so an ordinary alert rule fires on a burst of failed
 * logins, and the alert is acknowledged like any other.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cliJson,
  cliOk,
  monitoringHome,
  waitForAlert,
  waitForSample,
} from '../helpers/monitoring.js';

const PASSWORD = 'correct-horse-battery-staple-42';

describe('security events as metrics', () => {
  it('failed logins are counted and a rule on them fires and can be acknowledged', async (t) => {
    const home = await monitoringHome(t);
    await cliOk(home, ['config', 'set', 'security.bcryptCost', '10']);
    const created = await home.cli(
      [
        'security',
        '--create-user',
        'ada',
        'ada@example.com',
        '--role',
        'admin',
        '--password-stdin',
      ],
      { input: `${PASSWORD}\n` },
    );
    assert.equal(created.code, 0, created.stderr);
    for (let i = 0; i < 3; i++) {
      const wrong = await home.cli(['security', '--login', 'ada', '--password-stdin'], {
        input: 'not-the-password\n',
      });
      assert.equal(wrong.code, 4, wrong.stderr);
      assert.equal(wrong.stderr, 'clickup-brain: invalid username or password\n');
    }

    // The counter is sampled into the history like any series.
    await waitForSample(home, 'security_events_total', 3, {
      type: 'login.failure',
      outcome: 'failure',
    });
    await waitForSample(home, 'security_events_total', 1, {
      type: 'user.created',
      outcome: 'success',
    });
    const listed = await cliJson<{ metrics: Array<{ name: string; type: string }> }>(home, [
      'monitoring',
      '--metrics',
    ]);
    assert.equal(listed.metrics.find((m) => m.name === 'security_events_total')?.type, 'counter');

    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'LoginFailures',
      '--severity',
      'warning',
      '--expr',
      'security_events_total{type="login.failure"} >= 3',
    ]);
    const alert = await waitForAlert(home, 'LoginFailures', 'firing');
    assert.deepEqual(alert.labels, {
      alertname: 'LoginFailures',
      outcome: 'failure',
      severity: 'warning',
      type: 'login.failure',
    });
    await cliOk(home, [
      'monitoring',
      '--ack',
      alert.id,
      '--comment',
      'known: a test of the alerting path',
    ]);
    const after = (
      await cliJson<{ alerts: Array<{ id: string; muted: string | null }> }>(home, [
        'monitoring',
        '--alerts',
      ])
    ).alerts;
    assert.equal(after.find((a) => a.id === alert.id)?.muted, 'acked');
  });
});
