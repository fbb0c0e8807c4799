import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeNext } from '../../../../../daemon/http/auth/next-path.js';

describe('safeNext', () => {
  it('keeps local paths with their query', () => {
    assert.equal(safeNext('/metrics/cpu?range=1h'), '/metrics/cpu?range=1h');
    assert.equal(safeNext('/'), '/');
  });

  it('sends anything else home: other hosts, schemes, backslashes, control characters, the login itself', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\tx',
      '',
      undefined,
      42,
      '/login?next=/x',
      `/${'a'.repeat(3000)}`,
    ])
      assert.equal(safeNext(bad), '/', String(bad));
  });
});
