/**
 * Alert rules through the real CLI and daemon: pending → firing → resolved, a pending alert that
 * clears and is dropped, keep-firing-for, --explain, annotation templates, refused rules that
 * change nothing, and removing rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  alertsOf,
  cliFails,
  cliJson,
  cliOk,
  monitoringHome,
  poll,
  pushGauge,
  ruleDefinition,
  rulesOf,
  waitForAlert,
  waitForNoAlert,
  type ExplainJson,
  type RuleJson,
  type TransitionJson,
} from '../helpers/monitoring.js';

/** The kinds of the rule's transitions, oldest first (the CLI lists them newest first). */
function kindsOf(history: readonly TransitionJson[], rule: string): string[] {
  return history
    .filter((t) => t.rule === rule)
    .map((t) => t.kind)
    .reverse();
}

describe('alert rules: the life of an alert', () => {
  it('--for 2s: pending, then firing, then resolved when the value drops; the history says so', async (t) => {
    const home = await monitoringHome(t);
    await pushGauge(home, 'room_temp', 50, { room: 'lab' });
    const added = await cliJson<{ rule: RuleJson; created: boolean }>(home, [
      'monitoring',
      '--add-rule',
      'HotRoom',
      '--expr',
      'room_temp > 40',
      '--for',
      '2s',
      '--severity',
      'critical',
      '--label',
      'team=ops',
      '--description',
      'the lab is too warm',
    ]);
    assert.equal(added.created, true);
    assert.deepEqual(ruleDefinition(added.rule), {
      name: 'HotRoom',
      expr: 'room_temp > 40',
      severity: 'critical',
      forMs: 2000,
      keepFiringForMs: 0,
      labels: { team: 'ops' },
      annotations: {},
      description: 'the lab is too warm',
      createdAt: added.rule.createdAt,
      updatedAt: added.rule.updatedAt,
    });

    const pending = await waitForAlert(home, 'HotRoom', 'pending');
    assert.equal(pending.severity, 'critical');
    assert.equal(pending.firedAt, null);
    assert.equal(pending.value, 50);
    assert.equal(pending.muted, null);
    assert.deepEqual(pending.labels, {
      room: 'lab',
      team: 'ops',
      alertname: 'HotRoom',
      severity: 'critical',
    });

    const firing = await waitForAlert(home, 'HotRoom', 'firing');
    assert.equal(firing.id, pending.id, 'the same alert moves on');
    assert.equal(firing.activeAt, pending.activeAt);
    assert.ok(firing.firedAt !== null);
    assert.ok(Date.parse(firing.firedAt) - Date.parse(firing.activeAt) >= 2000, 'fired after its for');
    const [rule] = await rulesOf(home);
    assert.equal(rule?.firing, 1);
    assert.equal(rule?.pending, 0);
    assert.equal(rule?.lastError, null);
    const table = await cliOk(home, ['monitoring', '--alerts']);
    assert.match(table, /^ID\s+RULE\s+SEVERITY\s+STATE\s+AGE\s+SUMMARY$/m);
    assert.match(table, new RegExp(`^${firing.id.slice(0, 8)}\\S*\\s+HotRoom\\s+critical\\s+firing\\s`, 'm'));

    await pushGauge(home, 'room_temp', 20, { room: 'lab' });
    const history = await waitForNoAlert(home, 'HotRoom');
    assert.deepEqual(kindsOf(history, 'HotRoom'), ['pending', 'firing', 'resolved']);
    for (const transition of history) {
      assert.equal(transition.id, firing.id);
      assert.equal(transition.severity, 'critical');
      assert.deepEqual(transition.labels, firing.labels);
    }
    const [resolved, fired, went] = history;
    assert.ok(resolved !== undefined && fired !== undefined && went !== undefined);
    assert.equal(went.at, firing.activeAt);
    assert.equal(fired.at, firing.firedAt);
    assert.ok(Date.parse(resolved.at) > Date.parse(fired.at));
    // Without --all there is no history; with it, the human view lists it.
    assert.deepEqual(await alertsOf(home), { alerts: [], history: [] });
    const human = await cliOk(home, ['monitoring', '--alerts', '--all']);
    assert.match(human, /^No active alerts\.$/m);
    assert.match(human, /^HISTORY$/m);
    assert.match(human, /\sresolved\s+HotRoom\s/);
  });

  it('a pending alert whose condition clears is dropped, never firing', async (t) => {
    const home = await monitoringHome(t);
    await pushGauge(home, 'queue_depth', 500);
    await cliOk(home, ['monitoring', '--add-rule', 'DeepQueue', '--expr', 'queue_depth > 100', '--for', '1h']);
    const pending = await waitForAlert(home, 'DeepQueue', 'pending');
    await pushGauge(home, 'queue_depth', 3);
    const history = await waitForNoAlert(home, 'DeepQueue');
    assert.deepEqual(kindsOf(history, 'DeepQueue'), ['pending', 'dropped']);
    assert.ok(history.every((h) => h.id === pending.id));
    assert.equal(history[0]?.severity, 'warning', 'the default severity');
  });

  it('keep-firing-for holds a firing alert after its condition clears', async (t) => {
    const home = await monitoringHome(t);
    await pushGauge(home, 'errors_now', 9);
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'Errors',
      '--expr',
      'errors_now > 5',
      '--keep-firing-for',
      '1h',
    ]);
    // Without --for it fires at its first evaluation, with no pending step.
    const firing = await waitForAlert(home, 'Errors', 'firing');
    await pushGauge(home, 'errors_now', 0);
    // --explain tells when the expression has stopped holding: the alert is then kept firing.
    const explained = await poll('the explanation that keep_firing_for holds the alert', async () => {
      const result = await cliJson<ExplainJson>(home, ['monitoring', '--explain', 'Errors']);
      const row = result.rows.find((r) => r.state === 'firing' && r.value === null);
      return row === undefined ? undefined : result;
    });
    assert.equal(explained.rule.keepFiringForMs, 3_600_000);
    assert.match(explained.rows[0]?.reason ?? '', /^the expression no longer holds; keep_firing_for holds it until /);
    // A few more evaluations change nothing.
    await poll('two evaluations after the explanation', async () => {
      const [rule] = await rulesOf(home);
      const at = Date.parse(rule?.lastEvaluatedAt ?? '');
      return at > Date.parse(explained.evaluatedAt) + 1000 ? rule : undefined;
    });
    const { alerts, history } = await alertsOf(home, true);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.id, firing.id);
    assert.equal(alerts[0]?.state, 'firing');
    assert.deepEqual(kindsOf(history, 'Errors'), ['firing']);

    // Removing the rule ends its firing alert as resolved.
    assert.equal(await cliOk(home, ['monitoring', '--remove-rule', 'Errors']), 'Removed rule Errors\n');
    const after = await alertsOf(home, true);
    assert.deepEqual(after.alerts, []);
    assert.deepEqual(kindsOf(after.history, 'Errors'), ['firing', 'resolved']);
    assert.deepEqual(await rulesOf(home), []);
  });
});

