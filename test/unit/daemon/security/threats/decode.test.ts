import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { htmlDecode, percentDecode, percentDecodeOnce, stripNul, variants } from '../../../../../daemon/security/threats/decode.js';

describe('decode', () => {
  test('percent-decodes once, then repeatedly up to three rounds', () => {
    assert.equal(percentDecodeOnce('%27%20or%201%3D1'), "' or 1=1");
    assert.equal(percentDecodeOnce('%2527'), '%27');
    assert.equal(percentDecode('%2527'), "'");
    assert.equal(percentDecode('%25252527'), '%27');
    assert.equal(percentDecode('caf%C3%A9'), 'café');
    assert.equal(percentDecode('%u003cscript'), '<script');
  });

  test('leaves invalid escapes literal and never throws', () => {
    for (const bad of ['%', '%%', '%zz', '%E0%A4%A', '%u12', '100%', '%uD800', '%ff%fe']) {
      assert.doesNotThrow(() => percentDecode(bad));
    }
    assert.equal(percentDecode('100%'), '100%');
    assert.equal(percentDecode('%zz'), '%zz');
    assert.equal(percentDecode('%c0%ae'), '\u00c0\u00ae');
  });

  test('decodes HTML references with and without semicolons', () => {
    assert.equal(htmlDecode('&lt;img&gt;'), '<img>');
    assert.equal(htmlDecode('&#60;&#x3C;&#x3c'), '<<<');
    assert.equal(htmlDecode('alert&lpar;1&rpar;'), 'alert(1)');
    assert.equal(htmlDecode('Tom &amp; Jerry & co'), 'Tom & Jerry & co');
    assert.equal(htmlDecode('&#99999999;&unknown;'), '&#99999999;&unknown;');
  });

  test('strips NUL bytes and lists distinct readings', () => {
    assert.equal(stripNul('<\0script>'), '<script>');
    assert.deepEqual(variants('plain'), ['plain']);
    assert.deepEqual(variants('%26lt%3Bb%26gt%3B'), ['%26lt%3Bb%26gt%3B', '&lt;b&gt;', '<b>']);
  });
});
