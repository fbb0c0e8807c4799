import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { AppError } from '../../../../../src/protocol/errors.js';
import type {
  AlertTransition,
  AlertView,
  CheckInfo,
  HealthReport,
  MetricInfo,
} from '../../../../../src/protocol/schemas.js';
import {
  createDaemonSource,
  type SourceClient,
} from '../../../../../src/ui/monitoring/daemon-source.js';
import type { DashboardData } from '../../../../../src/ui/monitoring/source.js';

const health = (status: HealthReport['status']): HealthReport => ({
  status,
  checks: [],
  checkedAt: '2026-01-01T00:00:00.000Z',
});
const metric = (name: string, lastValue: number): MetricInfo => ({
  name,
  type: 'gauge',
  help: '',
  labelNames: [],
  series: 1,
  lastValue,
  recent: [lastValue],
});
const check = (name: string, state: CheckInfo['state']): CheckInfo => ({
  name,
  type: 'tcp',
  target: null,
  intervalMs: 1000,
  state,
  lastRun: null,
  latencyMs: null,
  detail: '',
  recentLatencyMs: [],
  uptime24h: null,
});
const alert = (id: string): AlertView => ({
  id,
  rule: 'R',
  severity: 'critical',
  state: 'firing',
  muted: null,
  mutedBy: null,
  labels: {},
  annotations: {},
  value: 1,
  activeAt: '2026-01-01T00:00:00.000Z',
  firedAt: null,
});

