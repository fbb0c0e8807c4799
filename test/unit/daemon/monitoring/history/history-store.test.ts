import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import { HistoryStore } from '../../../../../daemon/monitoring/history/history-store.js';
import { SnapshotError } from '../../../../../daemon/monitoring/history/snapshot.js';
import type { RangeSeries } from '../../../../../daemon/monitoring/types.js';

const T0 = Date.UTC(2025, 0, 1);
const S = 10_000;
const M = 60_000;
const H = 3_600_000;
const D = 24 * H;

function values(series: RangeSeries | undefined): number[] {
  return [...(series?.values ?? [])];
}

function offsets(series: RangeSeries | undefined): number[] {
  return [...(series?.times ?? [])].map((t) => t - T0);
}

/** Small retention so rollups happen in a test: 10 s samples for 1 h, 1-min for 1 day, 1-h for 1 week. */
function smallStore(extra = {}): HistoryStore {
  return new HistoryStore({
    retentionMs: H,
    rollups: [
      { stepMs: M, retentionMs: D },
      { stepMs: H, retentionMs: 7 * D },
    ],
    ...extra,
  });
}

describe('HistoryStore: append and select', () => {
  test('values and times come back exactly', () => {
    const store = new HistoryStore();
    const input = [
      0,
      -0,
      0.1 + 0.2,
      NaN,
      Infinity,
      -Infinity,
      Number.MIN_VALUE,
      Number.MAX_VALUE,
      -1e-300,
      42,
    ];
    input.forEach((v, i) => assert.equal(store.append('m', { a: '1' }, T0 + i * S, v), true));
    const [series] = store.select('m', [], T0, T0 + 9 * S);
    assert.equal(series!.name, 'm');
    assert.deepEqual(series!.labels, { a: '1' });
    assert.ok(values(series).every((v, i) => Object.is(v, input[i])));
    assert.deepEqual(
      offsets(series),
      input.map((_, i) => i * S),
    );
    assert.ok(series!.times instanceof Float64Array && series!.values instanceof Float64Array);
  });

  test('the range is inclusive and a series with nothing in it is left out', () => {
    const store = new HistoryStore();
    for (let i = 0; i < 10; i++) store.append('m', {}, T0 + i * S, i);
    assert.deepEqual(values(store.select('m', [], T0 + 2 * S, T0 + 4 * S)[0]), [2, 3, 4]);
    assert.deepEqual(values(store.select('m', [], T0 + 2 * S + 1, T0 + 4 * S - 1)[0]), [3]);
    assert.deepEqual(store.select('m', [], T0 + 100 * S, T0 + 200 * S), []);
    assert.deepEqual(store.select('other', [], 0, Infinity), []);
  });

  test('gaps and jitter keep exact times', () => {
    const store = new HistoryStore();
    const times = [0, S, 2 * S, 7 * S, 8 * S + 3, 9 * S - 2, 10 * S, 2 * H, 2 * H + S];
    for (let i = 0; i < 40; i++) times.push(3 * H + i * S);
    times.forEach((t, i) => store.append('m', {}, T0 + t, i));
    const [series] = store.select('m', [], T0, T0 + 4 * H);
    assert.deepEqual(offsets(series), times);
    assert.deepEqual(
      values(series),
      times.map((_, i) => i),
    );
  });

  test('fractional times are rounded to the millisecond', () => {
    const store = new HistoryStore();
    store.append('m', {}, T0 + 0.4, 1);
    store.append('m', {}, T0 + 10.6, 2);
    assert.deepEqual(offsets(store.select('m', [], T0, T0 + 20)[0]), [0, 11]);
  });

  test('an older sample is ignored and counted; the same time overwrites', () => {
    const store = new HistoryStore();
    store.append('m', {}, T0 + 2 * S, 1);
    assert.equal(store.append('m', {}, T0 + S, 9), false);
    assert.equal(store.append('m', {}, T0 + 2 * S, 2), true);
    store.append('m', {}, T0 + 3 * S, 3);
    assert.deepEqual(values(store.select('m', [], 0, Infinity)[0]), [2, 3]);
    const stats = store.stats();
    assert.equal(stats.samples, 2);
    assert.equal(stats.dropped.outOfOrder, 1);
  });

  test('series are told apart by labels, not label order', () => {
    const store = new HistoryStore();
    store.append('m', { a: '1', b: '2' }, T0, 1);
    store.append('m', { b: '2', a: '1' }, T0 + S, 2);
    store.append('m', { a: '1' }, T0, 3);
    assert.equal(store.stats().series, 2);
    assert.deepEqual(store.seriesOf('m'), [{ a: '1', b: '2' }, { a: '1' }]);
  });

  test('appendBatch checks everything before storing anything', () => {
    const store = new HistoryStore();
    const ok = { name: 'm', labels: {}, timeMs: T0, value: 1 };
    assert.throws(() => store.appendBatch([ok, { ...ok, timeMs: NaN }]), TypeError);
    assert.equal(store.stats().samples, 0);
    assert.equal(store.appendBatch([ok, { ...ok, timeMs: T0 + S }, { ...ok, timeMs: T0 - S }]), 2);
  });

  test('wrong use is a TypeError', () => {
    const store = new HistoryStore();
    assert.throws(() => store.append('', {}, T0, 1), TypeError);
    assert.throws(() => store.append('m', { a: 1 } as never, T0, 1), TypeError);
    assert.throws(() => store.select('m', [], NaN, 1), TypeError);
    assert.throws(() => store.compact(NaN), TypeError);
    assert.throws(() => new HistoryStore({ maxSeries: 0 }), /maxSeries/);
  });
});

