/**
 * User health checks through the real CLI and daemon: an http check against a local server, a tcp
 * check on a closed port, their place in `monitoring --health` and in the Prometheus output,
 * heartbeats, removal, and refused definitions that change nothing.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { freePort } from '../helpers/free-port.js';
import { parseJson } from '../helpers/integration.js';
import {
  checkDefinition,
  checksOf,
  cliFails,
  cliJson,
  cliOk,
  monitoringHome,
  waitForCheck,
  type CheckJson,
} from '../helpers/monitoring.js';

/** A local HTTP server on 127.0.0.1 and a free port; closed when the test ends. */
async function localServer(t: TestContext): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server: Server = createServer((request, response) => {
    hits++;
    response.writeHead(request.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' });
    response.end(request.url === '/health' ? 'all good' : 'no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits: () => hits };
}

interface HealthJson {
  status: 'healthy' | 'degraded' | 'unhealthy';
  checks: Array<{ name: string; status: string; detail: string }>;
}

describe('health checks', () => {
  it('http up, tcp down: --checks, --health (exit 2) and health_check_up in the Prometheus output', async (t) => {
    const home = await monitoringHome(t);
    const server = await localServer(t);
    const port = await freePort(); // nothing listens on it

    const { check: added } = await cliJson<{ check: CheckJson }>(home, [
      'monitoring',
      '--add-check',
      'web',
      '--type',
      'http',
      '--target',
      `${server.url}/health`,
      '--interval',
      '1s',
      '--timeout',
      '900ms',
      '--expect-status',
      '200',
      '--expect-body',
      'good',
    ]);
    assert.deepEqual(
      { ...added, lastRun: null },
      {
        name: 'web',
        type: 'http',
        target: `${server.url}/health`,
        intervalMs: 1000,
        state: 'unknown',
        lastRun: null,
        latencyMs: null,
        detail: 'not run yet',
        recentLatencyMs: [],
        uptime24h: null,
      },
    );
    const tcp = await cliOk(home, [
      'monitoring',
      '--add-check',
      'closed',
      '--type',
      'tcp',
      '--target',
      `127.0.0.1:${port}`,
      '--interval',
      '1s',
      '--timeout',
      '500ms',
      '--failure-threshold',
      '1',
    ]);
    assert.equal(tcp, `Saved tcp check closed (127.0.0.1:${port}), every 1s\n`);

    const web = await waitForCheck(home, 'web', 'up');
    assert.ok(server.hits() >= 1, 'the daemon fetched the page');
    assert.ok(web.lastRun !== null && web.latencyMs !== null && web.latencyMs >= 0);
    assert.match(web.detail, /^200 in /);
    assert.equal(web.uptime24h, 1);
    const down = await waitForCheck(home, 'closed', 'down');
    assert.match(down.detail, new RegExp(`cannot connect to 127\\.0\\.0\\.1:${port}`));
    assert.equal(down.uptime24h, 0);

    const table = await cliOk(home, ['monitoring', '--checks']);
    assert.match(table, /^NAME\s+TYPE\s+TARGET\s+STATE\s+LATENCY\s+LAST RUN\s+UPTIME 24H\s+RECENT\s+DETAIL$/m);
    assert.match(table, /^closed\s+tcp\s+\S+\s+down\s/m);
    assert.match(table, /^web\s+http\s+\S+\s+up\s/m);

    // The user checks join the built-in ones in --health; one down makes it unhealthy (exit 2).
    const health = await home.cli(['monitoring', '--health', '--json']);
    assert.equal(health.code, 2, health.stderr);
    const report = parseJson<HealthJson>(health.stdout);
    assert.equal(report.status, 'unhealthy');
    const statusOf = Object.fromEntries(report.checks.map((c) => [c.name, c.status]));
    assert.equal(statusOf['web'], 'healthy');
    assert.equal(statusOf['closed'], 'unhealthy');
    for (const builtIn of ['disk', 'event_loop', 'memory', 'store_writable']) assert.ok(builtIn in statusOf, builtIn);
    const human = await home.cli(['monitoring', '--health']);
    assert.equal(human.code, 2);
    assert.match(human.stdout, /^Overall: unhealthy$/m);
    assert.match(human.stdout, /^closed\s+unhealthy\s/m);

    const text = await cliOk(home, ['monitoring', '--metrics', '--prometheus']);
    assert.match(text, /^# TYPE health_check_up gauge$/m);
    assert.match(text, /^health_check_up\{check="web"\} 1$/m);
    assert.match(text, /^health_check_up\{check="closed"\} 0$/m);
    assert.match(text, /^health_check_latency_seconds\{check="web"\} \S+$/m);

    // Removing the down check takes it out of --checks, --health and the metrics.
    assert.equal(await cliOk(home, ['monitoring', '--remove-check', 'closed']), 'Removed check closed\n');
    assert.deepEqual((await checksOf(home)).map((c) => c.name), ['web']);
    const after = await home.cli(['monitoring', '--health', '--json']);
    const afterReport = parseJson<HealthJson>(after.stdout);
    assert.ok(!afterReport.checks.some((c) => c.name === 'closed'));
    assert.ok(after.code === 0 || after.code === 1, `no check is down now: exit ${after.code}`);
    const textAfter = await cliOk(home, ['monitoring', '--metrics', '--prometheus']);
    assert.doesNotMatch(textAfter, /check="closed"/);
    await cliFails(home, ['monitoring', '--remove-check', 'closed'], 1, /no check named 'closed'/);
  });

  it('a heartbeat check is up once a beat arrives', async (t) => {
    const home = await monitoringHome(t);
    assert.equal(
      await cliOk(home, ['monitoring', '--add-check', 'nightly', '--type', 'heartbeat', '--interval', '1h']),
      'Saved heartbeat check nightly, every 1h\n',
    );
    const [waiting] = await checksOf(home);
    assert.equal(waiting?.state, 'unknown');
    assert.equal(waiting?.target, null);

    const beat = await cliOk(home, ['monitoring', '--heartbeat', 'nightly']);
    assert.equal(beat, 'Beat recorded for nightly (up); the next is due within 1h\n');
    const { check } = await cliJson<{ check: CheckJson }>(home, ['monitoring', '--heartbeat', 'nightly']);
    assert.equal(check.state, 'up');
    assert.ok(check.lastRun !== null);
    const [listed] = await checksOf(home);
    assert.equal(listed?.state, 'up');

    await cliFails(home, ['monitoring', '--heartbeat', 'nope'], 1, /no check named 'nope'/);
    await cliOk(home, ['monitoring', '--add-check', 'port', '--type', 'tcp', '--target', '127.0.0.1:9', '--interval', '1h']);
    await cliFails(home, ['monitoring', '--heartbeat', 'port'], 2, /check 'port' is a tcp check; only heartbeat checks take pushes/);
  });

  it('bad check definitions exit 2 and change nothing', async (t) => {
    const home = await monitoringHome(t);
    await cliOk(home, ['monitoring', '--add-check', 'kept', '--type', 'tcp', '--target', '127.0.0.1:9', '--interval', '1h']);
    const before = (await checksOf(home)).map(checkDefinition);
    const refusals: Array<[string[], RegExp]> = [
      [['--add-check', 'c1', '--type', 'tcp', '--target', '127.0.0.1:9', '--interval', '1s', '--timeout', '1s'], /check 'c1': timeout \(1s\) must be shorter than the interval \(1s\)/],
      [['--add-check', 'c1', '--type', 'tcp', '--target', '127.0.0.1:9', '--interval', '1s', '--timeout', '2s'], /timeout \(2s\) must be shorter than the interval \(1s\)/],
      [['--add-check', 'c2', '--type', 'http', '--target', 'not a url'], /check 'c2': target is invalid: 'not a url' is not a URL/],
      [['--add-check', 'c2', '--type', 'http', '--target', 'ftp://example.com/'], /must use http:\/\/ or https:\/\/, not ftp:\/\//],
      [['--add-check', 'c2', '--type', 'http'], /check 'c2': target is required for http checks/],
      [['--add-check', 'c3', '--type', 'smtp'], /--type for --add-check must be http, tcp, command, disk, memory, process or heartbeat, got 'smtp'/],
      [['--add-check', 'c4'], /--add-check needs --type <type>/],
      [['--add-check', 'c5', '--type', 'tcp', '--target', '127.0.0.1:9', '--expect-body', 'x'], /--expect-body does not apply to tcp checks/],
      [['--add-check', 'c6', '--type', 'http', '--target', 'http://127.0.0.1/', '--expect-status', '700'], /--expect-status for http checks takes status codes from 100 to 599, got 700/],
      [['--add-check', 'c7', '--type', 'tcp', '--target', '127.0.0.1:9', '--failure-threshold', '0'], /'0' is not a positive whole number/],
    ];
    for (const [args, message] of refusals) await cliFails(home, ['monitoring', ...args], 2, message);
    // A name in use is a conflict (exit 1), not bad input; the existing check is kept.
    await cliFails(
      home,
      ['monitoring', '--add-check', 'kept', '--type', 'tcp', '--target', '127.0.0.1:10'],
      1,
      /check 'kept' already exists/,
    );
    assert.deepEqual((await checksOf(home)).map(checkDefinition), before);
  });
});
