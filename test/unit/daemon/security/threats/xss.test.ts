import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectXss, jsUnescape } from '../../../../../daemon/security/threats/xss.js';

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
});