describe('HistoryStore: matchers, names, latest', () => {
  const store = new HistoryStore();
  store.append('up', { job: 'api', instance: 'a-1' }, T0, 1);
  store.append('up', { job: 'api', instance: 'a-10' }, T0, 2);
  store.append('up', { job: 'db', instance: 'd-1' }, T0, 3);
  store.append('up', { instance: 'x' }, T0, 4);
  store.append('up', { instance: 'x' }, T0 + S, 5);
  store.append('load', {}, T0, 0.5);

  function pick(matchers: Parameters<HistoryStore['select']>[1]): number[] {
    return store.select('up', matchers, 0, Infinity).map((s) => s.values[0]!);
  }

  test('the four operators, anchored regexes, the empty value', () => {
    assert.deepEqual(pick([{ name: 'job', op: '=', value: 'api' }]), [1, 2]);
    assert.deepEqual(pick([{ name: 'job', op: '!=', value: 'api' }]), [3, 4]);
    assert.deepEqual(pick([{ name: 'instance', op: '=~', value: 'a-1' }]), [1]);
    assert.deepEqual(pick([{ name: 'instance', op: '!~', value: 'a-.*' }]), [3, 4]);
    assert.deepEqual(pick([{ name: 'job', op: '=', value: '' }]), [4]);
    assert.throws(
      () => store.select('up', [{ name: 'job', op: '=~', value: '[' }], 0, 1),
      InvalidInputError,
    );
  });

  test('names, seriesOf, latest', () => {
    assert.deepEqual(store.names().sort(), ['load', 'up']);
    assert.equal(store.seriesOf('up').length, 4);
    assert.deepEqual(store.seriesOf('none'), []);
    assert.deepEqual(store.latest('up', [{ name: 'instance', op: '=', value: 'x' }]), [
      { name: 'up', labels: { instance: 'x' }, timeMs: T0 + S, value: 5 },
    ]);
    assert.equal(store.latest('up').length, 4);
  });
});

