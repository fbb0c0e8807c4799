// The evaluator's fast paths (visitLatest, scanRange, results shared between evaluations) must
// not change any result: every expression here is evaluated over the history store both ways
// and compared value for value.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HistoryStore } from '../../../../../daemon/monitoring/history/history-store.js';
import { evaluate, type EvaluateOptions } from '../../../../../daemon/monitoring/rules/evaluator.js';
import { parseExpression } from '../../../../../daemon/monitoring/rules/parser.js';
import { writeStaleMarker } from '../../../../../daemon/monitoring/rules/staleness.js';
import type { EvalResult } from '../../../../../daemon/monitoring/rules/values.js';
import type { SeriesSource } from '../../../../../daemon/monitoring/types.js';

const T0 = Date.UTC(2025, 0, 1);
const S = 10_000;
const M = 60_000;
const H = 3_600_000;
const D = 24 * H;

const STALE = (() => {
  const buf = new Float64Array(1);
  writeStaleMarker(buf, 0);
  return buf[0] as number;
})();

/** Three hours of counters (with resets) and gauges (with jitter, gaps, NaN and markers), the first two rolled up. */
function history(): HistoryStore {
  const store = new HistoryStore({
    retentionMs: H,
    rollups: [
      { stepMs: M, retentionMs: D },
      { stepMs: H, retentionMs: 7 * D },
    ],
  });
  for (let i = 0; i < 3 * 360; i++) {
    const t = T0 + i * S;
    for (const job of ['a', 'b']) {
      for (const instance of ['1', '2', '3']) {
        const k = Number(instance);
        store.append('req_total', { job, instance }, t, (i % (200 + k * 37)) * k);
        if (job === 'b' && instance === '3' && i % 60 > 40) continue; // gaps
        const jitter = job === 'a' && i % 7 === 0 ? 2 : 0;
        const value = i % 90 === 89 && instance === '2' ? STALE : i === 500 && job === 'a' ? NaN : 40 + ((i * k) % 30);
        store.append('temp', { job, instance }, t + jitter, value);
      }
    }
  }
  store.compact(T0 + 3 * H);
  return store;
}

/** The same data through `select` alone: no fast paths, no version. */
function plain(store: HistoryStore): SeriesSource {
  return { select: (name, matchers, startMs, endMs) => store.select(name, matchers, startMs, endMs), names: () => store.names() };
}

const EXPRESSIONS = [
  'temp',
  'temp > 50',
  'temp{job="a"}',
  'temp{job=~"a|b", instance!="2"}',
  '{__name__=~"te.*"}',
  '{__name__=~"req_total|temp", job="b"}',
  'temp offset 5m',
  'avg by (job) (temp)',
  'avg by (job) (temp) > 50',
  'sum without (instance) (temp)',
  'max by (job, instance) (temp)',
  'count(temp)',
  'rate(req_total[5m])',
  'rate(req_total[5m]) > 1',
  'rate(req_total[1h])',
  'increase(req_total[10m] offset 1m)',
  'irate(req_total[1m])',
  'resets(req_total[30m])',
  'deriv(temp[10m])',
  'predict_linear(temp[10m], 3600)',
  'changes(temp[5m])',
  'avg_over_time(temp[5m])',
  'min_over_time(temp[2h])',
  'max_over_time(temp[5m])',
  'sum_over_time(temp[3h])',
  'count_over_time(temp[5m])',
  'last_over_time(temp[5m])',
  'stddev_over_time(temp[5m])',
  'quantile_over_time(0.9, temp[5m])',
  'present_over_time(temp[5m])',
  'absent_over_time(nothing[5m])',
  'absent(temp{job="zzz"})',
  'rate(req_total[5m]) / rate(req_total[5m])',
  'temp > on(job, instance) temp offset 1m',
  'temp and temp offset 1m',
  'abs(-temp)',
  'time()',
];

function assertSame(actual: EvalResult, expected: EvalResult, what: string): void {
  assert.equal(actual.kind, expected.kind, what);
  if (actual.kind === 'scalar' || expected.kind === 'scalar') {
    assert.ok(actual.kind === 'scalar' && expected.kind === 'scalar' && Object.is(actual.value, expected.value), what);
    return;
  }
  assert.equal(actual.samples.length, expected.samples.length, `${what}: number of samples`);
  actual.samples.forEach((a, i) => {
    const e = expected.samples[i];
    assert.ok(e !== undefined);
    assert.deepEqual(a.labels, e.labels, what);
    assert.equal(a.name, e.name, what);
    assert.ok(Object.is(a.value, e.value), `${what}: ${JSON.stringify(a.labels)} ${a.value} vs ${e.value}`);
  });
}

