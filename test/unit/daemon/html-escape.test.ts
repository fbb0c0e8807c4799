import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeHtml } from '../../../daemon/html-escape.js';

describe('escapeHtml', () => {
  test('escapes &, <, >, " and \' (the ampersand first, so nothing is escaped twice)', () => {
    assert.equal(escapeHtml(`a<b>&"'`), 'a&lt;b&gt;&amp;&quot;&#39;');
    assert.equal(escapeHtml('&lt;'), '&amp;lt;');
  });

  test('leaves everything else as it is', () => {
    assert.equal(escapeHtml('a/b=c ünï 🙂\n'), 'a/b=c ünï 🙂\n');
    assert.equal(escapeHtml(''), '');
  });
});
