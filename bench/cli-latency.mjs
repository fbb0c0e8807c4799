/**
 * @module Benchmark: the wall time of one CLI call against a warm daemon, next to `node -e 0`.
 *
 * `node bin/clickup-brain.js monitoring --health --json` (connect, hello, one request, print) and
 * `node -e 0` (the floor any Node CLI pays) are measured in the same run, interleaved A,B / B,A
 * so that drift (thermal, other load, page cache) hits both alike. The figure is the ratio of
 * the medians; the target is <= 1.3.
 *
 * Both run with the same minimal environment (PATH, HOME, CLICKUP_BRAIN_HOME, NO_COLOR, LANG):
 * variables such as NODE_OPTIONS or NODE_EXTRA_CA_CERTS change every Node start (the latter adds
 * ~45 ms here by parsing the CA bundle) and would hide the CLI's own cost.
 *
 * Run: `node bench/cli-latency.mjs` (a readable report) or through `node bench/run.mjs`.
 * Environment: BENCH_RUNS (default 30) and BENCH_WARMUP (default 5) per command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, percentile } from './lib/stats.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const cliBin = join(repoRoot, 'bin', 'clickup-brain.js');
const TARGET = 1.3;

export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: median(sorted),
    p90: percentile(sorted, 90),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    runs: sorted.length,
  };
}

/** Runs a command once, synchronously; returns its wall time in ms and its result. */
function timed(args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 30_000,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, result };
}

function describeFailure(what, result) {
  const why = result.error ? String(result.error) : `exit ${result.status ?? result.signal}`;
  return `${what} failed (${why})\n${result.stderr ?? ''}${result.stdout ?? ''}`;
}

function readPid(pidFile) {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Measures. Returns the figure for bench/run.mjs, with the raw statistics in `details`.
 *
 * @param {{ runs?: number, warmup?: number }} [options]
 */
export async function run(options = {}) {
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 30);
  const warmup = options.warmup ?? Number(process.env.BENCH_WARMUP ?? 5);
  // Under /tmp and short: the socket lives in <home>/run/daemon.sock.
  const home = mkdtempSync('/tmp/cbb-');
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    CLICKUP_BRAIN_HOME: home,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
  };
  const pidFile = join(home, 'run', 'daemon.pid');
  const cliArgs = [cliBin, 'monitoring', '--health', '--json'];
  const nodeArgs = ['-e', '0'];
  let daemonPid = null;
  try {
    const start = spawnSync(process.execPath, [cliBin, 'daemon', 'start', '--json'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (start.status !== 0) throw new Error(describeFailure('`daemon start`', start));
    daemonPid = JSON.parse(start.stdout).pid;

    const healthStatuses = new Map();
    const cli = () => {
      const { ms, result } = timed(cliArgs, env);
      // 0 healthy, 1 degraded, 2 unhealthy are all answers; 3 (unreachable) or a crash is not.
      if (![0, 1, 2].includes(result.status))
        throw new Error(describeFailure('`monitoring --health --json`', result));
      const status = JSON.parse(result.stdout).status;
      healthStatuses.set(status, (healthStatuses.get(status) ?? 0) + 1);
      return ms;
    };
    const bare = () => {
      const { ms, result } = timed(nodeArgs, env);
      if (result.status !== 0) throw new Error(describeFailure('`node -e 0`', result));
      return ms;
    };

    for (let i = 0; i < warmup; i++) {
      cli();
      bare();
    }
    const cliTimes = [];
    const nodeTimes = [];
    for (let i = 0; i < runs; i++) {
      // A,B then B,A: neither command always runs right after the other.
      if (i % 2 === 0) {
        cliTimes.push(cli());
        nodeTimes.push(bare());
      } else {
        nodeTimes.push(bare());
        cliTimes.push(cli());
      }
    }
    const pidAfter = readPid(pidFile);
    if (pidAfter !== daemonPid)
      throw new Error(
        `the daemon changed during the run (pid ${daemonPid} → ${pidAfter}): not a warm-daemon measurement`,
      );

    const cliStats = summarize(cliTimes);
    const nodeStats = summarize(nodeTimes);
    const ratio = cliStats.median / nodeStats.median;
    return {
      figure: 'cli-latency',
      value: round(cliStats.median),
      baseline: round(nodeStats.median),
      ratio: round(ratio, 3),
      target: `<= ${TARGET}`,
      pass: ratio <= TARGET,
      unit: 'ms',
      details: {
        command: 'node bin/clickup-brain.js monitoring --health --json',
        baselineCommand: 'node -e 0',
        warmup,
        cli: roundAll(cliStats),
        node: roundAll(nodeStats),
        p90Ratio: round(cliStats.p90 / nodeStats.p90, 3),
        // On a busy machine the fastest runs are the ones least disturbed by other load.
        minRatio: round(cliStats.min / nodeStats.min, 3),
        overheadMs: round(cliStats.median - nodeStats.median),
        healthStatuses: Object.fromEntries(healthStatuses),
      },
    };
  } finally {
    stopDaemon(env, pidFile, daemonPid);
    rmSync(home, { recursive: true, force: true });
  }
}

/** `daemon stop`, and SIGKILL by pid file if it is still there. */
function stopDaemon(env, pidFile, knownPid) {
  spawnSync(process.execPath, [cliBin, 'daemon', 'stop'], {
    env,
    stdio: 'ignore',
    timeout: 30_000,
  });
  const pid = readPid(pidFile) ?? knownPid;
  if (pid !== null && alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function round(value, digits = 1) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function roundAll(stats) {
  return Object.fromEntries(
    Object.entries(stats).map(([k, v]) => [k, k === 'runs' ? v : round(v)]),
  );
}

/** The readable report for a direct run. */
export function report(result) {
  const d = result.details;
  const row = (name, s) =>
    `  ${name.padEnd(52)} ${fmt(s.median)} ${fmt(s.p90)} ${fmt(s.min)} ${fmt(s.max)} ${fmt(s.mean)}`;
  return [
    `cli-latency: wall time per call, warm daemon, ${d.cli.runs} interleaved runs each after ${d.warmup} warm-up runs`,
    `  ${''.padEnd(52)} ${'median'.padStart(9)} ${'p90'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)} ${'mean'.padStart(9)}`,
    row(d.command, d.cli),
    row(d.baselineCommand, d.node),
    '',
    `  ratio of medians ${result.ratio.toFixed(3)} (target ${result.target}): ${result.pass ? 'PASS' : 'FAIL'}`,
    `  ratio of p90s    ${d.p90Ratio.toFixed(3)}`,
    `  ratio of minima  ${d.minRatio.toFixed(3)} (least disturbed by other load)`,
    `  CLI overhead over node -e 0: ${d.overheadMs.toFixed(1)} ms (median)`,
    `  health answers: ${Object.entries(d.healthStatuses)
      .map(([k, v]) => `${k} ×${v}`)
      .join(', ')}`,
  ].join('\n');
}

function fmt(ms) {
  return `${ms.toFixed(1)} ms`.padStart(9);
}

if (
  process.argv[1] !== undefined &&
  pathToFileURL(resolve(process.argv[1])).href === import.meta.url
) {
  const result = await run();
  console.log(report(result));
}
