import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  escapeHelp,
  escapeLabelValue,
  EXPOSITION_CONTENT_TYPE,
  formatValue,
  renderExposition,
} from '../../../../../daemon/monitoring/metrics/exposition.js';
import { Registry } from '../../../../../daemon/monitoring/metrics/registry.js';
import { manualClock } from './helpers.js';

/** A small registry with every type, escaping and special values. */
function sample(): Registry {
  const registry = new Registry({ now: manualClock(1_700_000_000_000).now });
  const requests = registry.counter('http_requests_total', {
    help: 'Requests served.\nBy method and status \\ code.',
    labelNames: ['method', 'status'],
  });
  requests.inc({ method: 'GET', status: 200 }, 3);
  requests.inc({ method: 'POST', status: '500' });
  registry.gauge('temperature_celsius', { help: 'Temperature.' }).set(-12.5);
  registry.gauge('ratio', { help: 'Not a number yet.' }).set(NaN);
  registry
    .gauge('path_info', { help: 'Escaped label values.', labelNames: ['path'] })
    .set({ path: 'C:\\dir\n"quoted"' }, 1);
  const latency = registry.histogram('request_duration_seconds', {
    help: 'Latency.',
    labelNames: ['route'],
    buckets: [0.1, 0.5, 2.5],
  });
  for (const v of [0.05, 0.3, 0.3, 3]) latency.observe({ route: '/api' }, v);
  const size = registry.summary('response_size_bytes', { help: 'Sizes.', percentiles: [0.5, 0.9] });
  for (const v of [100, 200, 300, 400]) size.observe(v);
  registry.counter('unused_total', { help: 'Never incremented.', labelNames: ['x'] });
  registry.gauge('no_help', { help: '' }).set(1e21);
  return registry;
}

const EXPECTED = `# HELP http_requests_total Requests served.\\nBy method and status \\\\ code.
# TYPE http_requests_total counter
http_requests_total{method="GET",status="200"} 3
http_requests_total{method="POST",status="500"} 1
# HELP temperature_celsius Temperature.
# TYPE temperature_celsius gauge
temperature_celsius -12.5
# HELP ratio Not a number yet.
# TYPE ratio gauge
ratio NaN
# HELP path_info Escaped label values.
# TYPE path_info gauge
path_info{path="C:\\\\dir\\n\\"quoted\\""} 1
# HELP request_duration_seconds Latency.
# TYPE request_duration_seconds histogram
request_duration_seconds_bucket{route="/api",le="0.1"} 1
request_duration_seconds_bucket{route="/api",le="0.5"} 3
request_duration_seconds_bucket{route="/api",le="2.5"} 3
request_duration_seconds_bucket{route="/api",le="+Inf"} 4
request_duration_seconds_sum{route="/api"} 3.65
request_duration_seconds_count{route="/api"} 4
# HELP response_size_bytes Sizes.
# TYPE response_size_bytes summary
response_size_bytes{quantile="0.5"} 200
response_size_bytes{quantile="0.9"} 400
response_size_bytes_sum 1000
response_size_bytes_count 4
# HELP unused_total Never incremented.
# TYPE unused_total counter
# TYPE no_help gauge
no_help 1000000000000000000000
`;

describe('formatValue', () => {
  test('special values as Prometheus writes them', () => {
    assert.equal(formatValue(NaN), 'NaN');
    assert.equal(formatValue(Infinity), '+Inf');
    assert.equal(formatValue(-Infinity), '-Inf');
  });
  test('integers without exponent, even past 1e21', () => {
    assert.equal(formatValue(0), '0');
    assert.equal(formatValue(42), '42');
    assert.equal(formatValue(-7), '-7');
    assert.equal(formatValue(2 ** 53), '9007199254740992');
    assert.equal(formatValue(1e20), '100000000000000000000');
    assert.equal(formatValue(1e21), '1000000000000000000000');
    assert.equal(formatValue(-2e21), '-2000000000000000000000');
  });
  test('fractions as the shortest round-tripping decimal', () => {
    assert.equal(formatValue(0.1), '0.1');
    assert.equal(formatValue(0.005), '0.005');
    assert.equal(formatValue(2.5), '2.5');
    assert.equal(formatValue(1e-7), '1e-7');
    assert.equal(formatValue(0.1 + 0.2), '0.30000000000000004');
  });
});

