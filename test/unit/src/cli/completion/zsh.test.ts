import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { completionSpec } from '../../../../../src/cli/completion/spec.js';
import { zshScript } from '../../../../../src/cli/completion/zsh.js';
import { ECHO_ARGS, scriptFixture, skipWithout } from './script-fixture.js';
import { smallHints, smallProgram } from './small-program.js';

const SKIP = skipWithout('zsh');
const text = zshScript(completionSpec(smallProgram(), smallHints()));
const { script, fake } = scriptFixture('_tool', text, () => ECHO_ARGS);

/**
 * What the script offers for the last of `words`, with the completion system's functions
 * replaced by ones that print what they are given (compadd's words, _describe's words).
 */
function complete(...words: string[]): string[] {
  const harness = `
compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@" }
_describe() { local -a items; items=("\${(@P)\${@[-1]}}"); print -rl -- "\${items[@]%%:*}" }
_files() { print -r -- '(files)' }
compdef() { print -r -- "compdef $*" }
source "$1"; shift
words=("$@"); CURRENT=$#words; PREFIX=$words[CURRENT]
_tool`;
  const out = execFileSync('zsh', ['-f', '-c', harness, 'zsh', script, fake, ...words], {
    encoding: 'utf8',
  });
  return out.split('\n').filter((line) => line !== '' && !line.startsWith('compdef'));
}

describe('zshScript', () => {
  it('starts with #compdef and registers itself when sourced', () => {
    assert.match(text, /^#compdef tool\n/);
    assert.match(text, /\n {2}compdef _tool tool\nfi\n$/);
  });

  it('describes commands and flags with the first line of their description', () => {
    assert.match(text, /'mon:monitoring things'/);
    assert.match(text, /'--comment:why \(it'\\''s free\)'/);
  });

  it('is valid zsh', { skip: SKIP }, () => {
    execFileSync('zsh', ['-n', script]);
  });

  it('completes commands, flags, choices and files', { skip: SKIP }, () => {
    assert.deepEqual(complete(''), ['mon', 'daemon', 'conf', 'help']);
    assert.deepEqual(complete('daemon', 'logs', '-n', '5', '-'), [
      '--lines',
      '--follow',
      '--help',
      '--json',
      '--socket',
    ]);
    assert.deepEqual(complete('mon', '--severity', ''), ['info', 'warning']);
    assert.deepEqual(complete('mon', '--add-check', 'x', '--type', ''), ['http', 'tcp']);
    assert.deepEqual(complete('conf', 'get', ''), ['a.one', 'a.two', 'b.three']);
    assert.deepEqual(complete('--socket', ''), ['(files)']);
  });

  it(
    'asks the program for dynamic names with the kind, prefix and --socket',
    { skip: SKIP },
    () => {
      assert.deepEqual(complete('--socket', '/s.sock', 'mon', '--remove-rule', 'Hi'), [
        '--socket /s.sock __complete rule Hi',
      ]);
    },
  );
});
