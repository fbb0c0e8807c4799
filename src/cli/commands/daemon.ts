/**
 * @module `clickup-brain daemon`: start, stop, restart, status, logs, run.
 */
import { spawn } from 'node:child_process';
import { Command } from 'commander';
import { ConnectionError, type DaemonClient } from '../../client/client.js';
import { isListening, spawnDaemon, stopDaemon } from '../../client/daemon-process.js';
import { formatDuration } from '../../protocol/duration.js';
import { AppError } from '../../protocol/errors.js';
import type { DaemonStatus } from '../../protocol/schemas.js';
import { CliContext, withContext, type CliDeps } from '../context.js';
import { follow, formatLine, lastLines } from '../log-reader.js';
import { positiveInteger } from '../parsers.js';
import { renderPairs } from '../table.js';

function renderStatus(s: DaemonStatus): string {
  return renderPairs([
    ['state', 'running'],
    ['pid', String(s.pid)],
    ['version', `${s.version} (protocol ${s.protocol})`],
    ['uptime', `${formatDuration(s.uptimeSeconds * 1000)} (since ${s.startedAt})`],
    ['socket', s.socketPath],
    ['store', s.storePath],
    ['audit log', s.eventsPath],
    ['config', s.configPath],
    ['log', s.logPath],
    ['secrets', `${s.secretBackend}: ${s.secretBackendDetail}`],
    ['clients', `${s.clients} connected, ${s.subscribers} subscribed`],
    ...(s.web === undefined ? [] : [['web', webLine(s.web)] as [string, string]]),
  ]);
}

/** The dashboard's URL, `off`, or `failed: <reason>`. */
function webLine(web: NonNullable<DaemonStatus['web']>): string {
  if (web.state === 'listening') return web.url ?? 'listening';
  return web.state === 'off' ? 'off (http.enabled is off)' : `failed: ${web.reason ?? 'unknown reason'}`;
}

/** Connects without starting; null when nothing is running. */
async function connectIfRunning(ctx: CliContext): Promise<Awaited<ReturnType<CliContext['connect']>> | null> {
  try {
    return await ctx.connect(false, true);
  } catch (error) {
    if (error instanceof ConnectionError && (error.errno === 'ENOENT' || error.errno === 'ECONNREFUSED')) return null;
    throw error;
  }
}

async function stopOrFail(client: DaemonClient, pid: number): Promise<void> {
  if (!(await stopDaemon(client, pid))) throw new AppError('INTERNAL', `the daemon (pid ${pid}) did not stop within 15 s`);
}

async function startIfStopped(ctx: CliContext, moveCorruptStore: boolean): Promise<{ pid: number; started: boolean }> {
  if (moveCorruptStore && !(await isListening(ctx.paths.socketPath))) {
    await spawnDaemon({ paths: ctx.paths, daemonEntry: ctx.deps.daemonEntry, env: ctx.deps.env, args: ['--move-corrupt-store'] });
  }
  const session = await ctx.connect(true);
  return { pid: session.daemonPid, started: session.started || moveCorruptStore };
}

/** A subcommand's examples, as `--help` shows them after the options. */
const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;

