/**
 * @module What every command action gets: the global options turned into an Output, the paths,
 * and a lazily opened daemon session.
 */
import type { Command } from 'commander';
import type { Readable, Writable } from 'node:stream';
import type { DaemonClient } from '../client/client.js';
import type { MethodName, ParamsOf, ResultOf } from '../protocol/methods.js';
import type { Session } from '../client/session.js';
import { AppError } from '../protocol/errors.js';
import { resolvePaths, socketPathProblem, type Paths } from '../protocol/paths.js';
import { Output } from './output.js';

/** The outside world, passed in so tests can run the CLI in-process. */
export interface CliDeps {
  env: NodeJS.ProcessEnv;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
  stdin: Readable;
  /** Absolute path of the daemon's main.js. */
  daemonEntry: string;
  /** The current time (ms), for "3m ago". */
  now: () => number;
}

export interface GlobalOptions {
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
  socket?: string;
}

export class CliContext {
  readonly out: Output;
  readonly paths: Paths;
  private session: Session | null = null;

  constructor(
    readonly deps: CliDeps,
    readonly options: GlobalOptions,
  ) {
    this.out = new Output({
      json: options.json === true,
      quiet: options.quiet === true,
      color: options.color,
      stdout: deps.stdout,
      stderr: deps.stderr,
      env: deps.env,
    });
    this.paths = resolvePaths(deps.env, options.socket);
  }

  /** Builds the context from any command's merged options. */
  static create(command: Command, deps: CliDeps): Promise<CliContext> {
    return CliContext.fromOptions(command.optsWithGlobals<GlobalOptions>(), deps);
  }

  /** Builds the context from global options parsed elsewhere (the fast path). */
  static async fromOptions(options: GlobalOptions, deps: CliDeps): Promise<CliContext> {
    const ctx = new CliContext(deps, options);
    await ctx.out.loadColors();
    return ctx;
  }

  /**
   * Opens the session (starting the daemon unless `autoStart` is false; accepting a daemon of
   * another version when `allowMismatch`).
   */
  async connect(autoStart = true, allowMismatch = false, prefetch?: { method: MethodName; params: unknown }): Promise<Session> {
    if (this.session !== null) return this.session;
    const problem = socketPathProblem(this.paths.socketPath);
    if (problem !== null) throw new AppError('INVALID_INPUT', problem);
    // Loaded here, not at start: the socket client brings node:net and its streams (a few ms),
    // which a health check answered from the snapshot never needs.
    const { openSession } = await import('../client/session.js');
    this.session = await openSession({
      paths: this.paths,
      autoStart,
      daemonEntry: this.deps.daemonEntry,
      env: this.deps.env,
      clientName: 'cli',
      allowMismatch,
      ...(prefetch === undefined ? {} : { prefetch }),
      notice: (message) => this.deps.stderr.write(`clickup-brain: ${message}\n`),
    });
    return this.session;
  }

  /**
   * Connects and sends one read-only request in the same write as the hello; the first call of a
   * command that needs a single answer saves a round trip this way.
   */
  async requestFirst<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    if (this.session !== null) return this.session.client.request(method, params);
    const session = await this.connect(true, false, { method, params });
    return (session.prefetched as Promise<ResultOf<M>> | undefined) ?? session.client.request(method, params);
  }

  /** The connected client. */
  async client(): Promise<DaemonClient> {
    return (await this.connect()).client;
  }

  /** Closes the connection, if one was opened. */
  close(): void {
    this.session?.client.close();
    this.session = null;
  }
}

/** Runs `fn` with a context for `command`, closing the connection afterwards. */
export async function withContext(command: Command, deps: CliDeps, fn: (ctx: CliContext) => Promise<void>): Promise<void> {
  const ctx = await CliContext.create(command, deps);
  try {
    await fn(ctx);
  } finally {
    ctx.close();
  }
}
