import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { splitArgv, splitWords } from '../../../../../daemon/monitoring/checks/argv.js';
import { commandProbe, type Spawn } from '../../../../../daemon/monitoring/checks/command.js';
import { validateDefinition, type CommandCheckDefinition } from '../../../../../daemon/monitoring/checks/definition.js';

const node = `'${process.execPath}'`;
const dir = mkdtempSync(join(tmpdir(), 'command-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function define(target: string, extra: Record<string, unknown> = {}): CommandCheckDefinition {
  return validateDefinition({ name: 'cmd', type: 'command', target, ...extra }) as CommandCheckDefinition;
}

const run = (def: CommandCheckDefinition, signal = AbortSignal.timeout(20_000)) => commandProbe(def).run(signal);

/** True when `pid` is gone: no such process, or a zombie only waiting to be reaped by init. */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

describe('splitArgv (shell-like, no shell)', () => {
  test('quotes group, backslashes escape, nothing expands', () => {
    assert.deepEqual(splitArgv(`pg_isready -h 'my host' "a \\"b\\" \\x" c\\ d $HOME *`), ['pg_isready', '-h', 'my host', 'a "b" \\x', 'c d', '$HOME', '*']);
    assert.deepEqual(splitArgv(`echo '' ""`), ['echo', '', '']);
    assert.deepEqual(splitArgv(`a'b'"c"`), ['abc']);
  });

  test('quoted operators are ordinary arguments; bare ones are refused', () => {
    assert.deepEqual(splitArgv(`grep '|' file`), ['grep', '|', 'file']);
    assert.equal(typeof splitArgv('a && b'), 'string');
    assert.equal(typeof splitArgv('a > out'), 'string');
  });

  test('errors', () => {
    assert.equal(splitArgv('echo "x'), 'unclosed " at position 6');
    assert.equal(splitArgv('echo x\\'), 'a \\ at the end escapes nothing');
    assert.equal(splitArgv(''), 'the command is empty');
    assert.deepEqual(splitWords(`'a' b`), [{ value: 'a', bare: false }, { value: 'b', bare: true }]);
  });
});

describe('command checks', () => {
  test('exit code 0 passes; another fails with the output', async () => {
    const ok = await run(define(`${node} -e "process.exit(0)"`));
    assert.equal(ok.ok, true);
    assert.match(ok.detail, /^exit code 0 in /);
    const bad = await run(define(`${node} -e "console.error('db down'); process.exit(3)"`));
    assert.deepEqual([bad.ok, bad.detail], [false, "exit code 3, expected 0; output: 'db down'"]);
    const expected = await run(define(`${node} -e "process.exit(3)"`, { expectExitCode: 3 }));
    assert.equal(expected.ok, true);
  });

  test('output keyword; arguments reach the program literally', async () => {
    const def = define(`${node} -e "console.log(process.argv.slice(1).join('|'))" '$HOME' "a b" *`, { expectOutput: '$HOME|a b|*' });
    const result = await run(def);
    assert.equal(result.ok, true, result.detail);
    assert.match(result.detail, /output contains '\$HOME\|a b\|\*'$/);
    const missing = await run(define(`${node} -e "console.log('hello')"`, { expectOutput: 'ready' }));
    assert.deepEqual([missing.ok, missing.detail], [false, "exit code 0 but the output does not contain 'ready'; output: 'hello'"]);
  });

  test('output beyond 64 KiB is dropped, and the program is not blocked by it', async () => {
    const result = await run(define(`${node} -e "process.stdout.write('x'.repeat(300000)); process.stdout.write('END')"`, { expectOutput: 'END' }));
    assert.equal(result.ok, false);
    assert.match(result.detail, /\(output truncated at 64 KiB\)$/);
  });

  test('a program that does not exist fails with ENOENT', async () => {
    const result = await run(define('no-such-program-xyz --version'));
    assert.equal(result.ok, false);
    assert.match(result.detail, /^cannot run 'no-such-program-xyz': .*ENOENT/);
  });

  test('a sleep 10 cut by a 200 ms timeout: the whole process group is killed', async () => {
    const pidFile = join(dir, 'sleep.pid');
    let child: ChildProcess | undefined;
    const recording: Spawn = (command, args, options) => (child = spawn(command, args, options));
    // sh starts sleep as a child of its own, which only a process-group kill reaches.
    const def = define(`sh -c 'sleep 10 & echo $! > ${pidFile}; wait'`);
    const result = await commandProbe(def, { spawn: recording }).run(AbortSignal.timeout(200));
    assert.equal(result.ok, false);
    assert.match(result.detail, /^timed out; killed process group \d+$/);
    assert.ok(result.latencyMs < 10_000);
    assert.ok(child?.pid !== undefined && gone(child.pid), 'sh is gone');
    const sleepPid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(sleepPid > 0 && gone(sleepPid), 'sleep is gone');
  });

  test('an already aborted signal runs nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let spawned = false;
    const result = await commandProbe(define('true'), { spawn: () => ((spawned = true), undefined as never) }).run(controller.signal);
    assert.deepEqual([result.ok, result.detail, spawned], [false, 'aborted', false]);
  });
});
