/**
 * `monitoring --health`: human and JSON output, exit codes by status, --quiet, and thresholds
 * changed at run time through config.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tempHome, type TestHome } from '../helpers/home.js';
import { parseJson, waitFor } from '../helpers/integration.js';

const exitFor = { healthy: 0, degraded: 1, unhealthy: 2 } as const;
const checkNames = ['disk', 'event_loop', 'memory', 'store_writable'];

interface Check {
  name: string;
  status: keyof typeof exitFor;
  detail: string;
  latencyMs: number;
  lastRun: string;
}
interface Report {
  status: keyof typeof exitFor;
  checks: Check[];
  checkedAt: string;
}

function assertReportShape(report: Report): void {
  assert.deepEqual(Object.keys(report).sort(), ['checkedAt', 'checks', 'status']);
  assert.ok(report.status in exitFor, `status ${report.status}`);
  assert.ok(!Number.isNaN(Date.parse(report.checkedAt)), 'checkedAt is a time');
  assert.deepEqual(report.checks.map((c) => c.name).sort(), checkNames);
  for (const check of report.checks) {
    assert.deepEqual(Object.keys(check).sort(), [
      'detail',
      'lastRun',
      'latencyMs',
      'name',
      'status',
    ]);
    assert.ok(check.status in exitFor, `${check.name}: ${check.status}`);
    assert.equal(typeof check.detail, 'string');
    assert.ok(check.detail.length > 0);
    assert.equal(typeof check.latencyMs, 'number');
    assert.ok(check.latencyMs >= 0);
    assert.ok(!Number.isNaN(Date.parse(check.lastRun)), `${check.name}: lastRun ${check.lastRun}`);
  }
  // The overall status is the worst of the checks.
  const worst = Math.max(...report.checks.map((c) => exitFor[c.status]));
  assert.equal(exitFor[report.status], worst);
}

describe('monitoring --health', () => {
  let home: TestHome;
  before(async () => {
    home = await tempHome();
  });
  after(() => home.cleanup());

  it('--json has the report shape and the exit code follows the status', async () => {
    const result = await home.cli(['monitoring', '--health', '--json']);
    const report = parseJson<Report>(result.stdout);
    assertReportShape(report);
    assert.equal(result.code, exitFor[report.status], result.stderr);
    const store = report.checks.find((c) => c.name === 'store_writable');
    assert.equal(store?.status, 'healthy');
    assert.match(store?.detail ?? '', /is writable/);
  });

  it('human output: Overall and the four checks in a table', async () => {
    const result = await home.cli(['monitoring', '--health']);
    const overall = /^Overall: (healthy|degraded|unhealthy)$/m.exec(result.stdout);
    assert.ok(overall !== null, result.stdout);
    assert.equal(result.code, exitFor[overall[1] as keyof typeof exitFor]);
    assert.match(result.stdout, /^CHECK\s+STATUS\s+LATENCY\s+LAST RUN\s+DETAIL$/m);
    for (const name of checkNames)
      assert.match(
        result.stdout,
        new RegExp(`^${name}\\s+(healthy|degraded|unhealthy)\\s+\\d+\\.\\d ms\\s`, 'm'),
      );
    assert.doesNotMatch(result.stdout, /\x1b\[/, 'no colour codes with NO_COLOR');
    assert.equal(result.stderr, '');
  });

  it('--quiet prints nothing on stdout but keeps the exit code', async () => {
    const json = parseJson<Report>((await home.cli(['monitoring', '--health', '--json'])).stdout);
    const result = await home.cli(['monitoring', '--health', '--quiet']);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, '');
    assert.equal(result.code, exitFor[json.status]);
  });

  it('monitoring with no action is a usage error', async () => {
    const result = await home.cli(['monitoring']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no action given: use a mode such as --health/);
  });

  it('disk thresholds set through config turn the disk check unhealthy (exit 2)', async () => {
    for (const [key, value] of [
      ['monitoring.scrapeInterval', '1s'],
      ['health.diskWarnPercent', '1'],
      ['health.diskCritPercent', '2'],
    ] as const) {
      const set = await home.cli(['config', 'set', key, value]);
      assert.equal(set.code, 0, set.stderr);
      assert.match(set.stdout, /applied now/);
    }
    const result = await waitFor(
      'the disk check to turn unhealthy',
      async () => {
        const r = await home.cli(['monitoring', '--health', '--json']);
        const report = parseJson<Report>(r.stdout);
        return report.checks.find((c) => c.name === 'disk')?.status === 'unhealthy'
          ? { r, report }
          : undefined;
      },
      10_000,
      250,
    );
    assertReportShape(result.report);
    assert.equal(result.report.status, 'unhealthy');
    assert.equal(result.r.code, 2);
    const disk = result.report.checks.find((c) => c.name === 'disk');
    assert.match(disk?.detail ?? '', /warn 1%, critical 2%/);

    const human = await home.cli(['monitoring', '--health']);
    assert.equal(human.code, 2);
    assert.match(human.stdout, /^Overall: unhealthy$/m);
    assert.match(human.stdout, /^disk\s+unhealthy\s/m);
    const quiet = await home.cli(['monitoring', '--health', '--quiet']);
    assert.equal(quiet.code, 2);
    assert.equal(quiet.stdout, '');

    // Back to the defaults: a later scrape uses them again.
    for (const key of ['health.diskWarnPercent', 'health.diskCritPercent'])
      assert.equal((await home.cli(['config', 'unset', key])).code, 0);
    await waitFor(
      'the disk check to use the default thresholds',
      async () => {
        const report = parseJson<Report>(
          (await home.cli(['monitoring', '--health', '--json'])).stdout,
        );
        const disk = report.checks.find((c) => c.name === 'disk');
        return disk !== undefined && /warn 90%, critical 95%/.test(disk.detail);
      },
      10_000,
      250,
    );
  });
});
