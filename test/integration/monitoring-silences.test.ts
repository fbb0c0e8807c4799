/**
 * Silences and acknowledgements through the real CLI and daemon: a silence marks matching alerts
 * muted, --unsilence ends it, --ack marks one alert acked; unknown ids and bad matchers are
 * refused and change nothing.
 */
import assert from 'node:assert/strict';
import { userInfo } from 'node:os';
import { describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import { readAudit } from '../helpers/integration.js';
import {
  alertsOf,
  cliFails,
  cliJson,
  cliOk,
  monitoringHome,
  pushGauge,
  waitForAlert,
  type AlertJson,
  type SilenceJson,
} from '../helpers/monitoring.js';

const actor = `local:${userInfo().username}`;

/** Two firing alerts of two rules, from one pushed gauge. */
async function twoFiringAlerts(home: TestHome): Promise<{ hot: AlertJson; warm: AlertJson }> {
  await pushGauge(home, 'oven_temp', 300, { oven: 'a' });
  await cliOk(home, ['monitoring', '--add-rule', 'OvenHot', '--expr', 'oven_temp > 250', '--severity', 'critical']);
  await cliOk(home, ['monitoring', '--add-rule', 'OvenWarm', '--expr', 'oven_temp > 100']);
  return {
    hot: await waitForAlert(home, 'OvenHot', 'firing'),
    warm: await waitForAlert(home, 'OvenWarm', 'firing'),
  };
}

async function silencesOf(home: TestHome): Promise<SilenceJson[]> {
  return (await cliJson<{ silences: SilenceJson[] }>(home, ['monitoring', '--silences'])).silences;
}

async function alertOf(home: TestHome, rule: string): Promise<AlertJson | undefined> {
  return (await alertsOf(home)).alerts.find((a) => a.rule === rule);
}

describe('silences', () => {
  it('--silence marks the matching alert silenced; --unsilence ends it', async (t) => {
    const home = await monitoringHome(t);
    await twoFiringAlerts(home);
    assert.equal(await cliOk(home, ['monitoring', '--silences']), 'No silences.\n');

    const before = Date.now();
    const { silence } = await cliJson<{ silence: SilenceJson }>(home, [
      'monitoring',
      '--silence',
      'alertname=OvenHot',
      'oven=~"a|b"',
      '--for',
      '1h',
      '--comment',
      'cleaning the oven',
    ]);
    assert.deepEqual(silence.matchers, ['alertname=OvenHot', 'oven=~"a|b"']);
    assert.equal(silence.comment, 'cleaning the oven');
    assert.equal(silence.createdBy, actor);
    assert.equal(Date.parse(silence.endsAt) - Date.parse(silence.startsAt), 3_600_000);
    assert.ok(Date.parse(silence.startsAt) >= before - 1000);
    assert.deepEqual(await silencesOf(home), [silence]);

    const hot = await alertOf(home, 'OvenHot');
    assert.equal(hot?.state, 'firing', 'a silenced alert still fires');
    assert.equal(hot?.muted, 'silenced');
    assert.equal(hot?.mutedBy, `silence ${silence.id}`);
    assert.equal((await alertOf(home, 'OvenWarm'))?.muted, null, 'the other rule is not matched');
    assert.match(await cliOk(home, ['monitoring', '--alerts']), /\sOvenHot\s+critical\s+firing \(silenced\)\s/);
    const table = await cliOk(home, ['monitoring', '--silences']);
    assert.match(table, /^ID\s+MATCHERS\s+STATE\s+ENDS\s+BY\s+COMMENT$/m);
    assert.match(table, /alertname=OvenHot, oven=~"a\|b"\s+active\s+/);

    // The human form of --silence names the matchers and the (short) id.
    const second = await cliOk(home, ['monitoring', '--silence', 'severity=warning', '--for', '10m', '--comment', 'noise']);
    assert.match(second, /^Silenced severity=warning until \S+ \(id [0-9a-f]{8}/);
    assert.equal((await alertOf(home, 'OvenWarm'))?.muted, 'silenced');

    // --unsilence takes the id or its first characters.
    const removed = await cliJson<{ silence: SilenceJson }>(home, ['monitoring', '--unsilence', silence.id.slice(0, 8)]);
    assert.equal(removed.silence.id, silence.id);
    assert.equal((await alertOf(home, 'OvenHot'))?.muted, null);
    assert.deepEqual(
      (await silencesOf(home)).map((s) => s.matchers),
      [['severity=warning']],
    );
    await cliFails(home, ['monitoring', '--unsilence', silence.id], 1, new RegExp(`no silence with id '${silence.id}'`));

    const audit = await readAudit(home.paths.eventsFile);
    const types = audit.map((line) => line.type);
    assert.ok(types.includes('silence.added') && types.includes('silence.removed'), types.join(', '));
  });

  it('bad matchers and missing options exit 2 and add no silence', async (t) => {
    const home = await monitoringHome(t);
    const refusals: Array<[string[], RegExp]> = [
      [['--silence', 'not a matcher', '--for', '1h', '--comment', 'c'], /'not a matcher' is not a label matcher; write name=value, name!=value, name=~regex or name!~regex/],
      [['--silence', 'alertname=~(', '--for', '1h', '--comment', 'c'], /'alertname=~\(': invalid regex/],
      [['--silence', '1x=y', '--for', '1h', '--comment', 'c'], /'1x=y' is not a label matcher/],
      [['--silence', 'alertname=X', '--comment', 'c'], /--silence needs --for <duration>/],
      [['--silence', 'alertname=X', '--for', '1h'], /--silence needs --comment <text>/],
      [['--silence', 'alertname=X', '--for', '500ms', '--comment', 'c'], /--for must be at least 1s/],
    ];
    for (const [args, message] of refusals) await cliFails(home, ['monitoring', ...args], 2, message);
    assert.deepEqual(await silencesOf(home), []);
  });
});

describe('acknowledgements', () => {
  it('--ack <id prefix> marks the alert acked; unknown ids exit 1', async (t) => {
    const home = await monitoringHome(t);
    const { hot, warm } = await twoFiringAlerts(home);

    const human = await cliOk(home, ['monitoring', '--ack', hot.id.slice(0, 6), '--comment', 'on it', '--for', '2h']);
    assert.match(human, new RegExp(`^Acknowledged alert ${hot.id.slice(0, 8)}\\S* until \\S+: on it\\n$`));
    const acked = await alertOf(home, 'OvenHot');
    assert.equal(acked?.id, hot.id);
    assert.equal(acked?.state, 'firing');
    assert.equal(acked?.muted, 'acked');
    assert.equal(acked?.mutedBy, `${actor}: on it`);
    assert.equal((await alertOf(home, 'OvenWarm'))?.muted, null);

    const { ack } = await cliJson<{ ack: { alertId: string; comment: string; createdBy: string; createdAt: string; expiresAt: string } }>(
      home,
      ['monitoring', '--ack', warm.id, '--comment', 'known'],
    );
    assert.equal(ack.alertId, warm.id);
    assert.equal(ack.createdBy, actor);
    assert.equal(Date.parse(ack.expiresAt) - Date.parse(ack.createdAt), 24 * 3_600_000, 'an ack lasts 24h by default');
    assert.equal((await alertOf(home, 'OvenWarm'))?.muted, 'acked');
    // An ack outranks a silence in what the alert view reports.
    await cliOk(home, ['monitoring', '--silence', 'alertname=OvenWarm', '--for', '1h', '--comment', 'c']);
    assert.equal((await alertOf(home, 'OvenWarm'))?.muted, 'acked');

    await cliFails(home, ['monitoring', '--ack', 'ffffffffffff', '--comment', 'x'], 1, /no active alert with id 'ffffffffffff'/);
    await cliFails(home, ['monitoring', '--ack', hot.id], 2, /--ack needs --comment <text>/);
    await cliFails(home, ['monitoring', '--ack', hot.id, '--comment', 'x', '--for', '10ms'], 2, /--for must be at least 1s/);
    const audit = await readAudit(home.paths.eventsFile);
    assert.deepEqual(
      audit.filter((line) => line.type === 'alert.acknowledged').map((line) => line.subject),
      [hot.id, warm.id],
    );
  });
});