describe('escaping', () => {
  test('HELP escapes backslash and newline only', () => {
    assert.equal(escapeHelp('plain "text"'), 'plain "text"');
    assert.equal(escapeHelp('a\\b\nc'), 'a\\\\b\\nc');
  });
  test('label values escape backslash, double quote and newline', () => {
    assert.equal(escapeLabelValue('plain'), 'plain');
    assert.equal(escapeLabelValue('a\\b"c"\nd'), 'a\\\\b\\"c\\"\\nd');
    assert.equal(escapeLabelValue('\\n'), '\\\\n');
  });
});

describe('renderExposition', () => {
  test('exact text for a small registry', () => {
    assert.equal(sample().exposition(), EXPECTED);
  });
  test('nothing for no metrics', () => {
    assert.equal(renderExposition([]), '');
    assert.equal(new Registry().exposition(), '');
  });
  test('the +Inf bucket equals _count and buckets never decrease', () => {
    const registry = new Registry();
    const histogram = registry.histogram('h_seconds', { help: 'h', labelNames: ['a'] });
    for (let i = 0; i < 200; i++) histogram.observe({ a: String(i % 3) }, (i * 0.37) % 12);
    const text = registry.exposition();
    for (const a of ['0', '1', '2']) {
      const buckets = [
        ...text.matchAll(new RegExp(`^h_seconds_bucket\\{a="${a}",le="([^"]+)"\\} (\\S+)$`, 'gm')),
      ];
      assert.equal(buckets.length, 12);
      const counts = buckets.map((m) => Number(m[2]));
      assert.deepEqual(
        counts,
        [...counts].sort((x, y) => x - y),
      );
      assert.equal(buckets.at(-1)?.[1], '+Inf');
      const count = new RegExp(`^h_seconds_count\\{a="${a}"\\} (\\S+)$`, 'm').exec(text)?.[1];
      assert.equal(buckets.at(-1)?.[2], count);
    }
  });
  test('the content type is the 0.0.4 text format', () => {
    assert.equal(EXPOSITION_CONTENT_TYPE, 'text/plain; version=0.0.4; charset=utf-8');
  });
});

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const promtoolMissing = promtool.error !== undefined || promtool.status !== 0;

describe('promtool check metrics', () => {
  test(
    'accepts the exposition',
    {
      skip: promtoolMissing
        ? 'promtool is not installed (apt-get install -y prometheus); skipping the check'
        : false,
    },
    () => {
      const registry = sample();
      // promtool also lints naming conventions; a metric without help is a lint finding, not a format error.
      registry.remove('no_help');
      registry.gauge('big_number', { help: 'Past 1e21.' }).set(-1e22);
      registry.gauge('infinite_value', { help: 'Infinity.' }).set(Infinity);
      registry.summary('idle_seconds', { help: 'An empty window.' });
      const result = spawnSync('promtool', ['check', 'metrics'], {
        input: registry.exposition(),
        encoding: 'utf8',
      });
      assert.equal(`${result.stdout}${result.stderr}`, '');
      assert.equal(result.status, 0);
    },
  );
  test(
    'would catch a broken exposition (the check is real)',
    {
      skip: promtoolMissing
        ? 'promtool is not installed (apt-get install -y prometheus); skipping the check'
        : false,
    },
    () => {
      const result = spawnSync('promtool', ['check', 'metrics'], {
        input: '# TYPE x_total counter\nx_total{a="\\q"} 1\n',
        encoding: 'utf8',
      });
      assert.notEqual(result.status, 0);
    },
  );
});
