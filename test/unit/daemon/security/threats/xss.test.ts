import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { charFlags } from '../../../../../daemon/security/threats/char-flags.js';
import { detectXss, detectXssFlagged, jsUnescape } from '../../../../../daemon/security/threats/xss.js';

describe('XSS rules', () => {
  test('flags script-running markup and script injection', () => {
    const attacks: Array<[string, string]> = [
      ['<script>alert(1)</script>', 'xss.active-tag'],
      ['<img src=x onerror=alert(1)>', 'xss.event-handler'],
      ['<a href="jav&#x09;ascript:alert(1)">x</a>'.replace('&#x09;', '\t'), 'xss.script-url'],
      ['javascript:alert(document.domain)', 'xss.script-url'],
      ['" onmouseover="alert(1)', 'xss.attribute-breakout'],
      ['";alert(1)//', 'xss.script-call'],
      ['alert`1`', 'xss.script-call'],
      ['<div style="width: expression(alert(1))">', 'xss.script-url'],
      ['al\\u0065rt(1)', 'xss.script-call'],
    ];
    for (const [input, rule] of attacks) assert.equal(detectXss(input)?.rule, rule, input);
  });

  test('does not flag harmless markup and prose', () => {
    const benign = [
      '<3', 'I <3 this', '<b>bold</b>', 'use arr[i] < n && x > 0', 'JavaScript: The Good Parts', 'Fix alert() in the dialog',
      'email me: a@b.c', 'The "on" button', 'x=1; y=2', '<p class="note">hi</p>', 'prompt engineering (basics)',
    ];
    for (const input of benign) assert.equal(detectXss(input), null, input);
  });

  test('undoes JavaScript escapes', () => {
    assert.equal(jsUnescape('\\x3cscript\\u003e'), '<script>');
  });

  test('answers the same with flags the caller computed', () => {
    assert.deepEqual(detectXssFlagged('<svg onload=x>', charFlags('<svg onload=x>')), { type: 'xss', rule: 'xss.active-tag', confidence: 0.95, evidence: '<svg>' });
    assert.equal(detectXssFlagged('JavaScript: The Good Parts', charFlags('JavaScript: The Good Parts')), null);
    assert.equal(detectXssFlagged('<script>alert(1)</script>', 0), null);
    for (const input of ['', '\0', 'a\0b', 'caf\u00e9', '\u212a\u0130', 'x'.repeat(70_000), `${'a '.repeat(20_000)}<script>`, '\u2019 or \u20181\u2019=\u20191']) {
      assert.deepEqual(detectXssFlagged(input, charFlags(input)), detectXss(input), input.slice(0, 40));
    }
  });
});
