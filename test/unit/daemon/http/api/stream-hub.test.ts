import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import {
  METRICS_COALESCE_MS,
  StreamHub,
  type HubTimers,
} from '../../../../../daemon/http/api/stream-hub.js';
import type { AuditEvent } from '../../../../../daemon/security/audit-log.js';

class FakeAudit {
  listeners = new Set<(event: AuditEvent) => void>();
  subscribe(listener: (event: AuditEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: unknown): void {
    for (const l of this.listeners) l(event as AuditEvent);
  }
}

class ManualTimers implements HubTimers {
  pending: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  setTimeout = (fn: () => void, ms: number): unknown => {
    const timer = { fn, ms, cleared: false };
    this.pending.push(timer);
    return timer;
  };
  clearTimeout = (handle: unknown): void => {
    (handle as { cleared: boolean }).cleared = true;
  };
  fire(): void {
    const due = this.pending.filter((t) => !t.cleared);
    this.pending = [];
    for (const t of due) t.fn();
  }
}

function setup() {
  const sources = {
    health: new EventEmitter(),
    monitoring: new EventEmitter(),
    audit: new FakeAudit(),
  };
  const timers = new ManualTimers();
  const clock = new ManualClock(Date.UTC(2026, 0, 31, 12, 0));
  const hub = new StreamHub(sources, clock, timers);
  const received = (security: boolean) => {
    const got: Array<[string, unknown]> = [];
    return {
      got,
      client: { send: (topic: string, data: unknown) => void got.push([topic, data]), security },
    };
  };
  return { sources, timers, clock, hub, received };
}

describe('StreamHub', () => {
  test('each engine event goes to every stream under its topic', () => {
    const { sources, hub, received } = setup();
    const a = received(false);
    const b = received(false);
    hub.add(a.client);
    hub.add(b.client);
    sources.health.emit('change', { status: 'degraded' });
    sources.monitoring.emit('transition', { kind: 'firing', id: 'a1' });
    sources.monitoring.emit('check', { name: 'web', state: 'down' });
    const expected = [
      ['health', { status: 'degraded' }],
      ['alerts', { kind: 'firing', id: 'a1' }],
      ['checks', { name: 'web', state: 'down' }],
    ];
    assert.deepEqual(a.got, expected);
    assert.deepEqual(b.got, expected);
  });

  test('security events only reach streams allowed to see them', () => {
    const { sources, hub, received } = setup();
    const reader = received(true);
    const other = received(false);
    hub.add(reader.client);
    hub.add(other.client);
    sources.audit.emit({ type: 'login.failed', seq: 1 });
    assert.deepEqual(reader.got, [['security', { type: 'login.failed', seq: 1 }]]);
    assert.deepEqual(other.got, []);
  });

  test('metric notices are coalesced to one per 200 ms with the last cause', () => {
    const { sources, hub, received, timers, clock } = setup();
    const a = received(false);
    hub.add(a.client);
    sources.monitoring.emit('metrics', 'scrape');
    sources.monitoring.emit('metrics', 'push');
    sources.monitoring.emit('metrics', 'push');
    assert.equal(timers.pending.length, 1);
    assert.equal(timers.pending[0]?.ms, METRICS_COALESCE_MS);
    assert.deepEqual(a.got, []);
    clock.advance(200);
    timers.fire();
    assert.deepEqual(a.got, [['metrics', { at: '2026-01-31T12:00:00.200Z', cause: 'push' }]]);
    sources.monitoring.emit('metrics', 'scrape');
    timers.fire();
    assert.equal(a.got.length, 2);
  });

  test('listens only while a stream is open; the last one leaving detaches and stops the timer', () => {
    const { sources, hub, received, timers } = setup();
    assert.equal(sources.monitoring.listenerCount('check'), 0);
    const a = received(false);
    const b = received(false);
    const removeA = hub.add(a.client);
    const removeB = hub.add(b.client);
    assert.equal(sources.monitoring.listenerCount('check'), 1, 'one listener for many streams');
    assert.equal(sources.audit.listeners.size, 1);
    removeA();
    removeA();
    assert.equal(hub.size, 1);
    sources.monitoring.emit('metrics', 'push');
    removeB();
    assert.equal(hub.size, 0);
    for (const event of ['check', 'transition', 'metrics'])
      assert.equal(sources.monitoring.listenerCount(event), 0);
    assert.equal(sources.health.listenerCount('change'), 0);
    assert.equal(sources.audit.listeners.size, 0);
    assert.equal(timers.pending[0]?.cleared, true);
    timers.fire();
    assert.deepEqual(b.got, []);
  });
});