describe('HistoryStore: retention and rollups', () => {
  test('without rollups, compact(now) expires what is past retention and forgets empty series', () => {
    const store = new HistoryStore({ retentionMs: H, rollups: [] });
    for (let i = 0; i < 720; i++) store.append('m', {}, T0 + i * S, i); // 2 h
    store.append('gone', {}, T0, 1);
    const result = store.compact(T0 + 2 * H);
    assert.deepEqual(result, { folded: 0, expired: 360 + 1, evicted: 0, removedSeries: 1 });
    assert.deepEqual(store.names(), ['m']);
    const [series] = store.select('m', [], 0, Infinity);
    assert.equal(series!.times[0], T0 + H);
    assert.equal(store.stats().samples, 360);
    assert.deepEqual(store.compact(T0 + 2 * H), {
      folded: 0,
      expired: 0,
      evicted: 0,
      removedSeries: 0,
    });
  });

  test('rollup points keep min, max, sum, count, last across bucket boundaries', () => {
    const store = smallStore();
    const raw: number[] = [];
    // 3 h of samples with a jittered, gappy stretch; the values are irregular on purpose
    for (let i = 0; i < 1080; i++) {
      if (i >= 100 && i < 115) continue; // a 2.5-minute gap
      const v = ((i * 7919) % 113) - 50;
      raw[i] = v;
      store.append('m', {}, T0 + i * S + (i % 5 === 0 ? 3 : 0), v);
    }
    const now = T0 + 3 * H + 25_000; // cut-off T0 + 2 h 0 min 25 s: whole minutes before it fold
    const result = store.compact(now);
    assert.equal(result.folded, 720 - 15);
    const [points] = store.selectRollup('m', [], T0, T0 + 2 * H - 1);
    assert.equal(points!.times.length, 120 - 2); // two minutes fell entirely in the gap
    for (let k = 0; k < points!.times.length; k++) {
      const minute = (points!.times[k]! - T0) / M;
      const inBucket = raw.slice(minute * 6, minute * 6 + 6).filter((v) => v !== undefined);
      assert.equal(points!.min[k], Math.min(...inBucket));
      assert.equal(points!.max[k], Math.max(...inBucket));
      assert.equal(
        points!.sum[k],
        inBucket.reduce((a, b) => a + b, 0),
      );
      assert.equal(points!.count[k], inBucket.length);
      assert.equal(points!.last[k], inBucket.at(-1));
    }
    // select gives the average of each point
    const [avg] = store.select('m', [], T0 + 10 * M, T0 + 10 * M);
    const bucket = raw.slice(60, 66);
    assert.deepEqual(values(avg), [bucket.reduce((a, b) => a + b, 0) / 6]);
    // the minute holding the cut-off stays at full resolution
    assert.equal(store.select('m', [], T0 + 2 * H, T0 + 2 * H + M)[0]!.times.length, 7);
  });

  test('a range spanning rollups and full resolution is stitched without overlap', () => {
    const store = smallStore();
    for (let i = 0; i < 3 * 360; i++) store.append('m', { k: 'v' }, T0 + i * S, i);
    store.compact(T0 + 3 * H);
    const [series] = store.select(
      'm',
      [{ name: 'k', op: '=', value: 'v' }],
      T0 + H + 58 * M,
      T0 + 2 * H + 20_000,
    );
    assert.deepEqual(offsets(series), [H + 58 * M, H + 59 * M, 2 * H, 2 * H + S, 2 * H + 2 * S]);
    assert.deepEqual(values(series), [(708 + 713) / 2, (714 + 719) / 2, 720, 721, 722]);
    const times = store.select('m', [], 0, Infinity)[0]!.times;
    assert.ok(times.every((t, i) => i === 0 || t > times[i - 1]!));
    assert.equal(times.length, 120 + 360);
  });

  test('minute points fold into hour points, and those expire', () => {
    const store = smallStore();
    for (let i = 0; i < 3 * 360; i++) store.append('m', {}, T0 + i * S, 1 + (i % 4));
    store.compact(T0 + 3 * H); // 2 h folded into minutes
    store.compact(T0 + D + 2 * H + 30 * M); // minutes older than a day (up to the hour) into hours
    const [hours] = store.selectRollup('m', [], T0, T0 + 2 * H - 1);
    assert.deepEqual(
      [...hours!.times].map((t) => t - T0),
      [0, H],
    );
    assert.deepEqual([...hours!.count], [360, 360]);
    assert.deepEqual([...hours!.sum], [900, 900]);
    assert.deepEqual([...hours!.min], [1, 1]);
    assert.deepEqual([...hours!.max], [4, 4]);
    assert.deepEqual([...hours!.last], [4, 4]);
    assert.equal(store.stats().samples, 0);
    // everything goes past the last level's retention
    const result = store.compact(T0 + 8 * D);
    assert.equal(result.removedSeries, 1);
    assert.deepEqual(store.names(), []);
    assert.equal(store.stats().bytes, 0);
  });

  test('one late compact cascades through every level', () => {
    const store = smallStore();
    for (let i = 0; i < 360; i++) store.append('m', {}, T0 + i * S, 2);
    store.compact(T0 + 3 * D);
    const stats = store.stats();
    assert.deepEqual([stats.samples, stats.rollupPoints], [0, 1]);
    assert.deepEqual(store.latest('m'), [
      { name: 'm', labels: {}, timeMs: T0 + 359 * S, value: 2 },
    ]);
  });

  test('selectRollup re-buckets on request', () => {
    const store = new HistoryStore();
    for (let i = 0; i < 360; i++) store.append('m', {}, T0 + i * S, i);
    const [p] = store.selectRollup('m', [], T0, T0 + H, 30 * M);
    assert.deepEqual([...p!.count], [180, 180]);
    assert.deepEqual([...p!.last], [179, 359]);
    assert.throws(() => store.selectRollup('m', [], T0, T0 + H, 0), /stepMs/);
  });
});

