// Memory per stored sample of the metric history store, against a naive store of {t, v} objects.
//
// Fills 10,000 series x 8,640 samples (24 h at 10 s) and reports bytes per sample two ways: the
// store's own estimate (stats(), which its size cap uses) and what the process really holds
// (heapUsed + arrayBuffers from process.memoryUsage(), after a forced GC, minus the same figure
// before the fill). The naive baseline is measured the same way on a smaller fill and reported per
// sample (bytes per sample do not depend on the series count, so the small fill is scaled by the
// sample count). A second figure repeats the fill with jittered timestamps, the worst regular case.
//
// Forced GC needs `node --expose-gc`; without it this script re-runs itself with the flag.
// Usage: npm run build && node bench/history-memory.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERIES = 10_000;
const SAMPLES = 8_640;
const INTERVAL_MS = 10_000;
const NAIVE_SERIES = 500;
const JITTER_SERIES = 1_000;
const TARGET = 16;
const T0 = Date.UTC(2025, 0, 1);
const self = fileURLToPath(import.meta.url);

function settle() {
  for (let i = 0; i < 4; i++) globalThis.gc?.();
}

function used() {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function labelsFor(count) {
  return Array.from({ length: count }, (_, i) => ({ job: 'node', instance: `host-${i}:9100` }));
}

/** Bytes the process holds for what `fill` builds (the result is kept alive while measuring). */
function measure(fill) {
  settle();
  const before = used();
  const kept = fill();
  settle();
  const bytes = used() - before;
  return { kept, bytes };
}

async function fillStore(HistoryStore, seriesCount, jitterMs) {
  const labels = labelsFor(seriesCount);
  let seed = 42;
  const jitter = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return jitterMs === 0 ? 0 : (seed % (2 * jitterMs + 1)) - jitterMs;
  };
  return measure(() => {
    // 16 GiB: the default 512 MiB cap would (correctly) evict part of this fill.
    const store = new HistoryStore({ maxBytes: 16 * 1024 ** 3 });
    // Time-major order, as the daemon appends: every series once per interval.
    for (let j = 0; j < SAMPLES; j++) {
      const t = T0 + j * INTERVAL_MS;
      for (let i = 0; i < seriesCount; i++) {
        store.append('node_cpu_seconds_total', labels[i], t + jitter(), i + j * 0.25);
      }
    }
    return store;
  });
}

function naiveBaseline() {
  const labels = labelsFor(NAIVE_SERIES);
  const { kept, bytes } = measure(() => {
    const store = new Map();
    for (let i = 0; i < NAIVE_SERIES; i++)
      store.set(JSON.stringify(labels[i]), { labels: labels[i], samples: [] });
    const rows = [...store.values()];
    for (let j = 0; j < SAMPLES; j++) {
      for (let i = 0; i < NAIVE_SERIES; i++)
        rows[i].samples.push({ t: T0 + j * INTERVAL_MS, v: i + j * 0.25 });
    }
    return store;
  });
  return { perSample: bytes / (NAIVE_SERIES * SAMPLES), size: kept.size };
}

async function measureAll() {
  const { HistoryStore } = await import('../dist/daemon/monitoring/history/history-store.js');
  const baseline = naiveBaseline();
  settle();

  const started = performance.now();
  let { kept: store, bytes } = await fillStore(HistoryStore, SERIES, 0);
  const fillSeconds = (performance.now() - started) / 1000;
  const stats = store.stats();
  const stored = stats.samples + stats.rollupPoints;
  const measured = bytes / stored;
  store = undefined;
  settle();

  let { kept: jittered, bytes: jitterBytes } = await fillStore(HistoryStore, JITTER_SERIES, 50);
  const jitterStats = jittered.stats();
  const jitterMeasured = jitterBytes / jitterStats.samples;
  jittered = undefined;

  const row = (figure, value, note) => ({
    figure,
    value: Number(value.toFixed(2)),
    baseline: Number(baseline.perSample.toFixed(2)),
    ratio: Number((value / baseline.perSample).toFixed(3)),
    target: `<= ${TARGET}`,
    pass: value <= TARGET,
    unit: 'B',
    note,
  });
  return [
    row(
      'history bytes/sample',
      measured,
      `${SERIES} series x ${SAMPLES} samples, aligned 10 s; process.memoryUsage() heap+arrayBuffers delta` +
        ` after GC (${globalThis.gc ? 'forced' : 'NOT forced: run with --expose-gc'}); stats() estimate` +
        ` ${stats.bytesPerSample.toFixed(2)} B; fill ${fillSeconds.toFixed(1)} s; baseline: naive {t, v}` +
        ` objects, ${NAIVE_SERIES} series x ${SAMPLES} samples measured the same way, per sample`,
    ),
    row(
      'history bytes/sample (jittered times)',
      jitterMeasured,
      `${JITTER_SERIES} series x ${SAMPLES} samples, +/-50 ms timer jitter (explicit int32 offsets);` +
        ` stats() estimate ${jitterStats.bytesPerSample.toFixed(2)} B`,
    ),
  ];
}

/** Measures in a process with forced GC (re-spawning with --expose-gc when needed). */
export async function run() {
  if (typeof globalThis.gc === 'function') return measureAll();
  const child = spawnSync(process.execPath, ['--expose-gc', self, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0)
    throw new Error(`history-memory bench child failed (status ${child.status})`);
  return JSON.parse(child.stdout);
}

function report(rows) {
  console.log('history store memory');
  for (const r of rows) {
    console.log(
      `  ${r.figure}: ${r.value} ${r.unit} (target ${r.target}: ${r.pass ? 'PASS' : 'FAIL'}),` +
        ` naive baseline ${r.baseline} ${r.unit}, ratio ${r.ratio}`,
    );
    console.log(`    ${r.note}`);
  }
}

if (process.argv[1] === self) {
  const rows = await run();
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(rows));
  else report(rows);
}
