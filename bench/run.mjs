/**
 * @module Runs every benchmark in bench/ (each *.mjs module that exports `run()`), one after the
 * other, prints a table and writes bench/results.json with the machine it ran on.
 *
 * `run()` returns `{ figure, value, baseline, ratio, target, pass, unit }` (or an array of them).
 * Exit status: 1 when a benchmark threw; a missed target is reported as FAIL but exits 0 unless
 * `--strict` is given (benchmarks are measurements, not part of `npm test`).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const benchDir = fileURLToPath(new URL('./', import.meta.url));
const self = fileURLToPath(import.meta.url);
const strict = process.argv.includes('--strict');

const modules = readdirSync(benchDir)
  .filter((name) => name.endsWith('.mjs'))
  .map((name) => join(benchDir, name))
  .filter((path) => path !== self)
  .sort();

const results = [];
const errors = [];
for (const path of modules) {
  const name = path.slice(benchDir.length);
  let mod;
  try {
    mod = await import(pathToFileURL(path).href);
  } catch (error) {
    // One benchmark that cannot load (not built, a missing dev dependency) must not hide the rest.
    errors.push({ module: name, error: String(error?.stack ?? error) });
    process.stderr.write(`${name} could not be loaded: ${error?.message ?? error}\n`);
    continue;
  }
  if (typeof mod.run !== 'function') continue;
  process.stderr.write(`running ${name} ...\n`);
  const started = Date.now();
  try {
    const out = await mod.run();
    for (const r of Array.isArray(out) ? out : [out]) results.push({ module: name, ...r });
  } catch (error) {
    errors.push({ module: name, error: String(error?.stack ?? error) });
    process.stderr.write(`${name} failed: ${error?.stack ?? error}\n`);
  }
  process.stderr.write(`  ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model ?? 'unknown',
  cores: cpus.length,
  node: process.version,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  date: new Date().toISOString(),
};

// Large figures (ops/s) as grouped integers, small ones (ms) with their decimals.
const show = (v, digits) => {
  if (typeof v !== 'number') return String(v ?? '');
  return Math.abs(v) >= 1000
    ? v.toLocaleString('en-US', { maximumFractionDigits: 0 })
    : v.toFixed(digits);
};
const rows = results.map((r) => [
  r.figure,
  `${show(r.value, 1)} ${r.unit ?? ''}`.trim(),
  `${show(r.baseline, 1)} ${r.unit ?? ''}`.trim(),
  show(r.ratio, 3),
  String(r.target ?? ''),
  r.pass ? 'pass' : 'FAIL',
]);
const header = ['figure', 'value', 'baseline', 'ratio', 'target', 'result'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(
  `\n${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.os}, ${machine.date}\n`,
);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
for (const e of errors) console.log(`${e.module}: ERROR (see above)`);

writeFileSync(
  join(benchDir, 'results.json'),
  `${JSON.stringify({ machine, results, errors }, null, 2)}\n`,
);
console.log(`\nwrote ${join(benchDir, 'results.json')}`);

if (errors.length > 0 || results.length === 0) process.exitCode = 1;
else if (strict && results.some((r) => !r.pass)) process.exitCode = 1;
