/**
 * @module The command check: run a program (never through a shell) and judge its exit code and output.
 *
 * The program gets a process group of its own, so that a timeout kills everything it started
 * (`sh -c 'curl … | grep …'` included), not just the first process.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { splitArgv } from './argv.js';
import type { CommandCheckDefinition } from './definition.js';
import { abortDetail, errorText, monotonic, ms, quote, since, type Probe, type ProbeResult, type Timer } from './probe.js';

/** At most this much of stdout and stderr together is kept; the rest is read and dropped. */
export const OUTPUT_LIMIT_BYTES = 64 * 1024;

/** Starts a process (injectable for tests). */
export type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface CommandProbeDeps {
  spawn?: Spawn;
  /** Sends a signal; a negative pid means a process group (default process.kill). */
  kill?: (pid: number, signal: NodeJS.Signals) => void;
  timer?: Timer;
}

/** Builds the command check for `def`. */
export function commandProbe(def: CommandCheckDefinition, deps: CommandProbeDeps = {}): Probe {
  const argv = splitArgv(def.target);
  if (typeof argv === 'string') throw new InvalidInputError(`check '${def.name}': target is invalid: ${argv}`, 'target');
  const [program, ...args] = argv as [string, ...string[]];
  const spawn = deps.spawn ?? (nodeSpawn as Spawn);
  const kill = deps.kill ?? ((pid: number, sig: NodeJS.Signals) => void process.kill(pid, sig));
  const timer = deps.timer ?? monotonic;

  return {
    run(signal: AbortSignal): Promise<ProbeResult> {
      const started = timer();
      return new Promise((resolve) => {
        if (signal.aborted) {
          resolve({ ok: false, detail: abortDetail(signal), latencyMs: 0 });
          return;
        }
        const chunks: Buffer[] = [];
        let kept = 0;
        let dropped = false;
        let done = false;
        const child = spawn(program, args, { detached: true, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
        const killGroup = (): void => {
          if (child.pid === undefined) return;
          try {
            kill(-child.pid, 'SIGKILL');
          } catch {
            // ESRCH: the whole group is already gone.
          }
        };
        const finish = (ok: boolean, detail: string): void => {
          if (done) return;
          done = true;
          signal.removeEventListener('abort', onAbort);
          resolve({ ok, detail, latencyMs: since(timer, started) });
        };
        const onAbort = (): void => killGroup();
        signal.addEventListener('abort', onAbort, { once: true });
        const collect = (chunk: Buffer): void => {
          // Keep reading past the limit: a child blocked on a full pipe would never exit.
          if (kept >= OUTPUT_LIMIT_BYTES) {
            dropped = true;
            return;
          }
          const part = chunk.subarray(0, OUTPUT_LIMIT_BYTES - kept);
          chunks.push(part);
          kept += part.length;
          if (part.length < chunk.length) dropped = true;
        };
        child.stdout?.on('data', collect);
        child.stderr?.on('data', collect);
        child.once('error', (error) => {
          killGroup();
          finish(false, `cannot run '${program}': ${errorText(error)}`);
        });
        // Anything the program left behind would hold the pipes open and stall 'close'; a check
        // must not leave processes running anyway.
        child.once('exit', killGroup);
        child.once('close', (code: number | null, sig: NodeJS.Signals | null) => {
          if (signal.aborted) return finish(false, `${abortDetail(signal)}; killed process group ${child.pid}`);
          const output = Buffer.concat(chunks).toString('utf8');
          const shown = `'${quote(output)}'${dropped ? ' (output truncated at 64 KiB)' : ''}`;
          const took = ms(since(timer, started));
          if (code === null) return finish(false, `killed by ${sig ?? 'a signal'} after ${took}; output: ${shown}`);
          if (code !== def.expectExitCode) {
            return finish(false, `exit code ${code}, expected ${def.expectExitCode}; output: ${shown}`);
          }
          if (def.expectOutput !== undefined && !output.includes(def.expectOutput)) {
            return finish(false, `exit code ${code} but the output does not contain '${quote(def.expectOutput, 40)}'; output: ${shown}`);
          }
          const matched = def.expectOutput === undefined ? '' : `, output contains '${quote(def.expectOutput, 40)}'`;
          return finish(true, `exit code ${code} in ${took}${matched}`);
        });
      });
    },
  };
}
