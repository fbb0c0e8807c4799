/**
 * End to end: `monitoring --metrics --prometheus` is valid Prometheus text format, as Prometheus's
 * own `promtool check metrics` (parser and linter) judges it: the built-in metrics, the health
 * check gauges and pushed counters, gauges, histograms and summaries with awkward label values.
 *
 * promtool is required, not optional: CI installs it (Debian package `prometheus`, in `.ci/run`),
 * and a silently skipped test would hide a broken exposition.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { cliOk, monitoringHome, poll, waitForCheck } from '../helpers/monitoring.js';
import { requireOnPath } from '../helpers/system-tools.js';

/** Runs `promtool check metrics` with `text` on stdin. */
function promtoolCheck(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

describe('promtool check metrics', () => {
  it('accepts the whole registry in Prometheus text format, with no lint problems', async (t) => {
    requireOnPath('promtool', 'promtool (Prometheus’s checker)', 'apt-get install -y prometheus');
    const home = await monitoringHome(t);
    await cliOk(home, ['monitoring', '--add-check', 'nightly', '--type', 'heartbeat', '--interval', '1h']);
    await cliOk(home, ['monitoring', '--heartbeat', 'nightly']);
    await waitForCheck(home, 'nightly', 'up');
    await cliOk(home, [
      'monitoring',
      '--push',
      'jobs_processed_total=3',
      '--type',
      'counter',
      '--label',
      'queue=with "quotes", a \\ backslash',
      '--label',
      'region=eu-west',
    ]);
    await cliOk(home, ['monitoring', '--push', 'jobs_processed_total=1', '--type', 'counter', '--label', 'queue=sms', '--label', 'region=eu-west']);
    await cliOk(home, ['monitoring', '--push', 'queue_depth=42', '--type', 'gauge', '--label', 'queue=emails']);
    await cliOk(home, ['monitoring', '--push', 'temperature_celsius=-3.5', '--type', 'gauge']);
    await cliOk(home, [
      'monitoring',
      '--push',
      'request_duration_seconds=0.02',
      '--push',
      'request_duration_seconds=0.7',
      '--push',
      'request_duration_seconds=12',
      '--type',
      'histogram',
      '--label',
      'route=/api/items',
    ]);
    await cliOk(home, ['monitoring', '--push', 'payload_size_bytes=512', '--push', 'payload_size_bytes=2048', '--type', 'summary']);

    // After a scrape the system metrics have values too.
    const text = await poll('an exposition with the system metrics', async () => {
      const out = await cliOk(home, ['monitoring', '--metrics', '--prometheus']);
      return /^cpu_usage \S+$/m.test(out) && /^process_resident_memory_bytes \S+$/m.test(out) ? out : undefined;
    });
    for (const expected of [
      /^# TYPE jobs_processed_total counter$/m,
      /^jobs_processed_total\{queue="with \\"quotes\\", a \\\\ backslash",region="eu-west"\} 3$/m,
      /^# TYPE request_duration_seconds histogram$/m,
      /^request_duration_seconds_bucket\{route="\/api\/items",le="\+Inf"\} 3$/m,
      /^# TYPE payload_size_bytes summary$/m,
      /^health_check_up\{check="nightly"\} 1$/m,
    ]) {
      assert.match(text, expected);
    }

    const { code, output } = await promtoolCheck(text.endsWith('\n') ? text : `${text}\n`);
    assert.equal(output, '', `promtool found problems:\n${output}`);
    assert.equal(code, 0, 'promtool check metrics exit code');
  });
});
