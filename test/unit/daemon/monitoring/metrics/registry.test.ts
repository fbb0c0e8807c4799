import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import * as api from '../../../../../daemon/monitoring/metrics/index.js';
import { Registry } from '../../../../../daemon/monitoring/metrics/registry.js';
import { manualClock, throwsInvalid } from './helpers.js';

describe('Registry: declaring', () => {
  test('the same name, type and labels give the same metric', () => {
    const registry = new Registry();
    const counter = registry.counter('http_requests_total', {
      help: 'Requests.',
      labelNames: ['method', 'status'],
    });
    assert.equal(
      registry.counter('http_requests_total', {
        help: 'other help is ignored',
        labelNames: ['status', 'method'],
      }),
      counter,
    );
    assert.equal(registry.get('http_requests_total'), counter);
    const histogram = registry.histogram('h', { help: '', buckets: [1, 2] });
    assert.equal(registry.histogram('h', { help: '' }), histogram);
    assert.equal(registry.histogram('h', { help: '', buckets: [1, 2, Infinity] }), histogram);
    const summary = registry.summary('s', { help: '', maxAgeSeconds: 30 });
    assert.equal(
      registry.summary('s', {
        help: '',
        maxAgeSeconds: 30,
        percentiles: [...api.DEFAULT_PERCENTILES].reverse(),
      }),
      summary,
    );
    assert.equal(registry.gauge('g', { help: '' }), registry.gauge('g', { help: '' }));
  });
  test('a different type, labels, buckets or window throws, naming the conflict', () => {
    const registry = new Registry();
    registry.counter('http_requests_total', { help: '', labelNames: ['method', 'status'] });
    registry.histogram('h', { help: '' });
    registry.summary('s', { help: '' });
    throwsInvalid(
      () => registry.gauge('http_requests_total', { help: '' }),
      'metric http_requests_total is already a counter; cannot declare it as a gauge',
      'name',
    );
    throwsInvalid(
      () => registry.counter('http_requests_total', { help: '', labelNames: ['method'] }),
      'counter http_requests_total already has labels (method, status); cannot declare it with labels (method)',
    );
    throwsInvalid(
      () => registry.histogram('h', { help: '', buckets: [1] }),
      'histogram h already has buckets (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10); cannot declare it with buckets (1)',
    );
    throwsInvalid(
      () => registry.summary('s', { help: '', ageBuckets: 10 }),
      'summary s already has ageBuckets 5; cannot declare it with ageBuckets 10',
    );
    throwsInvalid(
      () => registry.gauge('h_bucket', { help: '' }),
      'metric h_bucket clashes with the h_bucket series of histogram h',
    );
  });
  test('bad declarations throw and register nothing', () => {
    const registry = new Registry();
    throwsInvalid(
      () => registry.counter('1bad', { help: '' }),
      "metric name '1bad' is invalid; metric names match [a-zA-Z_:][a-zA-Z0-9_:]*",
    );
    throwsInvalid(
      () => registry.gauge('g', { help: '', labelNames: ['a', 'a'] }),
      "gauge g: label 'a' is declared twice",
    );
    throwsInvalid(
      () => registry.histogram('h', { help: '', buckets: [2, 1] }),
      'histogram h: buckets must be strictly increasing (1 after 2)',
    );
    throwsInvalid(
      () => registry.summary('s', { help: '', percentiles: [2] }),
      'summary s: percentile 2 is not a number in [0, 1]',
    );
    throwsInvalid(
      () => registry.counter('c', {} as { help: string }),
      'counter c: help must be a string, got undefined',
    );
    assert.deepEqual(registry.metrics(), []);
  });
  test('registries are independent: there is no global one', () => {
    const a = new Registry();
    const b = new Registry();
    a.counter('x_total', { help: '' }).inc();
    assert.equal(b.get('x_total'), undefined);
    assert.equal(b.counter('x_total', { help: '' }).get(), 0);
  });
});

describe('Registry: the clock', () => {
  test('metrics read the injected now()', () => {
    const clock = manualClock(1_700_000_000_000);
    const registry = new Registry({ now: clock.now });
    const gauge = registry.gauge('t_seconds', { help: '' });
    gauge.setToCurrentTime();
    assert.equal(gauge.get(), 1_700_000_000);
    const summary = registry.summary('s', { help: '', percentiles: [0.5], maxAgeSeconds: 10 });
    summary.observe(1);
    clock.advance(10_000);
    assert.ok(Number.isNaN(summary.get().quantiles[0]?.value));
  });
  test('a Clock object works as the options (its this is kept)', () => {
    const clock = new ManualClock(1_000_000);
    const registry = new Registry(clock);
    assert.equal(registry.now(), 1_000_000);
    clock.advance(500);
    registry.gauge('g', { help: '' }).setToCurrentTime();
    assert.equal(registry.get('g')?.type, 'gauge');
    assert.equal((registry.get('g') as api.Gauge).get(), 1000.5);
  });
  test('defaults to Date.now', () => {
    const before = Date.now();
    const now = new Registry().now();
    assert.ok(now >= before && now <= Date.now());
  });
});

