import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { durationOption, positiveInteger, sinceOption, sinceTime, textOption } from '../../../../src/cli/parsers.js';

function refused(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InvalidArgumentError, String(error));
    assert.equal(error.code, 'commander.invalidArgument');
    assert.equal(error.message, message);
    return true;
  });
}

describe('durationOption', () => {
  test('returns milliseconds', () => {
    assert.equal(durationOption('1h'), 3_600_000);
    assert.equal(durationOption('500ms'), 500);
    assert.equal(durationOption('1h30m'), 5_400_000);
  });

  test('refuses what parseDuration refuses, with its message', () => {
    refused(
      () => durationOption('5x'),
      "'5x' is not a duration (unexpected '5x'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
    refused(
      () => durationOption(''),
      'a duration is empty; write it like 500ms, 15s, 5m, 1h or 7d',
    );
    refused(
      () => durationOption('1m1h'),
      "'1m1h' is not a duration: units must go from largest to smallest",
    );
    refused(() => durationOption('3651d'), "'3651d' is longer than the maximum of 10 years");
  });

  test('refuses zero', () => {
    refused(() => durationOption('0s'), "'0s' must be longer than zero");
    refused(() => durationOption('0h0m'), "'0h0m' must be longer than zero");
  });
});

describe('positiveInteger', () => {
  test('accepts positive whole numbers', () => {
    assert.equal(positiveInteger('1'), 1);
    assert.equal(positiveInteger('50'), 50);
    assert.equal(positiveInteger('007'), 7);
    assert.equal(positiveInteger(String(Number.MAX_SAFE_INTEGER)), Number.MAX_SAFE_INTEGER);
  });

  test('refuses anything else', () => {
    for (const text of ['0', '-1', '1.5', 'abc', '', ' 5', '1e3', '0x10', '9007199254740992']) {
      refused(() => positiveInteger(text), `'${text}' is not a positive whole number`);
    }
  });
});

describe('textOption', () => {
  test('accepts text up to the limit', () => {
    const parse = textOption(5);
    assert.equal(parse('hello'), 'hello');
    assert.equal(parse(''), '');
    assert.equal(parse('héllo'), 'héllo');
  });

  test('refuses text over the limit', () => {
    refused(() => textOption(5)('toolong'), 'is 7 characters long; at most 5 are allowed');
  });

  test('refuses control characters', () => {
    for (const text of ['a\tb', 'a\nb', '\x00', 'x\x1b[31m', 'del\x7f'])
      refused(() => textOption(50)(text), 'must not contain control characters');
  });
});

describe('sinceOption', () => {
  test('a duration back from now', () => {
    assert.deepEqual(sinceOption('15m'), { ago: 900_000 });
    assert.deepEqual(sinceOption('1d12h'), { ago: 129_600_000 });
  });

  test('a time: with a zone as written, without one in local time', () => {
    assert.deepEqual(sinceOption('2026-01-31T12:00:00Z'), { at: Date.UTC(2026, 0, 31, 12) });
    assert.deepEqual(sinceOption('2026-01-31T12:00:00.250Z'), { at: Date.UTC(2026, 0, 31, 12, 0, 0, 250) });
    assert.deepEqual(sinceOption('2026-01-31T12:00+02:00'), { at: Date.UTC(2026, 0, 31, 10) });
    assert.deepEqual(sinceOption('2026-01-31T12:00'), { at: new Date(2026, 0, 31, 12).getTime() });
    assert.deepEqual(sinceOption('2026-01-31 12:00:30'), { at: new Date(2026, 0, 31, 12, 0, 30).getTime() });
    assert.deepEqual(sinceOption('2026-01-31'), { at: new Date(2026, 0, 31).getTime() });
    assert.deepEqual(sinceOption('2024-02-29'), { at: new Date(2024, 1, 29).getTime() });
  });

  test('refuses what is neither, a day the calendar lacks, and zero', () => {
    refused(() => sinceOption('yesterday'), "'yesterday' is not a duration (unexpected 'yesterday'); write it like 500ms, 15s, 5m, 1h or 7d, or a time like 2026-01-31T12:00:00Z");
    for (const text of ['2026-02-30', '2026-13-01', '2026-01-31T25:00Z', '2026-1-31', '2026-01-31T12', '2026-01-31Tnoon']) {
      refused(() => sinceOption(text), `'${text}' is not a time; write it like 2026-01-31T12:00:00Z or 2026-01-31`);
    }
    refused(() => sinceOption('0s'), "'0s' must be longer than zero");
  });

  test('sinceTime: the epoch time either form means at now', () => {
    assert.equal(sinceTime({ ago: 60_000 }, 1_000_000), 940_000);
    assert.equal(sinceTime({ at: 123 }, 1_000_000), 123);
  });
});
