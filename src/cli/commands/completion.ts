/**
 * @module `clickup-brain completion <bash|zsh|fish>` prints a shell's completion script, and the
 * hidden `__complete <kind> [prefix]` that the scripts call for names the daemon knows.
 *
 * The scripts are the files in the package's completions/ folder, generated from this program's
 * command tree by `npm run completions` (a unit test fails when they are stale), so what is
 * printed is exactly what is committed and packed.
 */
import { Argument, Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../protocol/errors.js';
import { COMPLETE_COMMAND, runComplete } from '../completion/complete.js';
import type { CliDeps, GlobalOptions } from '../context.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Each shell's script in completions/, named as each shell looks it up. */
export const SCRIPT_FILES: Readonly<Record<Shell, string>> = {
  bash: 'clickup-brain.bash',
  zsh: '_clickup-brain',
  fish: 'clickup-brain.fish',
};

const HELP = `
Completes subcommands, flags and fixed values, and names the running daemon knows (rules, checks,
users, channels, routes, silences, metrics...). Those names are asked of the daemon with a short
timeout; when it is not running nothing is offered, and completing never starts it.

Examples:
  bash (with the bash-completion package; or put the second line in ~/.bashrc):
  $ mkdir -p ~/.local/share/bash-completion/completions
  $ clickup-brain completion bash > ~/.local/share/bash-completion/completions/clickup-brain
  $ echo 'source <(clickup-brain completion bash)' >> ~/.bashrc

  zsh (a folder on $fpath, before compinit runs in ~/.zshrc):
  $ mkdir -p ~/.zfunc && clickup-brain completion zsh > ~/.zfunc/_clickup-brain
  $ echo 'fpath=(~/.zfunc $fpath); autoload -Uz compinit && compinit' >> ~/.zshrc

  fish:
  $ clickup-brain completion fish > ~/.config/fish/completions/clickup-brain.fish`;

/** completions/ of the package: the CLI bundle is dist/cli/program.cjs, two folders below. */
function packagedDir(): string | null {
  return typeof __dirname === 'string' ? join(__dirname, '..', '..', 'completions') : null;
}

export interface CompletionCommandOptions {
  /** The folder holding the scripts (default: the package's completions/). */
  dir?: string;
}

/** `completion <shell>`. */
export function makeCompletionCommand(
  deps: CliDeps,
  options: CompletionCommandOptions = {},
): Command {
  if (options.dir !== undefined && typeof options.dir !== 'string')
    throw new TypeError('"dir" option must be a string');
  return new Command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText('after', HELP)
    .action(async (shell: Shell) => {
      const dir = options.dir ?? packagedDir();
      const file = SCRIPT_FILES[shell];
      let text: string;
      try {
        if (dir === null) throw new Error('no package folder');
        text = await readFile(join(dir, file), 'utf8');
      } catch {
        throw new AppError(
          'NOT_FOUND',
          `the ${shell} completion script (completions/${file}) is missing from this installation`,
        );
      }
      deps.stdout.write(text);
    });
}

/**
 * The hidden `__complete <kind> [prefix]`. The entry normally answers it before loading the
 * program (see completion/complete.ts); this command is the same answer through commander.
 */
export function makeCompleteCommand(deps: CliDeps): Command {
  return new Command(COMPLETE_COMMAND)
    .description(
      'names of a kind known to the running daemon, one per line (for the shell scripts)',
    )
    .argument('<kind>')
    .argument('[prefix]', '', '')
    .allowUnknownOption()
    .action(async (kind: string, prefix: string, _: unknown, command: Command) => {
      const { socket } = command.optsWithGlobals<GlobalOptions>();
      await runComplete(
        { kind, prefix, ...(socket === undefined ? {} : { socket }) },
        { env: deps.env, write: (text) => deps.stdout.write(text) },
      );
    });
}
