import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatDuration,
  MAX_DURATION_MS,
  parseDuration,
} from '../../../../src/protocol/duration.js';

describe('parseDuration', () => {
  const valid: Array<[string, number]> = [
    ['500ms', 500],
    ['15s', 15_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['1w', 604_800_000],
    ['1h30m', 5_400_000],
    ['1d2h3m4s5ms', 86_400_000 + 7_200_000 + 180_000 + 4000 + 5],
    ['0s', 0],
    ['  15s  ', 15_000],
    ['1m5ms', 60_005],
  ];
  for (const [text, ms] of valid) {
    test(`'${text}' is ${ms} ms`, () => {
      assert.equal(parseDuration(text), ms);
    });
  }

  test('empty and blank text', () => {
    assert.equal(parseDuration(''), 'a duration is empty; write it like 500ms, 15s, 5m, 1h or 7d');
    assert.equal(
      parseDuration('   '),
      'a duration is empty; write it like 500ms, 15s, 5m, 1h or 7d',
    );
  });

  test('an unknown unit names the unexpected text', () => {
    assert.equal(
      parseDuration('5x'),
      "'5x' is not a duration (unexpected '5x'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
    assert.equal(
      parseDuration('1h5x'),
      "'1h5x' is not a duration (unexpected '5x'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
  });

  test('a number without a unit is refused', () => {
    assert.equal(
      parseDuration('10'),
      "'10' is not a duration (unexpected '10'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
    assert.equal(
      parseDuration('1s500'),
      "'1s500' is not a duration (unexpected '500'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
  });

  test('inner spaces, signs and fractions are refused', () => {
    assert.equal(
      parseDuration('1h 30m'),
      "'1h 30m' is not a duration (unexpected ' 30m'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
    assert.equal(
      parseDuration('-5s'),
      "'-5s' is not a duration (unexpected '-5s'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
    assert.equal(
      parseDuration('1.5h'),
      "'1.5h' is not a duration (unexpected '1.5h'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
  });

  test('units must go from largest to smallest, and not repeat', () => {
    assert.equal(
      parseDuration('1m1h'),
      "'1m1h' is not a duration: units must go from largest to smallest",
    );
    assert.equal(
      parseDuration('1m1m'),
      "'1m1m' is not a duration: units must go from largest to smallest",
    );
  });

  test('the maximum is 10 years (3650 days), inclusive', () => {
    assert.equal(MAX_DURATION_MS, 315_360_000_000);
    assert.equal(parseDuration('3650d'), MAX_DURATION_MS);
    assert.equal(parseDuration('3650d1ms'), "'3650d1ms' is longer than the maximum of 10 years");
    assert.equal(parseDuration('522w'), "'522w' is longer than the maximum of 10 years");
    assert.equal(
      parseDuration('99999999999999999999d'),
      "'99999999999999999999d' is longer than the maximum of 10 years",
    );
  });

  test('parsing is repeatable (the sticky regex is reset between calls)', () => {
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(typeof parseDuration('5x'), 'string');
    assert.equal(parseDuration('1h30m'), 5_400_000);
  });
});

describe('formatDuration', () => {
  const cases: Array<[number, string]> = [
    [0, '0s'],
    [250, '250ms'],
    [999, '999ms'],
    [1000, '1s'],
    [1499, '1s'],
    [15_000, '15s'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [5_400_000, '1h30m'],
    [86_400_000, '1d'],
    [604_800_000, '7d'],
    // Only the two largest units are kept.
    [90_061_000, '1d1h'],
    [3_661_000, '1h1m'],
  ];
  for (const [ms, text] of cases) {
    test(`${ms} ms is '${text}'`, () => {
      assert.equal(formatDuration(ms), text);
    });
  }

  test('negative and non-finite values are a dash', () => {
    assert.equal(formatDuration(-1), '-');
    assert.equal(formatDuration(Number.NaN), '-');
    assert.equal(formatDuration(Number.POSITIVE_INFINITY), '-');
  });

  test('round-trips through parseDuration for whole units', () => {
    for (const text of ['15s', '5m', '1h', '1h30m', '7d', '250ms'])
      assert.equal(formatDuration(parseDuration(text) as number), text);
  });
});