function times(): number[] {
  const out: number[] = [];
  for (let t = T0 - M; t <= T0 + 3 * H + 10 * M; t += 13 * M + 777) out.push(t);
  // Exact sample times and their neighbours, near markers, gaps and the fold boundary.
  for (const edge of [T0 + 89 * S, T0 + 90 * S, T0 + 500 * S, T0 + 2 * H, T0 + 2 * H + 5 * M, T0 + 3 * H - S]) out.push(edge - 1, edge, edge + 1);
  return out;
}

describe('evaluator fast paths over the history store', () => {
  const store = history();
  const slow = plain(store);

  test('every expression gives the same result as through select alone', () => {
    let samples = 0;
    for (const text of EXPRESSIONS) {
      const expr = parseExpression(text);
      for (const at of times()) {
        for (const options of [{}, { lookbackMs: 30_000 }, { shareResults: false }] as EvaluateOptions[]) {
          const expected = evaluate(expr, slow, at, options);
          assertSame(evaluate(expr, store, at, options), expected, `${text} at ${at - T0} ${JSON.stringify(options)}`);
          // Again, now from the shared results (for the same time and data).
          assertSame(evaluate(expr, store, at, options), expected, `${text} at ${at - T0} (again)`);
          if (expected.kind === 'vector') samples += expected.samples.length;
        }
      }
    }
    assert.ok(samples > 10_000);
  });

  test('errors are the same both ways', () => {
    const expr = parseExpression('temp > ignoring(instance) temp');
    assert.throws(() => evaluate(expr, slow, T0 + H), /duplicate series/);
    assert.throws(() => evaluate(expr, store, T0 + H), /duplicate series/);
    assert.throws(() => evaluate(expr, store, T0 + H), /duplicate series/);
  });
});

describe('results shared between evaluations', () => {
  test('a caller changing a result array does not change the next evaluation', () => {
    const store = history();
    const expr = parseExpression('temp');
    const at = T0 + 2 * H + 7 * M;
    const first = evaluate(expr, store, at);
    assert.ok(first.kind === 'vector' && first.samples.length === 6);
    first.samples.length = 0;
    const second = evaluate(expr, store, at);
    assert.ok(second.kind === 'vector' && second.samples.length === 6);
    const range = parseExpression('rate(req_total[5m])');
    const r1 = evaluate(range, store, at);
    assert.ok(r1.kind === 'vector');
    r1.samples.pop();
    const r2 = evaluate(range, store, at);
    assert.ok(r2.kind === 'vector' && r2.samples.length === 6);
  });

  test('new data at the same time is seen at once', () => {
    const store = new HistoryStore();
    const at = T0 + M;
    const instant = parseExpression('up');
    const range = parseExpression('count_over_time(up[5m])');
    const values = (r: EvalResult): number[] => (r.kind === 'vector' ? r.samples.map((s) => s.value) : []);
    assert.deepEqual(values(evaluate(instant, store, at)), []);
    assert.deepEqual(values(evaluate(range, store, at)), []);
    store.append('up', { job: 'a' }, T0, 1);
    assert.deepEqual(values(evaluate(instant, store, at)), [1]);
    assert.deepEqual(values(evaluate(range, store, at)), [1]);
    store.append('up', { job: 'a' }, T0 + S, 0);
    assert.deepEqual(values(evaluate(instant, store, at)), [0]);
    assert.deepEqual(values(evaluate(range, store, at)), [2]);
    store.compact(T0 + 2 * D); // now one minute point, the average
    assert.deepEqual(values(evaluate(instant, store, at)), [0.5]);
  });

  test('the lookback, the offset and the function argument are part of what is shared', () => {
    const store = new HistoryStore();
    for (let i = 0; i < 30; i++) store.append('g', {}, T0 + i * S, i);
    const at = T0 + 31 * S; // the last minute holds 26..29
    const value = (text: string, options?: EvaluateOptions): number[] => {
      const r = evaluate(parseExpression(text), store, at, options);
      return r.kind === 'vector' ? r.samples.map((s) => s.value) : [];
    };
    assert.deepEqual(value('g'), [29]);
    assert.deepEqual(value('g', { lookbackMs: 15_000 }), []);
    assert.deepEqual(value('g offset 1m'), [25]);
    assert.deepEqual(value('quantile_over_time(0, g[1m])'), [26]);
    assert.deepEqual(value('quantile_over_time(1, g[1m])'), [29]);
    assert.deepEqual(value('predict_linear(g[1m], 0)'), value('predict_linear(g[1m], -0)'));
    assert.deepEqual(value('max_over_time(g[1m])'), [29]);
    assert.deepEqual(value('min_over_time(g[1m])'), [26]);
    assert.deepEqual(value('min_over_time(g[1m] offset 10s)'), [25]);
  });
});