/** A client answering from `state`, recording the calls, with notifications pushed by hand. */
class FakeClient extends EventEmitter implements SourceClient {
  calls: Array<[string, unknown]> = [];
  closed = false;
  constructor(
    readonly state: {
      health: HealthReport;
      alerts: AlertView[];
      metrics: MetricInfo[];
      checks: CheckInfo[];
      version: string;
      history?: AlertTransition[];
    },
  ) {
    super();
  }
  request(method: string, params: unknown): Promise<never> {
    this.calls.push([method, params]);
    const s = this.state;
    const answers: Record<string, unknown> = {
      'monitoring.subscribe': { topics: ['health', 'alerts', 'checks', 'metrics'] },
      'monitoring.health': s.health,
      'monitoring.alerts.list': { alerts: s.alerts, history: s.history ?? [] },
      'monitoring.metrics.list': { metrics: s.metrics },
      'monitoring.checks.list': { checks: s.checks },
      'daemon.status': {
        version: s.version,
        startedAt: '2026-01-01T00:00:00.000Z',
        socketPath: '/run/x.sock',
      },
      'monitoring.metrics.get': {
        name: 'm',
        type: 'gauge',
        help: '',
        series: [{ name: 'm', labels: {}, times: [1], values: [2] }],
      },
      'monitoring.alerts.ack': { ack: {} },
      'monitoring.silences.add': { silence: {} },
    };
    if (this.closed) return Promise.reject(new AppError('CONNECTION_CLOSED', 'closed'));
    return Promise.resolve(answers[method] as never);
  }
  onNotification(name: string, handler: (params: never) => void): () => void {
    const listener = (method: string, params: unknown): void => {
      if (method === name) handler(params as never);
    };
    this.on('notification', listener);
    return () => this.off('notification', listener);
  }
  push(method: string, params: unknown): void {
    this.emit('notification', method, params);
  }
  drop(message: string): void {
    this.closed = true;
    this.emit('close', new AppError('CONNECTION_CLOSED', message));
  }
  close(): void {
    this.closed = true;
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(opens: Array<() => Promise<SourceClient>>) {
  const clock = new ManualClock(1000);
  const waits: number[] = [];
  const frames: DashboardData[] = [];
  let attempt = 0;
  const source = createDaemonSource({
    socketPath: '/run/x.sock',
    clock,
    backoffMs: [10, 20],
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    open: (n) => {
      assert.equal(n, attempt);
      const next = opens[attempt++];
      if (next === undefined) return new Promise(() => undefined);
      return next();
    },
  });
  source.subscribe((d) => frames.push(d));
  return { source, frames, waits, clock, last: () => frames[frames.length - 1] as DashboardData };
}

const baseState = () => ({
  health: health('healthy'),
  alerts: [alert('a1')],
  metrics: [metric('m', 1)],
  checks: [check('c', 'up')],
  version: '0.1.0',
});

describe('createDaemonSource', () => {
  it('starts as connecting, subscribes before loading, then shows everything as live', async () => {
    const client = new FakeClient(baseState());
    const { frames, last } = setup([() => Promise.resolve(client)]);
    await settle();
    assert.equal(frames[0]?.connection, 'connecting');
    assert.equal(frames[0]?.daemon.socketPath, '/run/x.sock');
    assert.deepEqual(client.calls[0], [
      'monitoring.subscribe',
      { topics: ['health', 'alerts', 'checks', 'metrics'] },
    ]);
    assert.deepEqual(
      client.calls
        .slice(1)
        .map(([m]) => m)
        .sort(),
      [
        'daemon.status',
        'monitoring.alerts.list',
        'monitoring.checks.list',
        'monitoring.health',
        'monitoring.metrics.list',
      ],
    );
    const d = last();
    assert.equal(d.connection, 'live');
    assert.equal(d.error, null);
    assert.equal(d.health?.status, 'healthy');
    assert.deepEqual(
      d.alerts.map((a) => a.id),
      ['a1'],
    );
    assert.deepEqual(
      d.metrics.map((m) => m.name),
      ['m'],
    );
    assert.deepEqual(
      d.checks.map((c) => c.name),
      ['c'],
    );
    assert.deepEqual(d.daemon, {
      version: '0.1.0',
      startedAt: '2026-01-01T00:00:00.000Z',
      socketPath: '/run/x.sock',
    });
    assert.equal(d.updatedAt, 1000);
  });

  it('refreshes the part a notification concerns, and the metrics on health and check changes', async () => {
    const client = new FakeClient(baseState());
    const { last, clock } = setup([() => Promise.resolve(client)]);
    await settle();
    client.calls = [];
    clock.advance(500);
    client.state.alerts = [alert('a1'), alert('a2')];
    client.push('monitoring.alerts.changed', { kind: 'firing', id: 'a2' });
    await settle();
    assert.deepEqual(
      client.calls.map(([m]) => m),
      ['monitoring.alerts.list', 'monitoring.metrics.list'],
    );
    assert.deepEqual(
      last().alerts.map((a) => a.id),
      ['a1', 'a2'],
    );
    assert.equal(last().updatedAt, 1500);

    client.calls = [];
    client.state.metrics = [metric('m', 7)];
    client.push('monitoring.health.changed', health('degraded'));
    await settle();
    assert.equal(last().health?.status, 'degraded');
    assert.deepEqual(
      client.calls.map(([m]) => m),
      ['monitoring.metrics.list'],
    );
    assert.equal(last().metrics[0]?.lastValue, 7);

    client.calls = [];
    client.push('monitoring.checks.changed', check('c', 'down'));
    client.push('monitoring.checks.changed', check('new', 'up'));
    await settle();
    assert.deepEqual(
      last().checks.map((c) => [c.name, c.state]),
      [
        ['c', 'down'],
        ['new', 'up'],
      ],
    );
    // Two notifications at once: one refresh in flight, then one more after it, never in parallel.
    assert.deepEqual(
      client.calls.map(([m]) => m),
      ['monitoring.metrics.list', 'monitoring.metrics.list'],
    );

    // A pushed metric: the daemon's metrics notice refreshes the list alone.
    client.calls = [];
    client.state.metrics = [metric('m', 9)];
    client.push('monitoring.metrics.changed', { at: '2026-01-01T00:00:01.500Z', cause: 'push' });
    await settle();
    assert.deepEqual(
      client.calls.map(([m]) => m),
      ['monitoring.metrics.list'],
    );
    assert.equal(last().metrics[0]?.lastValue, 9);
  });

  it('says reconnecting when the connection closes, backs off, and is live again with fresh data', async () => {
    const first = new FakeClient(baseState());
    const second = new FakeClient({
      ...baseState(),
      version: '0.1.0',
      metrics: [metric('after', 3)],
    });
    const down = () => Promise.reject(new AppError('DAEMON_UNREACHABLE', 'daemon not running'));
    const { frames, waits, last } = setup([
      () => Promise.resolve(first),
      down,
      () => Promise.resolve(second),
    ]);
    await settle();
    first.drop('the daemon closed the connection');
    assert.equal(last().connection, 'reconnecting');
    assert.equal(last().error, 'the daemon closed the connection');
    await settle();
    await settle();
    assert.ok(
      frames.some((f) => f.connection === 'reconnecting' && f.error === 'daemon not running'),
    );
    assert.deepEqual(waits, [10, 20]);
    assert.equal(last().connection, 'live');
    assert.equal(last().error, null);
    assert.deepEqual(
      last().metrics.map((m) => m.name),
      ['after'],
    );
    // Notifications from the old connection no longer count.
    first.push('monitoring.health.changed', health('unhealthy'));
    assert.equal(last().health?.status, 'healthy');
  });

  it('says lost when the daemon answers but cannot be used (another version), and keeps trying', async () => {
    const first = new FakeClient(baseState());
    const mismatch = () =>
      Promise.reject(new AppError('PROTOCOL_MISMATCH', 'the daemon is version 9'));
    const { last, waits } = setup([() => Promise.resolve(first), mismatch]);
    await settle();
    first.drop('closed');
    await settle();
    assert.equal(last().connection, 'lost');
    assert.equal(last().error, 'the daemon is version 9');
    assert.deepEqual(waits, [10, 20]);
  });

  it('acks and silences through the daemon and refreshes the alerts; the detail chart reads the series', async () => {
    const client = new FakeClient(baseState());
    const { source } = setup([() => Promise.resolve(client)]);
    await settle();
    client.calls = [];
    await source.ack('a1', 'on it', 3_600_000);
    await source.silence(['alertname="R"'], 7_200_000, 'deploy');
    const series = await source.metric('m', 60_000);
    assert.deepEqual(client.calls, [
      ['monitoring.alerts.ack', { id: 'a1', comment: 'on it', durationMs: 3_600_000 }],
      ['monitoring.alerts.list', {}],
      [
        'monitoring.silences.add',
        { matchers: ['alertname="R"'], durationMs: 7_200_000, comment: 'deploy' },
      ],
      ['monitoring.alerts.list', {}],
      ['monitoring.metrics.get', { name: 'm', rangeMs: 60_000 }],
    ]);
    assert.deepEqual(series, [{ name: 'm', labels: {}, times: [1], values: [2] }]);
  });

  it("reads one alert's history out of the daemon's, asking for all it keeps", async () => {
    const transition = (id: string, kind: AlertTransition['kind']): AlertTransition => ({
      kind,
      at: '2026-01-01T00:00:00.000Z',
      id,
      rule: 'R',
      severity: 'critical',
      labels: {},
      value: 1,
    });
    const client = new FakeClient({
      ...baseState(),
      history: [
        transition('a1', 'resolved'),
        transition('a2', 'firing'),
        transition('a1', 'firing'),
      ],
    });
    const { source } = setup([() => Promise.resolve(client)]);
    await settle();
    client.calls = [];
    assert.deepEqual(await source.alertHistory('a1'), [
      transition('a1', 'resolved'),
      transition('a1', 'firing'),
    ]);
    assert.deepEqual(client.calls, [['monitoring.alerts.list', { history: true, limit: 10_000 }]]);
  });

  it('refuses calls while disconnected with a coded error, and close stops everything', async () => {
    const client = new FakeClient(baseState());
    const { source } = setup([]);
    await settle();
    await assert.rejects(source.ack('a1', 'x', 1000), {
      code: 'CONNECTION_CLOSED',
      message: 'not connected to the daemon (reconnecting)',
    });
    source.close();
    assert.equal(client.closed, false);
  });

  it('closes the client on close()', async () => {
    const client = new FakeClient(baseState());
    const { source } = setup([() => Promise.resolve(client)]);
    await settle();
    source.close();
    assert.equal(client.closed, true);
  });

  it('throws a TypeError naming a bad option', () => {
    const clock = new ManualClock();
    const open = () => Promise.reject(new Error('x'));
    assert.throws(() => createDaemonSource({ open: 1 as never, socketPath: '', clock }), {
      name: 'TypeError',
      message: '"open" option must be a function',
    });
    assert.throws(() => createDaemonSource({ open, socketPath: 3 as never, clock }), {
      name: 'TypeError',
      message: '"socketPath" option must be a string',
    });
    assert.throws(() => createDaemonSource({ open, socketPath: '', clock: {} as never }), {
      name: 'TypeError',
      message: '"clock" option must have a now() method',
    });
    assert.throws(() => createDaemonSource({ open, socketPath: '', clock, backoffMs: [] }), {
      name: 'TypeError',
      message: '"backoffMs" option must be a non-empty array of non-negative numbers',
    });
    assert.throws(() => createDaemonSource({ open, socketPath: '', clock, backoffMs: [-1] }), {
      name: 'TypeError',
    });
  });
});