describe('HistoryStore: caps', () => {
  test('series beyond maxSeries are refused and counted', () => {
    const store = new HistoryStore({ maxSeries: 2 });
    assert.equal(store.append('m', { i: '1' }, T0, 1), true);
    assert.equal(store.append('m', { i: '2' }, T0, 1), true);
    assert.equal(store.append('m', { i: '3' }, T0, 1), false);
    assert.equal(store.append('m', { i: '3' }, T0 + S, 1), false);
    assert.equal(store.append('m', { i: '1' }, T0 + S, 1), true);
    assert.deepEqual(store.stats().dropped, { outOfOrder: 0, seriesLimit: 2, sizeLimit: 0 });
  });

  test('maxBytes drops the oldest data first and keeps the newest', () => {
    const maxBytes = 200_000;
    const store = new HistoryStore({ maxBytes });
    for (let i = 0; i < 5000; i++) {
      for (let s = 0; s < 8; s++) store.append('m', { s: String(s) }, T0 + i * S, i);
      assert.ok(store.stats().bytes <= maxBytes);
    }
    const stats = store.stats();
    assert.ok(stats.dropped.sizeLimit > 0);
    assert.equal(stats.samples + stats.dropped.sizeLimit, 40_000);
    const all = store.select('m', [], 0, Infinity);
    assert.equal(all.length, 8);
    for (const series of all) {
      // what is left of each series is its newest part, without holes
      assert.equal(series.values.at(-1), 4999);
      assert.equal(series.values.length, 5000 - series.values[0]!);
    }
    // oldest first across series: no series lost a block newer than data another one kept
    const firsts = all.map((series) => series.times[0]!);
    assert.ok(Math.max(...firsts) - Math.min(...firsts) <= 512 * S);
    assert.ok(Math.max(...firsts) > T0);
  });

  test('compact applies the size cap too', () => {
    const store = smallStore({ maxBytes: 100_000 });
    for (let i = 0; i < 1000; i++) store.append('m', {}, T0 + i * S, i);
    const before = store.stats();
    assert.ok(before.bytes <= 100_000);
    const result = store.compact(T0 + 1000 * S);
    assert.ok(store.stats().bytes <= 100_000);
    assert.equal(result.evicted + before.dropped.sizeLimit, store.stats().dropped.sizeLimit);
  });
});

describe('HistoryStore: stats', () => {
  test('counts series, samples, points and bytes', () => {
    const store = smallStore();
    assert.deepEqual(store.stats(), {
      series: 0,
      samples: 0,
      rollupPoints: 0,
      bytes: 0,
      bytesPerSample: 0,
      dropped: { outOfOrder: 0, seriesLimit: 0, sizeLimit: 0 },
    });
    for (let i = 0; i < 8640; i++) store.append('m', {}, T0 + i * S, i);
    let stats = store.stats();
    assert.equal(stats.series, 1);
    assert.equal(stats.samples, 8640);
    assert.ok(stats.bytesPerSample > 8 && stats.bytesPerSample < 10, String(stats.bytesPerSample));
    store.compact(T0 + 8640 * S);
    stats = store.stats();
    assert.equal(stats.samples + stats.rollupPoints * 6, 8640);
    assert.equal(stats.bytesPerSample, stats.bytes / (stats.samples + stats.rollupPoints));
  });
});

