import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluate } from '../../../../../daemon/monitoring/rules/evaluator.js';
import { MemorySeriesSource } from '../../../../../daemon/monitoring/rules/memory-source.js';
import { parseExpression } from '../../../../../daemon/monitoring/rules/parser.js';
import { assertScalar, assertVector, ms, query } from './helpers.js';

describe('instant selectors: lookback and staleness', () => {
  const src = new MemorySeriesSource({
    'x{k="once"}': '1',
    'x{k="stale"}': '1 2 stale',
    'x{k="late"}': '_x4 9',
  });

  test('the latest sample within the 5m lookback', () => {
    assertVector(query(src, 'x', '1m'), { 'x{k="once"}': 1, 'x{k="stale"}': 2 });
    assertVector(query(src, 'x', '4m59s'), { 'x{k="once"}': 1, 'x{k="late"}': 9 });
  });

  test('no sample within the lookback, no result (the window is left-open)', () => {
    assertVector(query(src, 'x{k="once"}', '5m'), {});
    assertVector(query(src, 'x{k="once"}', '1h'), {});
  });

  test('a stale marker ends the series at once', () => {
    assertVector(query(src, 'x{k="stale"}', '1m30s'), { 'x{k="stale"}': 2 });
    assertVector(query(src, 'x{k="stale"}', '2m'), {});
    assertVector(query(src, 'x{k="stale"}', '3m'), {});
  });

  test('a custom lookback', () => {
    assertVector(query(src, 'x{k="once"}', '1m', { lookbackMs: ms('30s') }), {});
    assertVector(query(src, 'x{k="once"}', '8m', { lookbackMs: ms('10m') }), { 'x{k="once"}': 1 });
  });

  test('nothing before the first sample', () => {
    assertVector(query(src, 'x{k="late"}', '3m'), {});
  });
});

describe('selectors', () => {
  const src = new MemorySeriesSource({
    'http_requests_total{job="api", code="200"}': '1+1x10',
    'http_requests_total{job="api", code="500"}': '2+1x10',
    'http_requests_total{job="web", code="200"}': '3+1x10',
    'http_errors_total{job="api"}': '4+1x10',
  });

  test('equality, inequality, regex (anchored) and negative regex matchers', () => {
    assertVector(query(src, 'http_requests_total{job="api", code!="200"}', '0s'), { 'http_requests_total{code="500", job="api"}': 2 });
    assertVector(query(src, 'http_requests_total{code=~"2.."}', '0s'), {
      'http_requests_total{code="200", job="api"}': 1,
      'http_requests_total{code="200", job="web"}': 3,
    });
    assertVector(query(src, 'http_requests_total{code=~"5"}', '0s'), {});
    assertVector(query(src, 'http_requests_total{job!~"a.*"}', '0s'), { 'http_requests_total{code="200", job="web"}': 3 });
  });

  test('a matcher for an empty value matches series without the label', () => {
    assertVector(query(src, 'http_errors_total{code=""}', '0s'), { 'http_errors_total{job="api"}': 4 });
  });

  test('selectors by __name__ regex or by labels only', () => {
    assertVector(query(src, '{__name__=~"http_.*_total", job="api", code!="500"}', '0s'), {
      'http_requests_total{code="200", job="api"}': 1,
      'http_errors_total{job="api"}': 4,
    });
    assertVector(query(src, 'count({job="web"})', '0s'), { '{}': 1 });
  });

  test('offset shifts the evaluation time back', () => {
    assertVector(query(src, 'http_errors_total offset 3m', '5m'), { 'http_errors_total{job="api"}': 6 });
    assertVector(query(src, 'increase(http_errors_total[2m] offset 3m)', '5m'), { '{job="api"}': 2 });
  });
});

describe('functions of instant vectors and scalars', () => {
  const src = new MemorySeriesSource({ 'v{k="a"}': '-2.5', 'v{k="b"}': '7', 'one{k="x"}': '3' });

  test('abs, clamp_min, clamp_max, clamp drop the name', () => {
    assertVector(query(src, 'abs(v)', '0s'), { '{k="a"}': 2.5, '{k="b"}': 7 });
    assertVector(query(src, 'clamp_min(v, 0)', '0s'), { '{k="a"}': 0, '{k="b"}': 7 });
    assertVector(query(src, 'clamp_max(v, 5)', '0s'), { '{k="a"}': -2.5, '{k="b"}': 5 });
    assertVector(query(src, 'clamp(v, -1, 1)', '0s'), { '{k="a"}': -1, '{k="b"}': 1 });
    assertVector(query(src, 'clamp(v, 1, -1)', '0s'), {});
    assertVector(query(src, 'ceil(v)', '0s'), { '{k="a"}': -2, '{k="b"}': 7 });
  });

  test('time() is the evaluation time in seconds', () => {
    assertScalar(query(src, 'time()', '2m'), 120);
    assertVector(query(src, 'vector(time())', '2m'), { '{}': 120 });
  });

  test('scalar() of one sample is its value, otherwise NaN', () => {
    assertScalar(query(src, 'scalar(one)', '0s'), 3);
    assertScalar(query(src, 'scalar(v)', '0s'), NaN);
    assertScalar(query(src, 'scalar(nothing)', '0s'), NaN);
    assertVector(query(src, 'v * scalar(one)', '0s'), { '{k="a"}': -7.5, '{k="b"}': 21 });
  });

  test('absent() is 1 with the equality labels when the vector is empty', () => {
    assertVector(query(src, 'absent(nothing{job="api", env=~"p.*", zone="z1", zone!="z2"})', '0s'), { '{job="api"}': 1 });
    assertVector(query(src, 'absent(sum(nothing))', '0s'), { '{}': 1 });
    assertVector(query(src, 'absent(v)', '0s'), {});
  });
});

describe('evaluate', () => {
  test('a parsed expression is evaluated many times without parsing again', () => {
    const src = new MemorySeriesSource({ c: '0+60x20' });
    const expr = parseExpression('rate(c[5m])');
    for (const t of [5, 10, 15]) assertVector(evaluate(expr, src, t * 60_000), { '{}': 1 });
  });

  test('the result kinds', () => {
    const src = new MemorySeriesSource({ c: '1' });
    assert.equal(evaluate(parseExpression('1'), src, 0).kind, 'scalar');
    assert.equal(evaluate(parseExpression('c'), src, 0).kind, 'vector');
  });
});
