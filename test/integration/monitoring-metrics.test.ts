/**
 * `monitoring --metrics` and `--push` through the real CLI and daemon: the system and process
 * metrics after a scrape, pushed series, counters adding up, refused pushes that change nothing,
 * and the Prometheus text output.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import {
  cliFails,
  cliJson,
  cliOk,
  monitoringHome,
  poll,
  waitForSample,
  type MetricInfoJson,
  type MetricJson,
} from '../helpers/monitoring.js';

const systemMetrics = [
  'cpu_usage',
  'memory_usage',
  'disk_usage',
  'load1',
  'process_resident_memory_bytes',
  'nodejs_heap_used_bytes',
  'nodejs_eventloop_lag_seconds',
];

async function exposition(home: TestHome): Promise<string> {
  return cliOk(home, ['monitoring', '--metrics', '--prometheus']);
}

/** The exposition lines (HELP, TYPE and samples) of the named metrics, in order. */
function linesOf(text: string, names: readonly string[]): string[] {
  return text.split('\n').filter((line) => {
    const name = /^(?:# (?:HELP|TYPE) )?([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line)?.[1];
    return name !== undefined && names.some((n) => name === n || name.startsWith(`${n}_`));
  });
}

describe('monitoring --metrics: the built-in metrics', () => {
  it('after a scrape, --metrics --json lists the system and process metrics with values', async (t) => {
    const home = await monitoringHome(t);
    const metrics = await poll('a scrape with every system metric', async () => {
      const { metrics: list } = await cliJson<{ metrics: MetricInfoJson[] }>(home, [
        'monitoring',
        '--metrics',
      ]);
      const scraped = systemMetrics.every((name) =>
        list.some((m) => m.name === name && m.lastValue !== null),
      );
      return scraped ? list : undefined;
    });
    const byName = new Map(metrics.map((m) => [m.name, m]));
    for (const name of systemMetrics) {
      const metric = byName.get(name);
      assert.ok(metric !== undefined, name);
      assert.equal(metric.type, 'gauge', name);
      assert.ok(metric.help.length > 0, `${name} has help`);
      assert.ok(metric.series >= 1, `${name} has a series`);
      assert.equal(typeof metric.lastValue, 'number', name);
      assert.ok(metric.recent.length >= 1, `${name} has recent values`);
    }
    for (const name of ['cpu_usage', 'memory_usage', 'disk_usage']) {
      const value = byName.get(name)?.lastValue ?? NaN;
      assert.ok(value >= 0 && value <= 100, `${name} is a percentage: ${value}`);
    }
    assert.deepEqual(byName.get('disk_usage')?.labelNames, ['mount']);
    assert.ok((byName.get('process_resident_memory_bytes')?.lastValue ?? 0) > 1_000_000);
    assert.ok((byName.get('nodejs_heap_used_bytes')?.lastValue ?? 0) > 0);
    assert.ok((byName.get('nodejs_eventloop_lag_seconds')?.lastValue ?? -1) >= 0);

    const table = await cliOk(home, ['monitoring', '--metrics']);
    assert.match(table, /^NAME\s+TYPE\s+SERIES\s+LAST\s+RECENT\n/);
    for (const name of systemMetrics) assert.match(table, new RegExp(`^${name}\\s+gauge\\s+1\\s+`, 'm'));

    // One metric: its series over a range, with times and values side by side.
    const cpu = await cliJson<MetricJson>(home, ['monitoring', '--metrics', 'cpu_usage', '--range', '10m']);
    assert.equal(cpu.name, 'cpu_usage');
    assert.equal(cpu.type, 'gauge');
    assert.equal(cpu.series.length, 1);
    const [series] = cpu.series;
    assert.ok(series !== undefined && series.times.length >= 1);
    assert.equal(series.times.length, series.values.length);
    const human = await cliOk(home, ['monitoring', '--metrics', 'cpu_usage', '--range', '10m']);
    assert.match(human, /^cpu_usage \(gauge\): 1 series over the last 10m\n/);

    // The built-in checks ran before that scrape: each is a health_check_up and a latency series.
    const text = await exposition(home);
    for (const check of ['event_loop', 'store_writable', 'disk', 'memory']) {
      assert.match(text, new RegExp(`^health_check_up\\{check="${check}"\\} [01]$`, 'm'), check);
      assert.match(text, new RegExp(`^health_check_latency_seconds\\{check="${check}"\\} \\S+$`, 'm'), check);
    }
    assert.match(text, /^health_check_up\{check="store_writable"\} 1$/m);
    const up = await cliJson<MetricJson>(home, ['monitoring', '--metrics', 'health_check_up']);
    assert.ok(up.series.some((s) => s.labels['check'] === 'disk' && s.values.length >= 1), 'recorded in the history');

    await cliFails(home, ['monitoring', '--metrics', 'no_such_metric'], 2, /no metric named 'no_such_metric'/);
    await cliFails(
      home,
      ['monitoring', '--metrics', '--prometheus', '--range', '1h'],
      2,
      /--prometheus and --range cannot be used together/,
    );
  });
});

describe('monitoring --push', () => {
  it('a pushed counter with a label is a series; counter pushes add up', async (t) => {
    const home = await monitoringHome(t);
    const first = await cliOk(home, [
      'monitoring',
      '--push',
      'jobs_total=3',
      '--type',
      'counter',
      '--label',
      'queue=emails',
    ]);
    assert.equal(first, 'Pushed jobs_total{queue="emails"}=3\n');
    const second = await cliJson<{ accepted: number }>(home, [
      'monitoring',
      '--push',
      'jobs_total=4',
      '--type',
      'counter',
      '--label',
      'queue=emails',
    ]);
    assert.deepEqual(second, { accepted: 1 });
    await waitForSample(home, 'jobs_total', 7, { queue: 'emails' });

    // Without --type the metric keeps the type it was first pushed with.
    await cliOk(home, ['monitoring', '--push', 'jobs_total=2.5', '--label', 'queue=emails']);
    // Another label set is another series of the same metric.
    await cliOk(home, ['monitoring', '--push', 'jobs_total=1', '--label', 'queue=sms']);
    await waitForSample(home, 'jobs_total', 9.5, { queue: 'emails' });
    await waitForSample(home, 'jobs_total', 1, { queue: 'sms' });

    const metric = await cliJson<MetricJson>(home, ['monitoring', '--metrics', 'jobs_total']);
    assert.equal(metric.name, 'jobs_total');
    assert.equal(metric.type, 'counter');
    assert.equal(metric.help, 'pushed counter');
    assert.deepEqual(metric.series.map((s) => s.labels).sort((a, b) => String(a['queue']).localeCompare(String(b['queue']))), [
      { queue: 'emails' },
      { queue: 'sms' },
    ]);
    const emails = metric.series.find((s) => s.labels['queue'] === 'emails');
    assert.ok(emails !== undefined);
    // A counter's recorded values never go down.
    for (let i = 1; i < emails.values.length; i++) {
      assert.ok((emails.values[i] as number) >= (emails.values[i - 1] as number), `values ${emails.values.join(',')}`);
    }

    const { metrics } = await cliJson<{ metrics: MetricInfoJson[] }>(home, ['monitoring', '--metrics']);
    const listed = metrics.find((m) => m.name === 'jobs_total');
    assert.equal(listed?.type, 'counter');
    assert.deepEqual(listed?.labelNames, ['queue']);
    assert.equal(listed?.series, 2);

    const text = await exposition(home);
    assert.match(text, /^# TYPE jobs_total counter$/m);
    assert.match(text, /^jobs_total\{queue="emails"\} 9\.5$/m);
    assert.match(text, /^jobs_total\{queue="sms"\} 1$/m);
  });

  it('histograms and summaries observe pushed values', async (t) => {
    const home = await monitoringHome(t);
    await cliOk(home, [
      'monitoring',
      '--push',
      'request_seconds=0.3',
      '--push',
      'request_seconds=1.2',
      '--type',
      'histogram',
      '--label',
      'route=home',
    ]);
    await cliOk(home, ['monitoring', '--push', 'payload_bytes=10', '--type', 'summary']);
    const text = await exposition(home);
    assert.match(text, /^# TYPE request_seconds histogram$/m);
    assert.match(text, /^request_seconds_bucket\{route="home",le="\+Inf"\} 2$/m);
    assert.match(text, /^request_seconds_sum\{route="home"\} 1\.5$/m);
    assert.match(text, /^request_seconds_count\{route="home"\} 2$/m);
    assert.match(text, /^# TYPE payload_bytes summary$/m);
    assert.match(text, /^payload_bytes_count 1$/m);
  });

  it('bad pushes exit 2 with a clear message and change nothing', async (t) => {
    const home = await monitoringHome(t);
    await cliOk(home, ['monitoring', '--push', 'level=5', '--type', 'gauge']);
    await cliOk(home, ['monitoring', '--push', 'done_total=2', '--type', 'counter']);
    await waitForSample(home, 'done_total', 2);
    const watched = ['level', 'done_total', 'x', 'y', 'fresh_total', 'bad'];
    const before = linesOf(await exposition(home), watched);
    assert.ok(before.includes('level 5') && before.includes('done_total 2'), before.join('\n'));

    const refusals: Array<[string[], RegExp]> = [
      [['--push', 'x'], /'x' has no '=': write it like queue_depth=42/],
      [['--push', 'x='], /'x=' has no value after '='/],
      [['--push', 'x=abc'], /the value 'abc' is not a number; write it like x=42/],
      [['--push', 'x=0x10'], /the value '0x10' is not a number/],
      [['--push', '1bad=3'], /'1bad' is not a valid metric name: use letters, digits, '_' and ':', not starting with a digit/],
      [['--push', 'y=1', '--label', 'nokey'], /'nokey' has no '=': write it like env=prod/],
      [['--push', 'y=1', '--label', '__x=1'], /'__x' is not a valid name/],
      [['--push', 'x=1', '--type', 'meter'], /--type for --push must be counter, gauge, histogram or summary, got 'meter'/],
      [['--push', 'level=2', '--type', 'counter'], /metric level is already a gauge; cannot declare it as a counter/],
      [['--push', 'done_total=-1'], /counter done_total cannot go down/],
      // All or nothing: the good sample of a refused batch is not applied either.
      [['--push', 'fresh_total=1', '--push', 'level=3', '--type', 'counter'], /metric level is already a gauge/],
      [['--push', 'x=1', '--range', '1h'], /--range does not apply to --push/],
    ];
    for (const [args, message] of refusals) await cliFails(home, ['monitoring', ...args], 2, message);

    assert.deepEqual(linesOf(await exposition(home), watched), before);
    await cliFails(home, ['monitoring', '--metrics', 'fresh_total'], 2, /no metric named 'fresh_total'/);
  });
});
