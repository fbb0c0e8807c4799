import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import {
  anchoredRegex,
  compileMatchers,
  MAX_REGEX_LENGTH,
} from '../../../../../daemon/monitoring/history/matchers.js';
import type { LabelMatcher } from '../../../../../daemon/monitoring/types.js';

const series: Record<string, string>[] = [
  { job: 'api', instance: 'host-1' },
  { job: 'api', instance: 'host-10' },
  { job: 'db', instance: 'host-2' },
  { instance: 'host-3' },
];

function pick(matchers: LabelMatcher[]): number[] {
  const test = compileMatchers(matchers);
  return series.flatMap((labels, i) => (test('up', labels) ? [i] : []));
}

describe('label matchers', () => {
  test('no matchers match everything', () => {
    assert.deepEqual(pick([]), [0, 1, 2, 3]);
  });

  test('= and !=', () => {
    assert.deepEqual(pick([{ name: 'job', op: '=', value: 'api' }]), [0, 1]);
    assert.deepEqual(pick([{ name: 'job', op: '!=', value: 'api' }]), [2, 3]);
  });

  test('an empty value selects series without the label', () => {
    assert.deepEqual(pick([{ name: 'job', op: '=', value: '' }]), [3]);
    assert.deepEqual(pick([{ name: 'job', op: '!=', value: '' }]), [0, 1, 2]);
    assert.deepEqual(pick([{ name: 'absent', op: '=', value: '' }]), [0, 1, 2, 3]);
  });

  test('regexes are anchored to the whole value', () => {
    assert.deepEqual(pick([{ name: 'instance', op: '=~', value: 'host-1' }]), [0]);
    assert.deepEqual(pick([{ name: 'instance', op: '=~', value: 'host-1.*' }]), [0, 1]);
    assert.deepEqual(pick([{ name: 'instance', op: '=~', value: 'ost' }]), []);
    assert.deepEqual(pick([{ name: 'instance', op: '!~', value: 'host-[12]' }]), [1, 3]);
    assert.deepEqual(pick([{ name: 'job', op: '=~', value: 'api|' }]), [0, 1, 3]);
    assert.deepEqual(pick([{ name: 'job', op: '=~', value: '.+' }]), [0, 1, 2]);
  });

  test('all matchers must hold; __name__ reads the metric name', () => {
    assert.deepEqual(
      pick([
        { name: 'job', op: '=', value: 'api' },
        { name: 'instance', op: '!=', value: 'host-1' },
      ]),
      [1],
    );
    assert.deepEqual(pick([{ name: '__name__', op: '=', value: 'up' }]), [0, 1, 2, 3]);
    assert.deepEqual(pick([{ name: '__name__', op: '=~', value: 'down' }]), []);
  });

  test('dot matches a newline, as in Prometheus', () => {
    assert.ok(anchoredRegex('a.b').test('a\nb'));
  });

  test('bad regexes and ops are refused as invalid input', () => {
    for (const matcher of [
      { name: 'job', op: '=~', value: '(' },
      { name: 'job', op: '!~', value: 'x'.repeat(MAX_REGEX_LENGTH + 1) },
      { name: 'job', op: '==', value: 'x' },
      { name: 'job', op: '=', value: 3 },
    ]) {
      assert.throws(
        () => compileMatchers([matcher as unknown as LabelMatcher]),
        (error: unknown) =>
          error instanceof InvalidInputError && error.details.field === 'matchers',
      );
    }
  });

  test('compiled regexes are reused', () => {
    assert.equal(anchoredRegex('x+y'), anchoredRegex('x+y'));
  });
});

describe('case-insensitive regex matchers', () => {
  test('a leading (?i) matches regardless of case, as in the rule language', () => {
    const match = compileMatchers([{ name: 'job', op: '=~', value: '(?i)api' }]);
    assert.equal(match('up', { job: 'API' }), true);
    assert.equal(match('up', { job: 'api' }), true);
    assert.equal(match('up', { job: 'apis' }), false);
  });
});
