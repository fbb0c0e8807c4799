// The pieces under the history store's fast reads, against the plain visitors they shortcut.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SampleChunk } from '../../../../../daemon/monitoring/history/sample-chunk.js';
import { Series, seriesKey } from '../../../../../daemon/monitoring/history/series.js';
import { emptySpan, SeriesBuffer } from '../../../../../daemon/monitoring/history/series-buffer.js';
import { SeriesIndex } from '../../../../../daemon/monitoring/history/series-index.js';
import { resolveHistoryOptions } from '../../../../../daemon/monitoring/history/options.js';

const T0 = Date.UTC(2025, 0, 1);
const S = 10_000;

function chunkTimes(chunk: SampleChunk): number[] {
  return Array.from({ length: chunk.length }, (_, i) => chunk.timeAt(i));
}

describe('SampleChunk.indexAfter and fillTimes', () => {
  test('agree with timeAt for regular, explicit and one-sample blocks, at and between the times', () => {
    const regular = new SampleChunk(T0, 0);
    for (let i = 1; i < 10; i++) regular.push(T0 + i * S, i);
    const explicit = new SampleChunk(T0, 0);
    for (let i = 1; i < 10; i++) explicit.push(T0 + i * S + (i % 3 === 0 ? 7 : 0), i);
    assert.ok(explicit.offsets !== null && regular.offsets === null);
    const single = new SampleChunk(T0, 0);
    for (const chunk of [regular, explicit, single]) {
      const times = chunkTimes(chunk);
      for (const t of [
        -Infinity,
        T0 - 1,
        ...times.flatMap((x) => [x - 1, x - 0.5, x, x + 0.5, x + 1]),
        Infinity,
      ]) {
        assert.equal(chunk.indexAfter(t), times.filter((x) => x <= t).length, `after ${t - T0}`);
      }
      const out = new Float64Array(chunk.length).fill(-1);
      chunk.fillTimes(out, 1, chunk.length - 1);
      assert.deepEqual(
        [...out],
        times.map((x, i) => (i >= 1 && i < chunk.length - 1 ? x : -1)),
      );
    }
  });

  test('nan is set by any NaN that was ever stored, from the constructor, push, overwrite or a snapshot', () => {
    assert.equal(new SampleChunk(T0, 1).nan, false);
    assert.equal(new SampleChunk(T0, NaN).nan, true);
    const c = new SampleChunk(T0, 1);
    c.push(T0 + S, 2);
    assert.equal(c.nan, false);
    c.overwriteLast(NaN);
    c.overwriteLast(3);
    assert.equal(c.nan, true);
    assert.equal(
      SampleChunk.from({ start: T0, step: S, values: new Float64Array([1, 2]), offsets: null }).nan,
      false,
    );
    assert.equal(
      SampleChunk.from({ start: T0, step: S, values: new Float64Array([1, NaN]), offsets: null })
        .nan,
      true,
    );
  });
});

describe('SeriesBuffer fast reads', () => {
  function buffer(): SeriesBuffer {
    const b = new SeriesBuffer();
    for (let i = 0; i < 1500; i++)
      b.append(T0 + i * S + (i % 97 === 0 ? 7 : 0) + Math.floor(i / 600) * 3_600_000, i);
    b.takeBefore(T0 + 20 * S + 1); // a partly expired first block
    return b;
  }

  function plain(b: SeriesBuffer, start: number, end: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    b.forEach(start, end, (t, v) => out.push([t, v]));
    return out;
  }

  const all = plain(buffer(), -Infinity, Infinity);
  const probes = [
    -Infinity,
    T0,
    ...all
      .filter((_, i) => i % 89 === 0 || i === 580 || i === 581 || i === all.length - 1)
      .flatMap(([t]) => [t - 1, t, t + 1]),
    Infinity,
  ];

  test('lastAtOrBefore finds the newest sample at or before a time', () => {
    const b = buffer();
    const span = emptySpan();
    for (const t of probes) {
      const expected = plain(b, -Infinity, t).pop();
      assert.equal(b.lastAtOrBefore(t, span), expected !== undefined, `at ${t}`);
      if (expected === undefined) continue;
      assert.equal(span.hi, span.lo + 1);
      assert.deepEqual([span.chunk?.timeAt(span.lo), span.chunk?.values[span.lo]], expected);
    }
  });

  test('countRange, copyRange and spanOf give what forEach visits', () => {
    const b = buffer();
    const span = emptySpan();
    let inOneBlock = 0;
    let spread = 0;
    for (const start of probes) {
      for (const end of probes) {
        const expected = start <= end ? plain(b, start, end) : [];
        const n = b.countRange(start, end);
        assert.equal(n, expected.length, `[${start}, ${end}]`);
        const times = new Float64Array(n);
        const values = new Float64Array(n);
        b.copyRange(start, end, times, values);
        assert.deepEqual(
          [...times].map((t, i) => [t, values[i]]),
          expected,
        );
        if (b.spanOf(start, end, span)) {
          inOneBlock++;
          const got =
            span.chunk === null
              ? []
              : Array.from({ length: span.hi - span.lo }, (_, i) => [
                  span.chunk!.timeAt(span.lo + i),
                  span.chunk!.values[span.lo + i],
                ]);
          assert.deepEqual(got, expected, `span [${start}, ${end}]`);
        } else {
          spread++;
          assert.ok(expected.length > 1);
        }
      }
    }
    assert.ok(inOneBlock > 100 && spread > 100);
  });
});

describe('Series.fullOnlyFrom', () => {
  test('is false exactly when collect would visit a rollup point', () => {
    const options = resolveHistoryOptions({
      retentionMs: 3_600_000,
      rollups: [{ stepMs: 60_000, retentionMs: 86_400_000 }],
    });
    const series = new Series(
      'm',
      {},
      seriesKey({}),
      options.rollups.map((l) => l.stepMs),
    );
    for (let i = 0; i < 1000; i++) series.append(T0 + i * S, i);
    assert.ok(series.fullOnlyFrom(T0));
    series.compact(T0 + 2 * 3_600_000, options);
    for (let t = T0 - 60_000; t < T0 + 1000 * S; t += 7_777) {
      let rollup = false;
      series.collectLevels(t, Infinity, () => (rollup = true));
      assert.equal(series.fullOnlyFrom(t), !rollup, `from ${t - T0}`);
    }
  });
});

describe('SeriesIndex.matchingView', () => {
  test('follows adds and removes, and never hands out a list that changes under the reader', () => {
    const index = new SeriesIndex();
    const make = (host: string): Series => new Series('up', { host }, seriesKey({ host }), []);
    const a = make('a');
    const b = make('b');
    index.add(a);
    const first = index.matchingView('up', []);
    assert.deepEqual(first, [a]);
    index.add(b);
    assert.deepEqual(first, [a]);
    assert.deepEqual(index.matchingView('up', []), [a, b]);
    assert.deepEqual(index.matchingView('up', [{ name: 'host', op: '=', value: 'b' }]), [b]);
    index.remove(a);
    assert.deepEqual(index.matchingView('up', []), [b]);
    index.remove(b);
    assert.deepEqual(index.matchingView('up', []), []);
    assert.deepEqual(index.names(), []);
    assert.throws(() => index.matchingView('up', [{ name: 'host', op: '=~', value: '(' }]));
  });
});
