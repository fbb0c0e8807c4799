import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RollupBuffer } from '../../../../../daemon/monitoring/history/rollup.js';

const T0 = Date.UTC(2025, 0, 1);
const M = 60_000;

function points(b: RollupBuffer, start = -Infinity, end = Infinity): number[][] {
  const out: number[][] = [];
  b.forEach(start, end, (...p) => out.push(p));
  return out;
}

describe('RollupBuffer', () => {
  test('adds, merges the newest bucket and ignores older ones', () => {
    const b = new RollupBuffer(M);
    b.add(T0, 1, 2, 3, 2, 2);
    b.add(T0 + M, 5, 5, 5, 1, 5);
    b.add(T0 + M, 4, 6, 10, 2, 6);
    b.add(T0, 0, 0, 0, 1, 0); // older: cannot fold in any more
    b.add(T0 + 2 * M, 1, 1, 1, 0, 1); // no samples
    assert.deepEqual(points(b), [
      [T0, 1, 2, 3, 2, 2],
      [T0 + M, 4, 6, 15, 3, 6],
    ]);
    assert.equal(b.count, 2);
    assert.equal(b.lastValue, 6);
    assert.equal(b.firstTime, T0);
    assert.equal(b.lastTime, T0 + M);
  });

  test('many blocks, gaps, range reads, takeBefore, drop', () => {
    const b = new RollupBuffer(M);
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = T0 + (i + (i > 500 ? 10_000 : 0)) * M;
      b.add(t, i, i, i, 1, i);
      times.push(t);
    }
    assert.ok(b.chunkCount >= 4);
    assert.deepEqual(
      points(b).map((p) => p[0]),
      times,
    );
    assert.deepEqual(
      points(b, times[10]!, times[12]!).map((p) => p[1]),
      [10, 11, 12],
    );
    const seen: number[] = [];
    assert.equal(
      b.takeBefore(times[300]!, (_t, min) => seen.push(min)),
      300,
    );
    assert.equal(seen.length, 300);
    assert.equal(b.count, 700);
    assert.equal(b.firstTime, times[300]);
    const removed = b.dropOldestChunk();
    assert.equal(b.count, 700 - removed);
    assert.equal(b.takeBefore(Infinity), 700 - removed);
    assert.equal(b.bytes, 0);
  });

  test('toData/from round trip; from() checks alignment and order', () => {
    const b = new RollupBuffer(M);
    for (let i = 0; i < 600; i++) b.add(T0 + i * M, -i, i, i * 1.5, 3, i / 7);
    b.takeBefore(T0 + 20 * M);
    const copy = RollupBuffer.from(M, b.toData());
    assert.deepEqual(points(copy), points(b));
    const data = b.toData();
    assert.throws(() => RollupBuffer.from(M, [{ ...data[0]!, base: T0 + 1 }]), /aligned/);
    assert.throws(() => RollupBuffer.from(M, [...data, ...data]), /strictly increase/);
    assert.throws(
      () => RollupBuffer.from(M, [{ ...data[0]!, fields: data[0]!.fields.subarray(1) }]),
      /sizes disagree/,
    );
  });
});
