import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { show } from '../../../../../daemon/monitoring/checks/fields.js';

describe('show', () => {
  it('shows a value as JSON, cut at 60 characters', () => {
    assert.equal(show('web'), '"web"');
    assert.equal(show(42), '42');
    assert.equal(show(undefined), 'nothing');
    assert.equal(
      show(() => 1),
      'a function',
    );
    assert.equal(show('x'.repeat(100)), `"${'x'.repeat(58)}…`);
  });

  it('describes what JSON cannot show instead of overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 50_000; i++) deep = [deep];
    assert.equal(show(deep), 'a list');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    assert.equal(show(cyclic), 'an object');
    assert.equal(show(10n), '10');
  });
});
