// Runs the *.test.ts files under the given folders with node:test (through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(path);
  }
  return out;
}

// `--timeout=<ms>` sets each test file's limit (default 120 s): on Node 20 the limit cancels the
// whole file, and the reliability suite's crash test runs for minutes.
// `--serial` runs one file at a time: the reliability suite's files are stress tests (200
// processes, SIGKILL rounds), and two at once on a 2-core machine starve each other's timeouts.
const args = process.argv.slice(2);
const serial = args.includes('--serial');
const timeoutArg = args.find((a) => a.startsWith('--timeout='));
const timeout = timeoutArg === undefined ? 120_000 : Number(timeoutArg.slice('--timeout='.length));
if (!Number.isInteger(timeout) || timeout < 1000) {
  console.error(`--timeout must be a whole number of milliseconds, at least 1000: ${timeoutArg}`);
  process.exit(1);
}
const dirs = args.filter((a) => a !== timeoutArg && a !== '--serial');
// A file may be named too, to run it alone.
const files = dirs.flatMap((d) => (statSync(d).isDirectory() ? find(d) : [d])).sort();
if (files.length === 0) {
  console.error(`no test files under ${dirs.join(', ')}`);
  process.exit(1);
}
// TAP goes to stdout as before; a second reporter (spec) writes to a file whose "failing tests"
// section is printed at the end when something failed, so the failures and their messages are in
// the last lines of a long log (all a CI summary may show) rather than thousands of lines up.
const specDir = mkdtempSync(join(tmpdir(), 'cb-test-report-'));
const specFile = join(specDir, 'spec.txt');
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${serial ? 1 : 2}`,
    `--test-timeout=${timeout}`,
    '--test-reporter=tap',
    '--test-reporter-destination=stdout',
    '--test-reporter=spec',
    `--test-reporter-destination=${specFile}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
if (result.status !== 0) {
  let spec = '';
  try {
    spec = readFileSync(specFile, 'utf8');
  } catch {
    // no report written (the runner did not start): the status says enough
  }
  const at = spec.indexOf('failing tests:');
  if (at !== -1) {
    const lines = spec.slice(at).split('\n');
    const shown = lines.slice(0, 400);
    process.stdout.write(`\n# ${shown.join('\n# ')}\n`);
    if (lines.length > shown.length) process.stdout.write(`# … ${lines.length - shown.length} more lines in the report\n`);
  }
}
rmSync(specDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
