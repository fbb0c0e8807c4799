/**
 * `monitoring --forecast` through the real CLI and daemon: a gauge pushed rising over several
 * scrapes has a positive trend and a crossing time in the future; an unknown name is refused
 * (exit 2) and a known metric without samples has no rows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJson } from '../helpers/integration.js';
import { cliFails, cliJson, cliOk, monitoringHome, pushGauge } from '../helpers/monitoring.js';

interface ForecastJson {
  metric: string;
  threshold: number | null;
  rangeMs: number;
  rows: Array<{
    labels: Record<string, string>;
    current: number;
    slopePerHour: number;
    crossesAt: string | null;
    samples: number;
  }>;
}

describe('monitoring --forecast', () => {
  it('a gauge rising over several scrapes crosses a higher threshold in the future', async (t) => {
    const home = await monitoringHome(t);
    // Each value waits for a scrape to record it, so the samples are at least a scrape apart.
    for (const value of [10, 20, 30, 40]) await pushGauge(home, 'volume_used', value, { volume: 'data' });

    const asked = Date.now();
    const result = await cliJson<ForecastJson>(home, [
      'monitoring',
      '--forecast',
      'volume_used',
      '--threshold',
      '1000000',
      '--range',
      '10m',
    ]);
    assert.equal(result.metric, 'volume_used');
    assert.equal(result.threshold, 1_000_000);
    assert.equal(result.rangeMs, 600_000);
    assert.equal(result.rows.length, 1);
    const [row] = result.rows;
    assert.ok(row !== undefined);
    assert.deepEqual(row.labels, { volume: 'data' });
    assert.ok(row.samples >= 4, `samples ${row.samples}`);
    assert.ok(row.slopePerHour > 0, `slope ${row.slopePerHour}`);
    assert.ok(row.current > 10, `current ${row.current}`);
    assert.ok(row.crossesAt !== null, 'a rising trend crosses a higher threshold');
    assert.ok(Date.parse(row.crossesAt) > asked, `crossesAt ${row.crossesAt} is in the future`);

    // A threshold the trend moves away from is never crossed.
    const below = await cliJson<ForecastJson>(home, ['monitoring', '--forecast', 'volume_used', '--threshold', '0']);
    assert.equal(below.rows[0]?.crossesAt, null);
    assert.equal(below.rangeMs, 6 * 3_600_000, 'the default range is 6h');
    // Without a threshold there is only the trend.
    const trend = await cliJson<ForecastJson>(home, ['monitoring', '--forecast', 'volume_used']);
    assert.equal(trend.threshold, null);
    assert.equal(trend.rows[0]?.crossesAt, null);
    assert.ok((trend.rows[0]?.slopePerHour ?? 0) > 0);

    const human = await cliOk(home, ['monitoring', '--forecast', 'volume_used', '--threshold', '1000000']);
    assert.match(human, /^volume_used: trend over the last 6h, threshold 1000000\n/);
    assert.match(human, /^SERIES\s+CURRENT\s+TREND\s+SAMPLES\s+CROSSES 1000000$/m);
    assert.match(human, /^\{volume="data"\}\s+\S+\s+\+\S+\/h\s+\d+\s+in \S+ \(/m);

    // A name nothing knows is refused as --metrics refuses it (exit 2), in text and JSON.
    await cliFails(home, ['monitoring', '--forecast', 'no_such_metric'], 2, /^clickup-brain: no metric named 'no_such_metric'\n$/);
    const unknownJson = await cliFails(home, ['monitoring', '--forecast', 'no_such_metric', '--json'], 2, /no metric named/);
    assert.deepEqual(parseJson(unknownJson), { error: { code: 'INVALID_INPUT', message: "no metric named 'no_such_metric'", field: 'metric' } });
    await cliFails(home, ['monitoring', '--metrics', 'no_such_metric'], 2, /^clickup-brain: no metric named 'no_such_metric'\n$/);
    // A known metric without samples of its own name is no error: no rows, and the text says so.
    // (A histogram's samples are its _bucket, _sum and _count series.)
    await cliOk(home, ['monitoring', '--push', 'job_seconds=0.5', '--type', 'histogram']);
    const empty = await cliJson<ForecastJson>(home, ['monitoring', '--forecast', 'job_seconds']);
    assert.deepEqual(empty.rows, []);
    assert.equal(
      await cliOk(home, ['monitoring', '--forecast', 'job_seconds', '--threshold', '1']),
      'job_seconds: trend over the last 6h, threshold 1\n\nNo series with enough samples to forecast.\n',
    );
    await cliFails(home, ['monitoring', '--forecast', 'volume_used', '--range', '30s'], 2, /--range must be at least 1m for --forecast/);
    await cliFails(home, ['monitoring', '--forecast', 'volume_used', '--threshold', 'high'], 2, /'high' is not a number/);
  });
});
