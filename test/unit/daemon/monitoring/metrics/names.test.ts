import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkHelp,
  checkLabelNames,
  checkMetricName,
  describe as describeValue,
  isMetricType,
  labelSetProblem,
  listLabels,
} from '../../../../../daemon/monitoring/metrics/names.js';
import { throwsInvalid } from './helpers.js';

describe('checkMetricName', () => {
  for (const name of ['a', '_x', ':x', 'http_requests_total', 'a:b_c1', 'A9']) {
    test(`accepts '${name}'`, () => {
      assert.doesNotThrow(() => checkMetricName(name));
    });
  }
  for (const name of ['', '1a', 'a-b', 'a b', 'é', 'a.b']) {
    test(`refuses '${name}'`, () => {
      throwsInvalid(
        () => checkMetricName(name),
        `metric name '${name}' is invalid; metric names match [a-zA-Z_:][a-zA-Z0-9_:]*`,
        'name',
      );
    });
  }
  test('refuses a non-string', () => {
    throwsInvalid(() => checkMetricName(5), 'a metric name must be a string, got 5', 'name');
    throwsInvalid(
      () => checkMetricName(undefined),
      'a metric name must be a string, got undefined',
      'name',
    );
  });
});

describe('checkLabelNames', () => {
  test('accepts valid names, including le on a counter and quantile on a histogram', () => {
    assert.doesNotThrow(() =>
      checkLabelNames('counter', 'c', ['method', '_x', 'a1', 'le', 'quantile']),
    );
    assert.doesNotThrow(() => checkLabelNames('histogram', 'h', ['quantile']));
    assert.doesNotThrow(() => checkLabelNames('summary', 's', ['le']));
    assert.doesNotThrow(() => checkLabelNames('gauge', 'g', []));
  });
  test('refuses the Prometheus pattern breakers (a colon is fine in metric names only)', () => {
    for (const label of ['a:b', '1a', 'a-b', '']) {
      throwsInvalid(
        () => checkLabelNames('counter', 'c', [label]),
        `counter c: label name '${label}' is invalid; label names match [a-zA-Z_][a-zA-Z0-9_]*`,
        'labelNames',
      );
    }
  });
  test('refuses names starting with __', () => {
    throwsInvalid(
      () => checkLabelNames('gauge', 'g', ['__name__']),
      "gauge g: label name '__name__' is reserved; names starting with __ are internal to Prometheus",
    );
  });
  test('reserves le for histograms and quantile for summaries', () => {
    throwsInvalid(
      () => checkLabelNames('histogram', 'h', ['path', 'le']),
      "histogram h: label name 'le' is reserved for the bucket bounds",
    );
    throwsInvalid(
      () => checkLabelNames('summary', 's', ['quantile']),
      "summary s: label name 'quantile' is reserved for the quantiles",
    );
  });
  test('refuses duplicates and non-strings', () => {
    throwsInvalid(
      () => checkLabelNames('counter', 'c', ['a', 'b', 'a']),
      "counter c: label 'a' is declared twice",
    );
    throwsInvalid(
      () => checkLabelNames('counter', 'c', ['a', 3]),
      'counter c: a label name must be a string, got 3',
    );
    throwsInvalid(
      () => checkLabelNames('counter', 'c', 'a'),
      'counter c: labelNames must be an array of strings',
    );
  });
});

describe('checkHelp', () => {
  test('takes any string, refuses anything else', () => {
    assert.doesNotThrow(() => checkHelp('counter', 'c', ''));
    throwsInvalid(
      () => checkHelp('counter', 'c', undefined),
      'counter c: help must be a string, got undefined',
      'help',
    );
  });
});

describe('labelSetProblem', () => {
  const names = ['method', 'status'];
  test('names an undeclared label first', () => {
    assert.equal(
      labelSetProblem('http_requests_total', names, {
        method: 'GET',
        status: '200',
        colour: 'red',
      }),
      "metric http_requests_total has no label 'colour'; declared: method, status",
    );
    assert.equal(
      labelSetProblem('http_requests_total', names, { method: 'GET', colour: 'red' }),
      "metric http_requests_total has no label 'colour'; declared: method, status",
    );
  });
  test('then a missing one', () => {
    assert.equal(
      labelSetProblem('m', names, { method: 'GET' }),
      "metric m is missing label 'status'; declared: method, status",
    );
    assert.equal(
      labelSetProblem('m', names, undefined),
      "metric m is missing label 'method'; declared: method, status",
    );
    assert.equal(
      labelSetProblem('m', names, { method: 'GET', status: undefined }),
      "metric m is missing label 'status'; declared: method, status",
    );
  });
  test('then a value of the wrong type', () => {
    assert.equal(
      labelSetProblem('m', names, { method: 'GET', status: true }),
      "metric m: label 'status' must be a string or a number, got true",
    );
    assert.equal(
      labelSetProblem('m', names, { method: null, status: 1 }),
      "metric m: label 'method' must be a string or a number, got null",
    );
  });
  test('says "none" for a metric without labels', () => {
    assert.equal(
      labelSetProblem('up', [], { job: 'x' }),
      "metric up has no label 'job'; declared: none",
    );
  });
  test('refuses a non-object', () => {
    assert.equal(
      labelSetProblem('m', names, 'GET'),
      "metric m: labels must be an object, got 'GET'",
    );
  });
});

describe('small helpers', () => {
  test('isMetricType', () => {
    for (const type of ['counter', 'gauge', 'histogram', 'summary'])
      assert.equal(isMetricType(type), true);
    for (const type of ['Counter', 'untyped', '', 3, undefined])
      assert.equal(isMetricType(type), false);
  });
  test('listLabels', () => {
    assert.equal(listLabels([]), 'none');
    assert.equal(listLabels(['a', 'b']), 'a, b');
  });
  test('describe', () => {
    assert.equal(describeValue(null), 'null');
    assert.equal(describeValue([1]), 'an array');
    assert.equal(describeValue('x'), "'x'");
    assert.equal(describeValue(NaN), 'NaN');
    assert.equal(describeValue(false), 'false');
    assert.equal(describeValue(2n), '2');
    assert.equal(describeValue({}), 'object');
    assert.equal(describeValue(undefined), 'undefined');
  });
});
