import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  familyRecord,
  parseFamilyRecord,
  PUSHED_FAMILY,
  restoreFamily,
  type FamilyRecord,
} from '../../../../../daemon/monitoring/metrics/family-record.js';
import { Registry } from '../../../../../daemon/monitoring/metrics/registry.js';
import { Summary } from '../../../../../daemon/monitoring/metrics/summary.js';

const T0 = Date.UTC(2026, 0, 1);

/** Saves every metric of `from` as JSON text and restores it into a fresh registry. */
function roundTrip(from: Registry): Registry {
  const to = new Registry({ now: () => T0 });
  for (const metric of from.metrics()) {
    const text = JSON.stringify(familyRecord(from.get(metric.name)!));
    restoreFamily(to, parseFamilyRecord(JSON.parse(text)));
  }
  return to;
}

function counterRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: PUSHED_FAMILY,
    v: 1,
    name: 'jobs_total',
    type: 'counter',
    help: 'pushed counter',
    labelNames: ['queue'],
    series: [{ labels: ['mail'], value: 3 }],
    ...overrides,
  };
}

function refused(raw: unknown, message: RegExp | string): void {
  assert.throws(() => parseFamilyRecord(raw), typeof message === 'string' ? { message } : message);
}

describe('familyRecord / parseFamilyRecord / restoreFamily', () => {
  test('counters, gauges (NaN and ±Inf included) and histograms come back exactly', () => {
    const from = new Registry({ now: () => T0 });
    from.addMetric('jobs_total', 3, 'counter', { queue: 'mail' });
    from.addMetric('jobs_total', 4, 'counter', { queue: 'mail' });
    from.addMetric('jobs_total', 0, 'counter', { queue: 'sms' });
    from.addMetric('temp', -2.5, 'gauge', { room: 'a' });
    from.addMetric('temp', NaN, 'gauge', { room: 'b' });
    from.addMetric('temp', Infinity, 'gauge', { room: 'c' });
    from.addMetric('temp', -Infinity, 'gauge', { room: 'd' });
    from.addMetric('solo', 7, 'gauge');
    const h = from.histogram('latency', { help: 'h', labelNames: ['route'], buckets: [0.1, 1] });
    for (const v of [0.05, 0.5, 0.7, 3]) h.observe({ route: '/' }, v);
    const to = roundTrip(from);
    assert.equal(to.exposition(), from.exposition());
    assert.deepEqual(to.metrics(), from.metrics());
    // The restored series go on from where they were.
    to.addMetric('jobs_total', 1, 'counter', { queue: 'mail' });
    assert.equal(to.get('jobs_total')?.type, 'counter');
    assert.match(to.exposition(), /^jobs_total\{queue="mail"\} 8$/m);
  });

  test('the JSON spells non-finite gauge values as strings', () => {
    const from = new Registry({ now: () => T0 });
    from.addMetric('temp', NaN, 'gauge', { room: 'b' });
    from.addMetric('temp', -Infinity, 'gauge', { room: 'd' });
    const record = familyRecord(from.get('temp')!);
    assert.deepEqual(record, {
      kind: PUSHED_FAMILY,
      v: 1,
      name: 'temp',
      type: 'gauge',
      help: '',
      labelNames: ['room'],
      series: [
        { labels: ['b'], value: 'NaN' },
        { labels: ['d'], value: '-Inf' },
      ],
    });
  });

  test('a summary keeps its sum, count and window settings; its quantile window starts empty', () => {
    let now = T0;
    const from = new Registry({ now: () => now });
    const s = from.summary('rt', { help: 'h', labelNames: ['op'], percentiles: [0.5, 0.9], maxAgeSeconds: 60, ageBuckets: 2 });
    for (const v of [1, 2, 3]) s.observe({ op: 'get' }, v);
    const to = roundTrip(from);
    const back = to.get('rt');
    assert.ok(back instanceof Summary);
    assert.deepEqual(back.settings, { percentiles: [0.5, 0.9], maxAgeSeconds: 60, ageBuckets: 2 });
    const value = back.get({ op: 'get' });
    assert.deepEqual([value.sum, value.count], [6, 3]);
    assert.ok(value.quantiles.every((q) => Number.isNaN(q.value)));
    now += 1000;
    back.observe({ op: 'get' }, 10);
    assert.deepEqual(back.get({ op: 'get' }), { quantiles: [{ quantile: 0.5, value: 10 }, { quantile: 0.9, value: 10 }], sum: 16, count: 4 });
  });

  test('bad records are refused with the reason, before anything is declared', () => {
    refused(null, 'not an object: null');
    refused({ ...counterRecord(), kind: 'alert-state' }, "unknown entry kind 'alert-state'");
    refused(counterRecord({ v: 2 }), 'unknown pushed-family version 2');
    refused(counterRecord({ name: '1bad' }), /metric name/);
    refused(counterRecord({ type: 'meter' }), "unknown metric type 'meter'");
    refused(counterRecord({ labelNames: ['__x'] }), /label name/);
    refused(counterRecord({ series: {} }), 'series must be an array');
    refused(counterRecord({ series: [{ labels: ['a', 'b'], value: 1 }] }), 'series 0: labels must be 1 strings');
    refused(counterRecord({ series: [{ labels: ['a'], value: -1 }] }), 'series 0: a counter value must be a finite number ≥ 0, got -1');
    refused(counterRecord({ series: [{ labels: ['a'], value: 1 }, { labels: ['a'], value: 2 }] }), 'series 1: label set ["a"] is listed twice');
    refused(counterRecord({ type: 'gauge', series: [{ labels: ['a'], value: 'lots' }] }), "series 0: the value is not a number: 'lots'");
    const histogram = { type: 'histogram', labelNames: [], name: 'lat', bounds: [0.1, 1] };
    refused(counterRecord({ ...histogram, series: [{ labels: [], buckets: [1, 2], sum: 1 }] }), 'series 0: needs 3 bucket counts');
    refused(counterRecord({ ...histogram, series: [{ labels: [], buckets: [2, 1, 3], sum: 1 }] }), 'series 0: bucket counts must not go down');
    refused(counterRecord({ ...histogram, bounds: [1, 0.5] }), /strictly increasing/);
  });

  test('a name the registry already has is refused and the registry is left as it was', () => {
    const registry = new Registry({ now: () => T0 });
    const own = registry.counter('jobs_total', { help: 'the daemon’s own', labelNames: ['queue'] });
    own.inc({ queue: 'mail' }, 1);
    assert.throws(() => restoreFamily(registry, parseFamilyRecord(counterRecord())), {
      message: 'a metric named jobs_total is already declared',
    });
    assert.equal(own.get({ queue: 'mail' }), 1);
  });

  test('parseFamilyRecord returns the checked record', () => {
    const record: FamilyRecord = parseFamilyRecord(counterRecord());
    assert.deepEqual(record, counterRecord());
  });
});
