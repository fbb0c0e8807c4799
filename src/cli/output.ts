/**
 * @module How the CLI prints: tables and colour for people on a terminal, plain text when piped,
 * JSON with --json, nothing but errors with --quiet. Data goes to stdout, notices to stderr.
 */
import type { Writable } from 'node:stream';

/** The styles the CLI uses; chalk provides them when colour is on. */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const same = (text: string): string => text;
/** No colour: every style returns its text unchanged. */
export const plainColors: Colors = { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  /** false for --no-color; undefined to follow the terminal, NO_COLOR and FORCE_COLOR. */
  color: boolean | undefined;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

function colourLevel(options: OutputOptions): 0 | 1 | 2 | 3 {
  const { env } = options;
  // JSON is never coloured (and asking whether stdout is a terminal has a start-up cost).
  if (options.color === false || options.json) return 0;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '' && env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false') return 1;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return 0;
  if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return 0;
  return options.stdout.isTTY === true && env['TERM'] !== 'dumb' ? 1 : 0;
}

export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  color: Colors = plainColors;
  private readonly level: 0 | 1 | 2 | 3;

  constructor(private readonly options: OutputOptions) {
    this.json = options.json;
    this.quiet = options.quiet;
    this.level = colourLevel(options);
  }

  /** Loads chalk only when colour is on: its terminal detection costs start-up time otherwise. */
  async loadColors(): Promise<void> {
    if (this.level === 0 || this.json) return;
    const { Chalk } = await import('chalk');
    this.color = new Chalk({ level: this.level });
  }

  /** Prints data: `value` as JSON with --json, else `human()` (skipped with --quiet). */
  data(value: unknown, human: () => string): void {
    if (this.json) this.options.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else if (!this.quiet) this.options.stdout.write(`${human()}\n`);
  }

  /** A confirmation for people; silent with --quiet, and with --json (the data says it). */
  done(message: string): void {
    if (!this.quiet && !this.json) this.options.stdout.write(`${message}\n`);
  }

  /** A notice that must never mix with data on stdout. */
  notice(message: string): void {
    if (!this.quiet) this.options.stderr.write(`clickup-brain: ${message}\n`);
  }

  /** Raw text (log lines). */
  raw(text: string): void {
    this.options.stdout.write(text);
  }
}
