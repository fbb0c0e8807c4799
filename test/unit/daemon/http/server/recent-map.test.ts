import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecentMap } from '../../../../../daemon/http/server/recent-map.js';

describe('RecentMap', () => {
  it('keeps at most its bound, dropping the least recently used (exact for a bound of 2)', () => {
    const map = new RecentMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    assert.equal(map.get('a'), 1); // a is now the most recent
    map.set('c', 3);
    assert.equal(map.size, 2);
    assert.deepEqual(
      [...map],
      [
        ['a', 1],
        ['c', 3],
      ],
    );
    assert.equal(map.has('b'), false);
  });

  it('moves a used key only once half the bound was placed after it', () => {
    const map = new RecentMap<string, number>(4);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, i);
    // Placed after c: only d (1 < 2) — c stays where it is.
    map.get('c');
    assert.deepEqual(
      [...map].map(([key]) => key),
      ['a', 'b', 'c', 'd'],
    );
    // Placed after a: b, c, d (3 >= 2) — a moves to the recent end.
    assert.equal(map.has('a'), true);
    assert.deepEqual(
      [...map].map(([key]) => key),
      ['b', 'c', 'd', 'a'],
    );
    // A used key survives at least half the bound of new keys.
    map.set('e', 4);
    map.set('f', 5);
    assert.deepEqual(
      [...map].map(([key]) => key),
      ['d', 'a', 'e', 'f'],
    );
  });

  it('sets an existing key in place, deletes and clears', () => {
    const map = new RecentMap<string, number>(3);
    map.set('a', 1);
    map.set('a', 2);
    assert.equal(map.size, 1);
    assert.equal(map.get('a'), 2);
    assert.equal(map.get('missing'), undefined);
    assert.equal(map.has('missing'), false);
    assert.equal(map.delete('a'), true);
    assert.equal(map.delete('a'), false);
    map.set('b', 1);
    map.clear();
    assert.equal(map.size, 0);
  });

  it('lets the current key be deleted while iterating', () => {
    const map = new RecentMap<string, number>(5);
    for (const [i, key] of ['a', 'b', 'c'].entries()) map.set(key, i);
    for (const [key, value] of map) if (value !== 1) map.delete(key);
    assert.deepEqual([...map], [['b', 1]]);
  });

  it('refuses a bound that is not a positive integer', () => {
    for (const max of [0, -1, 1.5, Number.NaN])
      assert.throws(() => new RecentMap(max), {
        name: 'TypeError',
        message: '"max" must be a positive integer',
      });
  });
});
