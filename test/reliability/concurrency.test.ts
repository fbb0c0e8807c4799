/**
 * Concurrency: 200 real CLI processes at once, mixed reads (`monitoring --health`, `security
 * --blacklist`) and writes (each adds its own blacklist entry, or pushes its own counter increment
 * of 1). Every process must exit as it should with the right output, and afterwards every write is
 * there: no lost update. Run twice: with the daemon started first, and with no daemon, so that all
 * 200 race to start it (only one may win; the others must use the winner).
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it, type TestContext } from 'node:test';
import { runCli, tempHome, type CliResult, type TestHome } from '../helpers/home.js';
import { parseJson, parseJson as parseJsonText } from '../helpers/integration.js';
import { seconds } from '../helpers/reliability-measure.js';

const PROCESSES = 200;
const METRIC = 'reliability_pushes_total';

type Kind = 'health' | 'list' | 'blacklist' | 'push';

/** 40 health reads, 40 blacklist reads, 60 blacklist additions, 60 counter increments. */
function kindOf(i: number): Kind {
  const slot = i % 10;
  if (slot < 2) return 'health';
  if (slot < 4) return 'list';
  return slot < 7 ? 'blacklist' : 'push';
}

function targetOf(i: number): string {
  return `10.200.${i >> 8}.${i & 255}`;
}

function argsOf(i: number): string[] {
  switch (kindOf(i)) {
    case 'health':
      return ['monitoring', '--health', '--json'];
    case 'list':
      return ['security', '--blacklist', '--json'];
    case 'blacklist':
      return ['security', '--blacklist', targetOf(i), '--reason', `process ${i}`, '--json'];
    case 'push':
      return ['monitoring', '--push', `${METRIC}=1`, '--type', 'counter', '--json'];
  }
}

/** Asserts that process `i` exited as its command should, with the right output. */
function checkResult(i: number, result: CliResult): void {
  const what = `process ${i} (${argsOf(i).join(' ')}) → exit ${result.code}\n${result.stdout}\n${result.stderr}`;
  // A failed process prints nothing on stdout: say what it did print, not only "not JSON".
  const parseJson = <T = Record<string, unknown>>(text: string): T => {
    try {
      return parseJsonText<T>(text);
    } catch (error) {
      return assert.fail(`${(error as Error).message}\n${what}`);
    }
  };
  switch (kindOf(i)) {
    case 'health': {
      const report = parseJson<{ status: string; checks: unknown[] }>(result.stdout);
      // --health exits by status: 0 healthy, 1 degraded (e.g. a loaded machine's event loop).
      const expected = { healthy: 0, degraded: 1, unhealthy: 2 }[report.status];
      assert.equal(result.code, expected, what);
      assert.ok(report.checks.length >= 4, what);
      return;
    }
    case 'list':
      assert.equal(result.code, 0, what);
      assert.ok(Array.isArray(parseJson<{ entries: unknown }>(result.stdout).entries), what);
      return;
    case 'blacklist': {
      assert.equal(result.code, 0, what);
      const out = parseJson<{ entry: { target: string }; created: boolean }>(result.stdout);
      assert.deepEqual([out.entry.target, out.created], [targetOf(i), true], what);
      return;
    }
    case 'push':
      assert.equal(result.code, 0, what);
      assert.deepEqual(parseJson(result.stdout), { accepted: 1 }, what);
  }
}

/** Pids of live daemons whose environment names this home (read from /proc). */
async function daemonsOf(home: TestHome): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8');
      if (!cmdline.includes('daemon/main.js')) continue;
      const environ = await readFile(`/proc/${name}/environ`, 'utf8');
      if (environ.split('\0').includes(`CLICKUP_BRAIN_HOME=${home.dir}`)) found.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** Spawns the 200 at once (none waits for another) and resolves with their results. */
function runAll(home: TestHome): Promise<CliResult[]> {
  return Promise.all(
    Array.from({ length: PROCESSES }, (_, i) => runCli(argsOf(i), home.env, undefined, 120_000)),
  );
}

async function scenario(t: TestContext, startFirst: boolean): Promise<void> {
  const home = await tempHome();
  t.after(() => home.cleanup());
  if (startFirst) {
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);
  }
  const started = performance.now();
  const results = await runAll(home);
  const elapsed = performance.now() - started;
  results.forEach((result, i) => checkResult(i, result));

  const daemons = await daemonsOf(home);
  assert.equal(daemons.length, 1, `one daemon for the home, found pids ${daemons.join(', ')}`);
  assert.deepEqual(daemons, [await home.daemonPid()]);

  // No lost update: each addition is there, and the counter counted every increment.
  const wanted = results.flatMap((_, i) => (kindOf(i) === 'blacklist' ? [targetOf(i)] : []));
  const pushes = results.filter((_, i) => kindOf(i) === 'push').length;
  const listed = async (): Promise<string[]> => {
    const list = await home.cli(['security', '--blacklist', '--json']);
    assert.equal(list.code, 0, list.stderr);
    return parseJson<{ entries: Array<{ target: string }> }>(list.stdout)
      .entries.map((e) => e.target)
      .sort();
  };
  assert.deepEqual(await listed(), [...wanted].sort());
  const exposition = await home.cli(['monitoring', '--metrics', '--prometheus']);
  assert.equal(exposition.code, 0, exposition.stderr);
  assert.match(exposition.stdout, new RegExp(`^${METRIC} ${pushes}$`, 'm'));
  // The additions were acknowledged, so they are on disk: a restarted daemon has them all.
  assert.equal((await home.cli(['daemon', 'stop'])).code, 0);
  assert.deepEqual(await listed(), [...wanted].sort());

  t.diagnostic(
    `${PROCESSES} CLI processes (${startFirst ? 'daemon started first' : 'all racing to start the daemon'}): ` +
      `all answered correctly in ${seconds(elapsed)}; ` +
      `${wanted.length} blacklist additions all present (also after a restart), counter = ${pushes} of ${pushes}`,
  );
}

describe('reliability: concurrency', () => {
  it(`${PROCESSES} CLI processes at once against a running daemon: all answered, no lost update`, (t) =>
    scenario(t, true));

  it(`${PROCESSES} CLI processes at once with no daemon: they race to start it, one wins, all answered`, (t) =>
    scenario(t, false));
});