describe('alert rules: --explain and annotations', () => {
  it('--explain shows a firing alert, and a rule with nothing to alert on as inactive', async (t) => {
    const home = await monitoringHome(t);
    await pushGauge(home, 'disk_fill', 97, { mount: '/srv' });
    await cliOk(home, ['monitoring', '--add-rule', 'DiskFull', '--expr', 'disk_fill > 95', '--severity', 'emergency']);
    await cliOk(home, ['monitoring', '--add-rule', 'Quiet', '--expr', 'disk_fill > 1000', '--for', '5m']);
    const firing = await waitForAlert(home, 'DiskFull', 'firing');

    const explained = await cliJson<ExplainJson>(home, ['monitoring', '--explain', 'DiskFull']);
    assert.equal(explained.error, null);
    assert.equal(explained.rule.name, 'DiskFull');
    assert.equal(explained.rule.firing, 1);
    assert.deepEqual(explained.rows, [
      {
        labels: { mount: '/srv' },
        value: 97,
        state: 'firing',
        reason: `firing since ${firing.firedAt}`,
      },
    ]);
    const human = await cliOk(home, ['monitoring', '--explain', 'DiskFull']);
    assert.match(human, /^rule\s+DiskFull$/m);
    assert.match(human, /^expr\s+disk_fill > 95$/m);
    assert.match(human, /^severity\s+emergency$/m);
    assert.match(human, /^state\s+1 firing$/m);
    assert.match(human, /^LABELS\s+VALUE\s+STATE\s+REASON$/m);
    assert.match(human, /^\{mount="\/srv"\}\s+97\s+firing\s+firing since /m);

    const quiet = await cliJson<ExplainJson>(home, ['monitoring', '--explain', 'Quiet']);
    assert.equal(quiet.error, null);
    assert.deepEqual(quiet.rows, [
      {
        labels: {},
        value: null,
        state: 'inactive',
        reason: 'the expression returns no series now, so nothing alerts',
      },
    ]);
    const quietHuman = await cliOk(home, ['monitoring', '--explain', 'Quiet']);
    assert.match(quietHuman, /^for\s+5m$/m);
    assert.match(quietHuman, /\sinactive\s+the expression returns no series now/);

    await cliFails(home, ['monitoring', '--explain', 'Nope'], 1, /no rule named 'Nope'/);
  });

  it('annotation templates are rendered with the value and the labels', async (t) => {
    const home = await monitoringHome(t);
    await pushGauge(home, 'conn_count', 1500, { host: 'db1' });
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'ManyConns',
      '--expr',
      'conn_count > 1000',
      '--annotation',
      'summary=host {{ $labels.host }} holds {{ $value }} connections',
      '--annotation',
      'short={{ $value | humanize }} on {{$labels.host}}{{ $labels.missing }}',
      '--annotation',
      'fixed={{ $value | printf "%.2f" }}',
    ]);
    const [rule] = await rulesOf(home);
    assert.deepEqual(rule?.annotations, {
      summary: 'host {{ $labels.host }} holds {{ $value }} connections',
      short: '{{ $value | humanize }} on {{$labels.host}}{{ $labels.missing }}',
      fixed: '{{ $value | printf "%.2f" }}',
    });
    const alert = await waitForAlert(home, 'ManyConns', 'firing');
    assert.deepEqual(alert.annotations, {
      summary: 'host db1 holds 1500 connections',
      short: '1.5k on db1',
      fixed: '1500.00',
    });
    const table = await cliOk(home, ['monitoring', '--alerts']);
    assert.match(table, /\shost db1 holds 1500 connections$/m);
  });
});