describe('HistoryStore: snapshots', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'history-store-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function populated(): HistoryStore {
    const store = smallStore();
    for (let i = 0; i < 1500; i++) {
      store.append('cpu', { host: 'a' }, T0 + i * S + (i % 7 === 0 ? 1 : 0), Math.sin(i) * 1e9);
      if (i % 3 === 0)
        store.append('mem', { host: 'b', 'odd label': 'ü \n' }, T0 + i * S, i === 300 ? NaN : -i);
    }
    store.compact(T0 + 4 * H);
    return store;
  }

  test('round trip keeps every value, time, point and the out-of-order guard', () => {
    const store = populated();
    const copy = HistoryStore.fromSnapshot(store.toSnapshot(), store.options);
    for (const name of ['cpu', 'mem']) {
      const a = store.selectRollup(name, [], 0, Infinity);
      const b = copy.selectRollup(name, [], 0, Infinity);
      assert.equal(a.length, 1);
      for (const field of ['times', 'min', 'max', 'sum', 'count', 'last'] as const) {
        assert.ok(
          a[0]![field].every((v, i) => Object.is(v, b[0]![field][i])),
          `${name}.${field} differs`,
        );
      }
    }
    // loaded blocks are trimmed to their length, so the copy can only be smaller
    const { dropped: _a, bytes: bytesA, bytesPerSample: _c, ...sa } = store.stats();
    const { dropped: _b, bytes: bytesB, bytesPerSample: _d, ...sb } = copy.stats();
    assert.deepEqual(sb, sa);
    assert.ok(bytesB <= bytesA);
    assert.equal(copy.append('cpu', { host: 'a' }, T0, 1), false);
    assert.equal(copy.append('cpu', { host: 'a' }, T0 + 1500 * S, 1), true);
  });

  test('loading under new options: caps apply, unknown levels are dropped', () => {
    const snapshot = populated().toSnapshot();
    const one = HistoryStore.fromSnapshot(snapshot, {
      retentionMs: H,
      rollups: [{ stepMs: M, retentionMs: D }],
      maxSeries: 1,
    });
    assert.equal(one.stats().series, 1);
    assert.equal(one.stats().dropped.seriesLimit, 1);
    const small = HistoryStore.fromSnapshot(snapshot, { retentionMs: H, maxBytes: 20_000 });
    assert.ok(small.stats().bytes <= 20_000);
    assert.ok(small.stats().dropped.sizeLimit > 0);
  });

  test('corrupt or truncated snapshots are refused with a clear error', () => {
    const snapshot = populated().toSnapshot();
    const flipped = Buffer.from(snapshot);
    flipped[snapshot.length >> 1]! ^= 1;
    assert.throws(
      () => HistoryStore.fromSnapshot(flipped),
      /history snapshot is corrupt: checksum mismatch/,
    );
    assert.throws(
      () => HistoryStore.fromSnapshot(snapshot.subarray(0, snapshot.length - 100)),
      /history snapshot is truncated/,
    );
    assert.throws(() => HistoryStore.fromSnapshot(Buffer.alloc(10)), SnapshotError);
  });

  test('saveSnapshot / loadSnapshot: atomic 0600 file, missing file gives an empty store', async () => {
    const file = join(dir, 'history.snapshot');
    const empty = await HistoryStore.loadSnapshot(file, { retentionMs: H });
    assert.equal(empty.stats().series, 0);
    assert.equal(empty.options.retentionMs, H);
    const store = populated();
    await store.saveSnapshot(file);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(dir), ['history.snapshot']);
    const loaded = await HistoryStore.loadSnapshot(file, store.options);
    assert.deepEqual(loaded.select('cpu', [], 0, Infinity), store.select('cpu', [], 0, Infinity));
    await writeFile(file, 'garbage');
    await assert.rejects(HistoryStore.loadSnapshot(file), (error: unknown) => {
      assert.ok(error instanceof SnapshotError);
      assert.match(error.message, new RegExp(`history snapshot ${file} is`));
      return true;
    });
    await assert.rejects(HistoryStore.loadSnapshot(file, { maxBytes: -1 }), TypeError);
  });

  test('attached entries are saved with the history and taken once after loading', async () => {
    const file = join(dir, 'attached.snapshot');
    const store = populated();
    await store.saveSnapshot(file, ['{"a":1}', '{"b":2}']);
    const loaded = await HistoryStore.loadSnapshot(file, store.options);
    assert.deepEqual(loaded.select('cpu', [], 0, Infinity), store.select('cpu', [], 0, Infinity));
    assert.deepEqual(loaded.takeAttached(), ['{"a":1}', '{"b":2}']);
    assert.deepEqual(loaded.takeAttached(), []);
    assert.deepEqual(store.takeAttached(), [], 'a store not loaded from a snapshot has none');
    await rm(file);
  });
});
