// The metrics registry's hot path against prom-client on the same label shapes: labelled
// counter.inc, gauge.set, histogram.observe and summary.observe with 2 labels (a fresh label
// object per call, as request handlers write them), and the cached child handles.
//
// Each operation runs ~1 s per side, interleaved twice (ours, theirs, then theirs, ours, so
// neither side always runs on a warmer machine); the better round of each side counts.
// Needs `npm run build` first (it reads the compiled registry from dist/).
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Registry } from '../dist/daemon/monitoring/metrics/registry.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const STATUSES = ['200', '404'];
// Latencies spread over the default buckets, so the bucket search is not always the first step.
const VALUES = [0.003, 0.007, 0.02, 0.04, 0.08, 0.2, 0.4, 0.8, 2, 4, 8, 20, 0.012, 0.3, 0.06, 1.5];
const BATCH = 10_000;

async function loadPromClient() {
  try {
    return await import('prom-client');
  } catch (error) {
    throw new Error(
      `prom-client is not installed (npm install --save-dev prom-client): ${error.message}`,
    );
  }
}

// Each side gets its own loop function (not one shared closure), so V8's type feedback for one
// never mixes with the other's.
function operations(prom) {
  const ours = new Registry();
  const theirs = new prom.Registry();
  const labelNames = ['method', 'status'];
  const shared = (name, help) => ({ name, help, labelNames, registers: [theirs] });

  const oc = ours.counter('bench_requests_total', { help: 'requests', labelNames });
  const tc = new prom.Counter(shared('bench_requests_total', 'requests'));
  const og = ours.gauge('bench_in_flight', { help: 'in flight', labelNames });
  const tg = new prom.Gauge(shared('bench_in_flight', 'in flight'));
  const oh = ours.histogram('bench_duration_seconds', { help: 'duration', labelNames });
  const th = new prom.Histogram(shared('bench_duration_seconds', 'duration'));
  const os = ours.summary('bench_size_bytes', { help: 'size', labelNames });
  const ts = new prom.Summary(shared('bench_size_bytes', 'size'));

  const combos = [];
  for (const method of METHODS) for (const status of STATUSES) combos.push({ method, status });
  const ocChildren = combos.map((labels) => oc.labels(labels));
  const tcChildren = combos.map((labels) => tc.labels(labels));
  const ohChildren = combos.map((labels) => oh.labels(labels));
  const thChildren = combos.map((labels) => th.labels(labels));

  return [
    {
      figure: 'counter.inc({method, status}, 1)',
      ours: (base) => {
        for (let i = base; i < base + BATCH; i++)
          oc.inc({ method: METHODS[i & 3], status: STATUSES[(i >> 2) & 1] }, 1);
      },
      theirs: (base) => {
        for (let i = base; i < base + BATCH; i++)
          tc.inc({ method: METHODS[i & 3], status: STATUSES[(i >> 2) & 1] }, 1);
      },
    },
    {
      figure: 'gauge.set({method, status}, v)',
      ours: (base) => {
        for (let i = base; i < base + BATCH; i++)
          og.set({ method: METHODS[i & 3], status: STATUSES[(i >> 2) & 1] }, i);
      },
      theirs: (base) => {
        for (let i = base; i < base + BATCH; i++)
          tg.set({ method: METHODS[i & 3], status: STATUSES[(i >> 2) & 1] }, i);
      },
    },
    {
      figure: 'histogram.observe({method, status}, v)',
      ours: (base) => {
        for (let i = base; i < base + BATCH; i++)
          oh.observe({ method: METHODS[i & 3], status: STATUSES[(i >> 2) & 1] }, VALUES[i & 15]);
      },
      theirs: (base) => {
        for (let i = base; i < base + BATCH; i++)
          th.observe({ method: METHODS[i & 3], status: STATUSES[(i >> 2) & 1] }, VALUES[i & 15]);
      },
    },
    {
      figure: 'summary.observe({method, status}, v)',
      ours: (base) => {
        for (let i = base; i < base + BATCH; i++)
          os.observe({ method: METHODS[i & 3], status: STATUSES[(i >> 2) & 1] }, VALUES[i & 15]);
      },
      theirs: (base) => {
        for (let i = base; i < base + BATCH; i++)
          ts.observe({ method: METHODS[i & 3], status: STATUSES[(i >> 2) & 1] }, VALUES[i & 15]);
      },
    },
    {
      figure: 'counter.labels({...}) child .inc()',
      ours: (base) => {
        for (let i = base; i < base + BATCH; i++) ocChildren[i & 7].inc();
      },
      theirs: (base) => {
        for (let i = base; i < base + BATCH; i++) tcChildren[i & 7].inc();
      },
    },
    {
      figure: 'histogram.labels({...}) child .observe(v)',
      ours: (base) => {
        for (let i = base; i < base + BATCH; i++) ohChildren[i & 7].observe(VALUES[i & 15]);
      },
      theirs: (base) => {
        for (let i = base; i < base + BATCH; i++) thChildren[i & 7].observe(VALUES[i & 15]);
      },
    },
  ];
}

/** Runs `batch` repeatedly for about `ms` milliseconds; returns operations per second. */
function measure(batch, ms) {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    batch(ops);
    ops += BATCH;
    elapsed = performance.now() - start;
  }
  return (ops / elapsed) * 1000;
}

/**
 * Runs every operation on both sides and returns one figure per operation: our ops/s (`value`),
 * prom-client's (`baseline`) and their ratio, which passes at ≥ 1.0.
 */
export async function run({ seconds = 1 } = {}) {
  const prom = await loadPromClient();
  const ms = seconds * 1000;
  const results = [];
  for (const op of operations(prom)) {
    measure(op.ours, ms / 5);
    measure(op.theirs, ms / 5);
    const oursFirst = measure(op.ours, ms);
    const theirsFirst = measure(op.theirs, ms);
    const theirsSecond = measure(op.theirs, ms);
    const oursSecond = measure(op.ours, ms);
    const value = Math.max(oursFirst, oursSecond);
    const baseline = Math.max(theirsFirst, theirsSecond);
    const ratio = value / baseline;
    results.push({
      figure: op.figure,
      value: Math.round(value),
      baseline: Math.round(baseline),
      ratio: Math.round(ratio * 100) / 100,
      target: '>= 1.0',
      pass: ratio >= 1,
      unit: 'ops/s',
    });
  }
  return results;
}

function report(results) {
  const width = Math.max(...results.map((r) => r.figure.length));
  const num = (n) => n.toLocaleString('en-US').padStart(13);
  console.log(
    `${'operation'.padEnd(width)}  ${'ours ops/s'.padStart(13)}  ${'prom-client'.padStart(13)}  ratio  target`,
  );
  for (const r of results) {
    console.log(
      `${r.figure.padEnd(width)}  ${num(r.value)}  ${num(r.baseline)}  ${r.ratio.toFixed(2).padStart(5)}  ${r.target} ${r.pass ? 'pass' : 'FAIL'}`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  report(results);
  if (!results.every((r) => r.pass)) process.exitCode = 1;
}
