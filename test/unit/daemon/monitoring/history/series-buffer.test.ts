import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AppendResult,
  SeriesBuffer,
} from '../../../../../daemon/monitoring/history/series-buffer.js';

const T0 = Date.UTC(2025, 0, 1);

function all(buffer: SeriesBuffer, start = -Infinity, end = Infinity): [number, number][] {
  const out: [number, number][] = [];
  buffer.forEach(start, end, (t, v) => out.push([t, v]));
  return out;
}

describe('SeriesBuffer', () => {
  test('appends across many blocks and reads back exactly', () => {
    const b = new SeriesBuffer();
    const expected: [number, number][] = [];
    for (let i = 0; i < 3000; i++) {
      // regular runs, a jitter now and then, a gap every 700 samples
      const t = T0 + i * 10_000 + (i % 97 === 0 ? 7 : 0) + Math.floor(i / 700) * 3_600_000;
      const v = Math.sin(i) * 1e6;
      assert.equal(b.append(t, v), AppendResult.Added);
      expected.push([t, v]);
    }
    assert.equal(b.count, 3000);
    assert.deepEqual(all(b), expected);
    assert.equal(b.firstTime, expected[0]![0]);
    assert.equal(b.lastTime, expected[2999]![0]);
    assert.equal(b.lastValue, expected[2999]![1]);
    assert.ok(b.chunkCount > 5);
  });

  test('range reads are inclusive at both ends', () => {
    const b = new SeriesBuffer();
    for (let i = 0; i < 100; i++) b.append(T0 + i * 1000, i);
    assert.deepEqual(
      all(b, T0 + 10_000, T0 + 12_000).map(([, v]) => v),
      [10, 11, 12],
    );
    assert.deepEqual(
      all(b, T0 + 10_500, T0 + 11_500).map(([, v]) => v),
      [11],
    );
    assert.deepEqual(all(b, T0 + 200_000, T0 + 300_000), []);
  });

  test('same time overwrites, older is refused', () => {
    const b = new SeriesBuffer();
    b.append(T0, 1);
    b.append(T0 + 10, 2);
    assert.equal(b.append(T0 + 10, 3), AppendResult.Overwritten);
    assert.equal(b.append(T0 + 5, 4), AppendResult.Refused);
    assert.deepEqual(all(b), [
      [T0, 1],
      [T0 + 10, 3],
    ]);
    assert.equal(b.count, 2);
  });

  test('takeBefore hands over and removes the old samples, keeping bytes in step', () => {
    const b = new SeriesBuffer();
    for (let i = 0; i < 2000; i++) b.append(T0 + i * 1000, i);
    const bytes = b.bytes;
    const seen: number[] = [];
    assert.equal(
      b.takeBefore(T0 + 1500 * 1000, (_t, v) => seen.push(v)),
      1500,
    );
    assert.deepEqual(
      seen,
      Array.from({ length: 1500 }, (_, i) => i),
    );
    assert.equal(b.count, 500);
    assert.equal(b.firstTime, T0 + 1_500_000);
    assert.ok(b.bytes < bytes);
    assert.equal(all(b)[0]![1], 1500);
    assert.equal(b.takeBefore(T0), 0);
    assert.equal(b.takeBefore(Infinity), 500);
    assert.ok(b.empty);
    assert.equal(b.bytes, 0);
  });

  test('dropOldestChunk and chunkEnd', () => {
    const b = new SeriesBuffer();
    for (let i = 0; i < 1000; i++) b.append(T0 + i, i);
    b.takeBefore(T0 + 10);
    const end = b.chunkEnd(0);
    const removed = b.dropOldestChunk();
    assert.equal(removed, end - T0 - 10 + 1);
    assert.equal(b.count, 1000 - 10 - removed);
    assert.equal(b.firstTime, end + 1);
  });

  test('toData/from round trip, including a partly expired first block', () => {
    const b = new SeriesBuffer();
    for (let i = 0; i < 1200; i++) b.append(T0 + i * 10_000 + (i > 600 ? i % 3 : 0), i / 3);
    b.takeBefore(T0 + 100 * 10_000);
    const copy = SeriesBuffer.from(b.toData());
    assert.deepEqual(all(copy), all(b));
    assert.equal(copy.count, b.count);
    copy.append(copy.lastTime + 10_000, 42);
    assert.equal(copy.lastValue, 42);
  });

  test('from() refuses times that do not increase', () => {
    const b = new SeriesBuffer();
    for (let i = 0; i < 10; i++) b.append(T0 + i, i);
    const data = b.toData();
    assert.throws(() => SeriesBuffer.from([...data, ...data]), /strictly increase/);
  });
});
