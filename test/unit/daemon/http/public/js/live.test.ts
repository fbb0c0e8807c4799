import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './load.js';

type Live = { readonly state: string | null; close(): void };
const l = await load<{
  FALLBACK_REFRESH_MS: number;
  REOPEN_MS: number;
  createLive(options: Record<string, unknown>): Live;
}>('live.js');

class FakeSource {
  static made: FakeSource[] = [];
  readyState = 0;
  closed = false;
  listeners = new Map<string, Array<(ev: { data?: string }) => void>>();
  constructor(readonly url: string) {
    FakeSource.made.push(this);
  }
  addEventListener(type: string, fn: (ev: { data?: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string, ev: { data?: string } = {}): void {
    for (const fn of this.listeners.get(type) ?? []) fn(ev);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
}

function fakeTimers() {
  let next = 1;
  const intervals = new Map<number, { fn: () => void; ms: number }>();
  const timeouts = new Map<number, { fn: () => void; ms: number }>();
  return {
    intervals,
    timeouts,
    timers: {
      setInterval: (fn: () => void, ms: number) => (intervals.set(next, { fn, ms }), next++),
      clearInterval: (id: number) => intervals.delete(id),
      setTimeout: (fn: () => void, ms: number) => (timeouts.set(next, { fn, ms }), next++),
      clearTimeout: (id: number) => timeouts.delete(id),
    },
  };
}

function start() {
  FakeSource.made = [];
  const t = fakeTimers();
  const states: string[] = [];
  const events: Array<[string, unknown]> = [];
  let refreshes = 0;
  const live = l.createLive({
    EventSource: FakeSource,
    timers: t.timers,
    onState: (s: string) => states.push(s),
    onEvent: (topic: string, data: unknown) => events.push([topic, data]),
    onRefresh: () => refreshes++,
  });
  return { live, t, states, events, refreshes: () => refreshes };
}

test('opens /api/v1/stream, goes live, and passes each topic with its data', () => {
  const h = start();
  assert.equal(FakeSource.made.length, 1);
  assert.equal(FakeSource.made[0]?.url, '/api/v1/stream');
  assert.deepEqual(h.states, ['connecting']);
  FakeSource.made[0]?.emit('open');
  assert.equal(h.live.state, 'live');
  FakeSource.made[0]?.emit('metrics', { data: '{"at":"t","cause":"push"}' });
  FakeSource.made[0]?.emit('health', { data: 'not json' });
  FakeSource.made[0]?.emit('security', { data: '{"type":"login"}' });
  assert.deepEqual(h.events, [
    ['metrics', { at: 't', cause: 'push' }],
    ['health', null],
    ['security', { type: 'login' }],
  ]);
  assert.equal(h.t.intervals.size, 0);
  assert.equal(h.refreshes(), 0);
});

test('a dropped stream shows reconnecting and refreshes every 30 s until it is back', () => {
  const h = start();
  const es = FakeSource.made[0];
  es?.emit('open');
  es?.emit('error'); // the browser retries by itself (readyState CONNECTING)
  assert.equal(h.live.state, 'reconnecting');
  assert.equal(h.t.intervals.size, 1);
  const [interval] = [...h.t.intervals.values()];
  assert.equal(interval?.ms, l.FALLBACK_REFRESH_MS);
  assert.equal(l.FALLBACK_REFRESH_MS, 30_000);
  interval?.fn();
  interval?.fn();
  assert.equal(h.refreshes(), 2);
  assert.equal(h.t.timeouts.size, 0, 'no reopen while the browser retries');
  es?.emit('open');
  assert.equal(h.live.state, 'live');
  assert.equal(h.t.intervals.size, 0);
  assert.equal(h.refreshes(), 3, 'one refresh for what was missed');
  assert.deepEqual(h.states, ['connecting', 'live', 'reconnecting', 'live']);
});

test('a stream the browser gave up on is opened again after a pause', () => {
  const h = start();
  const first = FakeSource.made[0];
  if (first === undefined) throw new Error('no source');
  first.readyState = 2;
  first.emit('error');
  assert.equal(h.live.state, 'reconnecting');
  assert.equal(h.t.timeouts.size, 1);
  const [reopen] = [...h.t.timeouts.values()];
  assert.equal(reopen?.ms, l.REOPEN_MS);
  reopen?.fn();
  assert.equal(FakeSource.made.length, 2);
  first.emit('metrics', { data: '{}' });
  assert.deepEqual(h.events, [], 'events of the old source are ignored');
  FakeSource.made[1]?.emit('open');
  assert.equal(h.live.state, 'live');
});

test('close stops the stream and every timer', () => {
  const h = start();
  const es = FakeSource.made[0];
  if (es === undefined) throw new Error('no source');
  es.readyState = 2;
  es.emit('error');
  h.live.close();
  assert.equal(h.t.intervals.size, 0);
  assert.equal(h.t.timeouts.size, 0);
  const fresh = start();
  fresh.live.close();
  assert.equal(FakeSource.made[0]?.closed, true);
});
