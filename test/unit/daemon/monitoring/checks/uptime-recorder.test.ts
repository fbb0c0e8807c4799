import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Adapter } from 'lowdb';
import { ManualClock } from '../../../../../daemon/clock.js';
import { HOUR_MS, hourOf } from '../../../../../daemon/monitoring/checks/uptime-buckets.js';
import { UptimeRecorder } from '../../../../../daemon/monitoring/checks/uptime-recorder.js';
import { emptyStore, type StoreData } from '../../../../../daemon/store/schema.js';
import { Store } from '../../../../../daemon/store/store.js';

/** An adapter that counts writes and can be told to fail. */
class CountingAdapter implements Adapter<StoreData> {
  writes: StoreData[] = [];
  failWith: Error | null = null;
  constructor(private readonly initial: StoreData | null = null) {}
  async read(): Promise<StoreData | null> {
    return this.initial;
  }
  async write(data: StoreData): Promise<void> {
    if (this.failWith !== null) throw this.failWith;
    this.writes.push(structuredClone(data));
  }
}

/** A hand-driven interval: `fire()` runs the callback. */
class FakeInterval {
  fn: (() => void) | null = null;
  ms = 0;
  cleared = 0;
  set = (fn: () => void, ms: number): unknown => {
    this.fn = fn;
    this.ms = ms;
    return 'handle';
  };
  clear = (handle: unknown): void => {
    assert.equal(handle, 'handle');
    this.cleared += 1;
    this.fn = null;
  };
}

async function setup(initial: StoreData | null = null) {
  const adapter = new CountingAdapter(initial);
  const store = await Store.open({ adapter, label: 'test' });
  const clock = new ManualClock(Date.UTC(2026, 0, 31, 12, 30));
  const timer = new FakeInterval();
  const errors: Error[] = [];
  const recorder = new UptimeRecorder({
    store,
    clock,
    setInterval: timer.set,
    clearInterval: timer.clear,
    onError: (e) => errors.push(e),
  });
  return { adapter, store, clock, timer, recorder, errors };
}

const H = hourOf(Date.UTC(2026, 0, 31, 12, 30));

