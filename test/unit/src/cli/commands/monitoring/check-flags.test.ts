import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { graceDuration, headerPair, httpMethod, regexOption, tlsDays } from '../../../../../../src/cli/commands/monitoring/check-flags.js';

function refused(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InvalidArgumentError, String(error));
    assert.equal(error.message, message);
    return true;
  });
}

describe('headerPair (--header <name:value>)', () => {
  test('splits at the first colon, trims both sides, and collects repeats', () => {
    const one = headerPair('Accept: application/json', undefined);
    assert.deepEqual(one, { Accept: 'application/json' });
    assert.deepEqual(headerPair('Authorization:Bearer a:b:c', one), { Accept: 'application/json', Authorization: 'Bearer a:b:c' });
    assert.deepEqual(headerPair('X-Empty:', undefined), { 'X-Empty': '' });
  });

  test('a tab inside a value is kept (valid in an HTTP field value); the trim takes tabs at the ends', () => {
    assert.deepEqual(headerPair('X-Tabbed: a\tb', undefined), { 'X-Tabbed': 'a\tb' });
    assert.deepEqual(headerPair('X-Tabbed:\tab\t', undefined), { 'X-Tabbed': 'ab' });
  });

  test('refuses a missing colon, a bad name, control characters, a repeat, and too many', () => {
    refused(() => headerPair('Accept application/json', undefined), "'Accept application/json' has no ':': write it like 'Accept: application/json'");
    refused(() => headerPair('Bad Name: x', undefined), "'Bad Name' is not a valid HTTP header name");
    refused(() => headerPair(': x', undefined), "'' is not a valid HTTP header name");
    refused(() => headerPair('X-A: one\r\nX-B: two', undefined), 'the value of X-A must not contain control characters other than a tab');
    for (const char of ['\r', '\n', '\0', '\x01', '\x0b', '\x1f', '\x7f']) {
      refused(() => headerPair(`X-A: a${char}b`, undefined), 'the value of X-A must not contain control characters other than a tab');
    }
    refused(() => headerPair(`X-Big: ${'a'.repeat(8193)}`, undefined), 'the value of X-Big is 8193 characters long; at most 8192 are allowed');
    refused(() => headerPair('accept: text/plain', { Accept: 'application/json' }), 'accept is given more than once');
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`X-${i}`, 'v']));
    refused(() => headerPair('X-50: v', fifty), 'at most 50 headers are allowed');
  });
});

describe('regexOption (--expect-body-regex <re>)', () => {
  test('keeps a valid pattern as written', () => {
    assert.equal(regexOption('"status":\\s*"ok"'), '"status":\\s*"ok"');
    assert.equal(regexOption('^up$'), '^up$');
  });

  test('refuses a pattern that does not compile, with the reason', () => {
    refused(() => regexOption('(unclosed'), 'is not a valid regular expression: Invalid regular expression: /(unclosed/: Unterminated group');
    refused(() => regexOption('a{2,1}'), 'is not a valid regular expression: Invalid regular expression: /a{2,1}/: numbers out of order in {} quantifier');
    refused(() => regexOption('x'.repeat(1025)), 'is 1025 characters long; at most 1024 are allowed');
    refused(() => regexOption('a\nb'), 'must not contain control characters');
  });
});

describe('httpMethod (--method)', () => {
  test('GET or HEAD in any case, sent upper-case', () => {
    assert.equal(httpMethod('get'), 'GET');
    assert.equal(httpMethod('HEAD'), 'HEAD');
    assert.equal(httpMethod('Head'), 'HEAD');
  });

  test('anything else is refused', () => {
    refused(() => httpMethod('POST'), "'POST' is not a method an http check may use: GET or HEAD");
    refused(() => httpMethod(''), "'' is not a method an http check may use: GET or HEAD");
  });
});

describe('graceDuration (--grace)', () => {
  test('a duration from 0s to 1d, in milliseconds', () => {
    assert.equal(graceDuration('0s'), 0);
    assert.equal(graceDuration('2h'), 7_200_000);
    assert.equal(graceDuration('1d'), 86_400_000);
    assert.equal(graceDuration('24h'), 86_400_000);
  });

  test("longer than the daemon's limit, or not a duration, is refused", () => {
    refused(() => graceDuration('2d'), "'2d' is longer than 1d, the longest grace (0s for none)");
    refused(() => graceDuration('24h1s'), "'24h1s' is longer than 1d, the longest grace (0s for none)");
    refused(() => graceDuration('soon'), "'soon' is not a duration (unexpected 'soon'); write it like 500ms, 15s, 5m, 1h or 7d");
  });
});

describe('tlsDays (--tls-min-days)', () => {
  test('a whole number of days from 0 to 3650', () => {
    assert.equal(tlsDays('0'), 0);
    assert.equal(tlsDays('30'), 30);
    assert.equal(tlsDays('3650'), 3650);
  });

  test('anything else is refused', () => {
    for (const text of ['3651', '-1', '1.5', 'ten', '', '99999']) refused(() => tlsDays(text), `'${text}' is not a whole number of days from 0 to 3650`);
  });
});
