/**
 * bench/run.mjs, the `npm run bench` runner, on fixture benchmarks in a temporary folder (the real
 * ones take minutes): every *.mjs runs, the table and results.json hold each figure, a benchmark
 * that throws, lacks run() or returns a figure without its fields is an error (exit 1) that does
 * not hide the others, --markdown prints the README's table, --strict fails on a missed target,
 * and --from prints an earlier run without measuring. Also: every real benchmark exports run().
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../../helpers/home.js';

const runner = join(repoRoot, 'bench', 'run.mjs');

function bench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [runner, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

const figure = (name: string, over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    figure: name,
    value: 12.5,
    baseline: 25,
    ratio: 0.5,
    target: '<= 20 ms',
    pass: true,
    unit: 'ms',
    ...over,
  });

const GOOD = {
  'a-one.mjs': `export async function run() { return ${figure('one | piped')}; }`,
  'b-two.mjs': `export const run = () => [${figure('two', { value: 1234567, baseline: 1000, ratio: 1234.567, unit: 'ops/s', target: '>= 1.0' })}, ${figure('three', { pass: false, value: 30, ratio: 1.2 })}];`,
};
const BAD = {
  'c-throws.mjs': `export function run() { throw new Error('no daemon'); }`,
  'd-fields.mjs': `export function run() { return { figure: 'partial', value: 1, ratio: 1, target: 'x', pass: 'yes', unit: 'ms' }; }`,
  'e-helper.mjs': `export const helper = 1;`,
};

/** The table's rows for GOOD, in the text layout. */
const TEXT_ROWS = [
  'figure                 value     baseline  ratio    target  result',
  '-----------  ---------------  -----------  -----  --------  ------',
  'one | piped          12.5 ms      25.0 ms  0.500  <= 20 ms    pass',
  'two          1,234,567 ops/s  1,000 ops/s  1,235    >= 1.0    pass',
  'three                30.0 ms      25.0 ms  1.200  <= 20 ms    FAIL',
];

const MARKDOWN_ROWS = [
  '| figure | value | baseline | ratio | target | result |',
  '|---|---:|---:|---:|---|---|',
  '| one \\| piped | 12.5 ms | 25.0 ms | 0.500 | <= 20 ms | pass |',
  '| two | 1,234,567 ops/s | 1,000 ops/s | 1,235 | >= 1.0 | pass |',
  '| three | 30.0 ms | 25.0 ms | 1.200 | <= 20 ms | FAIL |',
];