describe('UptimeRecorder', () => {
  test('runs are counted in memory and read at once, before any write', async () => {
    const { recorder, adapter, clock } = await setup();
    recorder.record('web', clock.now(), true);
    recorder.record('web', clock.now(), false);
    recorder.record('web', clock.now(), true);
    recorder.record('web', clock.now(), true);
    assert.equal(recorder.uptime('web', 24), 0.75);
    assert.deepEqual(recorder.figures('web'), { '24h': 0.75, '7d': 0.75, '30d': 0.75 });
    assert.deepEqual(recorder.figures('db'), { '24h': null, '7d': null, '30d': null });
    assert.equal(adapter.writes.length, 0);
    assert.deepEqual(recorder.stored('web'), []);
  });

  test('the first run starts a one-minute flush timer; one flush is one write for every check', async () => {
    const { recorder, adapter, clock, timer, store } = await setup();
    assert.equal(timer.fn, null);
    recorder.record('web', clock.now(), true);
    assert.equal(timer.ms, 60_000);
    recorder.record('db', clock.now(), false);
    recorder.record('web', clock.now() + HOUR_MS, true);
    (timer.fn as (() => void) | null)?.();
    await store.flush();
    assert.equal(adapter.writes.length, 1);
    assert.deepEqual(adapter.writes[0]?.checkUptime, {
      web: [
        [H, 1, 1],
        [H + 1, 1, 1],
      ],
      db: [[H, 0, 1]],
    });
    // Counts moved to the store: the figures are unchanged.
    assert.equal(recorder.uptime('db', 24), 0);
    assert.equal(recorder.uptime('web', 24), 1);
  });

  test('later flushes add to the stored buckets of the same hour', async () => {
    const { recorder, clock, store } = await setup();
    recorder.record('web', clock.now(), true);
    await recorder.flush();
    recorder.record('web', clock.now(), false);
    assert.equal(recorder.uptime('web', 24), 0.5);
    await recorder.flush();
    assert.deepEqual(store.data.checkUptime, { web: [[H, 1, 2]] });
  });

  test('a flush with nothing new and nothing to prune writes nothing', async () => {
    const { recorder, adapter, clock } = await setup();
    recorder.record('web', clock.now(), true);
    await recorder.flush();
    await recorder.flush();
    assert.equal(adapter.writes.length, 1);
  });

  test('buckets past 31 days are pruned on flush; an emptied check leaves the map', async () => {
    const { recorder, clock, store } = await setup({
      ...emptyStore(),
      checkUptime: {
        old: [[H - 800, 1, 1]],
        web: [
          [H - 744, 1, 1],
          [H - 743, 2, 4],
        ],
      },
    });
    await recorder.flush();
    assert.deepEqual(store.data.checkUptime, { web: [[H - 743, 2, 4]] });
    assert.equal(recorder.uptime('web', 30 * 24), null);
    assert.equal(recorder.uptime('web', 31 * 24), 0.5);
    clock.advance(HOUR_MS);
    await recorder.flush();
    assert.deepEqual(store.data.checkUptime, {});
  });

  test('30-day uptime from buckets written over a month, with an injected clock', async () => {
    const { recorder, clock } = await setup();
    // One run an hour for 40 days; the run in hours 0-9 of each day fails.
    for (let h = 0; h < 40 * 24; h++) {
      recorder.record('web', clock.now(), h % 24 >= 10);
      if (h % 60 === 0) await recorder.flush();
      clock.advance(HOUR_MS);
    }
    clock.advance(-HOUR_MS);
    await recorder.flush();
    assert.equal(recorder.stored('web').length, 744);
    assert.equal(recorder.uptime('web', 30 * 24), 14 / 24);
    assert.equal(recorder.uptime('web', 7 * 24), 14 / 24);
  });

  test('stop clears the timer and flushes what is left', async () => {
    const { recorder, clock, timer, store, adapter } = await setup();
    recorder.record('web', clock.now(), true);
    await recorder.stop();
    assert.equal(timer.cleared, 1);
    assert.deepEqual(store.data.checkUptime, { web: [[H, 1, 1]] });
    assert.equal(adapter.writes.length, 1);
    // A run after stop starts the timer again.
    recorder.record('web', clock.now(), true);
    assert.notEqual(timer.fn, null);
  });

  test('forget drops a check’s buckets and counts', async () => {
    const { recorder, clock, store } = await setup();
    recorder.record('web', clock.now(), true);
    recorder.record('db', clock.now(), true);
    await recorder.flush();
    recorder.record('web', clock.now(), false);
    await recorder.forget('web');
    assert.deepEqual(store.data.checkUptime, { db: [[H, 1, 1]] });
    assert.equal(recorder.uptime('web', 24), null);
    await recorder.forget('never');
  });

  test('a check named like an Object property is kept as any other', async () => {
    const { recorder, clock, store } = await setup();
    assert.deepEqual(recorder.stored('constructor'), []);
    assert.equal(recorder.uptime('toString', 24), null);
    recorder.record('constructor', clock.now(), true);
    await recorder.flush();
    assert.deepEqual(store.data.checkUptime['constructor'], [[H, 1, 1]]);
  });

  test('a failed write is reported and undone; later runs are still counted', async () => {
    const { recorder, clock, store, adapter, errors } = await setup();
    adapter.failWith = new Error('disk full');
    recorder.record('web', clock.now(), true);
    await recorder.flush();
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /disk full/);
    assert.deepEqual(store.data.checkUptime, {});
    adapter.failWith = null;
    recorder.record('web', clock.now(), false);
    await recorder.flush();
    assert.deepEqual(store.data.checkUptime, { web: [[H, 0, 1]] });
  });

  test('a bad flush interval is a TypeError naming the option', async () => {
    const { store, clock } = await setup();
    for (const flushMs of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => new UptimeRecorder({ store, clock, flushMs }), {
        name: 'TypeError',
        message: `flushMs must be a positive integer of ms, got ${String(flushMs)}`,
      });
    }
  });
});
