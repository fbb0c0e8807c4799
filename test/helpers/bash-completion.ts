/**
 * @module Test helper: what a generated bash completion script offers, asked the way bash's
 * programmable completion asks — COMP_WORDS and COMP_CWORD set, the completion function called —
 * and COMPREPLY read back.
 */
import { execFileSync } from 'node:child_process';

/**
 * COMPREPLY of the function `fn` of the bash script at `script` for the command line `words` (the
 * program's name first, the word being completed last; `''` for a new word).
 */
export function bashCompletions(
  script: string,
  fn: string,
  words: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const out = execFileSync(
    'bash',
    [
      '-c',
      `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); ${fn}; printf "%s\\n" "\${COMPREPLY[@]}"`,
      'bash',
      script,
      ...words,
    ],
    { encoding: 'utf8', env },
  );
  return out.split('\n').filter((line) => line !== '');
}
