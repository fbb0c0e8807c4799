import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { shellQuote } from '../../../../../daemon/security/posture/shell-quote.js';

describe('shellQuote', () => {
  test('always single-quotes', () => {
    assert.equal(shellQuote('/var/lib/store.json'), "'/var/lib/store.json'");
    assert.equal(shellQuote(''), "''");
  });

  test('an embedded quote closes, escapes and reopens', () => {
    assert.equal(shellQuote("/home/o'brien/x"), "'/home/o'\\''brien/x'");
  });

  test('sh reads back exactly the text, whatever it holds', () => {
    for (const text of ['a b', '$(id) `id` $HOME', "it's", 'line\nbreak', '*?[]!\\"', "''"]) {
      const echoed = execFileSync('sh', ['-c', `printf %s ${shellQuote(text)}`], {
        encoding: 'utf8',
      });
      assert.equal(echoed, text);
    }
  });
});
