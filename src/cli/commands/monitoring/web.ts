/**
 * @module `monitoring --web`: the web dashboard's URL, from the daemon (which knows the real port
 * and whether it could listen), and a browser opened on it when there is one to open.
 *
 * A browser is opened only for a person: stdout is a terminal, --json and --no-open are not given,
 * and a graphical session is there (DISPLAY or WAYLAND_DISPLAY); `xdg-open` does the opening.
 */
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import type { MonitoringOptions } from './modes.js';

export function addWebOptions(command: Command): Command {
  return command
    .option('--web', 'print the web dashboard URL, and open it in a browser when one is available')
    .option('--no-open', 'with --web: print the URL only, never open a browser');
}

/** Whether to open a browser for this call. */
export function shouldOpenBrowser(ctx: CliContext, options: MonitoringOptions): boolean {
  const env = ctx.deps.env;
  return (
    options.open !== false &&
    !ctx.out.json &&
    ctx.deps.stdout.isTTY === true &&
    Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY'])
  );
}

/** Prints the URL (exit 0), or why there is none (exit 1). */
export async function runWeb(ctx: CliContext, options: MonitoringOptions): Promise<number> {
  const client = await ctx.client();
  const status = await client.request('daemon.status', {});
  const web = status.web;
  if (web?.state !== 'listening' || web.url === null) {
    const reason =
      web === undefined
        ? 'this daemon has no web dashboard (restart it after upgrading)'
        : web.state === 'off'
          ? "the web dashboard is off: run 'clickup-brain config set http.enabled on'"
          : `the web dashboard is not running: ${web.reason ?? 'unknown reason'} (see 'clickup-brain daemon logs')`;
    ctx.out.data({ url: null, enabled: false, state: web?.state ?? 'off', reason }, () => reason);
    return 1;
  }
  const url = web.url;
  ctx.out.data({ url, enabled: true }, () => url);
  if (shouldOpenBrowser(ctx, options)) {
    const child = spawn('xdg-open', [url], { detached: true, stdio: 'ignore', env: ctx.deps.env });
    // No xdg-open: the URL is printed, which is what the user needs anyway.
    child.on('error', () => undefined);
    child.unref();
  }
  return 0;
}
