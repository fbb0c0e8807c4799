import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileMatcher, compileRegex, matcherAccepts } from '../../../../../daemon/monitoring/rules/matchers.js';

describe('label matchers', () => {
  test('the four operators', () => {
    assert.ok(matcherAccepts(compileMatcher({ name: 'a', op: '=', value: 'x' }), 'x'));
    assert.ok(!matcherAccepts(compileMatcher({ name: 'a', op: '!=', value: 'x' }), 'x'));
    assert.ok(matcherAccepts(compileMatcher({ name: 'a', op: '=~', value: 'x|y' }), 'y'));
    assert.ok(matcherAccepts(compileMatcher({ name: 'a', op: '!~', value: 'x|y' }), 'z'));
  });

  test('regexes are anchored at both ends, even with alternation', () => {
    const re = compileRegex('a|b');
    assert.ok(re.test('a'));
    assert.ok(!re.test('ab'));
    assert.ok(!re.test('ca'));
  });

  test('dot matches newlines; (?i) makes the match case-insensitive', () => {
    assert.ok(compileRegex('a.b').test('a\nb'));
    assert.ok(compileRegex('(?i)abc').test('ABC'));
  });

  test('an invalid pattern throws', () => {
    assert.throws(() => compileMatcher({ name: 'a', op: '=~', value: '(' }), SyntaxError);
  });
});