describe('Registry: addMetric', () => {
  test('declares on first use with the sorted label keys, then applies by type', () => {
    const registry = new Registry();
    registry.addMetric('jobs_total', 2, 'counter', { queue: 'mail', host: 'a' });
    registry.addMetric('jobs_total', 3, 'counter', { host: 'a', queue: 'mail' });
    registry.addMetric('queue_depth', 7, 'gauge', { queue: 'mail' });
    registry.addMetric('queue_depth', 4, 'gauge', { queue: 'mail' });
    registry.addMetric('wait_seconds', 0.2, 'histogram', { queue: 'mail' });
    registry.addMetric('size_bytes', 1024, 'summary');
    assert.deepEqual(registry.metrics(), [
      { name: 'jobs_total', type: 'counter', help: '', labelNames: ['host', 'queue'], series: 1 },
      { name: 'queue_depth', type: 'gauge', help: '', labelNames: ['queue'], series: 1 },
      { name: 'wait_seconds', type: 'histogram', help: '', labelNames: ['queue'], series: 1 },
      { name: 'size_bytes', type: 'summary', help: '', labelNames: [], series: 1 },
    ]);
    assert.equal((registry.get('jobs_total') as api.Counter).get({ host: 'a', queue: 'mail' }), 5);
    assert.equal((registry.get('queue_depth') as api.Gauge).get({ queue: 'mail' }), 4);
    assert.deepEqual((registry.get('wait_seconds') as api.Histogram).buckets, api.DEFAULT_BUCKETS);
    assert.equal((registry.get('wait_seconds') as api.Histogram).get({ queue: 'mail' }).sum, 0.2);
    assert.equal((registry.get('size_bytes') as api.Summary).get().count, 1);
  });
  test('uses a metric declared beforehand', () => {
    const registry = new Registry();
    const counter = registry.counter('http_requests_total', {
      help: 'Requests.',
      labelNames: ['status', 'method'],
    });
    registry.addMetric('http_requests_total', 1, 'counter', { method: 'GET', status: 200 });
    assert.equal(counter.get({ method: 'GET', status: '200' }), 1);
  });
  test('refuses a bad sample without declaring anything', () => {
    const registry = new Registry();
    throwsInvalid(
      () => registry.addMetric('c_total', -1, 'counter'),
      'counter c_total cannot go down: inc(-1) refused',
      'value',
    );
    throwsInvalid(
      () => registry.addMetric('h', NaN, 'histogram'),
      'histogram h: observe needs a finite number, got NaN',
    );
    throwsInvalid(
      () => registry.addMetric('x', 1, 'untyped' as 'gauge'),
      "metric x: type must be one of counter, gauge, histogram, summary; got 'untyped'",
    );
    assert.deepEqual(registry.metrics(), []);
    registry.addMetric('c_total', 1, 'counter', { a: '1' });
    throwsInvalid(
      () => registry.addMetric('c_total', 1, 'counter', { b: '1' }),
      'counter c_total already has labels (a); cannot declare it with labels (b)',
    );
    throwsInvalid(
      () => registry.addMetric('c_total', 1, 'gauge', { a: '1' }),
      'metric c_total is already a counter; cannot declare it as a gauge',
    );
  });
});

