import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_AGE_BUCKETS,
  DEFAULT_MAX_AGE_SECONDS,
  DEFAULT_PERCENTILES,
  Summary,
  summarySettings,
} from '../../../../../daemon/monitoring/metrics/summary.js';
import { manualClock, throwsInvalid } from './helpers.js';

const T0 = 1_700_000_000_000;

/** The emitted samples as `name{labels,quantile} value` lines. */
function lines(summary: Summary): string[] {
  const out: string[] = [];
  summary.emit((name, values, extra, extraValue, value) => {
    const labels = [...values, ...(extra === undefined ? [] : [`${extra}=${extraValue}`])];
    out.push(`${name}{${labels.join(',')}} ${value}`);
  });
  return out;
}

describe('Summary', () => {
  test("defaults are prom-client's: 7 percentiles, 600 s, 5 age buckets", () => {
    assert.deepEqual(DEFAULT_PERCENTILES, [0.01, 0.05, 0.5, 0.9, 0.95, 0.99, 0.999]);
    assert.equal(DEFAULT_MAX_AGE_SECONDS, 600);
    assert.equal(DEFAULT_AGE_BUCKETS, 5);
    assert.deepEqual(new Summary('s', { help: '' }).settings, {
      percentiles: DEFAULT_PERCENTILES,
      maxAgeSeconds: 600,
      ageBuckets: 5,
    });
  });
  test('exact quantiles of 1..100 by nearest rank, with sum and count', () => {
    const summary = new Summary('s', { help: '', now: manualClock(T0).now });
    for (let i = 100; i >= 1; i--) summary.observe(i);
    assert.deepEqual(summary.get(), {
      quantiles: [
        { quantile: 0.01, value: 1 },
        { quantile: 0.05, value: 5 },
        { quantile: 0.5, value: 50 },
        { quantile: 0.9, value: 90 },
        { quantile: 0.95, value: 95 },
        { quantile: 0.99, value: 99 },
        { quantile: 0.999, value: 100 },
      ],
      sum: 5050,
      count: 100,
    });
  });
  test('quantiles expire with the window; _sum and _count do not', () => {
    const clock = manualClock(T0);
    const summary = new Summary('rpc_seconds', {
      help: '',
      labelNames: ['m'],
      percentiles: [0.5, 0.9],
      maxAgeSeconds: 60,
      ageBuckets: 3,
      now: clock.now,
    });
    for (const v of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) summary.observe({ m: 'get' }, v);
    assert.deepEqual(lines(summary), [
      'rpc_seconds{get,quantile=0.5} 5',
      'rpc_seconds{get,quantile=0.9} 9',
      'rpc_seconds_sum{get} 55',
      'rpc_seconds_count{get} 10',
    ]);
    clock.advance(40_000);
    summary.observe({ m: 'get' }, 100);
    assert.deepEqual(summary.get({ m: 'get' }).quantiles, [
      { quantile: 0.5, value: 6 },
      { quantile: 0.9, value: 10 },
    ]);
    clock.advance(20_000);
    assert.deepEqual(lines(summary), [
      'rpc_seconds{get,quantile=0.5} 100',
      'rpc_seconds{get,quantile=0.9} 100',
      'rpc_seconds_sum{get} 155',
      'rpc_seconds_count{get} 11',
    ]);
    clock.advance(60_000);
    assert.deepEqual(lines(summary), [
      'rpc_seconds{get,quantile=0.5} NaN',
      'rpc_seconds{get,quantile=0.9} NaN',
      'rpc_seconds_sum{get} 155',
      'rpc_seconds_count{get} 11',
    ]);
  });
  test('percentiles come out sorted; quantile labels are Prometheus floats', () => {
    const summary = new Summary('s', { help: '', percentiles: [0.99, 0.5, 0] });
    summary.observe(3);
    assert.deepEqual(lines(summary), [
      's{quantile=0} 3',
      's{quantile=0.5} 3',
      's{quantile=0.99} 3',
      's_sum{} 3',
      's_count{} 1',
    ]);
  });
  test('an unlabelled summary starts with NaN quantiles and zero sum and count', () => {
    assert.deepEqual(lines(new Summary('s', { help: '', percentiles: [0.5] })), [
      's{quantile=0.5} NaN',
      's_sum{} 0',
      's_count{} 0',
    ]);
  });
  test('refuses bad settings', () => {
    throwsInvalid(
      () => summarySettings('s', { percentiles: [0.5, 1.5] }),
      'summary s: percentile 1.5 is not a number in [0, 1]',
      'percentiles',
    );
    throwsInvalid(
      () => summarySettings('s', { percentiles: [NaN] }),
      'summary s: percentile NaN is not a number in [0, 1]',
    );
    throwsInvalid(
      () => summarySettings('s', { percentiles: [0.9, 0.5, 0.9] }),
      'summary s: percentile 0.9 is listed twice',
    );
    throwsInvalid(
      () => summarySettings('s', { percentiles: 0.5 as unknown as number[] }),
      'summary s: percentiles must be an array of numbers',
    );
    throwsInvalid(
      () => summarySettings('s', { maxAgeSeconds: 0 }),
      'summary s: maxAgeSeconds must be a positive number, got 0',
      'maxAgeSeconds',
    );
    throwsInvalid(
      () => summarySettings('s', { maxAgeSeconds: Infinity }),
      'summary s: maxAgeSeconds must be a positive number, got Infinity',
    );
    throwsInvalid(
      () => summarySettings('s', { ageBuckets: 2.5 }),
      'summary s: ageBuckets must be a positive integer, got 2.5',
      'ageBuckets',
    );
    throwsInvalid(
      () => summarySettings('s', { ageBuckets: 0 }),
      'summary s: ageBuckets must be a positive integer, got 0',
    );
    throwsInvalid(
      () => new Summary('s', { help: '', labelNames: ['quantile'] }),
      "summary s: label name 'quantile' is reserved for the quantiles",
    );
  });
  test('refuses non-finite observations', () => {
    const summary = new Summary('s', { help: '' });
    throwsInvalid(
      () => summary.observe(NaN),
      'summary s: observe needs a finite number, got NaN',
      'value',
    );
    throwsInvalid(
      () => summary.labels({}).observe(-Infinity),
      'summary s: observe needs a finite number, got -Infinity',
    );
    assert.equal(summary.get().count, 0);
  });
  test('startTimer and a child', async () => {
    const summary = new Summary('s', { help: '', labelNames: ['op'], percentiles: [1] });
    const end = summary.startTimer();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const seconds = end({ op: 'a' });
    assert.deepEqual(summary.get({ op: 'a' }), {
      quantiles: [{ quantile: 1, value: seconds }],
      sum: seconds,
      count: 1,
    });
    const child = summary.labels({ op: 'b' });
    assert.equal(summary.labels({ op: 'b' }), child);
    child.observe(4);
    const timed = child.startTimer()();
    assert.equal(summary.get({ op: 'b' }).count, 2);
    assert.equal(summary.get({ op: 'b' }).sum, 4 + timed);
    summary.remove({ op: 'b' });
    child.observe(1);
    assert.equal(summary.get({ op: 'b' }).count, 1);
  });
  test('get for a series that does not exist', () => {
    const summary = new Summary('s', { help: '', labelNames: ['op'], percentiles: [0.5] });
    const value = summary.get({ op: 'x' });
    assert.equal(value.count, 0);
    assert.ok(Number.isNaN(value.quantiles[0]?.value));
    assert.equal(summary.seriesCount, 0);
  });
});
