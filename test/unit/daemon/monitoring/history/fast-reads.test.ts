// The history store's reads for the rule evaluator (selectLatest / visitLatest, scanRange) must
// give exactly what `select` implies, on every storage shape: regular and jittered blocks, several
// blocks, an expired head, rollup levels, gaps, staleness markers, NaN and -0.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import { HistoryStore } from '../../../../../daemon/monitoring/history/history-store.js';
import {
  isStaleMarker,
  writeStaleMarker,
} from '../../../../../daemon/monitoring/rules/staleness.js';
import type { LabelMatcher, RangeSeries } from '../../../../../daemon/monitoring/types.js';

const T0 = Date.UTC(2025, 0, 1);
const S = 10_000;
const M = 60_000;
const H = 3_600_000;
const D = 24 * H;

/** A staleness marker as a JS number (read from the bytes, so it keeps its payload). */
const STALE = (() => {
  const buf = new Float64Array(1);
  writeStaleMarker(buf, 0);
  return buf[0] as number;
})();

function smallStore(): HistoryStore {
  return new HistoryStore({
    retentionMs: H,
    rollups: [
      { stepMs: M, retentionMs: D },
      { stepMs: H, retentionMs: 7 * D },
    ],
  });
}

/** Three hours of varied series; compacted at `T0 + 3h` so the first two hours are rolled up. */
function variedStore(): HistoryStore {
  const store = smallStore();
  for (let i = 0; i < 3 * 360; i++) {
    const t = T0 + i * S;
    store.append('m', { s: 'regular' }, t, i % 17);
    store.append('m', { s: 'jitter' }, t + (i % 5 === 0 ? 3 : 0), -i / 3);
    // A long pause every 100 samples (a new block), and runs of missing samples.
    if (i % 100 < 70)
      store.append('m', { s: 'gappy' }, t, i % 100 === 3 ? NaN : i % 11 === 0 ? -0 : i);
    store.append('m', { s: 'stale' }, t, i % 40 === 39 ? STALE : i);
    if (i === 5) store.append('m', { s: 'single' }, t, 42);
  }
  store.compact(T0 + 3 * H);
  return store;
}

function bytes(values: Float64Array, lo: number, hi: number): number[] {
  return [...new Uint8Array(values.buffer, values.byteOffset + lo * 8, (hi - lo) * 8)];
}

interface Latest {
  labels: unknown;
  timeMs: number;
  value: number;
}

/** The instant-selector reading of `select`: each series' last sample, left-open window, no marker. */
function latestFromSelect(
  store: HistoryStore,
  name: string,
  matchers: LabelMatcher[],
  atMs: number,
  lookbackMs: number,
): Latest[] {
  const startMs = atMs - lookbackMs;
  const out: Latest[] = [];
  for (const s of store.select(name, matchers, startMs, atMs)) {
    const i = s.times.length - 1;
    if (i < 0 || (s.times[i] as number) <= startMs || isStaleMarker(s.values, i)) continue;
    out.push({ labels: s.labels, timeMs: s.times[i] as number, value: s.values[i] as number });
  }
  return out;
}

