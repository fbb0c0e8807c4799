import { describe, test } from 'node:test';
import { MemorySeriesSource } from '../../../../../daemon/monitoring/rules/memory-source.js';
import { assertVector, query } from './helpers.js';

const src = new MemorySeriesSource({
  'req{job="a", inst="1"}': '1',
  'req{job="a", inst="2"}': '2',
  'req{job="b", inst="1"}': '4',
  'req{inst="3"}': '8',
  'odd{k="1"}': 'NaN',
  'odd{k="2"}': '3',
});

describe('aggregations', () => {
  test('sum over everything', () => {
    assertVector(query(src, 'sum(req)', '1m'), { '{}': 15 });
  });

  test('sum by: only the grouping labels remain; a missing one is its own group', () => {
    assertVector(query(src, 'sum by (job) (req)', '1m'), { '{job="a"}': 3, '{job="b"}': 4, '{}': 8 });
  });

  test('the modifier may follow the expression', () => {
    assertVector(query(src, 'sum(req) by (job)', '1m'), { '{job="a"}': 3, '{job="b"}': 4, '{}': 8 });
  });

  test('sum without: the other labels remain', () => {
    assertVector(query(src, 'sum without (inst) (req)', '1m'), { '{job="a"}': 3, '{job="b"}': 4, '{}': 8 });
    assertVector(query(src, 'sum without (job) (req)', '1m'), { '{inst="1"}': 5, '{inst="2"}': 2, '{inst="3"}': 8 });
  });

  test('avg, min, max, count', () => {
    assertVector(query(src, 'avg by (job) (req)', '1m'), { '{job="a"}': 1.5, '{job="b"}': 4, '{}': 8 });
    assertVector(query(src, 'min by (inst) (req)', '1m'), { '{inst="1"}': 1, '{inst="2"}': 2, '{inst="3"}': 8 });
    assertVector(query(src, 'max by (inst) (req)', '1m'), { '{inst="1"}': 4, '{inst="2"}': 2, '{inst="3"}': 8 });
    assertVector(query(src, 'count by (inst) (req)', '1m'), { '{inst="1"}': 2, '{inst="2"}': 1, '{inst="3"}': 1 });
  });

  test('group, stddev, stdvar', () => {
    assertVector(query(src, 'group by (job) (req)', '1m'), { '{job="a"}': 1, '{job="b"}': 1, '{}': 1 });
    assertVector(query(src, 'stdvar(req{job="a"})', '1m'), { '{}': 0.25 });
    assertVector(query(src, 'stddev(req{job="a"})', '1m'), { '{}': 0.5 });
  });

  test('min and max skip NaN unless every value is NaN', () => {
    assertVector(query(src, 'min(odd)', '1m'), { '{}': 3 });
    assertVector(query(src, 'max(odd)', '1m'), { '{}': 3 });
    assertVector(query(src, 'max(odd{k="1"})', '1m'), { '{}': NaN });
  });

  test('an empty vector aggregates to nothing', () => {
    assertVector(query(src, 'sum(nothing)', '1m'), {});
    assertVector(query(src, 'count(nothing)', '1m'), {});
  });

  test('aggregating the result of arithmetic', () => {
    assertVector(query(src, 'sum by (job) (req * 2)', '1m'), { '{job="a"}': 6, '{job="b"}': 8, '{}': 16 });
  });
});