export function makeDaemonCommand(deps: CliDeps, setExitCode: (code: number) => void): Command {
  const daemon = new Command('daemon').description('manage the background daemon (one per user, or per CLICKUP_BRAIN_HOME)');
  const withCtx = (command: Command, fn: (ctx: CliContext) => Promise<void>): Promise<void> => withContext(command, deps, fn);

  daemon
    .command('start')
    .description('start the daemon in the background (other commands do this by themselves)')
    .option('--move-corrupt-store', 'if store.json cannot be used, move it aside (store.json.corrupt-<time>) and start empty')
    .addHelpText(
      'after',
      examples('clickup-brain daemon start', 'clickup-brain daemon start --json', 'clickup-brain daemon start --move-corrupt-store   # store.json cannot be read: keep it aside, start empty') +
        '\n\nMany commands at once start one daemon; the others wait for it: up to 15 s, or up to 60 s while\n' +
        'a daemon is seen starting (a busy machine can need longer than 15 s).\n',
    )
    .action((options: { moveCorruptStore?: boolean }, command: Command) =>
      withCtx(command, async (ctx) => {
        const { pid, started } = await startIfStopped(ctx, options.moveCorruptStore === true);
        ctx.out.data({ running: true, pid, started }, () => (started ? `daemon started (pid ${pid})` : `daemon already running (pid ${pid})`));
      }),
    );

  daemon
    .command('stop')
    .description('stop the daemon gracefully (in-flight requests finish, writes are flushed)')
    .addHelpText('after', examples('clickup-brain daemon stop', 'clickup-brain daemon stop --json'))
    .action((_: unknown, command: Command) =>
      withCtx(command, async (ctx) => {
        const session = await connectIfRunning(ctx);
        if (session === null) {
          ctx.out.data({ running: false, stopped: false }, () => 'daemon is not running');
          return;
        }
        await stopOrFail(session.client, session.daemonPid);
        ctx.out.data({ running: false, stopped: true, pid: session.daemonPid }, () => `daemon stopped (pid ${session.daemonPid})`);
      }),
    );

  daemon
    .command('restart')
    .description('stop the daemon if it runs, then start it')
    .addHelpText('after', examples('clickup-brain daemon restart', 'clickup-brain daemon restart --json'))
    .action((_: unknown, command: Command) =>
      withCtx(command, async (ctx) => {
        const session = await connectIfRunning(ctx);
        if (session !== null) {
          await stopOrFail(session.client, session.daemonPid);
          ctx.close();
        }
        const { pid } = await startIfStopped(ctx, false);
        ctx.out.data({ running: true, pid, restarted: session !== null }, () => `daemon ${session === null ? 'started' : 'restarted'} (pid ${pid})`);
      }),
    );

  daemon
    .command('status')
    .description('pid, version, uptime, paths, secret backend and clients (exit 3 when not running)')
    .addHelpText(
      'after',
      examples('clickup-brain daemon status', 'clickup-brain daemon status --json', 'clickup-brain daemon status --quiet || clickup-brain daemon start'),
    )
    .action((_: unknown, command: Command) =>
      withCtx(command, async (ctx) => {
        const session = await connectIfRunning(ctx);
        if (session === null) {
          ctx.out.data({ running: false, socketPath: ctx.paths.socketPath }, () => `daemon is not running (socket ${ctx.paths.socketPath})`);
          setExitCode(3);
          return;
        }
        const status = await session.client.request('daemon.status', {});
        ctx.out.data({ running: true, ...status }, () => renderStatus(status));
      }),
    );

  daemon
    .command('logs')
    .description('print the daemon log (works without the daemon)')
    .option('-n, --lines <count>', 'how many of the last lines', positiveInteger, 50)
    .option('-f, --follow', 'keep printing new lines until interrupted')
    .addHelpText('after', examples('clickup-brain daemon logs', 'clickup-brain daemon logs -n 200', 'clickup-brain daemon logs -f', 'clickup-brain daemon logs --json -n 20   # the raw JSON lines'))
    .action(async (options: { lines: number; follow?: boolean }, command: Command) => {
      const ctx = await CliContext.create(command, deps);
      const print = (line: string): void => ctx.out.raw(`${ctx.out.json ? line : formatLine(line)}\n`);
      for (const line of await lastLines(ctx.paths.logDir, options.lines)) print(line);
      if (options.follow === true) {
        const controller = new AbortController();
        const stop = (): void => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await follow(ctx.paths.logDir, print, controller.signal);
      }
    });

  daemon
    .command('run')
    .description('run the daemon in the foreground (for systemd and containers); stops on SIGTERM or SIGINT')
    .option('--move-corrupt-store', 'if store.json cannot be used, move it aside and start empty')
    .addHelpText(
      'after',
      examples(
        'clickup-brain daemon run   # a systemd unit: ExecStart=/usr/bin/env clickup-brain daemon run',
        'CLICKUP_BRAIN_HOME=/srv/clickup-brain clickup-brain daemon run',
      ),
    )
    .action(async (options: { moveCorruptStore?: boolean }, command: Command) => {
      const ctx = await CliContext.create(command, deps);
      await new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [deps.daemonEntry, ...(options.moveCorruptStore === true ? ['--move-corrupt-store'] : [])], {
            stdio: 'inherit',
            env: { ...deps.env, CLICKUP_BRAIN_SOCKET: ctx.paths.socketPath },
          });
          const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
          const onTerm = forward('SIGTERM');
          const onInt = forward('SIGINT');
          process.on('SIGTERM', onTerm);
          process.on('SIGINT', onInt);
          child.on('error', reject);
          child.on('exit', (code, signal) => {
            process.off('SIGTERM', onTerm);
            process.off('SIGINT', onInt);
            setExitCode(code ?? (signal === null ? 1 : 128 + 15));
            resolve();
          });
      });
    });

  daemon.addHelpText(
    'after',
    `
Examples:
  $ clickup-brain daemon status
  $ clickup-brain daemon logs -n 100
  $ clickup-brain daemon logs -f
  $ clickup-brain daemon restart
  $ clickup-brain daemon run          # in a systemd unit: ExecStart=clickup-brain daemon run`,
  );
  return daemon;
}
