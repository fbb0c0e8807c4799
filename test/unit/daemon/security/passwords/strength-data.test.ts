import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadStrengthData } from '../../../../../daemon/security/passwords/strength-data.js';

describe('loadStrengthData', () => {
  test('loads once and shares the result', () => {
    assert.equal(loadStrengthData(), loadStrengthData());
  });

  test('the common-password list is language-common passwords-common, lower case', () => {
    const { commonPasswords } = loadStrengthData();
    assert.ok(commonPasswords.size > 40_000, `only ${commonPasswords.size} entries`);
    for (const listed of ['123456', 'password', 'qwerty', 'dragon', 'iloveyou']) {
      assert.ok(commonPasswords.has(listed), listed);
    }
    assert.ok([...commonPasswords].every((p) => p === p.toLowerCase()));
  });

  test('the estimator has the English dictionaries and messages', () => {
    const { estimator } = loadStrengthData();
    const weak = estimator.check('password');
    assert.equal(weak.score, 0);
    assert.equal(weak.feedback.warning, 'This is a heavily used password.');
    assert.equal(estimator.check('correct horse battery staple').score, 4);
    // language-en's first names: a name alone is weak.
    assert.equal(
      estimator.check('jennifer').feedback.warning,
      'This is a frequently used password.',
    );
  });
});
