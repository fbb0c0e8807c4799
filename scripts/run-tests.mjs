// Runs the *.test.ts files under the given folders with node:test (through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${serial ? 1 : 2}`, `--test-timeout=${timeout}`, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
