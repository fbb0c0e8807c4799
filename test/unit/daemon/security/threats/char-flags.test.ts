import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AMP, BACKSLASH, BACKTICK, BRACKET, charFlags, COLON, DOLLAR, DOT, DQUOTE, EQUALS, GT, LT, NEWLINE, NON_ASCII, NUL, PAREN,
  PERCENT, PIPE, PLUS, QUOTE, SEMI, SLASH,
} from '../../../../../daemon/security/threats/char-flags.js';

const EACH: Array<[string, number]> = [
  ['\0', NUL], ['%', PERCENT], ['&', AMP], ['\\', BACKSLASH], ['<', LT], ['>', GT], [':', COLON], ['(', PAREN],
  ['`', BACKTICK], ['=', EQUALS], ["'", QUOTE], ['"', DQUOTE], ['.', DOT], ['/', SLASH], [';', SEMI], ['|', PIPE],
  ['\n', NEWLINE], ['$', DOLLAR], ['+', PLUS], ['[', BRACKET],
];

describe('charFlags', () => {
  test('gives each character its own flag, and no two the same', () => {
    for (const [ch, flag] of EACH) assert.equal(charFlags(ch), flag, JSON.stringify(ch));
    assert.equal(new Set(EACH.map(([, f]) => f)).size, EACH.length);
    assert.ok(EACH.every(([, f]) => f !== NON_ASCII));
  });

  test('is 0 for the empty string, letters, digits, spaces and the other ASCII punctuation', () => {
    assert.equal(charFlags(''), 0);
    assert.equal(charFlags('Hello World 123'), 0);
    assert.equal(charFlags('\t\r\v\f ,-_!?#@*^~{}])'), 0);
    assert.equal(charFlags('\x7f'), 0);
  });

  test('ORs the flags of every character, wherever it stands', () => {
    assert.equal(charFlags("a'b\"c"), QUOTE | DQUOTE);
    assert.equal(charFlags('https://example.com/a?x=1&y=2'), COLON | SLASH | DOT | EQUALS | AMP);
    assert.equal(charFlags('<img src=x onerror=alert(1)>'), LT | GT | EQUALS | PAREN);
    assert.equal(charFlags(`${'a'.repeat(100_000)}<`), LT);
    assert.equal(charFlags(`%${'a'.repeat(100_000)}`), PERCENT);
    assert.equal(charFlags('a\0b'), NUL);
  });

  test('marks any code unit above 127 as NON_ASCII', () => {
    assert.equal(charFlags('\x80'), NON_ASCII);
    assert.equal(charFlags('café'), NON_ASCII);
    assert.equal(charFlags('\u2019 or \u2018'), NON_ASCII);
    assert.equal(charFlags('😀'), NON_ASCII);
    assert.equal(charFlags('\ud800'), NON_ASCII);
    assert.equal(charFlags('日本; x'), NON_ASCII | SEMI);
  });
});
