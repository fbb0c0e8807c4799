import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { charFlags } from '../../../../../daemon/security/threats/char-flags.js';
import { needsSqlTokens } from '../../../../../daemon/security/threats/sql-hints.js';
import { corpusLines } from './corpus-dir.js';

const needs = (value: string): boolean => needsSqlTokens(value, charFlags(value));

// The guard as it was first written: regexes over a lower-cased copy. The case-insensitive version must
// answer exactly as this one does.
const STRUCTURE_WORDS =
  /\b(?:u(?:nion|pdate(?:xml)?)|s(?:elect|hutdown|leep|ys_e(?:val|xec))|d(?:elete|rop|eclare)|in(?:sert)|c(?:reate|urrent_setting)|a(?:lter)|t(?:runcate)|e(?:xec(?:ute)?|xtractvalue)|w(?:aitfor|here)|b(?:ackup|enchmark)|g(?:rant|roup)|r(?:evoke|ename|eplace|andomblob)|l(?:oad|oad_file)|p(?:g_sleep|g_read_file)|o(?:rder)|h(?:aving))\b|xp_cmdshell|utl_|dbms_/;
const LOGIC_WORDS = /\b(?:and|or|xor)\b|&&|\|\|/;
const COMPARISON = /[=<>]|\b(?:like|rlike|regexp|is)\b/;
const STARTS_WITH_LOGIC = /^\s*(?:and|or|xor|&&|\|\|)/;
function reference(value: string): boolean {
  const lower = value.toLowerCase();
  return STRUCTURE_WORDS.test(lower) || ((COMPARISON.test(lower) || STARTS_WITH_LOGIC.test(lower)) && LOGIC_WORDS.test(lower));
}

describe('needsSqlTokens', () => {
  test('wants a whole structure word, in any case', () => {
    for (const yes of ['select a plan', 'Union Station', 'SeLeCt', 'x;DROP', 'load_file(x)', 'pg_sleep', 'my.utl_http', 'DBMS_PIPE', 'exec', 'group by']) {
      assert.equal(needs(yes), true, yes);
    }
    for (const no of ['', 'hello world', 'unions', 'x_union', 'selected', 'preorder', 'loader', 'droplet', 'utl', 'dbms']) {
      assert.equal(needs(no), false, no);
    }
  });

  test('wants a logic operator only beside a comparison or leading the value', () => {
    assert.equal(needs('a or b'), false);
    assert.equal(needs('tea and biscuits'), false);
    assert.equal(needs('x && y'), false);
    assert.equal(needs('a or b = c'), true);
    assert.equal(needs('a or b is c'), true);
    assert.equal(needs('a OR b LIKE c'), true);
    assert.equal(needs('x || y > 1'), true);
    assert.equal(needs('  or x'), true);
    assert.equal(needs('\u00a0AND 1'), true);
    assert.equal(needs('&& x'), true);
    assert.equal(needs('orange'), false);
    assert.equal(needs('is it'), false);
  });

  test('reads the letters that lower-case to ASCII as lower-casing does', () => {
    // The Kelvin sign lower-cases to `k`; U+0130 to `i` and a combining dot, which splits a word.
    assert.equal(needs('bac\u212aup'), true);
    assert.equal(needs('a or b \u212aIKE c'), false);
    assert.equal(needs('a or b li\u212ae c'), true);
    assert.equal(needs('select\u0130'), false);
    assert.equal(needs('select\u0131'), true);
    assert.equal(needs('\u017felect'), false);
  });

  test('handles NUL, non-ASCII and long input', () => {
    assert.equal(needs('sel\0ect'), false);
    assert.equal(needs('select\0'), true);
    assert.equal(needs('日本語 select 日本語'), true);
    assert.equal(needs('Ünion'), false);
    assert.equal(needs(`${'a '.repeat(50_000)}drop`), true);
    assert.equal(needs('a '.repeat(50_000)), false);
  });

  test('answers as the lower-cased regexes do on every corpus line', () => {
    for (const name of ['benign.txt', 'sqli.txt', 'xss.txt'] as const) {
      for (const line of corpusLines(name)) {
        for (const value of [line, line.toUpperCase()]) assert.equal(needs(value), reference(value), value);
      }
    }
  });
});
