/**
 * `getMonitoringSystem()`, the spec-shaped entry point of the library, as a user imports it from
 * the build: the process-wide system (a memory store), its metrics in the exposition, a rule that
 * fires, a function check whose result appears, start() and stop() (which leaves no timer behind),
 * and removing rules and checks by name, with typed errors for names that do not exist.
 *
 * The whole file shares one system, as a process does; the tests run in order.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AlertRule, AlertSeverity, HealthCheck, MetricType, getMonitoringSystem, getSecuritySystem } from '../../dist/daemon/index.js';
import { rejection, waitFor } from '../helpers/integration.js';

const WAIT_MS = 20_000;

/** How many timers the process holds (node's own view of its active resources). */
function timers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('getMonitoringSystem()', () => {
  const monitoring = getMonitoringSystem();
  // A failed test must not leave the loops running: the process would never end.
  after(() => monitoring.stop());

  it('is one system per process, shared with getSecuritySystem(); options after the first call are refused', () => {
    assert.equal(getMonitoringSystem(), monitoring);
    assert.ok(getSecuritySystem() !== undefined);
    assert.throws(() => getMonitoringSystem({ store: 'memory' }), {
      name: 'TypeError',
      message: 'the shared systems are already open; pass options on the first call only, or use openSystems()',
    });
  });

  it("the spec's example: addMetric, addAlertRule, addHealthCheck, start() … stop()", async () => {
    await monitoring.addMetric('cpu_usage_lib', 75.5, MetricType.GAUGE, { host: 'server1' });
    await monitoring.addMetric('request_count_lib', 1000, MetricType.COUNTER, { endpoint: '/api' });
    const rule = await monitoring.addAlertRule(
      new AlertRule({
        name: 'high_cpu_usage',
        expression: 'cpu_usage_lib > 70',
        severity: AlertSeverity.WARNING,
        description: 'CPU usage is above 70%',
        annotations: { summary: 'CPU on {{ $labels.host }} is {{ $value }}%' },
      }),
    );
    assert.deepEqual(
      { name: rule.name, expr: rule.expr, severity: rule.severity, forMs: rule.forMs, description: rule.description },
      { name: 'high_cpu_usage', expr: 'cpu_usage_lib > 70', severity: 'warning', forMs: 0, description: 'CPU usage is above 70%' },
    );
    let runs = 0;
    await monitoring.addHealthCheck(
      new HealthCheck(
        'database',
        async () => {
          runs++;
          return true;
        },
        { intervalMs: 1000 },
      ),
    );

    // The metrics are in the exposition at once (the registry is live; no scrape needed).
    const exposition = (await monitoring.registry()).exposition();
    assert.match(exposition, /^# TYPE cpu_usage_lib gauge\ncpu_usage_lib\{host="server1"\} 75\.5$/m);
    assert.match(exposition, /^# TYPE request_count_lib counter\nrequest_count_lib\{endpoint="\/api"\} 1000$/m);
    // Nothing runs before start(): no alert, the check not run yet.
    assert.deepEqual(await monitoring.alerts(), []);
    assert.equal(runs, 0);
    const waiting = (await monitoring.health()).checks.find((c) => c.name === 'database');
    assert.deepEqual({ status: waiting?.status, detail: waiting?.detail }, { status: 'degraded', detail: 'not run yet' });

    const idle = timers();
    await monitoring.start({ scrapeIntervalMs: 100, evaluationIntervalMs: 100 });
    assert.ok(timers() > idle, 'start() schedules the scrape, the rules and the checks');

    const alert = await waitFor('high_cpu_usage firing', async () => (await monitoring.alerts()).find((a) => a.state === 'firing'), WAIT_MS);
    assert.deepEqual(
      { rule: alert.rule, severity: alert.severity, labels: alert.labels, value: alert.value, summary: alert.annotations['summary'], muted: alert.muted },
      { rule: 'high_cpu_usage', severity: 'warning', labels: { alertname: 'high_cpu_usage', host: 'server1', severity: 'warning' }, value: 75.5, summary: 'CPU on server1 is 75.5%', muted: null },
    );
    const database = await waitFor(
      'a result of the database check',
      async () => (await monitoring.health()).checks.find((c) => c.name === 'database' && c.status === 'healthy'),
      WAIT_MS,
    );
    assert.equal(database.detail, 'passed');
    assert.ok(runs >= 1);
    assert.match((await monitoring.registry()).exposition(), /^health_check_up\{check="database"\} 1$/m);

    await monitoring.stop();
    assert.equal(timers(), idle, 'stop() clears every timer start() set');
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 1200)); // longer than the check's interval
    assert.equal(runs, after, 'no check runs after stop()');
    await monitoring.stop(); // a second stop() does nothing
  });

  it('removeAlertRule and removeHealthCheck remove by name; unknown names are NOT_FOUND', async () => {
    const removedRule = await monitoring.removeAlertRule('high_cpu_usage');
    assert.equal(removedRule.name, 'high_cpu_usage');
    assert.equal(removedRule.firing, 1, 'the rule as it was, with its firing alert');
    assert.deepEqual(await monitoring.alerts(), [], 'the firing alert ended with its rule');

    const removedCheck = await monitoring.removeHealthCheck('database');
    assert.deepEqual({ name: removedCheck.name, type: removedCheck.type, state: removedCheck.state }, { name: 'database', type: 'function', state: 'up' });
    assert.equal((await monitoring.health()).checks.find((c) => c.name === 'database'), undefined);
    assert.doesNotMatch((await monitoring.registry()).exposition(), /check="database"/);

    // A check given as a definition (kept in the store) is removed the same way.
    await monitoring.addHealthCheck({ name: 'nightly', type: 'heartbeat', intervalMs: '1h' });
    assert.equal((await monitoring.removeHealthCheck('nightly')).type, 'heartbeat');

    const noCheck = await rejection(monitoring.removeHealthCheck('database'));
    assert.deepEqual({ name: noCheck.name, code: noCheck.code, message: noCheck.message }, { name: 'NotFoundError', code: 'NOT_FOUND', message: "no check named 'database'" });
    const noRule = await rejection(monitoring.removeAlertRule('high_cpu_usage'));
    assert.deepEqual({ name: noRule.name, code: noRule.code, message: noRule.message }, { name: 'NotFoundError', code: 'NOT_FOUND', message: "no rule named 'high_cpu_usage'" });
    const wrongType = (await rejection(monitoring.removeHealthCheck(42 as unknown as string))) as Error;
    assert.deepEqual({ name: wrongType.name, message: wrongType.message }, { name: 'TypeError', message: '"name" must be a string' });
    const wrongRule = (await rejection(monitoring.removeAlertRule(undefined as unknown as string))) as Error;
    assert.deepEqual({ name: wrongRule.name, message: wrongRule.message }, { name: 'TypeError', message: '"name" must be a string' });
  });

  it("addHealthCheck refuses a built-in check's name, as a HealthCheck or a definition; the built-in's series stays", async () => {
    const builtIn = (name: string): string => `check name "${name}" is a built-in check's (event_loop, store_writable, disk, memory); choose another name`;
    assert.throws(() => new HealthCheck('memory', async () => true), { name: 'InvalidInputError', code: 'INVALID_INPUT', message: builtIn('memory') });
    const definition = await rejection(monitoring.addHealthCheck({ name: 'disk', type: 'disk', target: '/' }));
    assert.deepEqual({ name: definition.name, code: definition.code, message: definition.message }, { name: 'InvalidInputError', code: 'INVALID_INPUT', message: builtIn('disk') });
    await monitoring.health();
    assert.equal((await monitoring.health()).checks.filter((c) => c.name === 'disk').length, 1, "only the built-in's");
    assert.match((await monitoring.registry()).exposition(), /^health_check_up\{check="disk"\} [01]$/m);
  });
});
