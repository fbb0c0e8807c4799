/**
 * @module A parse without commander for the calls that monitors and scripts make in loops.
 *
 * `monitoring --health` with the global flags is answered without loading commander, so a
 * Nagios-style poll costs little more than starting Node. Anything else, or anything this parser
 * is not certain about (help, `--socket=x`, unknown flags, repeated commands), returns null and
 * goes through the full commander program, which then also produces the usage errors.
 */
import type { GlobalOptions } from './context.js';

export interface FastCall {
  action: 'health';
  options: GlobalOptions;
}

/** @returns the call, or null when the full program must parse `argv`. */
export function parseFast(argv: readonly string[]): FastCall | null {
  const options: GlobalOptions = {};
  let command: string | null = null;
  let health = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') options.json = true;
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--no-color') options.color = false;
    else if (arg === '--socket') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('-')) return null;
      options.socket = value;
    } else if (arg === 'monitoring' && command === null) command = arg;
    else if (arg === '--health' && command === 'monitoring') health = true;
    else return null;
  }
  return command === 'monitoring' && health ? { action: 'health', options } : null;
}
