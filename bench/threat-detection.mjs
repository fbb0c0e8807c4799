/**
 * @module Threat-detection throughput: requests per second on one core for 5-field requests drawn
 * from the corpus (../shared/corpus: attack and benign lines mixed as they come), beside a baseline
 * of one precompiled naive regex per field, in the same run. Target: >= 100,000 requests/s.
 *
 * Most mixed requests carry an attack in some field and the detector stops at the first decisive
 * finding, so the mix is the cheap case; all-benign requests (every field inspected in full, and
 * the common case in real traffic) are measured the same way and reported as a second figure.
 * The corpus is required: without it the bench fails with a plain message (never skips). Needs
 * the build (`npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TARGET = 100_000;
const FIELDS = ['username', 'email', 'comment', 'password', 'query'];
// The baseline: this one precompiled regex, tested once against each field.
const NAIVE = /union|select|<script|\.\.\/|;/i;
const CORPUS_FILES = ['benign.txt', 'sqli.txt', 'xss.txt'];
const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** The corpus folder, ../shared/corpus beside the repository; a plain error when it is absent. */
function corpusDir() {
  const dir = resolve(repoRoot, '..', 'shared', 'corpus');
  if (!existsSync(dir))
    throw new Error(
      `threat-detection bench: the corpus folder ${dir} (../shared/corpus) is absent`,
    );
  const missing = CORPUS_FILES.filter((name) => !existsSync(join(dir, name)));
  if (missing.length > 0)
    throw new Error(`threat-detection bench: the corpus folder ${dir} lacks ${missing.join(', ')}`);
  return dir;
}

function lines(dir, name) {
  const found = readFileSync(join(dir, name), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  if (found.length === 0) throw new Error(`threat-detection bench: ${join(dir, name)} is empty`);
  return found;
}

/** Deterministic 5-field requests, each field a corpus line picked by a fixed LCG. */
function makeRequests(count, files = CORPUS_FILES) {
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
  return {
    rate: (done / (now - start)) * 1000,
    cpu: (done / Math.max(cpuMs, 1e-3)) * 1000,
    flagged: flagged / done,
  };
}

/** Runs the benchmark; returns the figures the bench runner prints (the corpus mix first). */
export async function run({ ms = 1500 } = {}) {
  const { detectThreat } = await import('../dist/daemon/security/threats/index.js');
  const requests = makeRequests(2000);
  const clean = makeRequests(2000, ['benign.txt']);
  const baseline = (req) => {
    for (const field of FIELDS) if (NAIVE.test(req[field])) return field;
    return null;
  };
  // Warm both paths up so the JIT has compiled them before the clock starts.
  measure(requests, detectThreat, 300);
  measure(requests, baseline, 300);
  const ours = measure(requests, detectThreat, ms);
  const base = measure(requests, baseline, ms);
  measure(clean, detectThreat, 200);
  measure(clean, baseline, 200);
  const benign = measure(clean, detectThreat, ms);
  const benignBase = measure(clean, baseline, ms);
  const row = (figure, o, b, note) => ({
    figure,
    value: Math.round(o.rate),
    baseline: Math.round(b.rate),
    ratio: Number((o.rate / b.rate).toFixed(3)),
    target: '>= 100000 req/s',
    pass: o.rate >= TARGET,
    unit: 'req/s',
    flagged: { detector: Number(o.flagged.toFixed(3)), baseline: Number(b.flagged.toFixed(3)) },
    perCpuSecond: { detector: Math.round(o.cpu), baseline: Math.round(b.cpu) },
    note,
  });
  return [
    row('threat detection', ours, base, '5-field requests, fields drawn from the whole corpus'),
    row(
      'threat detection (benign only)',
      benign,
      benignBase,
      '5-field requests, fields drawn from benign.txt only: no early exit',
    ),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    for (const r of await run()) {
      const n = (v) => v.toLocaleString('en');
      console.log(`${r.figure}: ${r.note}, one thread`);
      console.log(`  detector ${n(r.value)} req/s, naive regex baseline ${n(r.baseline)} req/s`);
      console.log(
        `  ratio detector/baseline ${r.ratio}; target ${r.target}: ${r.pass ? 'PASS' : 'FAIL'}`,
      );
      console.log(
        `  per CPU-second of the process: detector ${n(r.perCpuSecond.detector)}, baseline ${n(r.perCpuSecond.baseline)} req/s`,
      );
      console.log(
        `  requests flagged: detector ${(r.flagged.detector * 100).toFixed(1)}%, baseline ${(r.flagged.baseline * 100).toFixed(1)}%`,
      );
    }
  } catch (error) {
    console.error(error?.message ?? error);
    process.exitCode = 1;
  }
}