function assertSameLatest(actual: Latest[], expected: Latest[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: number of series`);
  actual.forEach((a, i) => {
    const e = expected[i] as Latest;
    assert.equal(a.labels, e.labels, `${what}: series ${i} labels`);
    assert.equal(a.timeMs, e.timeMs, `${what}: series ${i} time`);
    assert.ok(Object.is(a.value, e.value), `${what}: series ${i}: ${a.value} vs ${e.value}`);
  });
}

const MATCHER_SETS: LabelMatcher[][] = [
  [],
  [{ name: 's', op: '=~', value: 'reg.*|gappy|stale' }],
  [{ name: 's', op: '!=', value: 'jitter' }],
];

/** Evaluation times: around every interesting edge of the varied store. */
function times(): number[] {
  const out: number[] = [];
  for (let t = T0 - M; t <= T0 + 3 * H + 10 * M; t += 7 * M + 1234) out.push(t);
  for (const edge of [
    T0,
    T0 + 5 * S,
    T0 + 2 * H,
    T0 + 2 * H - M,
    T0 + 3 * H - S,
    T0 + 3 * H - S + 3,
    T0 + 39 * S,
    T0 + 40 * S,
  ]) {
    out.push(edge - 1, edge, edge + 1, edge + 0.5);
  }
  return out;
}

describe('HistoryStore.selectLatest and visitLatest', () => {
  test('give what select implies, at every time and lookback, on every storage shape', () => {
    const store = variedStore();
    let checked = 0;
    for (const matchers of MATCHER_SETS) {
      for (const atMs of times()) {
        for (const lookbackMs of [1, S, S + 1, 5 * M, H, 3 * H, 10 * D]) {
          const expected = latestFromSelect(store, 'm', matchers, atMs, lookbackMs);
          const what = `at ${atMs - T0}, lookback ${lookbackMs}`;
          assertSameLatest(store.selectLatest('m', matchers, atMs, lookbackMs), expected, what);
          const visited: Latest[] = [];
          store.visitLatest('m', matchers, atMs, lookbackMs, (labels, value, timeMs) =>
            visited.push({ labels, value, timeMs }),
          );
          assertSameLatest(visited, expected, what);
          checked += expected.length;
        }
      }
    }
    assert.ok(checked > 1000);
  });

  test('the window is (atMs - lookback, atMs]: a sample at the start is out, one at the end is in', () => {
    const store = new HistoryStore();
    store.append('up', { job: 'a' }, T0, 1);
    store.append('up', { job: 'a' }, T0 + S, 2);
    const at = (atMs: number, lookbackMs: number) =>
      store.selectLatest('up', [], atMs, lookbackMs).map((s) => [s.timeMs - T0, s.value]);
    assert.deepEqual(at(T0 + S, S), [[S, 2]]);
    assert.deepEqual(at(T0 + S - 1, S), [[0, 1]]);
    assert.deepEqual(at(T0 + S - 1, S - 1), []); // T0 is exactly the start: out
    assert.deepEqual(at(T0 + S - 1, S - 0.5), [[0, 1]]);
    assert.deepEqual(at(T0 - 1, H), []);
    assert.deepEqual(at(T0 + 10 * S, 5 * S), []);
    assert.deepEqual(store.selectLatest('up', [], T0 + S, S)[0], {
      name: 'up',
      labels: { job: 'a' },
      timeMs: T0 + S,
      value: 2,
    });
  });

  test('a staleness marker as the newest sample hides the series; an older one does not', () => {
    const store = new HistoryStore();
    store.append('up', { job: 'a' }, T0, 1);
    store.append('up', { job: 'a' }, T0 + S, STALE);
    store.append('up', { job: 'b' }, T0, NaN);
    assert.ok(
      isStaleMarker((store.select('up', [], T0, T0 + S)[0] as RangeSeries).values, 1),
      'select keeps the marker',
    );
    assert.deepEqual(
      store.selectLatest('up', [], T0 + S, 5 * M).map((s) => s.labels.job),
      ['b'],
    ); // a plain NaN is a value
    assert.ok(Number.isNaN(store.selectLatest('up', [], T0 + S, 5 * M)[0]?.value));
    assert.deepEqual(
      store.selectLatest('up', [], T0 + S - 1, 5 * M).map((s) => [s.labels.job, s.value]),
      [
        ['a', 1],
        ['b', NaN],
      ],
    );
    store.append('up', { job: 'a' }, T0 + 2 * S, 3);
    assert.deepEqual(
      store.selectLatest('up', [], T0 + 2 * S, 5 * M).map((s) => [s.labels.job, s.value]),
      [
        ['a', 3],
        ['b', NaN],
      ],
    );
  });

  test('after a fold, the newest point is the rollup average select gives, with its bucket time', () => {
    const store = smallStore();
    for (let i = 0; i < 6; i++) store.append('m', {}, T0 + i * S, i);
    store.compact(T0 + 2 * H);
    assert.deepEqual(store.selectLatest('m', [], T0 + 2 * H, 5 * H), [
      { name: 'm', labels: {}, timeMs: T0, value: 2.5 },
    ]);
    assertSameLatest(
      store.selectLatest('m', [], T0 + 2 * H, 5 * H),
      latestFromSelect(store, 'm', [], T0 + 2 * H, 5 * H),
      'rollup',
    );
  });

  test('fails as select does', () => {
    const store = variedStore();
    assert.throws(
      () => store.selectLatest('m', [{ name: 's', op: '=~', value: '(' }], T0, M),
      InvalidInputError,
    );
    assert.throws(
      () => store.selectLatest('none', [{ name: 's', op: '=~', value: '(' }], T0, M),
      InvalidInputError,
    );
    assert.throws(() => store.selectLatest('m', [], NaN, M), TypeError);
    assert.throws(() => store.selectLatest('m', [], T0, NaN), TypeError);
    assert.deepEqual(store.selectLatest('none', [], T0, M), []);
  });
});

describe('HistoryStore.scanRange', () => {
  test('visits exactly the series, times and value bytes select returns', () => {
    const store = variedStore();
    let windows = 0;
    for (const matchers of MATCHER_SETS) {
      for (const endMs of times()) {
        for (const rangeMs of [0, 1, S, 5 * M, H + 1, 3 * H, 10 * D]) {
          const startMs = endMs - rangeMs;
          const expected = store.select('m', matchers, startMs, endMs);
          const seen: Array<{
            labels: unknown;
            times: number[];
            bytes: number[];
            noNaN: boolean | undefined;
            hasNaN: boolean;
          }> = [];
          store.scanRange('m', matchers, startMs, endMs, (w) => {
            assert.equal(w.name, 'm');
            const values = [...w.values.subarray(w.lo, w.hi)];
            seen.push({
              labels: w.labels,
              times: [...w.times.subarray(w.lo, w.hi)],
              bytes: bytes(w.values, w.lo, w.hi),
              noNaN: w.noNaN,
              hasNaN: values.some(Number.isNaN),
            });
          });
          const what = `[${startMs - T0}, ${endMs - T0}]`;
          assert.equal(seen.length, expected.length, `${what}: number of series`);
          seen.forEach((s, i) => {
            const e = expected[i] as RangeSeries;
            assert.equal(s.labels, e.labels, what);
            assert.deepEqual(s.times, [...e.times], what);
            assert.deepEqual(s.bytes, bytes(e.values, 0, e.values.length), what);
            if (s.noNaN === true) assert.ok(!s.hasNaN, `${what}: noNaN with a NaN`);
          });
          windows += seen.length;
        }
      }
    }
    assert.ok(windows > 1000);
  });

  test('noNaN is set for clean blocks, and a NaN anywhere in the block clears it for good', () => {
    const store = new HistoryStore();
    for (let i = 0; i < 10; i++) store.append('m', {}, T0 + i * S, i);
    const flags = (): Array<boolean | undefined> => {
      const out: Array<boolean | undefined> = [];
      store.scanRange('m', [], T0 + 5 * S, T0 + 20 * S, (w) => out.push(w.noNaN));
      return out;
    };
    assert.deepEqual(flags(), [true]);
    store.append('m', {}, T0 + 10 * S, NaN);
    store.append('m', {}, T0 + 10 * S, 1); // overwritten, still counted
    assert.deepEqual(flags(), [false]);
  });

  test('fails as select does', () => {
    const store = variedStore();
    assert.throws(
      () => store.scanRange('m', [{ name: 's', op: '=~', value: '(' }], T0, T0 + M, () => {}),
      InvalidInputError,
    );
    assert.throws(() => store.scanRange('m', [], NaN, T0, () => {}), TypeError);
  });
});

describe('HistoryStore.select at full resolution', () => {
  test('keeps NaN payloads (a staleness marker stays one) and -0', () => {
    const store = new HistoryStore();
    // (Not through an array literal: a JS array of doubles does not keep NaN payloads.)
    store.append('m', {}, T0, 1);
    store.append('m', {}, T0 + S, STALE);
    store.append('m', {}, T0 + 2 * S, -0);
    store.append('m', {}, T0 + 3 * S, NaN);
    const [series] = store.select('m', [], T0, T0 + 3 * S);
    assert.ok(series !== undefined);
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => isStaleMarker(series.values, i)),
      [false, true, false, false],
    );
    assert.ok(Object.is(series.values[2], -0));
  });

  test('series of one call may share a buffer but never overlap', () => {
    const store = new HistoryStore();
    for (let i = 0; i < 30; i++)
      for (const host of ['a', 'b', 'c']) store.append('m', { host }, T0 + i * S, i);
    const all = store.select('m', [], T0, T0 + H);
    for (const s of all) s.values.fill(-1);
    for (const s of all)
      assert.deepEqual(
        [...s.times],
        Array.from({ length: 30 }, (_, i) => T0 + i * S),
      );
    assert.deepEqual(
      [
        ...(store.select('m', [{ name: 'host', op: '=', value: 'b' }], T0, T0 + H)[0]?.values ??
          []),
      ],
      Array.from({ length: 30 }, (_, i) => i),
    );
  });
});

describe('HistoryStore.version', () => {
  test('changes with every append, compaction and eviction, and not with reads', () => {
    const store = smallStore();
    let last = store.version;
    const changed = (): boolean => {
      const now = store.version;
      const moved = now !== last;
      last = now;
      return moved;
    };
    store.append('m', {}, T0, 1);
    assert.ok(changed());
    store.append('m', {}, T0, 2); // an overwrite
    assert.ok(changed());
    store.select('m', [], T0, T0 + H);
    store.selectLatest('m', [], T0, H);
    store.scanRange('m', [], T0, T0 + H, () => {});
    store.latest('m');
    assert.ok(!changed());
    store.appendBatch([{ name: 'm', labels: { a: '1' }, timeMs: T0, value: 1 }]);
    assert.ok(changed());
    store.compact(T0 + 2 * H);
    assert.ok(changed());
  });
});
