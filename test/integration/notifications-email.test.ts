/**
 * The email channel through the real CLI and daemon, against a real SMTP server on loopback
 * (STARTTLS, a password): the password is given on stdin, shown only as *** and never written to
 * the store, the audit log or the daemon's log; the firing and resolved mails carry the subject,
 * the text and HTML parts and the recipients; a wrong password fails the test notification.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliJson, cliOk, monitoringHome, pushGauge, waitForAlert } from '../helpers/monitoring.js';
import {
  deliveriesOf,
  filesUnder,
  loopbackCertificate,
  quickDefaultRoute,
  smtpReceiver,
  waitForRequests,
} from '../helpers/notifications.js';

const PASSWORD = 'Tr0ub4dor&3-smtp-secret';
const WRONG = 'not-the-Pa55word-at-all';

describe('notifications: email', () => {
  it('a password from stdin; firing and resolved mails with subject, text, HTML and recipients; the password is nowhere on disk', async (t) => {
    const home = await monitoringHome(t);
    const { key, cert } = await loopbackCertificate(t);
    const smtp = await smtpReceiver(t, { user: 'alerts', password: PASSWORD, key, cert });
    const channelArgs = (name: string) => [
      'monitoring',
      '--add-channel',
      name,
      '--type',
      'email',
      '--option',
      'host=127.0.0.1',
      '--option',
      `port=${smtp.port}`,
      '--option',
      'secure=starttls',
      '--option',
      'user=alerts',
      '--option',
      'from=Alerts <alerts@example.com>',
      '--option',
      'to=["ops@example.com","oncall@example.com"]',
      '--option',
      `ca=${cert}`,
      '--option-stdin',
      'password',
    ];
    const added = await home.cli(
      [
        ...channelArgs('mail'),
        '--send-resolved',
        '--subject',
        '[{{status}}] {{alertname}} on {{commonLabels.host}}',
      ],
      { input: `${PASSWORD}\n` },
    );
    assert.equal(added.code, 0, added.stderr);
    assert.equal(
      added.stdout,
      'Added channel mail (email); try it with: clickup-brain monitoring --test-channel mail\n',
    );

    const { channels } = await cliJson<{
      channels: Array<{ name: string; options: Record<string, unknown> }>;
    }>(home, ['monitoring', '--channels']);
    assert.deepEqual(channels[0]?.options, {
      host: '127.0.0.1',
      port: smtp.port,
      secure: 'starttls',
      user: 'alerts',
      from: 'Alerts <alerts@example.com>',
      to: ['ops@example.com', 'oncall@example.com'],
      ca: cert,
      password: '***',
    });
    assert.match(await cliOk(home, ['monitoring', '--channels']), /password=\*\*\*/);

    await quickDefaultRoute(home, ['mail']);
    await pushGauge(home, 'db_lag_seconds', 120, { host: 'db-2' });
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'ReplicaLag',
      '--expr',
      'db_lag_seconds > 60',
      '--severity',
      'critical',
      '--annotation',
      'summary=replica is behind',
    ]);
    await waitForAlert(home, 'ReplicaLag', 'firing');
    await waitForRequests({ requests: smtp.mails }, 1, 'the firing mail');
    const [firing] = smtp.mails;
    assert.ok(firing !== undefined);
    assert.equal(firing.from, 'alerts@example.com');
    assert.deepEqual(firing.to, ['ops@example.com', 'oncall@example.com']);
    assert.equal(firing.secure, true, 'the session was upgraded by STARTTLS');
    assert.equal(firing.user, 'alerts');
    const headers = firing.mail.headers;
    assert.equal(headers.get('subject'), '[firing] ReplicaLag on db-2');
    assert.equal(headers.get('from'), 'Alerts <alerts@example.com>');
    assert.equal(headers.get('to'), 'ops@example.com, oncall@example.com');
    assert.match(
      firing.mail.text ?? '',
      /^replica is behind\n\n\[firing\] ReplicaLag \(critical\) value 120, since \S+\n {2}replica is behind\n {2}Labels: alertname=ReplicaLag host=db-2 severity=critical\n/,
    );
    assert.match(firing.mail.text ?? '', /\nDashboard: http:\/\/127\.0\.0\.1:\d+\n?$/);
    assert.match(firing.mail.html ?? '', /<h2>\[firing\] ReplicaLag \(critical\)<\/h2>/);
    assert.match(
      firing.mail.html ?? '',
      /<tr><td>firing<\/td><td><a href="http:\/\/127\.0\.0\.1:\d+\/alerts\?rule=ReplicaLag">ReplicaLag<\/a><\/td><td>critical<\/td><td>120<\/td>/,
    );

    await pushGauge(home, 'db_lag_seconds', 2, { host: 'db-2' });
    await waitForRequests({ requests: smtp.mails }, 2, 'the resolved mail');
    const resolved = smtp.mails[1];
    assert.equal(resolved?.mail.headers.get('subject'), '[resolved] ReplicaLag on db-2');
    assert.match(
      resolved?.mail.text ?? '',
      /\[resolved\] ReplicaLag \(critical\) value 120, since \S+, resolved at \S+\n/,
    );
    const records = await deliveriesOf(home, 'mail');
    assert.deepEqual(
      records.map((r) => [r.reason, r.outcome, r.error]),
      [
        ['new-group', 'sent', null],
        ['resolved', 'sent', null],
      ],
    );

    // A channel with the wrong password: the test notification fails, and says why without it.
    const wrong = await home.cli(channelArgs('badmail'), { input: WRONG });
    assert.equal(wrong.code, 0, wrong.stderr);
    const tested = await home.cli(['monitoring', '--test-channel', 'badmail']);
    assert.equal(tested.code, 1, tested.stdout + tested.stderr);
    assert.match(
      tested.stdout,
      /^Test notification through badmail FAILED after 1 attempt\(s\): SMTP .*Invalid username or password/,
    );
    assert.doesNotMatch(tested.stdout + tested.stderr, new RegExp(WRONG));
    assert.equal(smtp.mails.length, 2);

    // Stopped, so every log line and write is on disk; then no file holds either password,
    // in clear or as SMTP's base64 of the AUTH PLAIN string.
    await cliOk(home, ['daemon', 'stop']);
    const files = await filesUnder(home.dir);
    assert.ok([...files.keys()].some((f) => f.endsWith('store.json')));
    assert.ok([...files.keys()].some((f) => f.endsWith('events.jsonl')));
    assert.ok([...files.keys()].some((f) => /daemon\.\d+\.log$/.test(f)));
    for (const secret of [PASSWORD, WRONG]) {
      const forms = [
        secret,
        Buffer.from(secret).toString('base64'),
        Buffer.from(`\0alerts\0${secret}`).toString('base64'),
      ];
      for (const [path, text] of files) {
        for (const form of forms)
          assert.equal(text.includes(form), false, `${path} holds a password`);
      }
    }
  });
});
