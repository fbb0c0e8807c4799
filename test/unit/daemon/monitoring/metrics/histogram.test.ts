import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkBuckets,
  DEFAULT_BUCKETS,
  Histogram,
  observationProblem,
} from '../../../../../daemon/monitoring/metrics/histogram.js';
import { throwsInvalid } from './helpers.js';

/** The emitted samples as `name{labels,le} value` lines. */
function lines(histogram: Histogram): string[] {
  const out: string[] = [];
  histogram.emit((name, values, extra, extraValue, value) => {
    const labels = [...values, ...(extra === undefined ? [] : [`${extra}=${extraValue}`])];
    out.push(`${name}{${labels.join(',')}} ${value}`);
  });
  return out;
}

describe('Histogram', () => {
  test("default buckets are prom-client's", () => {
    assert.deepEqual(DEFAULT_BUCKETS, [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
    assert.deepEqual(new Histogram('h', { help: '' }).buckets, DEFAULT_BUCKETS);
  });
  test('a value equal to a bound counts in that bucket (le = less than or equal)', () => {
    const histogram = new Histogram('h', { help: '', buckets: [1, 2, 5] });
    for (const v of [0.5, 1, 1.0000001, 2, 5, 5.5, -3]) histogram.observe(v);
    assert.deepEqual(histogram.get(), {
      buckets: [
        { le: 1, count: 3 },
        { le: 2, count: 5 },
        { le: 5, count: 6 },
        { le: Infinity, count: 7 },
      ],
      sum: 0.5 + 1 + 1.0000001 + 2 + 5 + 5.5 - 3,
      count: 7,
    });
  });
  test('emits cumulative buckets ending in +Inf (equal to _count), then _sum and _count, per series', () => {
    const histogram = new Histogram('req_seconds', {
      help: '',
      labelNames: ['path'],
      buckets: [0.1, 1],
    });
    histogram.observe({ path: '/a' }, 0.05);
    histogram.observe({ path: '/a' }, 0.5);
    histogram.observe({ path: '/a' }, 0.7);
    histogram.observe({ path: '/b' }, 3);
    assert.deepEqual(lines(histogram), [
      'req_seconds_bucket{/a,le=0.1} 1',
      'req_seconds_bucket{/a,le=1} 3',
      'req_seconds_bucket{/a,le=+Inf} 3',
      'req_seconds_sum{/a} 1.25',
      'req_seconds_count{/a} 3',
      'req_seconds_bucket{/b,le=0.1} 0',
      'req_seconds_bucket{/b,le=1} 0',
      'req_seconds_bucket{/b,le=+Inf} 1',
      'req_seconds_sum{/b} 3',
      'req_seconds_count{/b} 1',
    ]);
  });
  test('an unlabelled histogram starts at zero', () => {
    assert.deepEqual(lines(new Histogram('h', { help: '', buckets: [1] })), [
      'h_bucket{le=1} 0',
      'h_bucket{le=+Inf} 0',
      'h_sum{} 0',
      'h_count{} 0',
    ]);
  });
  test('a long bucket list (binary search) counts like a short one (linear scan)', () => {
    const bounds = Array.from({ length: 40 }, (_, i) => (i + 1) * 0.25);
    const long = new Histogram('long', { help: '', buckets: bounds });
    const values = [-1, 0, 0.25, 0.26, 1, 5.5, 9.99, 10, 10.01, 100, 2.75, 7.25];
    for (const v of values) long.observe(v);
    const expected = [...bounds, Infinity].map((le) => ({
      le,
      count: values.filter((v) => v <= le).length,
    }));
    assert.deepEqual(long.get().buckets, expected);
  });
  test('refuses non-finite observations', () => {
    const histogram = new Histogram('h', { help: '', labelNames: ['a'] });
    throwsInvalid(
      () => histogram.observe({ a: 'x' }, NaN),
      'histogram h: observe needs a finite number, got NaN',
      'value',
    );
    throwsInvalid(
      () => histogram.observe({ a: 'x' }, Infinity),
      'histogram h: observe needs a finite number, got Infinity',
    );
    throwsInvalid(
      () => histogram.observe({ a: 'x' }),
      'histogram h: observe needs a finite number, got undefined',
    );
    assert.equal(histogram.seriesCount, 0);
    assert.equal(observationProblem('summary', 's', 1), undefined);
  });
  test('reserves le', () => {
    throwsInvalid(
      () => new Histogram('h', { help: '', labelNames: ['le'] }),
      "histogram h: label name 'le' is reserved for the bucket bounds",
    );
  });
  test('checkBuckets drops a trailing +Inf and refuses bad bounds', () => {
    assert.deepEqual(checkBuckets('h', [1, 2, Infinity]), [1, 2]);
    assert.deepEqual(checkBuckets('h', []), []);
    throwsInvalid(
      () => checkBuckets('h', [1, 1]),
      'histogram h: buckets must be strictly increasing (1 after 1)',
      'buckets',
    );
    throwsInvalid(
      () => checkBuckets('h', [0.5, 0.25]),
      'histogram h: buckets must be strictly increasing (0.25 after 0.5)',
    );
    throwsInvalid(
      () => checkBuckets('h', [1, NaN]),
      'histogram h: bucket bound NaN is not a finite number',
    );
    throwsInvalid(
      () => checkBuckets('h', [-Infinity, 1]),
      'histogram h: bucket bound -Infinity is not a finite number',
    );
    throwsInvalid(
      () => checkBuckets('h', ['1']),
      "histogram h: bucket bound '1' is not a finite number",
    );
    throwsInvalid(() => checkBuckets('h', 5), 'histogram h: buckets must be an array of numbers');
  });
  test('with no bounds at all, everything lands in +Inf', () => {
    const histogram = new Histogram('h', { help: '', buckets: [] });
    histogram.observe(3);
    assert.deepEqual(histogram.get(), { buckets: [{ le: Infinity, count: 1 }], sum: 3, count: 1 });
  });
  test('startTimer observes the elapsed seconds under the merged labels', async () => {
    const histogram = new Histogram('h', { help: '', labelNames: ['op', 'result'] });
    const end = histogram.startTimer({ op: 'read' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const seconds = end({ result: 'ok' });
    const value = histogram.get({ op: 'read', result: 'ok' });
    assert.equal(value.count, 1);
    assert.equal(value.sum, seconds);
    assert.ok(seconds > 0.005 && seconds < 5);
  });
  test('a child observes into its series and times', () => {
    const histogram = new Histogram('h', { help: '', labelNames: ['a'], buckets: [1] });
    const child = histogram.labels({ a: 'x' });
    assert.equal(histogram.labels({ a: 'x' }), child);
    child.observe(0.5);
    child.observe(2);
    const seconds = child.startTimer()();
    assert.ok(seconds >= 0 && seconds < 1);
    assert.deepEqual(histogram.get({ a: 'x' }).buckets, [
      { le: 1, count: 2 },
      { le: Infinity, count: 3 },
    ]);
    throwsInvalid(() => child.observe(NaN), 'histogram h: observe needs a finite number, got NaN');
    histogram.reset();
    child.observe(0.1);
    assert.equal(histogram.get({ a: 'x' }).count, 1);
  });
  test('get on a series that does not exist is all zeros and creates nothing', () => {
    const histogram = new Histogram('h', { help: '', labelNames: ['a'], buckets: [1] });
    assert.deepEqual(histogram.get({ a: 'x' }), {
      buckets: [
        { le: 1, count: 0 },
        { le: Infinity, count: 0 },
      ],
      sum: 0,
      count: 0,
    });
    assert.equal(histogram.seriesCount, 0);
  });
});
