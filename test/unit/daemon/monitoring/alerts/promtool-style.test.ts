/**
 * Alerting tests in the style of `promtool test rules`: input series over time (promtool's
 * expanding notation, one sample a minute from T0), a rule, and the expected alerts at each
 * evaluation time, through the real AlertEngine.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlertEngine } from '../../../../../daemon/monitoring/alerts/alert-engine.js';
import type { RuleInput } from '../../../../../daemon/monitoring/alerts/rule-compiler.js';
import { MemorySeriesSource } from '../../../../../daemon/monitoring/rules/memory-source.js';
import { MINUTE, setup, T0 } from './alerting-fixtures.js';

/** Evaluates `rule` at each minute in `at` and returns the alerts then, as `state{labels}`. */
async function alertsAt(series: Record<string, string>, rule: RuleInput, at: number[]): Promise<string[][]> {
  const { clock, store, audit } = await setup();
  const engine = new AlertEngine({ store, source: new MemorySeriesSource(series, { interval: '1m', startMs: T0 }), clock, audit });
  await engine.addRule(rule, 'test');
  const out: string[][] = [];
  for (const minute of at) {
    clock.set(T0 + minute * MINUTE);
    await engine.evaluate();
    out.push(
      engine
        .alerts()
        .map((a) => `${a.state}{${Object.entries(a.labels).filter(([k]) => k !== 'alertname' && k !== 'severity').map(([k, v]) => `${k}=${v}`).sort().join(',')}} ${Math.round(a.value * 1000) / 1000}`)
        .sort(),
    );
  }
  return out;
}

describe('promtool-style alert tests', () => {
  test('rate over a counter that resets: no false alert at the reset, firing after for', async () => {
    // 10 per minute, a restart at minute 6 (back to 0), then 10 per minute again; then 60 per minute.
    const series = { 'requests_total{job="api"}': '0+10x5 0+10x5 60+60x10' };
    const rule = { name: 'HighRate', expr: 'rate(requests_total[3m]) > 0.5', forMs: 2 * MINUTE };
    // rate is 10/60 = 0.167/s through the reset (counter reset handling), then 1/s from minute 12.
    const got = await alertsAt(series, rule, [3, 6, 7, 9, 14, 15, 16, 17]);
    assert.deepEqual(got, [[], [], [], [], ['pending{job=api} 1'], ['pending{job=api} 1'], ['firing{job=api} 1'], ['firing{job=api} 1']]);
  });

  test('absent: fires when a series disappears, resolves when it returns', async () => {
    const series = { 'up{job="batch"}': '1x3 _x5 1x5' };
    const rule = { name: 'BatchGone', expr: 'absent(up{job="batch"})', forMs: 0 };
    // Samples at minutes 0-3, none at 4-8, again from 9. The lookback (5 minutes, its start
    // excluded) still sees minute 3 at minute 7, not at 8; minute 9 has a sample again.
    const got = await alertsAt(series, rule, [2, 7, 8, 9, 10]);
    assert.deepEqual(got, [[], [], ['firing{job=batch} 1'], [], []]);
  });

  test('pending that clears before for is dropped, never firing', async () => {
    const series = { 'queue_depth{q="mail"}': '5 50 50 5 5' };
    const rule = { name: 'QueueDeep', expr: 'queue_depth > 10', forMs: 3 * MINUTE };
    const got = await alertsAt(series, rule, [0, 1, 2, 3, 4]);
    assert.deepEqual(got, [[], ['pending{q=mail} 50'], ['pending{q=mail} 50'], [], []]);
  });
});
