import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { positionText, tokenize } from '../../../../../daemon/monitoring/rules/lexer.js';

const kinds = (src: string): string[] => tokenize(src).map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  test('a selector with matchers, a range and an operator', () => {
    assert.deepEqual(kinds('rate(x{a="b"}[5m]) > 0.5'), [
      'ident:rate', 'punct:(', 'ident:x', 'punct:{', 'ident:a', 'op:=', 'string:"b"', 'punct:}',
      'punct:[', 'duration:5m', 'punct:]', 'punct:)', 'op:>', 'number:0.5', 'eof:',
    ]);
  });

  test('two-character operators win over one-character ones', () => {
    assert.deepEqual(kinds('a==b!=c>=d<=e=~f!~g'), [
      'ident:a', 'op:==', 'ident:b', 'op:!=', 'ident:c', 'op:>=', 'ident:d', 'op:<=', 'ident:e', 'op:=~', 'ident:f', 'op:!~', 'ident:g', 'eof:',
    ]);
  });

  test('numbers: integers, decimals, exponents, hex', () => {
    const values = tokenize('1 2.5 .5 1e3 1.5E-2 0x1F').filter((t) => t.kind === 'number').map((t) => t.value);
    assert.deepEqual(values, [1, 2.5, 0.5, 1000, 0.015, 31]);
  });

  test('durations, single and combined, in milliseconds', () => {
    const values = tokenize('[5m] [1h30m] [500ms] [2d] [1w] [1y] [10s]').filter((t) => t.kind === 'duration').map((t) => t.value);
    assert.deepEqual(values, [300_000, 5_400_000, 500, 172_800_000, 604_800_000, 31_536_000_000, 10_000]);
  });

  test('metric names may hold colons; a colon inside brackets is punctuation', () => {
    assert.deepEqual(kinds('job:rate5m:sum'), ['ident:job:rate5m:sum', 'eof:']);
    assert.deepEqual(kinds('x[5m:1m]'), ['ident:x', 'punct:[', 'duration:5m', 'punct::', 'duration:1m', 'punct:]', 'eof:']);
  });

  test('strings in three quotes, with escapes decoded', () => {
    const strs = tokenize(`"a\\"b\\n" 'c\\'d' \`e\\f\` "\\x41\\u00e9"`).filter((t) => t.kind === 'string').map((t) => t.str);
    assert.deepEqual(strs, ['a"b\n', "c'd", 'e\\f', 'Aé']);
  });

  test('comments run to the end of the line', () => {
    assert.deepEqual(kinds('up # the target\n== 1'), ['ident:up', 'op:==', 'number:1', 'eof:']);
  });

  test('offsets of tokens are 0-based', () => {
    assert.deepEqual(tokenize('a + b').map((t) => t.pos), [0, 2, 4, 5]);
  });

  const bad: Array<[string, string]> = [
    ['up @ 5', "unexpected character '@' at column 4"],
    ['x{a="b}', 'unterminated string at column 5'],
    ['"a\nb"', 'unterminated string at line 1, column 1'],
    ['x[5s1h]', "invalid duration '5s1h': units must go from largest to smallest at column 3"],
    ['x[5mx]', "invalid number or duration '5mx' at column 3"],
    ['1.2.3', "invalid number or duration '1.2.3' at column 1"],
    ['"\\q"', "invalid escape sequence '\\q' at column 2"],
  ];
  for (const [src, message] of bad) {
    test(`refuses ${JSON.stringify(src)}`, () => {
      assert.throws(() => tokenize(src), { code: 'INVALID_INPUT', message });
    });
  }
});

describe('positionText', () => {
  test('one line: the column only', () => {
    assert.equal(positionText('abc', 2), 'column 3');
  });
  test('several lines: line and column', () => {
    assert.equal(positionText('a\nbc\nd', 4), 'line 2, column 3');
    assert.equal(positionText('a\nbc\nd', 5), 'line 3, column 1');
  });
});
