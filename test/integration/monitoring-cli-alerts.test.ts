/**
 * Querying the alert history through the real CLI and daemon: `--alerts --all` with `--rule`,
 * `--since` (a time or a duration) and `--limit`, each the same as filtering the whole history by
 * hand; and the protocol refusing bad filter params by name.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connect } from '../../dist/src/index.js';
import {
  alertsOf,
  cliFails,
  cliJson,
  cliOk,
  monitoringHome,
  pushGauge,
  waitForAlert,
  waitForNoAlert,
  type AlertsJson,
  type TransitionJson,
} from '../helpers/monitoring.js';

describe('monitoring --alerts --all: filters', () => {
  it('--rule, --since and --limit select from the whole kept history', async (t) => {
    const home = await monitoringHome(t);
    await cliOk(home, ['monitoring', '--add-rule', 'FlagA', '--expr', 'flag_a > 0']);
    await cliOk(home, ['monitoring', '--add-rule', 'FlagB', '--expr', 'flag_b > 0']);
    // FlagA fires and resolves, then FlagB fires and stays firing.
    await pushGauge(home, 'flag_a', 1);
    await waitForAlert(home, 'FlagA', 'firing');
    await pushGauge(home, 'flag_a', 0);
    await waitForNoAlert(home, 'FlagA');
    await pushGauge(home, 'flag_b', 1);
    await waitForAlert(home, 'FlagB', 'firing');

    const full = (await alertsOf(home, true)).history;
    const kinds = (rule: string, list: readonly TransitionJson[]): string[] => list.filter((x) => x.rule === rule).map((x) => x.kind);
    assert.deepEqual(kinds('FlagA', full), ['resolved', 'firing'], 'newest first');
    assert.deepEqual(kinds('FlagB', full), ['firing']);

    // --rule: that rule's live alerts and transitions only (with or without --all).
    const onlyA = await cliJson<AlertsJson>(home, ['monitoring', '--alerts', '--all', '--rule', 'FlagA']);
    assert.deepEqual(onlyA, { alerts: [], history: full.filter((x) => x.rule === 'FlagA') });
    const onlyB = await cliJson<AlertsJson>(home, ['monitoring', '--alerts', '--rule', 'FlagB']);
    assert.deepEqual(onlyB.alerts.map((a) => [a.rule, a.state]), [['FlagB', 'firing']]);
    assert.deepEqual(onlyB.history, []);
    assert.deepEqual(await cliJson<AlertsJson>(home, ['monitoring', '--alerts', '--all', '--rule', 'NoSuchRule']), { alerts: [], history: [] });

    // --since a time: the transitions at or after it.
    const cut = full.find((x) => x.rule === 'FlagA' && x.kind === 'resolved') as TransitionJson;
    const since = await cliJson<AlertsJson>(home, ['monitoring', '--alerts', '--all', '--since', cut.at]);
    assert.deepEqual(since.history, full.filter((x) => Date.parse(x.at) >= Date.parse(cut.at)));
    assert.ok(since.history.length >= 2 && since.history.length < full.length);
    // --since a duration: back from now; an hour holds everything this test did.
    assert.deepEqual((await cliJson<AlertsJson>(home, ['monitoring', '--alerts', '--all', '--since', '1h'])).history, full);
    // --limit: the newest n of what passes the filters.
    assert.deepEqual((await cliJson<AlertsJson>(home, ['monitoring', '--alerts', '--all', '--limit', '1'])).history, full.slice(0, 1));
    assert.deepEqual((await cliJson<AlertsJson>(home, ['monitoring', '--alerts', '--all', '--rule', 'FlagA', '--limit', '1'])).history, [full.find((x) => x.rule === 'FlagA')]);

    const text = await cliOk(home, ['monitoring', '--alerts', '--all', '--rule', 'FlagA']);
    assert.match(text, /^No active alerts\.\n\nHISTORY\nAT\s+KIND\s+RULE\s+LABELS\n\S+\s+resolved\s+FlagA\s+\{alertname="FlagA",severity="warning"\}\n\S+\s+firing\s+FlagA\s+\{alertname="FlagA",severity="warning"\}\n$/);

    // Bad values exit 2, naming the flag, before anything is asked.
    await cliFails(home, ['monitoring', '--alerts', '--since', '1h'], 2, /^clickup-brain: --since filters the history: clickup-brain monitoring --alerts --all --since <value>\n$/);
    await cliFails(home, ['monitoring', '--alerts', '--all', '--limit', '1001'], 2, /--limit for --alerts must be from 1 to 1000 \(the daemon keeps the newest 1000 transitions\), got 1001/);
    await cliFails(home, ['monitoring', '--alerts', '--all', '--limit', '0'], 2, /option '--limit <n>' argument '0' is invalid\. '0' is not a positive whole number/);
    await cliFails(home, ['monitoring', '--alerts', '--all', '--since', 'yesterday'], 2, /option '--since <duration\|time>' argument 'yesterday' is invalid/);
    await cliFails(home, ['monitoring', '--alerts', '--all', '--since', '2026-02-30'], 2, /'2026-02-30' is not a time; write it like 2026-01-31T12:00:00Z or 2026-01-31/);
  });

  it('the protocol refuses a bad rule name or time by field (INVALID_PARAMS)', async (t) => {
    const home = await monitoringHome(t);
    const client = await connect({ env: home.env });
    t.after(() => client.close());
    for (const [params, field] of [
      [{ history: true, since: 'yesterday' }, 'since'],
      [{ history: true, rule: '' }, 'rule'],
      [{ history: true, limit: 0 }, 'limit'],
    ] as const) {
      const error = await client.request('monitoring.alerts.list', params).then(
        () => assert.fail(`${JSON.stringify(params)} was accepted`),
        (e: Error & { code?: string; details?: { field?: string } }) => e,
      );
      assert.equal(error.code, 'INVALID_PARAMS', JSON.stringify(params));
      assert.equal(error.details?.field, field);
    }
  });
});
