// Range functions, promtool style: series over time (1m interval from t=0), values expected at
// evaluation times. Ranges are left-open, (t - range, t], as in Prometheus 3.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { quantileOfSorted } from '../../../../../daemon/monitoring/rules/functions.js';
import { MemorySeriesSource } from '../../../../../daemon/monitoring/rules/memory-source.js';
import { assertVector, query } from './helpers.js';

describe('rate, increase', () => {
  const src = new MemorySeriesSource({
    'c{job="steady"}': '0+10x10',
    'c{job="reset"}': '0+10x5 0+10x5',
    'c{job="late"}': '_x3 5+5x3',
    'c{job="low"}': '_x3 1+10x3',
    'c{job="one"}': '_x9 7',
  });

  test('a steady counter: 10 per minute', () => {
    assertVector(query(src, 'rate(c{job="steady"}[5m])', '10m'), { '{job="steady"}': 10 / 60 });
    assertVector(query(src, 'increase(c{job="steady"}[5m])', '10m'), { '{job="steady"}': 50 });
  });

  test('a counter reset inside the range adds the value before the reset back', () => {
    // Samples 40 50 0 10 20 at 4m..8m: raw increase 20 - 40 + 50 = 30, extrapolated by 60s at the start.
    assertVector(query(src, 'increase(c{job="reset"}[5m])', '8m'), { '{job="reset"}': 37.5 });
    assertVector(query(src, 'rate(c{job="reset"}[5m])', '8m'), { '{job="reset"}': 0.125 });
  });

  test('a series starting inside the range is extrapolated by half an interval only', () => {
    // Samples 5 10 15 20 at 3m..6m, range (1m, 6m]: 120s gap at the start > 1.1 × 60s.
    assertVector(query(src, 'increase(c{job="late"}[5m])', '6m'), { '{job="late"}': (15 * 210) / 180 });
  });

  test('a counter is not extrapolated below zero', () => {
    // Samples 1 11 21 31: zero would be reached 6s before the first sample, less than the 30s guess.
    assertVector(query(src, 'increase(c{job="low"}[5m])', '6m'), { '{job="low"}': (30 * 186) / 180 });
  });

  test('fewer than two samples give no result', () => {
    assertVector(query(src, 'rate(c{job="one"}[5m])', '10m'), {});
  });

  test('irate uses the last two samples, a reset counts from zero', () => {
    assertVector(query(src, 'irate(c{job="reset"}[5m])', '8m'), { '{job="reset"}': 10 / 60 });
    assertVector(query(src, 'irate(c{job="reset"}[5m])', '6m'), { '{job="reset"}': 0 });
  });
});

describe('delta, idelta, changes, resets', () => {
  const src = new MemorySeriesSource({ g: '10 5 8 2 6 1' });

  test('delta extrapolates like increase but without reset handling', () => {
    assertVector(query(src, 'delta(g[5m])', '5m'), { '{}': -5 });
    assertVector(query(src, 'delta(g[4m])', '5m'), { '{}': (-7 * 240) / 180 });
  });

  test('idelta is the difference of the last two samples', () => {
    assertVector(query(src, 'idelta(g[5m])', '5m'), { '{}': -5 });
  });

  test('changes and resets count over the range', () => {
    assertVector(query(src, 'changes(g[10m])', '5m'), { '{}': 5 });
    assertVector(query(src, 'resets(g[10m])', '5m'), { '{}': 3 });
  });
});

describe('deriv, predict_linear', () => {
  const src = new MemorySeriesSource({ 'g{k="noisy"}': '1 3 2 5', 'lin{k="a"}': '0+10x10', 'flat{k="a"}': '4x10' });

  test('deriv is the least-squares slope per second', () => {
    assertVector(query(src, 'deriv(lin[5m])', '10m'), { '{k="a"}': 10 / 60 });
    assertVector(query(src, 'deriv(g[4m])', '3m'), { '{k="noisy"}': 330 / 18000 });
    assertVector(query(src, 'deriv(flat[5m])', '10m'), { '{k="a"}': 0 });
  });

  test('predict_linear extrapolates from the fitted value at the evaluation time', () => {
    assertVector(query(src, 'predict_linear(lin[5m], 3600)', '10m'), { '{k="a"}': 700 });
    assertVector(query(src, 'predict_linear(g[4m], 60)', '3m'), { '{k="noisy"}': 5.5 });
    assertVector(query(src, 'predict_linear(flat[5m], 600)', '10m'), { '{k="a"}': 4 });
  });

  test('with an offset the prediction still starts at the evaluation time', () => {
    // Samples 30..70 at 3m..7m, line value at 10m is 100.
    assertVector(query(src, 'predict_linear(lin[5m] offset 3m, 0)', '10m'), { '{k="a"}': 100 });
  });
});

