/**
 * History settings and the daemon's start, through the real CLI and daemon: every retention and
 * scrape interval `config set` accepts gives a daemon that starts (the rollup levels follow the
 * settings), and a hand-edited value that still cannot work names the key to change.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempHome } from '../helpers/home.js';
import { cliJson, cliOk, type MetricInfoJson } from '../helpers/monitoring.js';

describe('history settings and the daemon start', () => {
  it('retention 8d with scrapeInterval 2m: the restarted daemon answers and lists metrics', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    await cliOk(home, ['config', 'set', 'monitoring.retention', '8d']);
    await cliOk(home, ['config', 'set', 'monitoring.scrapeInterval', '2m']);
    const before = await home.daemonPid();
    await cliOk(home, ['daemon', 'restart']);
    const after = await home.daemonPid();
    assert.ok(after !== null && after !== before, 'a new daemon runs');
    const status = await cliJson<{ pid: number }>(home, ['daemon', 'status']);
    assert.equal(status.pid, after);
    assert.equal((await cliJson<{ value: string }>(home, ['config', 'get', 'monitoring.retention'])).value, '8d');
    // The first scrape runs at start, whatever the interval.
    const { metrics } = await cliJson<{ metrics: MetricInfoJson[] }>(home, ['monitoring', '--metrics']);
    assert.ok(metrics.some((m) => m.name === 'cpu_usage'), 'the system metrics are listed');
    await cliOk(home, ['monitoring', '--metrics', '--json']);
    // The extremes of both ranges start too.
    await cliOk(home, ['config', 'set', 'monitoring.retention', '1m']);
    await cliOk(home, ['config', 'set', 'monitoring.scrapeInterval', '1h']);
    await cliOk(home, ['daemon', 'restart']);
    await cliJson(home, ['monitoring', '--metrics']);
    await cliOk(home, ['config', 'set', 'monitoring.retention', '90d']);
    await cliOk(home, ['config', 'set', 'monitoring.scrapeInterval', '1s']);
    await cliOk(home, ['daemon', 'restart']);
    await cliJson(home, ['monitoring', '--metrics']);
  });

  it('a hand-edited scrapeInterval the history cannot use: the start fails naming the key', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    await mkdir(home.paths.configDir, { recursive: true, mode: 0o700 });
    await writeFile(join(home.paths.configDir, 'config.json'), JSON.stringify({ monitoring: { scrapeInterval: '0s' } }), { mode: 0o600 });
    const result = await home.cli(['daemon', 'start']);
    assert.notEqual(result.code, 0, result.stdout);
    assert.match(result.stderr, /the setting monitoring\.scrapeInterval \(0s\) gives no usable metric history/);
    assert.match(result.stderr, /config\.json/);
  });
});
