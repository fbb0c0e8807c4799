import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csrfTokenFor } from '../../../../../daemon/http/auth/csrf-token.js';

describe('csrfTokenFor', () => {
  it('is stable per session and differs between sessions and secrets', () => {
    const a = csrfTokenFor('cbs_one', 's_1');
    assert.equal(a, csrfTokenFor('cbs_one', 's_1'));
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, csrfTokenFor('cbs_one', 's_2'));
    assert.notEqual(a, csrfTokenFor('cbs_two', 's_1'));
    assert.ok(!a.includes('cbs_one'));
  });

  it('refuses empty inputs with a TypeError', () => {
    assert.throws(() => csrfTokenFor('', 's'), {
      name: 'TypeError',
      message: '"sessionSecret" must be a non-empty string',
    });
    assert.throws(() => csrfTokenFor('x', ''), {
      name: 'TypeError',
      message: '"sessionId" must be a non-empty string',
    });
  });
});