describe('the *_over_time family', () => {
  // Range (2m, 7m] holds 1 5 9 2 6.
  const src = new MemorySeriesSource({ 's{k="a"}': '3 1 4 1 5 9 2 6', 'gap{k="b"}': '1 _ 3 stale _ 7' });
  const cases: Array<[string, number]> = [
    ['avg_over_time', 4.6],
    ['min_over_time', 1],
    ['max_over_time', 9],
    ['sum_over_time', 23],
    ['count_over_time', 5],
    ['present_over_time', 1],
    ['stdvar_over_time', 8.24],
    ['stddev_over_time', Math.sqrt(8.24)],
  ];
  for (const [fn, value] of cases) {
    test(fn, () => assertVector(query(src, `${fn}(s[5m])`, '7m'), { '{k="a"}': value }));
  }

  test('last_over_time keeps the metric name', () => {
    assertVector(query(src, 'last_over_time(s[5m])', '7m'), { 's{k="a"}': 6 });
  });

  test('missing samples and stale markers are not counted', () => {
    assertVector(query(src, 'count_over_time(gap[10m])', '6m'), { '{k="b"}': 3 });
    assertVector(query(src, 'sum_over_time(gap[10m])', '6m'), { '{k="b"}': 11 });
  });

  test('an ordinary NaN is a value, unlike a stale marker', () => {
    const nan = new MemorySeriesSource({ n: '1 NaN 2 stale' });
    assertVector(query(nan, 'count_over_time(n[10m])', '4m'), { '{}': 3 });
    assertVector(query(nan, 'sum_over_time(n[10m])', '4m'), { '{}': NaN });
    assertVector(query(nan, 'n', '1m'), { n: NaN });
    assertVector(query(nan, 'n', '3m'), {});
  });

  test('quantile_over_time interpolates between neighbours', () => {
    assertVector(query(src, 'quantile_over_time(0.5, s[5m])', '7m'), { '{k="a"}': 5 });
    assertVector(query(src, 'quantile_over_time(0.75, s[5m])', '7m'), { '{k="a"}': 6 });
    assertVector(query(src, 'quantile_over_time(0.9, s[5m])', '7m'), { '{k="a"}': 7.8 });
    assertVector(query(src, 'quantile_over_time(0, s[5m])', '7m'), { '{k="a"}': 1 });
    assertVector(query(src, 'quantile_over_time(1, s[5m])', '7m'), { '{k="a"}': 9 });
  });

  test('quantile_over_time outside [0, 1] is ±Inf', () => {
    assertVector(query(src, 'quantile_over_time(-1, s[5m])', '7m'), { '{k="a"}': -Infinity });
    assertVector(query(src, 'quantile_over_time(2, s[5m])', '7m'), { '{k="a"}': Infinity });
  });

  test('a range with no samples gives no result', () => {
    assertVector(query(src, 'avg_over_time(s[5m])', '20m'), {});
  });

  test('quantileOfSorted edge cases', () => {
    assert.ok(Number.isNaN(quantileOfSorted(0.5, [])));
    assert.ok(Number.isNaN(quantileOfSorted(NaN, [1])));
    assert.equal(quantileOfSorted(0.5, [1, 2]), 1.5);
  });
});

describe('absent_over_time', () => {
  const src = new MemorySeriesSource({ 'up{job="a"}': '1 1 1 _x10' });

  test('1 with the equality labels when the range is empty', () => {
    assertVector(query(src, 'absent_over_time(up{job="a"}[5m])', '10m'), { '{job="a"}': 1 });
    assertVector(query(src, 'absent_over_time(nope{job="a", env=~"p.*"}[5m])', '10m'), { '{job="a"}': 1 });
  });

  test('nothing while a sample is in the range', () => {
    assertVector(query(src, 'absent_over_time(up{job="a"}[5m])', '5m'), {});
  });
});