describe('alert rules: refusals and removal', () => {
  it('bad rules exit 2 with a clear message and leave the rules unchanged', async (t) => {
    const home = await monitoringHome(t);
    await cliOk(home, ['monitoring', '--add-rule', 'Keep', '--expr', 'up_total > 1', '--for', '1m']);
    const before = (await rulesOf(home)).map(ruleDefinition);
    const refusals: Array<[string[], RegExp]> = [
      [['--add-rule', 'Parse', '--expr', 'up_total >'], /expr: unexpected end of input at column 11/],
      [['--add-rule', 'Parse', '--expr', 'up_total > > 3'], /expr: unexpected '>' at column 12/],
      [['--add-rule', 'Sev', '--expr', 'up_total > 1', '--severity', 'loud'], /Allowed choices are info, warning, critical, emergency/],
      [['--add-rule', 'Tpl', '--expr', 'up_total > 1', '--annotation', 'summary={{ $nope }}'], /annotations\.summary: unknown template value '\$nope' at column 1; use \$value or \$labels\.<name>/],
      [['--add-rule', 'Tpl', '--expr', 'up_total > 1', '--annotation', 'summary=at {{ $value '], /annotations\.summary: '\{\{' at column 4 is never closed/],
      [['--add-rule', 'Tpl', '--expr', 'up_total > 1', '--annotation', 'summary={{ $value | shout }}'], /unknown template function 'shout'/],
      [['--add-rule', 'Range', '--expr', 'up_total[5m]'], /expr: .*not a range vector/],
      [['--add-rule', 'Scalar', '--expr', '1 + 1'], /expr: an alert rule must give an instant vector, not a scalar/],
      [['--add-rule', '1st', '--expr', 'up_total > 1'], /rule name '1st' must be letters, digits and _/],
      [['--add-rule', 'Lbl', '--expr', 'up_total > 1', '--label', 'severity=high'], /labels: 'severity' is set by the rule's severity/],
      [['--add-rule', 'NoExpr'], /--add-rule needs --expr <expression>/],
      [['--add-rule', 'Dur', '--expr', 'up_total > 1', '--for', 'soon'], /'soon' is not a duration/],
      // A bad update of an existing rule leaves the old rule in place.
      [['--add-rule', 'Keep', '--expr', 'up_total >>'], /expr: unexpected '>' at column 11/],
    ];
    for (const [args, message] of refusals) await cliFails(home, ['monitoring', ...args], 2, message);
    assert.deepEqual((await rulesOf(home)).map(ruleDefinition), before);
  });

  it('adding a rule of the same name updates it; removing a missing rule exits 1', async (t) => {
    const home = await monitoringHome(t);
    assert.equal(
      await cliOk(home, ['monitoring', '--rules']),
      'No alert rules. Add one with: clickup-brain monitoring --add-rule <name> --expr <expression>\n',
    );
    assert.equal(await cliOk(home, ['monitoring', '--add-rule', 'R1', '--expr', 'a_metric > 1']), 'Added rule R1\n');
    const [first] = await rulesOf(home);
    assert.equal(await cliOk(home, ['monitoring', '--add-rule', 'R1', '--expr', 'a_metric > 2', '--severity', 'info']), 'Updated rule R1\n');
    const rules = await rulesOf(home);
    assert.equal(rules.length, 1);
    assert.equal(rules[0]?.expr, 'a_metric > 2');
    assert.equal(rules[0]?.severity, 'info');
    assert.equal(rules[0]?.createdAt, first?.createdAt);
    const table = await cliOk(home, ['monitoring', '--rules']);
    assert.match(table, /^NAME\s+SEVERITY\s+FOR\s+STATE\s+EXPR\s+LAST ERROR$/m);
    assert.match(table, /^R1\s+info\s+0s\s+/m);

    await cliFails(home, ['monitoring', '--remove-rule', 'Missing'], 1, /no rule named 'Missing'/);
    assert.equal((await rulesOf(home)).length, 1);
    await cliOk(home, ['monitoring', '--remove-rule', 'R1']);
    assert.deepEqual(await rulesOf(home), []);
    await cliFails(home, ['monitoring', '--remove-rule', 'R1'], 1, /no rule named 'R1'/);
  });
});
