import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MAX_CHUNK_CAPACITY,
  MIN_CHUNK_CAPACITY,
  SampleChunk,
} from '../../../../../daemon/monitoring/history/sample-chunk.js';

const T0 = Date.UTC(2025, 0, 1);

function times(chunk: SampleChunk): number[] {
  return Array.from({ length: chunk.length }, (_, i) => chunk.timeAt(i));
}

describe('SampleChunk', () => {
  test('a regular block stores no times and learns its step', () => {
    const c = new SampleChunk(T0 + 3, 1);
    for (let i = 1; i < 5; i++) assert.ok(c.push(T0 + 3 + i * 15_000, i + 1));
    assert.equal(c.offsets, null);
    assert.equal(c.step, 15_000);
    assert.deepEqual(
      times(c),
      [0, 1, 2, 3, 4].map((i) => T0 + 3 + i * 15_000),
    );
    assert.deepEqual([...c.values.subarray(0, 5)], [1, 2, 3, 4, 5]);
  });

  test('jitter switches to exact int32 offsets', () => {
    const c = new SampleChunk(T0, 0);
    c.push(T0 + 10_000, 1);
    c.push(T0 + 20_007, 2);
    c.push(T0 + 29_998, 3);
    assert.notEqual(c.offsets, null);
    assert.deepEqual(times(c), [T0, T0 + 10_000, T0 + 20_007, T0 + 29_998]);
  });

  test('a short block converts on a gap, a longer one asks to be sealed', () => {
    const short = new SampleChunk(T0, 0);
    short.push(T0 + 10_000, 1);
    assert.ok(short.push(T0 + 50_000, 2));
    assert.deepEqual(times(short), [T0, T0 + 10_000, T0 + 50_000]);
    const long = new SampleChunk(T0, 0);
    for (let i = 1; i < 10; i++) long.push(T0 + i * 10_000, i);
    assert.equal(long.push(T0 + 20 * 10_000, 99), false);
    assert.equal(long.length, 10);
  });

  test('grows by doubling, refuses past the maximum, seals to its length', () => {
    const c = new SampleChunk(T0, 0);
    assert.equal(c.values.length, MIN_CHUNK_CAPACITY);
    let i = 1;
    while (c.push(T0 + i * 1000, i)) i++;
    assert.equal(c.length, MAX_CHUNK_CAPACITY);
    assert.equal(c.values.length, MAX_CHUNK_CAPACITY);
    const d = new SampleChunk(T0, 0);
    for (let k = 1; k < 20; k++) d.push(T0 + k * 1000, k);
    assert.equal(d.values.length, 32);
    const before = d.bytes;
    d.seal();
    assert.equal(d.values.length, 20);
    assert.equal(before - d.bytes, 12 * 8);
  });

  test('refuses a sample too far for int32 offsets', () => {
    const c = new SampleChunk(T0, 0);
    assert.equal(c.push(T0 + 2 ** 31, 1), false);
  });

  test('indexAtOrAfter in both encodings', () => {
    const r = new SampleChunk(T0, 0);
    for (let i = 1; i < 5; i++) r.push(T0 + i * 10, i);
    assert.equal(r.indexAtOrAfter(T0 - 5), 0);
    assert.equal(r.indexAtOrAfter(T0 + 10), 1);
    assert.equal(r.indexAtOrAfter(T0 + 11), 2);
    assert.equal(r.indexAtOrAfter(T0 + 100), 5);
    const e = new SampleChunk(T0, 0);
    [3, 17, 30].forEach((d, i) => e.push(T0 + d, i));
    assert.equal(e.indexAtOrAfter(T0 + 4), 2);
    assert.equal(e.indexAtOrAfter(T0 + 30), 3);
  });

  test('data(from) re-bases times and round-trips through from()', () => {
    for (const jitter of [0, 3]) {
      const c = new SampleChunk(T0, 0.5);
      for (let i = 1; i < 10; i++) c.push(T0 + i * 1000 + (i % 2) * jitter, i + 0.5);
      const data = c.data(4);
      const back = SampleChunk.from(data);
      assert.deepEqual(times(back), times(c).slice(4));
      assert.deepEqual([...back.values], [...c.values.subarray(4, 10)]);
    }
  });
});