describe('bench/run.mjs', () => {
  let good = '';
  let mixed = '';
  before(async () => {
    good = await mkdtemp(join(tmpdir(), 'cb-bench-'));
    mixed = await mkdtemp(join(tmpdir(), 'cb-bench-'));
    for (const [name, text] of Object.entries(GOOD)) {
      await writeFile(join(good, name), text);
      await writeFile(join(mixed, name), text);
    }
    for (const [name, text] of Object.entries(BAD)) await writeFile(join(mixed, name), text);
  });
  after(async () => {
    await rm(good, { recursive: true, force: true });
    await rm(mixed, { recursive: true, force: true });
  });

  it('runs every benchmark and prints the table; a missed target alone exits 0', async () => {
    const res = await bench(['--dir', good]);
    assert.equal(res.code, 0, res.stderr);
    const lines = res.stdout.split('\n');
    assert.equal(lines[0], '');
    assert.match(
      lines[1] ?? '',
      /^.+ \(\d+ cores\), [\d.]+ GiB memory, Node v\d+\.\d+\.\d+, .+, \d{4}-\d\d-\d\dT.+Z, load average [\d.]+ at the start$/,
    );
    assert.deepEqual(lines.slice(2), ['', ...TEXT_ROWS, '']);
  });

  it('writes results.json with the machine, each figure and its module, and the time each took', async () => {
    await bench(['--dir', good, '--note', 'others were busy']);
    const json = JSON.parse(readFileSync(join(good, 'results.json'), 'utf8'));
    assert.deepEqual(Object.keys(json.machine), [
      'cpu',
      'cores',
      'memoryGiB',
      'node',
      'os',
      'loadAverage',
      'date',
      'note',
    ]);
    assert.equal(json.machine.note, 'others were busy');
    assert.deepEqual(
      json.results.map((r: { module: string; figure: string }) => [r.module, r.figure]),
      [
        ['a-one.mjs', 'one | piped'],
        ['b-two.mjs', 'two'],
        ['b-two.mjs', 'three'],
      ],
    );
    assert.deepEqual(json.errors, []);
    assert.deepEqual(Object.keys(json.seconds), ['a-one.mjs', 'b-two.mjs']);
  });

  it('--markdown prints the machine line, the table and the note as Markdown', async () => {
    const res = await bench([
      '--dir',
      good,
      '--markdown',
      '--note',
      'Measured while others worked.',
    ]);
    assert.equal(res.code, 0, res.stderr);
    const lines = res.stdout.split('\n');
    assert.match(
      lines[0] ?? '',
      /^Measured on .+ \(\d+ cores\), .+, load average [\d.]+ at the start\.$/,
    );
    assert.deepEqual(lines.slice(1), [
      '',
      ...MARKDOWN_ROWS,
      '',
      'Measured while others worked.',
      '',
    ]);
  });

  it('--strict exits 1 when a figure misses its target', async () => {
    assert.equal((await bench(['--dir', good, '--strict'])).code, 1);
  });

  it('a benchmark that throws, lacks run() or a field is an error, and the others still run', async () => {
    const res = await bench(['--dir', mixed]);
    assert.equal(res.code, 1);
    assert.deepEqual(res.stdout.split('\n').slice(-4), [
      'c-throws.mjs: ERROR (see results.json)',
      'd-fields.mjs: ERROR (see results.json)',
      'e-helper.mjs: ERROR (see results.json)',
      '',
    ]);
    const json = JSON.parse(readFileSync(join(mixed, 'results.json'), 'utf8'));
    assert.equal(json.results.length, 3);
    const errors = new Map(
      json.errors.map((e: { module: string; error: string }) => [e.module, e.error]),
    );
    assert.match(String(errors.get('c-throws.mjs')), /^failed: Error: no daemon\n/);
    assert.equal(
      errors.get('d-fields.mjs'),
      'figure "partial" lacks or mistypes: baseline (missing), pass ("yes")',
    );
    assert.equal(
      errors.get('e-helper.mjs'),
      'exports no run() (helpers belong in a subfolder of bench/)',
    );
    assert.match(
      res.stderr,
      /^d-fields\.mjs: figure "partial" lacks or mistypes: baseline \(missing\), pass \("yes"\)$/m,
    );
  });

  it('--from prints an earlier run without measuring or writing', async () => {
    const earlier = join(good, 'results.json');
    await bench(['--dir', good, '--note', 'n']);
    const before = readFileSync(earlier, 'utf8');
    const empty = await mkdtemp(join(tmpdir(), 'cb-bench-'));
    try {
      const res = await bench(['--from', earlier, '--markdown', '--dir', empty]);
      assert.equal(res.code, 0, res.stderr);
      assert.equal(res.stderr, '');
      assert.deepEqual(res.stdout.split('\n').slice(2, 7), MARKDOWN_ROWS);
      assert.equal(existsSync(join(empty, 'results.json')), false);
      assert.equal(readFileSync(earlier, 'utf8'), before);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('an unknown option is refused', async () => {
    const res = await bench(['--markdwn']);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /Unknown option '--markdwn'/);
  });

  it('every benchmark in bench/ exports run()', () => {
    // Read, not imported: some import the build, which a unit test run may not have.
    const files = readdirSync(join(repoRoot, 'bench')).filter(
      (n) => n.endsWith('.mjs') && n !== 'run.mjs',
    );
    assert.ok(files.length >= 8, files.join(', '));
    assert.deepEqual(
      files.filter(
        (n) =>
          !/^export (async )?function run\(|^export const run = /m.test(
            readFileSync(join(repoRoot, 'bench', n), 'utf8'),
          ),
      ),
      [],
    );
  });
});
