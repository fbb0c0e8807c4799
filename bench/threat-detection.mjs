/**
 * @module Threat-detection throughput: requests per second on one core for 5-field requests drawn
 * from the corpus (../shared/corpus: attack and benign lines mixed as they come), beside a baseline
 * of one precompiled naive regex per field, in the same run. Target: >= 100,000 requests/s.
 * Needs the build (`node scripts/build.mjs`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TARGET = 100_000;
const FIELDS = ['username', 'email', 'comment', 'password', 'query'];
const NAIVE = /union|select|<script|\.\.\/|;/i;

/** The corpus folder: ../shared/corpus beside the repository, or a clear error when it is absent. */
function corpusDir() {
  let dir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, '..', 'shared', 'corpus');
    if (existsSync(join(candidate, 'benign.txt'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('threat-detection bench: the corpus folder ../shared/corpus (beside the repository) is absent');
}

function lines(dir, name) {
  return readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l.length > 0);
}

/** Deterministic 5-field requests, each field a corpus line picked by a fixed LCG. */
function makeRequests(count, files = ['benign.txt', 'sqli.txt', 'xss.txt']) {
  const dir = corpusDir();
  const pool = files.flatMap((file) => lines(dir, file));
  const requests = [];
  let seed = 12345;
  for (let r = 0; r < count; r++) {
    const req = {};
    for (const field of FIELDS) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      req[field] = pool[seed % pool.length];
    }
    requests.push(req);
  }
  return requests;
}

// Rates are per wall-clock second of one thread (the figure is "on one core"); the rate per
// CPU-second of the process (user + system, so GC helper threads count against us) is reported
// beside it, as a check on a machine shared with other jobs.
function measure(requests, inspect, ms) {
  let done = 0;
  let flagged = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < requests.length; i++) if (inspect(requests[i]) !== null) flagged++;
    done += requests.length;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { rate: (done / (now - start)) * 1000, cpu: (done / Math.max(cpuMs, 1e-3)) * 1000, flagged: flagged / done };
}

/** Runs the benchmark; returns the figure the bench runner prints. */
export async function run({ ms = 1500 } = {}) {
  const { detectThreat } = await import('../dist/daemon/security/threats/index.js');
  const requests = makeRequests(2000);
  const baseline = (req) => {
    for (const field of FIELDS) if (NAIVE.test(req[field])) return field;
    return null;
  };
  // Warm both paths up so the JIT has compiled them before the clock starts.
  measure(requests, detectThreat, 300);
  measure(requests, baseline, 300);
  const ours = measure(requests, detectThreat, ms);
  const base = measure(requests, baseline, ms);
  // Clean traffic is the common case and the slow one (no early exit): measured beside it.
  const clean = makeRequests(2000, ['benign.txt']);
  measure(clean, detectThreat, 200);
  const benign = measure(clean, detectThreat, ms / 2);
  return {
    figure: 'threat detection',
    value: Math.round(ours.rate),
    baseline: Math.round(base.rate),
    ratio: Number((ours.rate / base.rate).toFixed(3)),
    target: '>= 100000 req/s',
    pass: ours.rate >= TARGET,
    unit: 'req/s',
    flagged: { detector: Number(ours.flagged.toFixed(3)), baseline: Number(base.flagged.toFixed(3)) },
    benignOnly: Math.round(benign.rate),
    perCpuSecond: { detector: Math.round(ours.cpu), baseline: Math.round(base.cpu) },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await run();
  console.log(`threat detection: ${r.value.toLocaleString('en')} req/s on one thread (5-field requests from the corpus)`);
  console.log(`naive regex baseline: ${r.baseline.toLocaleString('en')} req/s`);
  console.log(`ratio detector/baseline: ${r.ratio}   target ${r.target}: ${r.pass ? 'PASS' : 'FAIL'}`);
  console.log(`per CPU-second of the process: detector ${r.perCpuSecond.detector.toLocaleString('en')}, baseline ${r.perCpuSecond.baseline.toLocaleString('en')} req/s`);
  console.log(`benign-only requests: ${r.benignOnly.toLocaleString('en')} req/s`);
  console.log(`requests flagged: detector ${(r.flagged.detector * 100).toFixed(1)}%, baseline ${(r.flagged.baseline * 100).toFixed(1)}%`);
}
