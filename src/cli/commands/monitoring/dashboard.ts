/**
 * @module `monitoring --dashboard` (and the loader the security live views share): the full-screen
 * live view. Ink, React and the views are a separate bundle (dist/cli/ui.mjs) imported here at run
 * time, so every other command starts without them.
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { InvalidInputError } from '../../../protocol/errors.js';
import type * as UiModule from '../../../ui/entry.js';
import type { CliContext } from '../../context.js';
import { plainColors } from '../../output.js';

export type Ui = typeof UiModule;

export const NEEDS_TERMINAL =
  'the dashboard needs a terminal; use --json with --health, --alerts or --metrics for scripts';

export function addDashboardOptions(command: Command): Command {
  return command.option(
    '--dashboard',
    'the live full-screen dashboard: health, checks, alerts and metrics, driven from the keyboard (? for the keys)',
  );
}

/**
 * Loads the views' bundle. The path is computed so that esbuild leaves the import alone (the CLI
 * bundles must not contain Ink or React); it sits beside the CLI bundle, as the daemon does.
 */
export function loadUi(ctx: CliContext): Promise<Ui> {
  const file = join(dirname(ctx.deps.daemonEntry), '..', 'cli', 'ui.mjs');
  return import(pathToFileURL(file).href) as Promise<Ui>;
}

/** The streams of a live view; only a terminal on stdout will do. */
export function terminalIo(ctx: CliContext, refusal: string): UiModule.InkIo {
  if (ctx.deps.stdout.isTTY !== true || ctx.out.json) throw new InvalidInputError(refusal);
  return {
    stdout: ctx.deps.stdout as NodeJS.WriteStream,
    stdin: ctx.deps.stdin as NodeJS.ReadStream,
    stderr: ctx.deps.stderr as NodeJS.WriteStream,
  };
}

/** True when the CLI would colour its output (--no-color, NO_COLOR, FORCE_COLOR, TERM=dumb). */
export function wantsColor(ctx: CliContext): boolean {
  return ctx.out.color !== plainColors;
}

export async function runDashboard(ctx: CliContext): Promise<void> {
  const io = terminalIo(ctx, NEEDS_TERMINAL);
  // The first connection may start the daemon; reconnections after a close must not (the daemon
  // may be restarting, and a second one must not race it).
  const session = await ctx.connect();
  const ui = await loadUi(ctx);
  const { openSession } = await import('../../../client/session.js');
  await ui.runDashboard({
    io,
    color: wantsColor(ctx),
    socketPath: ctx.paths.socketPath,
    now: ctx.deps.now,
    open: async (attempt) => {
      if (attempt === 0) return session.client;
      const next = await openSession({
        paths: ctx.paths,
        autoStart: false,
        daemonEntry: ctx.deps.daemonEntry,
        env: ctx.deps.env,
        clientName: 'cli-dashboard',
      });
      return next.client;
    },
  });
}
