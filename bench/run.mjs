/**
 * @module Runs every benchmark in bench/ (each *.mjs file beside this one; helpers belong in a
 * subfolder), one after the other, prints a table and writes bench/results.json with the
 * machine it ran on.
 *
 * Each benchmark exports `run()`, which returns `{ figure, value, baseline, ratio, target, pass,
 * unit }` (or an array of them; more fields are kept in results.json). A file without `run()`,
 * a `run()` that throws, and a figure that lacks a field or has one of the wrong type are errors.
 *
 * Usage: node bench/run.mjs [--markdown] [--note <text>] [--strict] [--from <results.json>]
 *                           [--dir <folder>]
 *   --markdown  print the machine line, the table and the note as Markdown (the README's table)
 *   --note      a caption kept with the results (say when the machine was busy)
 *   --strict    exit 1 when a figure misses its target too
 *   --from      print the table of an earlier run's results.json; measure nothing, write nothing
 *   --dir       run the benchmarks of another folder, and write its results.json there
 *
 * Exit status: 1 when a benchmark failed as above or none ran; a missed target is reported as
 * FAIL but exits 0 unless `--strict` is given (benchmarks are measurements, not part of `npm test`).
 * Progress goes to stderr, so stdout holds only the table.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    markdown: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    note: { type: 'string' },
    from: { type: 'string' },
    dir: { type: 'string' },
  },
});

const self = fileURLToPath(import.meta.url);
const benchDir = resolve(args.dir ?? fileURLToPath(new URL('./', import.meta.url)));

const FIELDS = {
  figure: (v) => typeof v === 'string' && v !== '',
  value: Number.isFinite,
  baseline: Number.isFinite,
  ratio: Number.isFinite,
  target: (v) => typeof v === 'string' && v !== '',
  pass: (v) => typeof v === 'boolean',
  unit: (v) => typeof v === 'string',
};

/** The fields a figure lacks or has of the wrong type, e.g. `baseline (missing)`. */
function problems(result) {
  if (result === null || typeof result !== 'object') return ['not an object'];
  return Object.entries(FIELDS)
    .filter(([name, ok]) => !ok(result[name]))
    .map(
      ([name]) =>
        `${name} (${result[name] === undefined ? 'missing' : JSON.stringify(result[name])})`,
    );
}

/** Imports and runs each benchmark; never stops at one that fails. */
async function measure() {
  const results = [];
  const errors = [];
  const seconds = {};
  const files = readdirSync(benchDir)
    .filter((name) => name.endsWith('.mjs') && join(benchDir, name) !== self)
    .sort();
  for (const name of files) {
    const fail = (message) => {
      errors.push({ module: name, error: message });
      process.stderr.write(`${name}: ${message}\n`);
    };
    let mod;
    try {
      mod = await import(pathToFileURL(join(benchDir, name)).href);
    } catch (error) {
      // One benchmark that cannot load (not built, a missing dev dependency) must not hide the rest.
      fail(`could not be loaded: ${error?.stack ?? error}`);
      continue;
    }
    if (typeof mod.run !== 'function') {
      fail('exports no run() (helpers belong in a subfolder of bench/)');
      continue;
    }
    process.stderr.write(`running ${name} ...\n`);
    const started = performance.now();
    try {
      const out = await mod.run();
      for (const r of Array.isArray(out) ? out : [out]) {
        const missing = problems(r);
        if (missing.length === 0) results.push({ module: name, ...r });
        else
          fail(
            `figure ${JSON.stringify(r?.figure ?? null)} lacks or mistypes: ${missing.join(', ')}`,
          );
      }
    } catch (error) {
      fail(`failed: ${error?.stack ?? error}`);
    }
    seconds[name] = Math.round((performance.now() - started) / 100) / 10;
    process.stderr.write(`  ${name} took ${seconds[name]} s\n`);
  }
  return { results, errors, seconds };
}

function machineNow() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    // The 1-minute load average when the run began: how busy the machine was besides us.
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
    date: new Date().toISOString(),
    ...(args.note === undefined ? {} : { note: args.note }),
  };
}

// Large figures (ops/s) as grouped integers, small ones (ms) with their decimals.
const show = (v, digits) =>
  Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : v.toFixed(digits);

const HEADER = ['figure', 'value', 'baseline', 'ratio', 'target', 'result'];

function rowsOf(results) {
  return results.map((r) => [
    r.figure,
    `${show(r.value, 1)} ${r.unit}`.trim(),
    `${show(r.baseline, 1)} ${r.unit}`.trim(),
    show(r.ratio, 3),
    r.target,
    r.pass ? 'pass' : 'FAIL',
  ]);
}

function machineLine(m) {
  const load = m.loadAverage === undefined ? '' : `, load average ${m.loadAverage} at the start`;
  const memory = m.memoryGiB === undefined ? '' : `, ${m.memoryGiB} GiB memory`;
  return `${m.cpu} (${m.cores} cores)${memory}, Node ${m.node}, ${m.os}, ${m.date}${load}`;
}

function textTable({ machine, results, errors }) {
  const rows = rowsOf(results);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [
    '',
    machineLine(machine),
    ...(machine.note === undefined ? [] : [machine.note]),
    '',
    line(HEADER),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    ...errors.map((e) => `${e.module}: ERROR (see results.json)`),
  ].join('\n');
}

function markdownTable({ machine, results, errors }) {
  const cell = (c) => c.replaceAll('|', '\\|');
  return [
    `Measured on ${machineLine(machine)}.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    '|---|---:|---:|---:|---|---|',
    ...rowsOf(results).map((row) => `| ${row.map(cell).join(' | ')} |`),
    ...errors.map((e) => `| ${cell(e.module)} | error | | | | ERROR |`),
    ...(machine.note === undefined ? [] : ['', machine.note]),
  ].join('\n');
}

let report;
if (args.from !== undefined) {
  report = JSON.parse(readFileSync(args.from, 'utf8'));
} else {
  const machine = machineNow();
  report = { machine, ...(await measure()) };
  const out = join(benchDir, 'results.json');
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`wrote ${out}\n`);
}
process.stdout.write(`${args.markdown ? markdownTable(report) : textTable(report)}\n`);

if (report.errors.length > 0 || report.results.length === 0) process.exitCode = 1;
else if (args.strict && report.results.some((r) => !r.pass)) process.exitCode = 1;
