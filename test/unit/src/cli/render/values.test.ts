import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatLabels, formatNumber, isoSeconds, labelsCell, shortId, shortIso } from '../../../../../src/cli/render/values.js';

describe('formatNumber', () => {
  test('six significant digits at most', () => {
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(42), '42');
    assert.equal(formatNumber(-1.5), '-1.5');
    assert.equal(formatNumber(12.3456789), '12.3457');
    assert.equal(formatNumber(123456789), '123457000');
    assert.equal(formatNumber(0.00012345), '0.00012345');
  });

  test('exponents for the very large and the very small', () => {
    assert.equal(formatNumber(1.5e9), '1.50e9');
    assert.equal(formatNumber(-2e12), '-2.00e12');
    assert.equal(formatNumber(0.00001234), '1.23e-5');
  });

  test('what is not finite', () => {
    assert.equal(formatNumber(Number.NaN), 'NaN');
    assert.equal(formatNumber(Number.POSITIVE_INFINITY), '+Inf');
    assert.equal(formatNumber(Number.NEGATIVE_INFINITY), '-Inf');
  });
});

describe('labels, times and ids', () => {
  test('formatLabels sorts names and quotes values', () => {
    assert.equal(formatLabels({ job: 'api', env: 'prod' }), '{env="prod",job="api"}');
    assert.equal(formatLabels({ q: 'say "hi"' }), '{q="say \\"hi\\""}');
    assert.equal(formatLabels({}), '{}');
    assert.equal(labelsCell({}), '-');
    assert.equal(labelsCell({ a: '1' }), '{a="1"}');
  });

  test('times to the second, ids shortened', () => {
    assert.equal(isoSeconds(Date.UTC(2026, 11, 1, 10, 0, 0, 999)), '2026-12-01T10:00:00Z');
    assert.equal(shortIso('2026-12-01T10:00:00.123Z'), '2026-12-01T10:00:00Z');
    assert.equal(shortIso('not a time'), 'not a time');
    assert.equal(shortId('0123456789abcdef'), '01234567');
  });
});
