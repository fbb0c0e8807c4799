import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprint, foldQuotes, tokenizeSql } from '../../../../../daemon/security/threats/sql-tokenizer.js';

const fp = (s: string, ctx: '' | "'" | '"' = '') => fingerprint(tokenizeSql(s, ctx));

describe('SQL tokenizer', () => {
  test('types tokens as libinjection does', () => {
    assert.equal(fp("1 UNION SELECT @@version, load_file('x') -- c"), 'nUEv,f(s)c');
    assert.equal(fp('a = 1 and b <> 0x1F or c'), 'won&won&w');
    assert.equal(fp('/* x */ select'), 'cE');
    assert.equal(fp('x || y && z'), 'w&w&w');
  });

  test('reads a value as closing a quote in quote context', () => {
    assert.equal(fp("admin' or '1'='1", "'"), 's&sos');
    assert.equal(fp('admin" #', '"'), 'sc');
    assert.equal(fp("O'Brien", "'"), 'sw');
    const [first] = tokenizeSql('no quote here', "'");
    assert.equal(first?.closed, false);
  });

  test('words glued to digits are names, not numbers', () => {
    assert.equal(fp('5pm 1KH4 42'), 'wwn');
  });

  test('types a word by the whole word, whatever its case, not by its shape', () => {
    // Same length, first and last letter as a keyword, but not one: plain names.
    assert.equal(fp('titles unien tip ix'), 'wwww');
    assert.equal(fp('tables union top is'), 'kUko');
    assert.equal(fp('UNION Select FROM'), 'UEk');
    assert.equal(fp('uni\u00f3n sel\u00e9ct x_union union_x a'), 'wwwww');
    assert.equal(fp('intersectx procedure procedures sleep(1)'), 'wkwf(n)');
    const [word] = tokenizeSql('SeLeCt');
    assert.deepEqual(word, { t: 'E', v: 'select', closed: false });
  });

  test('folds typographic quotes', () => {
    assert.equal(foldQuotes('\u2019 or \u20181\u2019=\u20191'), "' or '1'='1");
  });

  test('is bounded on hostile input', () => {
    assert.ok(tokenizeSql('(('.repeat(100_000)).length <= 48);
    assert.equal(tokenizeSql("'".repeat(1001)).length <= 48, true);
  });
});
