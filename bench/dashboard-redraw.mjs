/**
 * @module Benchmark: one redraw of the monitoring dashboard after a data change, with 500
 * metrics, 50 checks and 100 alerts, next to printing the same data with the plain-text CLI
 * renderers (`--metrics`, `--checks`, `--alerts` tables).
 *
 * The real DashboardApp (src/ui/monitoring) is bundled here with esbuild, the way the views'
 * bundle is built (production React, the same plugins), and rendered by Ink to a fake 160×50 terminal as in real
 * use (Ink's 30 fps throttle on, so each change waits 40 ms first: a change after a quiet moment
 * is drawn at once). A redraw is timed from handing the source's listener new data (one metric's
 * value and one check's latency changed) to Ink writing the frame: React, layout and output.
 * Median and p99 over 200 redraws after 10 warm-up ones (a p99 of fewer than 100 is only the
 * slowest one, one GC pause or one wait for a core); the target is under 50 ms for both. The
 * process's CPU time per redraw is printed too: unlike wall time, other load on the machine does
 * not inflate it.
 *
 * Run: `node bench/dashboard-redraw.mjs` or through `node bench/run.mjs`.
 * Environment: BENCH_REDRAWS (default 200).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { uiBundlePlugins } from '../scripts/ui-bundle-plugins.mjs';
import { median, percentile } from './lib/stats.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const TARGET_MS = 50;
const NOW = Date.UTC(2026, 0, 1, 12);

/** Bundles the dashboard and the CLI renderers into one temporary ES module and imports it. */
async function loadModules() {
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-ui-'));
  const outfile = join(dir, 'bench-ui.mjs');
  try {
    await build({
      stdin: {
        contents: `
          export { render } from 'ink';
          export { createElement } from 'react';
          export { DashboardApp } from './src/ui/monitoring/DashboardApp.js';
          export { renderMetricList } from './src/cli/commands/monitoring/metrics.js';
          export { renderChecks } from './src/cli/commands/monitoring/checks.js';
          export { renderAlerts } from './src/cli/commands/monitoring/alerts.js';
          export { plainColors } from './src/cli/output.js';
        `,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'warning',
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: uiBundlePlugins(),
      banner: {
        js: "import { createRequire as __cbCreateRequire } from 'node:module'; const require = __cbCreateRequire(import.meta.url);",
      },
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const iso = (ms) => new Date(ms).toISOString();
const severities = ['info', 'warning', 'critical', 'emergency'];

/** 500 metrics, 50 checks and 100 alerts, with recent values for the sparklines. */
function makeData(round) {
  const recent = (seed) =>
    Array.from({ length: 30 }, (_, i) => Math.abs(Math.sin(seed + i / 3)) * 100);
  const metrics = Array.from({ length: 500 }, (_, i) => ({
    name: `bench_metric_${String(i).padStart(3, '0')}_total`,
    type: i % 2 === 0 ? 'counter' : 'gauge',
    help: `metric ${i}`,
    labelNames: ['instance'],
    series: 3,
    lastValue: i === 0 ? round : i * 1.5,
    recent: recent(i),
  }));
  const checks = Array.from({ length: 50 }, (_, i) => ({
    name: `check-${String(i).padStart(2, '0')}`,
    type: 'http',
    target: `https://service-${i}.example.com/health`,
    intervalMs: 30_000,
    state: i % 7 === 0 ? 'down' : 'up',
    lastRun: iso(NOW - 5_000),
    latencyMs: i === 0 ? 10 + round : 20 + i,
    detail: i % 7 === 0 ? 'HTTP 503' : 'HTTP 200',
    recentLatencyMs: recent(i + 100),
    uptime24h: 0.99,
  }));
  const alerts = Array.from({ length: 100 }, (_, i) => ({
    id: `a${String(i).padStart(7, '0')}`,
    rule: `Rule${i % 20}`,
    severity: severities[i % 4],
    state: i % 5 === 0 ? 'pending' : 'firing',
    muted: i % 9 === 0 ? 'acked' : null,
    mutedBy: null,
    labels: { instance: `host-${i}`, service: `svc-${i % 10}` },
    annotations: { summary: `something is wrong on host-${i}` },
    value: i,
    activeAt: iso(NOW - i * 60_000),
    firedAt: iso(NOW - i * 30_000),
  }));
  const health = {
    status: 'degraded',
    checks: checks.map((c) => ({
      name: c.name,
      status: c.state === 'down' ? 'unhealthy' : 'healthy',
      detail: c.detail,
      latencyMs: c.latencyMs,
      lastRun: c.lastRun,
    })),
    checkedAt: iso(NOW),
  };
  return {
    health,
    alerts,
    metrics,
    checks,
    daemon: {
      version: '0.1.0',
      startedAt: iso(NOW - 3_600_000),
      socketPath: '/run/user/1000/clickup-brain/daemon.sock',
    },
    updatedAt: NOW + round,
    connection: 'live',
    error: null,
  };
}

/** A terminal that only counts: Ink writes each frame to it. */
function fakeTerminal(columns, rows) {
  const stdout = new EventEmitter();
  Object.assign(stdout, { columns, rows, isTTY: true, writes: 0 });
  stdout.write = () => {
    stdout.writes++;
    stdout.emit('frame');
    return true;
  };
  const stdin = new PassThrough();
  stdin.isTTY = false;
  return { stdout, stdin };
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: median(sorted), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

export async function run() {
  const redraws = Number(process.env.BENCH_REDRAWS ?? 200);
  const ui = await loadModules();
  let emit = () => undefined;
  const source = {
    subscribe(onChange) {
      emit = onChange;
      onChange(makeData(0));
      return () => undefined;
    },
    metric: async () => [],
    alertHistory: async () => [],
    ack: async () => undefined,
    silence: async () => undefined,
  };
  const { stdout, stdin } = fakeTerminal(160, 50);
  const app = ui.render(
    ui.createElement(ui.DashboardApp, { source, color: true, clock: { now: () => NOW } }),
    {
      stdout,
      stdin,
      stderr: stdout,
      debug: false,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  const frame = () => new Promise((resolve) => stdout.once('frame', resolve));
  await new Promise((resolve) => setTimeout(resolve, 100));

  const times = [];
  const cpuTimes = [];
  for (let round = 1; round <= redraws + 10; round++) {
    const data = makeData(round);
    // Past Ink's frame interval (30 fps), so the redraw is drawn at once, as after a quiet moment.
    await new Promise((resolve) => setTimeout(resolve, 40));
    const drawn = frame();
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    emit(data);
    await drawn;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    if (round > 10) {
      times.push(ms);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
  }
  app.unmount();

  // Baseline: the same data printed by the plain CLI renderers (tables with sparklines).
  const plain = [];
  const plainCpu = [];
  for (let round = 1; round <= redraws + 10; round++) {
    const data = makeData(round);
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const text = [
      ui.renderChecks(data.checks, NOW, ui.plainColors),
      ui.renderAlerts({ alerts: data.alerts, history: [] }, NOW, ui.plainColors, false),
      ui.renderMetricList(data.metrics),
    ].join('\n');
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    if (text.length === 0) throw new Error('the plain renderers printed nothing');
    if (round > 10) {
      plain.push(ms);
      plainCpu.push((cpu.user + cpu.system) / 1000);
    }
  }

  const ink = summary(times);
  const base = summary(plain);
  const inkCpu = summary(cpuTimes);
  const baseCpu = summary(plainCpu);
  return [
    {
      figure: 'dashboard redraw, 500 metrics / 50 checks / 100 alerts, median (160×50)',
      value: ink.median,
      baseline: base.median,
      ratio: ink.median / base.median,
      target: `< ${TARGET_MS} ms`,
      pass: ink.median < TARGET_MS,
      unit: 'ms',
    },
    {
      figure: 'dashboard redraw, p99',
      value: ink.p99,
      baseline: base.p99,
      ratio: ink.p99 / base.p99,
      target: `< ${TARGET_MS} ms`,
      pass: ink.p99 < TARGET_MS,
      unit: 'ms',
    },
    {
      // The process's own CPU time per redraw: what the redraw costs, whatever else the machine
      // runs (wall-clock p99 on a loaded machine mostly measures waiting for a core).
      figure: 'dashboard redraw, p99 CPU time',
      value: inkCpu.p99,
      baseline: baseCpu.p99,
      ratio: inkCpu.p99 / baseCpu.p99,
      target: `< ${TARGET_MS} ms`,
      pass: inkCpu.p99 < TARGET_MS,
      unit: 'ms',
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await run();
  for (const r of results) {
    console.log(
      `${r.figure}: ${r.value.toFixed(2)} ms (plain CLI renderers: ${r.baseline.toFixed(2)} ms), target ${r.target}: ${r.pass ? 'pass' : 'FAIL'}`,
    );
  }
}
