import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyScalar, EvaluationError } from '../../../../../daemon/monitoring/rules/binary.js';
import { MemorySeriesSource } from '../../../../../daemon/monitoring/rules/memory-source.js';
import { assertScalar, assertVector, query } from './helpers.js';

const src = new MemorySeriesSource({
  'req{job="a", inst="1"}': '10',
  'req{job="b", inst="1"}': '40',
  'err{job="a", inst="1"}': '1',
  'err{job="b", inst="1"}': '20',
  'err{job="c", inst="1"}': '5',
  'limit{job="a"}': '5',
  'limit{job="b"}': '50',
  'dup{job="a", inst="1"}': '1',
  'dup{job="a", inst="2"}': '2',
});

describe('scalar arithmetic and comparisons', () => {
  const cases: Array<[string, number]> = [
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ^ 2', -4],
    ['10 % 3', 1],
    ['-7 % 3', -1],
    ['1 / 0', Infinity],
    ['0 / 0', NaN],
    ['1 ^ NaN', 1],
    ['1 > bool 2', 0],
    ['2 >= bool 2', 1],
    ['NaN == bool NaN', 0],
    ['NaN != bool NaN', 1],
  ];
  for (const [expr, value] of cases) {
    test(`${expr} = ${value}`, () => assertScalar(query(src, expr, '1m'), value));
  }

  test('set operators are not defined between scalars', () => {
    assert.throws(() => applyScalar('and', 1, 2), EvaluationError);
  });
});

describe('vector and scalar', () => {
  test('arithmetic drops the metric name, either side', () => {
    assertVector(query(src, 'req * 2', '1m'), { '{inst="1", job="a"}': 20, '{inst="1", job="b"}': 80 });
    assertVector(query(src, '100 - req', '1m'), { '{inst="1", job="a"}': 90, '{inst="1", job="b"}': 60 });
    assertVector(query(src, '-req', '1m'), { '{inst="1", job="a"}': -10, '{inst="1", job="b"}': -40 });
  });

  test('a comparison without bool filters and keeps the sample, name included', () => {
    assertVector(query(src, 'req > 20', '1m'), { 'req{inst="1", job="b"}': 40 });
    assertVector(query(src, '20 < req', '1m'), { 'req{inst="1", job="b"}': 40 });
    assertVector(query(src, 'req == 99', '1m'), {});
  });

  test('a comparison with bool gives 0 or 1 for every sample and drops the name', () => {
    assertVector(query(src, 'req > bool 20', '1m'), { '{inst="1", job="a"}': 0, '{inst="1", job="b"}': 1 });
    assertVector(query(src, '20 < bool req', '1m'), { '{inst="1", job="a"}': 0, '{inst="1", job="b"}': 1 });
  });
});

describe('vector and vector', () => {
  test('one-to-one on the full label set', () => {
    assertVector(query(src, 'err / req', '1m'), { '{inst="1", job="a"}': 0.1, '{inst="1", job="b"}': 0.5 });
  });

  test('comparison filters keep the left sample; bool gives 0/1', () => {
    assertVector(query(src, 'err > req / 4', '1m'), { 'err{inst="1", job="b"}': 20 });
    assertVector(query(src, 'err > bool req / 4', '1m'), { '{inst="1", job="a"}': 0, '{inst="1", job="b"}': 1 });
  });

  test('on(): match on the listed labels, keep only them', () => {
    assertVector(query(src, 'req > on(job) limit', '1m'), { '{job="a"}': 10 });
    assertVector(query(src, 'req / on(job) limit', '1m'), { '{job="a"}': 2, '{job="b"}': 0.8 });
  });

  test('ignoring(): match without the listed labels, drop them', () => {
    assertVector(query(src, 'req - ignoring(inst) limit', '1m'), { '{job="a"}': 5, '{job="b"}': -10 });
  });

  test('duplicates on the right side are refused', () => {
    assert.throws(() => query(src, 'req + on(job) dup', '1m'), {
      name: 'EvaluationError',
      code: 'INVALID_INPUT',
      message: /found duplicate series for the match group on the right hand-side.*many-to-many matching not allowed/,
    });
  });

  test('several left samples matching one right sample need group_left', () => {
    assert.throws(() => query(src, 'dup + on(job) limit', '1m'), {
      message: 'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    });
  });

  test('and: left samples with a match on the right', () => {
    assertVector(query(src, 'err and req', '1m'), { 'err{inst="1", job="a"}': 1, 'err{inst="1", job="b"}': 20 });
    assertVector(query(src, 'err and req > 20', '1m'), { 'err{inst="1", job="b"}': 20 });
    assertVector(query(src, 'req and on(job) limit', '1m'), { 'req{inst="1", job="a"}': 10, 'req{inst="1", job="b"}': 40 });
    assertVector(query(src, 'nothing and req', '1m'), {});
  });

  test('or: all left samples, then right samples without a match', () => {
    assertVector(query(src, 'req or err', '1m'), {
      'req{inst="1", job="a"}': 10,
      'req{inst="1", job="b"}': 40,
      'err{inst="1", job="c"}': 5,
    });
    assertVector(query(src, 'limit or ignoring(inst) err', '1m'), { 'limit{job="a"}': 5, 'limit{job="b"}': 50, 'err{inst="1", job="c"}': 5 });
  });

  test('unless: left samples without a match on the right', () => {
    assertVector(query(src, 'err unless req', '1m'), { 'err{inst="1", job="c"}': 5 });
    assertVector(query(src, 'err unless on(job) limit > 10', '1m'), { 'err{inst="1", job="a"}': 1, 'err{inst="1", job="c"}': 5 });
  });
});
