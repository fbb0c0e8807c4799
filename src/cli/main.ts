/**
 * @module The CLI process entry, bundled to dist/cli/clickup-brain.cjs. The only place that sets
 * the process's exit status.
 *
 * CommonJS on purpose: Node starts a CommonJS file measurably faster than an ES module. The full
 * commander program is imported lazily, so the fast path (see fast-path.ts) never evaluates it.
 */
import { showHealth } from './actions/health.js';
import { CliContext, type CliDeps } from './context.js';
import { daemonEntryPath } from './daemon-entry.js';
import { parseFast } from './fast-path.js';
import { fdWriter } from './fd-writer.js';
import { reportError } from './report-error.js';
import type * as RunModule from './run.js';

type Program = typeof RunModule;

const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * A reader that goes away early (`clickup-brain monitoring --help | head -1`) is not a failure of
 * ours: the output stream's EPIPE ends the process quietly instead of as an unhandled error.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
  return stream;
}

// Touching process.stdin, stdout or stderr builds a stream (on a pipe: a net.Socket, loading
// node:net): each is created only when a command uses it.
const deps: CliDeps = {
  env: process.env,
  get stdout() {
    return quietOnClosedPipe(process.stdout);
  },
  get stderr() {
    return quietOnClosedPipe(process.stderr);
  },
  get stdin() {
    return process.stdin;
  },
  daemonEntry: daemonEntryPath(),
  now: () => Date.now(),
};

/** The fast path's deps: its output and errors go straight to the descriptors (see fd-writer.ts). */
const fastDeps: CliDeps = {
  env: deps.env,
  stdout: fdWriter(1, () => deps.stdout),
  stderr: fdWriter(2, () => deps.stderr),
  get stdin() {
    return process.stdin;
  },
  daemonEntry: deps.daemonEntry,
  now: deps.now,
};

/**
 * The full program. In the CommonJS bundle it is `require`d: a dynamic `import()` of a CommonJS
 * file goes through the ES module loader, which first scans the whole file for its export names
 * (cjs-module-lexer, ~18 ms for the program here) before running it.
 */
function loadProgram(): Promise<Program> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: require on purpose
  if (typeof require === 'function') return Promise.resolve(require('./run.js') as Program);
  return import('./run.js');
}

async function main(argv: string[]): Promise<number> {
  // Shell completion runs on every Tab press: it answers without the commander program (the
  // module is reached only through this import, so other commands never evaluate it).
  if (argv.includes('__complete')) {
    const { parseCompleteCall, runComplete } = await import('./completion/complete.js');
    const call = parseCompleteCall(argv);
    if (call !== null)
      return runComplete(call, {
        env: deps.env,
        write: (text) => void fastDeps.stdout.write(text),
      });
  }
  const fast = parseFast(argv);
  if (fast === null) {
    return (await loadProgram()).runCli(argv, deps);
  }
  try {
    return await showHealth(await CliContext.fromOptions(fast.options, fastDeps));
  } catch (error) {
    return reportError(error, fast.options.json === true, fastDeps.stderr);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`clickup-brain: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
