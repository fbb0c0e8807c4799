/**
 * Monitoring notifications on a raw socket: after hello and `monitoring.subscribe`, a subscriber
 * is told when an alert changes state (`monitoring.alerts.changed`) and when a check has run
 * (`monitoring.checks.changed`); a connection subscribed to other topics is told neither.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callOk, errorOf, call } from '../helpers/integration.js';
import { LOOP_WAIT_MS, cliOk, monitoringHome, pushGauge } from '../helpers/monitoring.js';
import { rawHello, type RawConnection } from '../helpers/raw-socket.js';

type Frame = Record<string, unknown>;

/**
 * Reads frames until one matches (bounded); every frame read is appended to `seen`.
 */
async function nextMatching(
  conn: RawConnection,
  seen: Frame[],
  what: string,
  match: (frame: Frame) => boolean,
): Promise<Frame> {
  const deadline = Date.now() + LOOP_WAIT_MS;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no ${what} within ${LOOP_WAIT_MS} ms; got ${JSON.stringify(seen.map((f) => f['method'] ?? f['id']))}`);
    let frame: Frame;
    try {
      frame = await conn.next(left);
    } catch {
      continue;
    }
    seen.push(frame);
    if (match(frame)) return frame;
  }
}

describe('monitoring notifications', () => {
  it('a subscriber to alerts and checks hears an alert fire and a check run', async (t) => {
    const home = await monitoringHome(t);
    const sub = await rawHello(home.paths.socketPath);
    t.after(() => sub.close());
    const other = await rawHello(home.paths.socketPath);
    t.after(() => other.close());

    const subscribed = await callOk<{ topics: string[] }>(sub, 'monitoring.subscribe', {
      topics: ['alerts', 'checks'],
    });
    assert.deepEqual([...subscribed.topics].sort(), ['alerts', 'checks']);
    assert.deepEqual(
      (await callOk<{ topics: string[] }>(other, 'monitoring.subscribe', { topics: ['health'] })).topics,
      ['health'],
    );
    const refused = errorOf(await call(sub, 'monitoring.subscribe', { topics: ['alarms'] }));
    assert.equal(refused.code, -32602);
    assert.equal(refused.data.field, 'topics.0');

    const seen: Frame[] = [];
    await pushGauge(home, 'pressure', 9, { tank: 't1' });
    await cliOk(home, ['monitoring', '--add-rule', 'HighPressure', '--expr', 'pressure > 5', '--severity', 'critical']);
    const alert = await nextMatching(sub, seen, 'monitoring.alerts.changed for HighPressure', (f) => {
      const params = f['params'] as { rule?: string } | undefined;
      return f['method'] === 'monitoring.alerts.changed' && params?.rule === 'HighPressure';
    });
    assert.equal(alert['jsonrpc'], '2.0');
    assert.equal('id' in alert, false, 'a notification has no id');
    const transition = alert['params'] as {
      kind: string;
      at: string;
      id: string;
      rule: string;
      severity: string;
      labels: Record<string, string>;
      value: number;
    };
    assert.equal(transition.kind, 'firing', 'a rule without --for fires at once');
    assert.equal(transition.severity, 'critical');
    assert.equal(transition.value, 9);
    assert.deepEqual(transition.labels, { tank: 't1', alertname: 'HighPressure', severity: 'critical' });
    assert.ok(!Number.isNaN(Date.parse(transition.at)));
    assert.match(transition.id, /^[0-9a-f]+$/);

    await cliOk(home, ['monitoring', '--add-check', 'cron_job', '--type', 'heartbeat', '--interval', '1h']);
    await cliOk(home, ['monitoring', '--heartbeat', 'cron_job']);
    const checked = await nextMatching(sub, seen, 'monitoring.checks.changed for cron_job', (f) => {
      const params = f['params'] as { name?: string } | undefined;
      return f['method'] === 'monitoring.checks.changed' && params?.name === 'cron_job';
    });
    const check = checked['params'] as { name: string; type: string; state: string; lastRun: string | null };
    assert.equal(check.type, 'heartbeat');
    assert.equal(check.state, 'up');
    assert.ok(check.lastRun !== null);

    // Removing the rule resolves its alert, and the subscriber hears that too.
    await cliOk(home, ['monitoring', '--remove-rule', 'HighPressure']);
    const resolved = await nextMatching(sub, seen, 'the resolved notification', (f) => {
      const params = f['params'] as { kind?: string } | undefined;
      return f['method'] === 'monitoring.alerts.changed' && params?.kind === 'resolved';
    });
    assert.equal((resolved['params'] as { id: string }).id, transition.id);
    assert.ok(
      seen.every((f) => f['method'] === 'monitoring.alerts.changed' || f['method'] === 'monitoring.checks.changed'),
      `only subscribed topics: ${JSON.stringify(seen.map((f) => f['method']))}`,
    );

    // The connection subscribed to health only heard none of it: the next frame that is not a
    // health notification is the answer to its own ping.
    other.request('daemon.ping', {}, 'ping');
    const otherSeen: Frame[] = [];
    await nextMatching(other, otherSeen, 'the ping answer', (f) => f['id'] === 'ping');
    assert.ok(
      otherSeen.every((f) => f['id'] === 'ping' || f['method'] === 'monitoring.health.changed'),
      `health only: ${JSON.stringify(otherSeen.map((f) => f['method'] ?? f['id']))}`,
    );
  });

  it('a subscriber to metrics hears a push (coalesced) and the scrapes', async (t) => {
    const home = await monitoringHome(t);
    const sub = await rawHello(home.paths.socketPath);
    t.after(() => sub.close());
    assert.deepEqual((await callOk<{ topics: string[] }>(sub, 'monitoring.subscribe', { topics: ['metrics'] })).topics, ['metrics']);
    const seen: Frame[] = [];
    await cliOk(home, ['monitoring', '--push', 'jobs_waiting=3', '--type', 'gauge']);
    const pushed = await nextMatching(sub, seen, 'a metrics notice after the push', (f) => {
      const params = f['params'] as { cause?: string } | undefined;
      return f['method'] === 'monitoring.metrics.changed' && params?.cause === 'push';
    });
    assert.ok(!Number.isNaN(Date.parse((pushed['params'] as { at: string }).at)));
    await nextMatching(sub, seen, 'a metrics notice after a scrape', (f) => {
      const params = f['params'] as { cause?: string } | undefined;
      return f['method'] === 'monitoring.metrics.changed' && params?.cause === 'scrape';
    });
    assert.ok(seen.every((f) => f['method'] === 'monitoring.metrics.changed'), JSON.stringify(seen.map((f) => f['method'])));
  });
});
