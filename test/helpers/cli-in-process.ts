/**
 * Test helper: runs the CLI in-process (runCli) with captured streams, for cases that never reach
 * the daemon (usage errors, local commands). The daemon entry is a path that does not exist, so a
 * case that would start the daemon fails loudly instead of starting one.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliDeps } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessCli {
  /** The CLICKUP_BRAIN_HOME the runs use. */
  home: string;
  /** Runs `prefix` + `argv`. */
  run(...argv: string[]): Promise<CliResult>;
  /** Asserts exit 2, nothing on stdout, and `message` on stderr (ours, or commander's `error: ...`). */
  usage(argv: string[], message: string): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * CLI dependencies that reach nothing: streams nobody reads, a daemon entry that does not exist,
 * time 0. `tty` makes stdout a terminal (isTTY), for what the CLI does only for a person.
 */
export function offlineDeps(env: NodeJS.ProcessEnv = {}, tty = false): CliDeps {
  const stdout = Object.assign(new PassThrough(), tty ? { isTTY: true } : {});
  return {
    env,
    stdout,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    daemonEntry: '/nonexistent',
    now: () => 0,
  };
}

/** A fresh home and a runner that puts `prefix` (e.g. `monitoring`) before each argv. */
export async function inProcessCli(prefix: string[] = []): Promise<InProcessCli> {
  const home = await mkdtemp(join(tmpdir(), 'cbi-'));
  const run = async (...argv: string[]): Promise<CliResult> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await runCli([...prefix, ...argv], {
      env: { CLICKUP_BRAIN_HOME: home, NO_COLOR: '1' },
      stdout,
      stderr,
      stdin: new PassThrough(),
      daemonEntry: '/nonexistent',
      now: () => Date.UTC(2026, 0, 1),
    });
    await new Promise((resolve) => setImmediate(resolve));
    return { code, stdout: out, stderr: err };
  };
  return {
    home,
    run,
    usage: async (argv, message) => {
      const expected = message.startsWith('error: ') ? `${message}\n` : `clickup-brain: ${message}\n`;
      assert.deepEqual(await run(...argv), { code: 2, stdout: '', stderr: expected }, argv.join(' '));
    },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}