describe('Registry: pushBatch', () => {
  test('applies every sample and returns the count; help is used when a sample declares', () => {
    const registry = new Registry();
    const applied = registry.pushBatch([
      { name: 'cpu_ratio', value: 0.5, type: 'gauge', labels: { core: 0 }, help: 'CPU.' },
      { name: 'cpu_ratio', value: 0.25, type: 'gauge', labels: { core: 1 }, help: 'ignored' },
      { name: 'ticks_total', value: 10, type: 'counter' },
      { name: 'ticks_total', value: 5, type: 'counter' },
    ]);
    assert.equal(applied, 4);
    assert.deepEqual(registry.collect(), [
      { name: 'cpu_ratio', labels: { core: '0' }, value: 0.5 },
      { name: 'cpu_ratio', labels: { core: '1' }, value: 0.25 },
      { name: 'ticks_total', labels: {}, value: 15 },
    ]);
    assert.equal(registry.metrics()[0]?.help, 'CPU.');
    assert.equal(registry.pushBatch([]), 0);
  });
  test('all or nothing: one bad sample and nothing is applied or declared', () => {
    const registry = new Registry();
    registry.addMetric('ticks_total', 1, 'counter');
    const before = registry.exposition();
    const bad = [
      { name: 'ticks_total', value: 5, type: 'counter' as const },
      { name: 'fresh_gauge', value: 1, type: 'gauge' as const },
      { name: 'ticks_total', value: -2, type: 'counter' as const },
    ];
    throwsInvalid(
      () => registry.pushBatch(bad),
      'sample 2 (ticks_total): counter ticks_total cannot go down: inc(-2) refused',
      'samples[2]',
    );
    assert.equal(registry.exposition(), before);
    assert.equal(registry.get('fresh_gauge'), undefined);
    throwsInvalid(
      () =>
        registry.pushBatch([
          { name: 'fresh_gauge', value: 1, type: 'gauge' },
          { name: 'fresh_gauge', value: 1, type: 'gauge', labels: { a: 'x' } },
        ]),
      'sample 1 (fresh_gauge): gauge fresh_gauge already has labels (none); cannot declare it with labels (a)',
    );
    assert.equal(registry.get('fresh_gauge'), undefined);
    assert.equal(registry.exposition(), before);
  });
});

describe('Registry: reading', () => {
  test('collect flattens every series; histograms cumulate and summaries give quantiles', () => {
    const registry = new Registry({ now: manualClock(1_700_000_000_000).now });
    registry.counter('c_total', { help: '', labelNames: ['a'] }).inc({ a: 'x' }, 2);
    const histogram = registry.histogram('h_seconds', {
      help: '',
      labelNames: ['a'],
      buckets: [1, 2],
    });
    histogram.observe({ a: 'x' }, 0.5);
    histogram.observe({ a: 'x' }, 1.5);
    histogram.observe({ a: 'x' }, 9);
    const summary = registry.summary('s_bytes', { help: '', percentiles: [0.5, 1] });
    summary.observe(10);
    summary.observe(30);
    assert.deepEqual(registry.collect(), [
      { name: 'c_total', labels: { a: 'x' }, value: 2 },
      { name: 'h_seconds_bucket', labels: { a: 'x', le: '1' }, value: 1 },
      { name: 'h_seconds_bucket', labels: { a: 'x', le: '2' }, value: 2 },
      { name: 'h_seconds_bucket', labels: { a: 'x', le: '+Inf' }, value: 3 },
      { name: 'h_seconds_sum', labels: { a: 'x' }, value: 11 },
      { name: 'h_seconds_count', labels: { a: 'x' }, value: 3 },
      { name: 's_bytes', labels: { quantile: '0.5' }, value: 10 },
      { name: 's_bytes', labels: { quantile: '1' }, value: 30 },
      { name: 's_bytes_sum', labels: {}, value: 40 },
      { name: 's_bytes_count', labels: {}, value: 2 },
    ]);
  });
  test('metrics lists type, help, labels and series count in declaration order', () => {
    const registry = new Registry();
    const counter = registry.counter('b_total', { help: 'B.', labelNames: ['x'] });
    registry.gauge('a', { help: 'A.' });
    counter.inc({ x: '1' });
    counter.inc({ x: '2' });
    assert.deepEqual(registry.metrics(), [
      { name: 'b_total', type: 'counter', help: 'B.', labelNames: ['x'], series: 2 },
      { name: 'a', type: 'gauge', help: 'A.', labelNames: [], series: 1 },
    ]);
  });
  test('remove and clear forget metrics; the name can be declared afresh', () => {
    const registry = new Registry();
    const old = registry.counter('x_total', { help: '' });
    old.inc();
    registry.gauge('g', { help: '' });
    assert.equal(registry.remove('x_total'), true);
    assert.equal(registry.remove('x_total'), false);
    assert.deepEqual(
      registry.metrics().map((m) => m.name),
      ['g'],
    );
    const fresh = registry.gauge('x_total', { help: '' });
    assert.notEqual(fresh, old);
    registry.clear();
    assert.deepEqual(registry.metrics(), []);
    assert.deepEqual(registry.collect(), []);
    assert.equal(registry.exposition(), '');
  });
});

describe('index', () => {
  test('exports the public surface', () => {
    for (const name of [
      'Registry',
      'Counter',
      'Gauge',
      'Histogram',
      'Summary',
      'CounterChild',
      'GaugeChild',
      'HistogramChild',
      'SummaryChild',
      'formatValue',
    ]) {
      assert.equal(typeof (api as Record<string, unknown>)[name], 'function', name);
    }
    assert.equal(api.EXPOSITION_CONTENT_TYPE, 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(api.DEFAULT_MAX_AGE_SECONDS, 600);
    assert.equal(api.DEFAULT_AGE_BUCKETS, 5);
  });
});
