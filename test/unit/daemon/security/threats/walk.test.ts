import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bounded, childPath, walkStrings } from '../../../../../daemon/security/threats/walk.js';

function collect(request: unknown, limits?: Parameters<typeof walkStrings>[2]): string[] {
  const seen: string[] = [];
  walkStrings(request, (path, value) => {
    seen.push(`${path()}=${value}`);
    return false;
  }, limits);
  return seen;
}

describe('walk', () => {
  test('visits strings in order with field paths', () => {
    assert.deepEqual(collect({ a: { b: ['x', 1, 'y'] }, c: 'z', 'd.e': 'w' }), ['a.b[0]=x', 'a.b[2]=y', 'c=z', '["d.e"]=w']);
    assert.deepEqual(collect('root'), ['$=root']);
    assert.deepEqual(collect([['a']]), ['[0][0]=a']);
  });

  test('respects depth and count limits and survives cycles', () => {
    const deep = { a: { b: { c: 'x' } } };
    assert.deepEqual(collect(deep, { maxDepth: 2, maxStrings: 10, maxStringLength: 100 }), []);
    assert.equal(collect(Array.from({ length: 100 }, () => 's'), { maxDepth: 5, maxStrings: 10, maxStringLength: 100 }).length, 10);
    const cyclic: Record<string, unknown> = { s: 'v' };
    cyclic.me = cyclic;
    assert.deepEqual(collect(cyclic), ['s=v']);
  });

  test('keeps both ends of long strings', () => {
    const long = 'h' + 'x'.repeat(1000) + 't';
    const cut = bounded(long, 100);
    assert.ok(cut.length <= 101 && cut.startsWith('h') && cut.endsWith('t'));
    assert.equal(childPath('', 'a'), 'a');
    assert.equal(childPath('a', '0x'), 'a["0x"]');
  });
});
