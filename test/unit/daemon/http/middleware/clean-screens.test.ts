import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CleanScreens } from '../../../../../daemon/http/middleware/clean-screens.js';

describe('CleanScreens', () => {
  it('keys hold every screened part, so different requests never share one', () => {
    const memo = new CleanScreens();
    const headers = { 'user-agent': 'curl/8', referer: 'http://x/' };
    assert.equal(memo.keyOf('/a', 'q=1', headers), '/a\nq=1\nuser-agent:curl/8\nreferer:http://x/');
    const keys = [
      memo.keyOf('/a', 'q=1', headers),
      memo.keyOf('/a', 'q=2', headers),
      memo.keyOf('/a?q=1', '', headers),
      memo.keyOf('/a', 'q=1', { 'user-agent': 'curl/8' }),
      memo.keyOf('/a', 'q=1', { 'user-agent': 'curl/8', referer: 'http://y/' }),
      memo.keyOf('/a', 'q=1', {}),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });

  it('keys only the screened headers with a value, read in place', () => {
    const memo = new CleanScreens();
    const headers = { host: 'x', 'user-agent': 'curl/8', cookie: 'a=1', referer: undefined };
    assert.equal(
      memo.keyOf('/a', '', headers, (name) => name !== 'host' && name !== 'cookie'),
      '/a\n\nuser-agent:curl/8',
    );
  });

  it('remembers what it is told and nothing else', () => {
    const memo = new CleanScreens();
    const key = memo.keyOf('/api/v1/health', '', {}) as string;
    assert.equal(memo.has(key), false);
    memo.add(key);
    assert.equal(memo.has(key), true);
    assert.equal(memo.has(`${key} `), false);
    memo.clear();
    assert.equal(memo.has(key), false);
  });

  it('keeps no key longer than its limit', () => {
    const memo = new CleanScreens(8, 40);
    assert.equal(memo.keyOf('/x', '', { a: 'b'.repeat(40) }), null);
    assert.equal(memo.keyOf(`/${'p'.repeat(40)}`, '', {}), null);
    assert.equal(memo.keyOf('/x', '', { a: 'b' }), '/x\n\na:b');
  });

  it('drops the least recently used key past its bound', () => {
    const memo = new CleanScreens(2);
    memo.add('a');
    memo.add('b');
    assert.equal(memo.has('a'), true); // a is now the most recent
    memo.add('c');
    assert.equal(memo.size, 2);
    assert.deepEqual(
      ['a', 'b', 'c'].map((k) => memo.has(k)),
      [true, false, true],
    );
  });

  it('refuses bounds that are not positive integers', () => {
    assert.throws(() => new CleanScreens(0), {
      message: '"maxEntries" must be a positive integer',
    });
    assert.throws(() => new CleanScreens(1, 1.5), {
      message: '"maxKeyLength" must be a positive integer',
    });
  });
});
